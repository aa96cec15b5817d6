package io.ember.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VectorBuilderTest {
  private static List<Object> values(ColumnVector v) {
    Object[] out = new Object[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i);
    }
    return Arrays.asList(out);
  }

  @Test
  void growsPastItsInitialCapacityAndKeepsNulls() {
    VectorBuilder.Ints b = (VectorBuilder.Ints) VectorBuilder.forType(DataTypes.INTEGER, 1);
    for (int i = 0; i < 100; i++) {
      if (i % 10 == 0) {
        b.appendNull();
      } else {
        b.appendInt(i);
      }
    }
    IntVector v = (IntVector) b.build();
    assertEquals(100, v.size());
    assertEquals(10, v.nullCount());
    assertNull(v.get(50));
    assertEquals(51, v.get(51));
    assertEquals(0, v.getInt(50), "a null slot holds zero");
  }

  @Test
  void vectorWithoutNullsHasNoMask() {
    VectorBuilder b = VectorBuilder.forType(DataTypes.DOUBLE, 2);
    b.append(1.5);
    b.append(2);
    ColumnVector v = b.build();
    assertFalse(v.mayHaveNulls());
    assertEquals(List.of(1.5, 2.0), values(v));
  }

  @Test
  void stringsAreStoredAsUtf8AndCompareByBytes() {
    StringVector v = StringVector.of("b", null, "été", "", "a");
    assertEquals(Arrays.asList("b", null, "été", "", "a"), values(v));
    assertEquals(5, v.byteLength(2));
    assertEquals(0, v.byteLength(3));
    assertTrue(v.compareAt(4, v, 0) < 0);
    assertTrue(v.compareAt(2, v, 0) > 0, "non-ASCII sorts after ASCII, as code points");
    StringVector other = StringVector.of("a");
    assertTrue(v.equalsAt(4, other, 0));
    assertEquals(v.hashAt(4), other.hashAt(0));
  }

  @Test
  void datesTimestampsAndDecimalsConvertFromJavaObjects() {
    VectorBuilder dates = VectorBuilder.forType(DataTypes.DATE, 1);
    dates.append(LocalDate.of(1969, 12, 31));
    assertEquals(-1, ((IntVector) dates.build()).getInt(0));
    VectorBuilder ts = VectorBuilder.forType(DataTypes.TIMESTAMP, 1);
    ts.append(Instant.parse("1969-12-31T23:59:59.999999Z"));
    LongVector t = (LongVector) ts.build();
    assertEquals(-1L, t.getLong(0));
    assertEquals(Instant.parse("1969-12-31T23:59:59.999999Z"), t.get(0));
    VectorBuilder dec = VectorBuilder.forType(DataTypes.decimal(5, 2), 1);
    dec.append(new BigDecimal("1.005"));
    dec.append(3);
    assertEquals(List.of(new BigDecimal("1.01"), new BigDecimal("3.00")), values(dec.build()));
  }

  @Test
  void arraysAndStructsNest() {
    VectorBuilder arrays = VectorBuilder.forType(DataTypes.array(DataTypes.LONG), 2);
    arrays.append(List.of(1L, 2L));
    arrays.appendNull();
    arrays.append(Arrays.asList(3L, null));
    ArrayVector a = (ArrayVector) arrays.build();
    assertEquals(Arrays.asList(List.of(1L, 2L), null, Arrays.asList(3L, null)), values(a));
    assertEquals(2, a.length(2));
    StructType point = DataTypes.struct(DataTypes.field("x", DataTypes.INTEGER), DataTypes.field("y", DataTypes.STRING));
    VectorBuilder structs = VectorBuilder.forType(point, 2);
    structs.append(Row.of(1, "a"));
    structs.appendNull();
    ColumnVector s = structs.build();
    assertEquals(Row.of(1, "a"), s.get(0));
    assertNull(s.get(1));
  }

  @Test
  void appendFromAndAppendAllCopyRowsIncludingNulls() {
    StringVector src = StringVector.of("x", null, "z");
    VectorBuilder b = VectorBuilder.forType(DataTypes.STRING, 0);
    b.appendAll(src);
    b.appendFrom(src, 0);
    assertEquals(Arrays.asList("x", null, "z", "x"), values(b.build()));
  }

  @Test
  void takeWithMinusOneGivesNullRows() {
    ColumnVector v = StringVector.of("a", "b");
    ColumnVector taken = v.take(new int[] {1, -1, 0}, 3);
    assertEquals(Arrays.asList("b", null, "a"), values(taken));
    ArrayVector arrays = (ArrayVector) VectorBuilder.forType(DataTypes.array(DataTypes.INTEGER), 1).build();
    assertEquals(0, arrays.size());
    assertEquals(Arrays.asList("a"), values(v.slice(0, 1)));
  }

  @Test
  void doublesTreatNegativeZeroAndNaNAsSparkGroupsThem() {
    DoubleVector v = new DoubleVector(new double[] {-0.0, 0.0, Double.NaN, Double.NaN, Double.POSITIVE_INFINITY},
        null, 5);
    assertTrue(v.equalsAt(0, v, 1));
    assertEquals(v.hashAt(0), v.hashAt(1));
    assertTrue(v.equalsAt(2, v, 3));
    assertTrue(v.compareAt(2, v, 4) > 0);
  }

  @Test
  void nullTypeHoldsOnlyNulls() {
    VectorBuilder b = VectorBuilder.forType(DataTypes.NULL, 1);
    b.appendNull();
    assertTrue(b.build().isNull(0));
    assertThrows(IllegalArgumentException.class, () -> VectorBuilder.forType(DataTypes.NULL, 1).append(1));
  }

  @Test
  void booleansBuildFromPrimitives() {
    VectorBuilder.Booleans b = (VectorBuilder.Booleans) VectorBuilder.forType(DataTypes.BOOLEAN, 0);
    b.appendBoolean(true);
    b.appendNull();
    b.appendBoolean(false);
    BooleanVector v = (BooleanVector) b.build();
    assertArrayEquals(new boolean[] {false, true, false}, Arrays.copyOf(v.nullMask(), 3));
    assertEquals(Arrays.asList(true, null, false), values(v));
  }
}
