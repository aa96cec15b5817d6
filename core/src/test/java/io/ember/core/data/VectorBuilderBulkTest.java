package io.ember.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Builders sized ahead ({@link VectorBuilder#strings}, reserve) and bulk appends ({@link VectorBuilder#appendAll}). */
class VectorBuilderBulkTest {
  private static final List<DataType> TYPES = List.of(DataTypes.BOOLEAN, DataTypes.INTEGER, DataTypes.DATE,
      DataTypes.LONG, DataTypes.TIMESTAMP, DataTypes.DOUBLE, DataTypes.STRING, DataTypes.decimal(10, 2),
      DataTypes.array(DataTypes.STRING));

  private static List<Object> values(ColumnVector v) {
    Object[] out = new Object[v.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = v.get(i);
    }
    return Arrays.asList(out);
  }

  @Test
  void stringsSizedAheadHoldTheirBytesWithoutGrowingAndGrowPastTheHint() {
    VectorBuilder.Strings b = VectorBuilder.strings(2, 6);
    b.appendString("abc");
    b.appendString("déf"); // 4 bytes: past the hint of 6
    b.appendNull();
    b.appendString("");
    assertEquals(7, b.byteSize());
    StringVector v = (StringVector) b.build();
    assertEquals(Arrays.asList("abc", "déf", null, ""), values(v));
    assertEquals(4, v.byteLength(1));
  }

  @Test
  void stringsWithinTheirByteHintNeverGrow() {
    VectorBuilder.Strings b = VectorBuilder.strings(3, 30);
    for (int i = 0; i < 3; i++) {
      b.appendString("0123456789");
    }
    StringVector v = (StringVector) b.build();
    assertEquals(30, v.bytes().length, "appending the hinted bytes grew the array");
    assertEquals(List.of("0123456789", "0123456789", "0123456789"), values(v));
  }

  @Test
  void reserveMakesRoomForRowsAndBytes() {
    VectorBuilder.Strings b = VectorBuilder.strings(1, 1);
    b.reserve(100, 1000);
    for (int i = 0; i < 100; i++) {
      b.appendString("0123456789");
    }
    StringVector v = (StringVector) b.build();
    assertEquals(1000, v.bytes().length);
    assertEquals(101, v.offsets().length);
    assertEquals("0123456789", v.getString(99));

    VectorBuilder.Longs l = (VectorBuilder.Longs) VectorBuilder.forType(DataTypes.LONG, 1);
    l.reserve(50);
    for (int i = 0; i < 50; i++) {
      l.appendLong(i);
    }
    LongVector lv = (LongVector) l.build();
    assertEquals(50, lv.values().length);
    assertEquals(49L, lv.get(49));
  }

  @Test
  void bulkStringAppendRebasesOffsetsOfAVectorNotStartingAtZero() {
    byte[] bytes = "xxabcdefg".getBytes(StandardCharsets.UTF_8);
    StringVector src = new StringVector(bytes, new int[] {2, 5, 5, 9}, new boolean[] {false, true, false}, 3);
    VectorBuilder b = VectorBuilder.forType(DataTypes.STRING, 1);
    b.append("first");
    b.appendAll(src);
    b.append("last");
    ColumnVector v = b.build();
    assertEquals(Arrays.asList("first", "abc", null, "defg", "last"), values(v));
    assertTrue(v.isNull(2));
  }

  @Test
  void bulkAppendOfAnotherKindFallsBackToRows() {
    VectorBuilder b = VectorBuilder.forType(DataTypes.STRING, 0);
    b.append("a");
    b.appendAll(new NullVector(2));
    ColumnVector v = b.build();
    assertEquals(Arrays.asList("a", null, null), values(v));
  }

  @Test
  void concatSizesStringsByTheirBytes() {
    StructType schema = DataTypes.struct(DataTypes.field("s", DataTypes.STRING), DataTypes.field("n", DataTypes.LONG));
    Batch a = Batch.fromRows(schema, List.of(Row.of("ab", 1L), Row.of(null, 2L)));
    Batch b = Batch.fromRows(schema, List.of(Row.of("cdé", null)));
    Batch c = Batch.concat(schema, List.of(a, b));
    assertEquals(List.of(Row.of("ab", 1L), Row.of(null, 2L), Row.of("cdé", null)), c.toRows());
    StringVector s = (StringVector) c.column(0);
    assertEquals(6, s.offsets()[3]);
    assertNull(c.column(1).get(2));
  }

  static Stream<Long> seeds() {
    return Seeds.of("VectorBuilderBulkTest", 60);
  }

  /** appendAll gives what appending each row with appendFrom gives, for every kind, nulls, and any start. */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void appendAllEqualsAppendingEachRow(long seed) {
    Seeds.check(seed, random -> {
      DataType type = Gen.oneOf(random, TYPES.toArray(DataType[]::new));
      int nullPercent = Gen.betweenWithEdges(random, 0, 100);
      List<ColumnVector> parts = new ArrayList<>();
      for (int p = Gen.between(random, 1, 4); p > 0; p--) {
        ColumnVector v = vector(type, Gen.betweenWithEdges(random, 0, 70), nullPercent, random);
        if (random.nextBoolean() && v.size() > 2) {
          v = v.slice(1, v.size() - 2);
        }
        parts.add(v);
      }
      int hint = Gen.betweenWithEdges(random, 0, 40);
      VectorBuilder bulk = VectorBuilder.forType(type, hint);
      VectorBuilder rows = VectorBuilder.forType(type, hint);
      List<Object> expected = new ArrayList<>();
      for (ColumnVector v : parts) {
        bulk.appendAll(v);
        for (int i = 0; i < v.size(); i++) {
          rows.appendFrom(v, i);
        }
        expected.addAll(values(v));
      }
      ColumnVector a = bulk.build();
      ColumnVector b = rows.build();
      assertEquals(expected, values(a));
      assertEquals(values(b), values(a));
      for (int i = 0; i < a.size(); i++) {
        assertEquals(b.isNull(i), a.isNull(i));
        if (!a.isNull(i)) {
          assertTrue(a.equalsAt(i, b, i));
          assertEquals(b.hashAt(i), a.hashAt(i));
        }
      }
    });
  }

  private static ColumnVector vector(DataType type, int n, int nullPercent, Random random) {
    VectorBuilder b = VectorBuilder.forType(type, Gen.betweenWithEdges(random, 0, n));
    for (int i = 0; i < n; i++) {
      b.append(random.nextInt(100) < nullPercent ? null : value(type, random));
    }
    return b.build();
  }

  private static Object value(DataType type, Random random) {
    if (type.equals(DataTypes.BOOLEAN)) {
      return random.nextBoolean();
    } else if (type.equals(DataTypes.INTEGER)) {
      return Gen.anyInt(random);
    } else if (type.equals(DataTypes.DATE)) {
      return java.time.LocalDate.ofEpochDay(random.nextInt(40_000));
    } else if (type.equals(DataTypes.LONG)) {
      return Gen.anyLong(random);
    } else if (type.equals(DataTypes.TIMESTAMP)) {
      return java.time.Instant.ofEpochSecond(random.nextInt(2_000_000_000));
    } else if (type.equals(DataTypes.DOUBLE)) {
      return Gen.anyDouble(random);
    } else if (type.equals(DataTypes.STRING)) {
      return Gen.string(random, 12);
    } else if (type.equals(DataTypes.decimal(10, 2))) {
      return java.math.BigDecimal.valueOf(random.nextInt(1_000_000), 2);
    }
    return Gen.listOf(random, 4, () -> Gen.orNull(random, 0.2, Gen.string(random, 5)));
  }
}
