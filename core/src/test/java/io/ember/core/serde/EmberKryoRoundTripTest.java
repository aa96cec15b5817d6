package io.ember.core.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.Row;
import io.ember.core.data.StringVector;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmberKryoRoundTripTest {
  private static final StructType POINT =
      DataTypes.struct(DataTypes.field("x", DataTypes.INTEGER), DataTypes.field("label", DataTypes.STRING));

  private static final StructType ALL_TYPES = DataTypes.struct(
      DataTypes.field("b", DataTypes.BOOLEAN),
      DataTypes.field("i", DataTypes.INTEGER),
      DataTypes.field("l", DataTypes.LONG),
      DataTypes.field("d", DataTypes.DOUBLE),
      DataTypes.field("s", DataTypes.STRING),
      DataTypes.field("day", DataTypes.DATE),
      DataTypes.field("ts", DataTypes.TIMESTAMP),
      DataTypes.field("dec", DataTypes.decimal(20, 3)),
      DataTypes.field("arr", DataTypes.array(DataTypes.STRING)),
      DataTypes.field("nested", DataTypes.array(DataTypes.array(DataTypes.INTEGER))),
      DataTypes.field("pt", POINT),
      DataTypes.field("nothing", DataTypes.NULL, true));

  private static Row allTypesRow(int k) {
    return Row.of(k % 2 == 0, k, 10_000_000_000L + k, k + 0.5, "str-é-" + k, LocalDate.of(2024, 1, 1).plusDays(k),
        Instant.parse("2024-03-01T10:15:30.123456Z").plusSeconds(k), new BigDecimal("12345678901234567.891").add(BigDecimal.valueOf(k)),
        Arrays.asList("a" + k, null, ""), List.of(List.of(k), List.of()), Row.of(k, "p" + k), null);
  }

  private static Row allNullsRow() {
    return Row.of(null, null, null, null, null, null, null, null, null, null, null, null);
  }

  private static Batch roundTrip(Batch batch) {
    return EmberKryo.fromBytes(EmberKryo.toBytes(batch), Batch.class);
  }

  @Test
  void batchOfEveryTypeWithNullsRoundTrips() {
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < 50; k++) {
      rows.add(k % 7 == 3 ? allNullsRow() : allTypesRow(k));
    }
    Batch batch = Batch.fromRows(ALL_TYPES, rows);

    Batch back = roundTrip(batch);

    assertEquals(ALL_TYPES, back.schema());
    assertEquals(50, back.numRows());
    assertEquals(rows, back.toRows());
    assertNull(back.row(3).get(4));
    assertTrue(back.column(4).isNull(3));
    assertEquals(List.of("a0", "", ""), nonNullElements(back.row(0).getList(8)));
  }

  private static List<Object> nonNullElements(List<Object> list) {
    List<Object> out = new ArrayList<>();
    for (Object o : list) {
      out.add(o == null ? "" : o);
    }
    return out;
  }

  @Test
  void columnsWithoutNullsComeBackWithoutANullMask() {
    Batch batch = Batch.fromRows(ALL_TYPES, List.of(allTypesRow(1), allTypesRow(2)));
    Batch back = roundTrip(batch);
    assertEquals(false, back.column(1).mayHaveNulls());
    assertEquals(batch.toRows(), back.toRows());
  }

  @Test
  void emptyBatchRoundTrips() {
    Batch back = roundTrip(Batch.empty(ALL_TYPES));
    assertEquals(0, back.numRows());
    assertEquals(ALL_TYPES, back.schema());
  }

  @Test
  void batchWithoutColumnsRoundTrips() {
    StructType none = new StructType(List.of());
    Batch back = roundTrip(new Batch(none, new ColumnVector[0], 7));
    assertEquals(7, back.numRows());
    assertEquals(none, back.schema());
  }

  @Test
  void takenAndSlicedVectorsWriteOnlyTheirRows() {
    Batch batch = Batch.fromRows(ALL_TYPES, List.of(allTypesRow(1), allTypesRow(2), allTypesRow(3), allTypesRow(4)));
    Batch sliced = batch.take(new int[] {3, 1}, 2);
    assertEquals(List.of(allTypesRow(4), allTypesRow(2)), roundTrip(sliced).toRows());
  }

  @Test
  void stringVectorWithSpareCapacityAndOffsetStartRoundTrips() {
    byte[] bytes = "xxabcdefzz".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    StringVector v = new StringVector(bytes, new int[] {2, 4, 4, 8, 99}, new boolean[] {false, true, false, true}, 3);
    StructType schema = DataTypes.struct(DataTypes.field("s", DataTypes.STRING));
    Batch back = roundTrip(new Batch(schema, new ColumnVector[] {v}, 3));
    assertEquals(Arrays.asList("ab", null, "cdef"), Arrays.asList(back.column(0).get(0), back.column(0).get(1), back.column(0).get(2)));
  }

  @Test
  void decimalsKeepTheirScaleAndSign() {
    StructType schema = DataTypes.struct(DataTypes.field("d", DataTypes.decimal(38, 10)));
    List<Row> rows = List.of(Row.of(new BigDecimal("-99999999999999999999999999.1234567890")), Row.of((Object) null),
        Row.of(new BigDecimal("0.0000000001")));
    assertEquals(rows, roundTrip(Batch.fromRows(schema, rows)).toRows());
  }

  @Test
  void vectorsAndTypesRoundTripOnTheirOwn() {
    ColumnVector v = new IntVector(DataTypes.DATE, new int[] {1, 2, 3, 0}, new boolean[] {false, false, true, false}, 3);
    ColumnVector back = EmberKryo.fromBytes(EmberKryo.toBytes(v), ColumnVector.class);
    assertEquals(DataTypes.DATE, back.type());
    assertEquals(Arrays.asList(LocalDate.ofEpochDay(1), LocalDate.ofEpochDay(2), null),
        Arrays.asList(back.get(0), back.get(1), back.get(2)));
    for (DataType t : ALL_TYPES.fields().stream().map(f -> f.dataType()).toList()) {
      assertEquals(t, EmberKryo.fromBytes(EmberKryo.toBytes(t), DataType.class));
    }
    assertEquals(ALL_TYPES, EmberKryo.fromBytes(EmberKryo.toBytes(ALL_TYPES), StructType.class));
  }

  @Test
  void rowsWithAndWithoutSchemaRoundTrip() {
    Row withSchema = Batch.fromRows(ALL_TYPES, List.of(allTypesRow(5))).row(0);
    Row back = EmberKryo.fromBytes(EmberKryo.toBytes(withSchema), Row.class);
    assertEquals(withSchema, back);
    assertEquals(ALL_TYPES, back.schema());
    assertEquals((Integer) 5, back.<Integer>getAs("i"));
    Row plain = Row.of(1, "x", null, new ArrayList<>(List.of(1L, 2L)));
    Row plainBack = EmberKryo.fromBytes(EmberKryo.toBytes(plain), Row.class);
    assertEquals(plain, plainBack);
    assertNull(plainBack.schema());
  }

  @Test
  void unregisteredClassesAreRejected() {
    Kryo kryo = EmberKryo.newKryo();
    Output out = new Output(64, -1);
    assertThrows(IllegalArgumentException.class, () -> kryo.writeClassAndObject(out, new java.util.TreeSet<>()));
  }

  @Test
  void dataOfAnotherFormatVersionIsRejectedWithAClearError() {
    Output out = new Output(64, -1);
    out.writeInt(EmberKryo.MAGIC);
    out.writeVarInt(EmberKryo.FORMAT_VERSION + 1, true);
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> EmberKryo.fromBytes(out.toBytes(), Batch.class));
    assertEquals("INCOMPATIBLE_FORMAT", e.errorClass());
    assertTrue(e.getMessage().contains("format version " + (EmberKryo.FORMAT_VERSION + 1)), e.getMessage());
  }

  @Test
  void foreignBytesAreRejected() {
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class,
        () -> EmberKryo.fromBytes(new byte[] {1, 2, 3, 4, 5}, Batch.class));
    assertTrue(e.getMessage().contains("does not start with Ember's serialization header"), e.getMessage());
  }

  @Test
  void perThreadKryoWritesTheSameFormat() {
    Kryo kryo = EmberKryo.newKryo();
    Batch batch = Batch.fromRows(POINT, List.of(Row.of(1, "a"), Row.of(null, null)));
    Output out = new Output(64, -1);
    EmberKryo.writeHeader(out);
    kryo.writeClassAndObject(out, batch);
    Batch back = EmberKryo.fromBytes(out.toBytes(), Batch.class);
    assertEquals(batch.toRows(), back.toRows());
    Input in = new Input(EmberKryo.toBytes(batch));
    EmberKryo.readHeader(in);
    assertEquals(batch.toRows(), ((Batch) kryo.readClassAndObject(in)).toRows());
    assertThrows(KryoException.class, () -> kryo.readClassAndObject(new Input(new byte[] {127})));
  }
}
