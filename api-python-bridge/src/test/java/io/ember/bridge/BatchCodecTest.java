package io.ember.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.data.StringVector;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchCodecTest {
  private static final StructType POINT = DataTypes.struct(
      DataTypes.field("x", DataTypes.INTEGER), DataTypes.field("label", DataTypes.STRING));

  private static final StructType ALL_TYPES = DataTypes.struct(
      DataTypes.field("b", DataTypes.BOOLEAN),
      DataTypes.field("i", DataTypes.INTEGER),
      DataTypes.field("l", DataTypes.LONG),
      DataTypes.field("d", DataTypes.DOUBLE),
      DataTypes.field("s", DataTypes.STRING),
      DataTypes.field("dt", DataTypes.DATE),
      DataTypes.field("ts", DataTypes.TIMESTAMP),
      DataTypes.field("dec", DataTypes.decimal(10, 2)),
      DataTypes.field("n", DataTypes.NULL),
      DataTypes.field("arr", DataTypes.array(DataTypes.INTEGER)),
      DataTypes.field("nested", DataTypes.array(DataTypes.array(DataTypes.STRING))),
      DataTypes.field("point", POINT));

  private static Batch roundTrip(Batch batch) {
    return BatchCodec.decode(BatchCodec.encode(batch), batch.schema());
  }

  @Test
  void everyTypeWithNullsSurvivesARoundTrip() {
    List<Row> rows = List.of(
        Row.of(true, 1, 10L, 1.5, "héllo", LocalDate.of(2024, 2, 29), Instant.parse("2024-01-01T10:00:00.123456Z"),
            new BigDecimal("12.30"), null, Arrays.asList(1, null, 3), List.of(List.of("a"), List.of()),
            new Row(POINT, new Object[] {7, "p"})),
        Row.of(null, null, null, null, null, null, null, null, null, null, null, null),
        Row.of(false, -5, Long.MIN_VALUE, Double.NaN, "", LocalDate.of(1969, 12, 31),
            Instant.parse("1969-12-31T23:59:59.999999Z"), new BigDecimal("-0.01"), null, List.of(),
            Arrays.asList(null, List.of("x", "yz")), new Row(POINT, new Object[] {null, null})));
    Batch batch = Batch.fromRows(ALL_TYPES, rows);

    Batch back = roundTrip(batch);

    assertEquals(ALL_TYPES, back.schema());
    assertEquals(rows, back.toRows());
  }

  @Test
  void anEmptyBatchKeepsItsColumns() {
    Batch back = roundTrip(Batch.empty(ALL_TYPES));

    assertEquals(0, back.numRows());
    assertEquals(ALL_TYPES.size(), back.numColumns());
  }

  @Test
  void aBatchWithoutColumnsKeepsItsRowCount() {
    StructType none = new StructType(List.of());
    Batch back = BatchCodec.decode(BatchCodec.encode(new Batch(none, List.of(), 3)), none);

    assertEquals(3, back.numRows());
  }

  @Test
  void intsAndStringsHaveTheDocumentedLittleEndianLayout() {
    Batch batch = Batch.fromRows(POINT, List.of(Row.of(1, "ab"), Row.of(null, "c")));

    ByteBuffer expected = ByteBuffer.allocate(4 + 4 + (1 + 2 + 8) + (1 + 12 + 3)).order(ByteOrder.LITTLE_ENDIAN);
    expected.putInt(2).putInt(2);
    expected.put((byte) 1).put((byte) 0).put((byte) 1).putInt(1).putInt(0);
    expected.put((byte) 0).putInt(0).putInt(2).putInt(3).put("abc".getBytes());

    byte[] encoded = BatchCodec.encode(batch);
    byte[] maskless = encoded.clone();
    // The value slot of a null row is unspecified; compare it as the documented zero.
    Arrays.fill(maskless, 4 + 4 + 3 + 4, 4 + 4 + 3 + 8, (byte) 0);
    assertArrayEquals(expected.array(), maskless);
  }

  @Test
  void decimalsTravelAsPlainText() {
    StructType schema = DataTypes.struct(DataTypes.field("d", DataTypes.decimal(20, 3)));
    Batch batch = Batch.fromRows(schema, List.of(Row.of(new BigDecimal("1E+3").setScale(3)), Row.of((Object) null)));

    ByteBuffer in = ByteBuffer.wrap(BatchCodec.encode(batch)).order(ByteOrder.LITTLE_ENDIAN);
    in.position(8);
    assertEquals(1, in.get());
    in.position(in.position() + 2);
    assertEquals(0, in.getInt());
    assertEquals(8, in.getInt());
    assertEquals(8, in.getInt());
    byte[] text = new byte[8];
    in.get(text);
    assertEquals("1000.000", new String(text));
  }

  @Test
  void decodedDecimalsTakeTheSchemaScale() {
    StructType schema = DataTypes.struct(DataTypes.field("d", DataTypes.decimal(10, 2)));
    ByteBuffer b = ByteBuffer.allocate(8 + 1 + 8 + 3).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(1).putInt(1).put((byte) 0).putInt(0).putInt(3).put("1.5".getBytes());

    Batch back = BatchCodec.decode(b.array(), schema);

    assertEquals(new BigDecimal("1.50"), back.column(0).get(0));
  }

  @Test
  void aSlicedStringVectorIsWrittenFromOffsetZero() {
    StringVector all = StringVector.of("skip", "me", "keep", null);
    StructType schema = DataTypes.struct(DataTypes.field("s", DataTypes.STRING));
    StringVector shifted = new StringVector(all.bytes(), new int[] {6, 10, 10}, new boolean[] {false, true}, 2);
    Batch batch = new Batch(schema, List.of(shifted), 2);

    Batch back = roundTrip(batch);

    assertEquals(List.of(Row.of("keep"), Row.of((Object) null)), back.toRows());
  }

  @Test
  void aTruncatedBatchIsMalformed() {
    byte[] encoded = BatchCodec.encode(Batch.fromRows(POINT, List.of(Row.of(1, "abc"))));
    byte[] cut = Arrays.copyOf(encoded, encoded.length - 1);

    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> BatchCodec.decode(cut, POINT));

    assertEquals("BRIDGE_MALFORMED_BATCH", e.errorClass());
    assertTrue(e.getMessage().contains("ends before its last value"), e.getMessage());
  }

  @Test
  void aColumnCountOtherThanTheSchemasIsMalformed() {
    byte[] encoded = BatchCodec.encode(Batch.fromRows(POINT, List.of(Row.of(1, "abc"))));
    StructType wider = POINT.add("extra", DataTypes.LONG);

    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> BatchCodec.decode(encoded, wider));

    assertTrue(e.getMessage().contains("1 rows and 2 columns, the schema 3 columns"), e.getMessage());
  }

  @Test
  void decreasingOffsetsAreMalformed() {
    StructType schema = DataTypes.struct(DataTypes.field("s", DataTypes.STRING));
    ByteBuffer b = ByteBuffer.allocate(8 + 1 + 12 + 2).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(2).putInt(1).put((byte) 0).putInt(0).putInt(2).putInt(1).put("ab".getBytes());

    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> BatchCodec.decode(b.array(), schema));

    assertTrue(e.getMessage().contains("offsets decrease at row 1"), e.getMessage());
  }

  @Test
  void intervalColumnsSurviveARoundTrip() {
    StructType schema = DataTypes.struct(DataTypes.field("dt", DataTypes.DAY_TIME_INTERVAL),
        DataTypes.field("ym", DataTypes.YEAR_MONTH_INTERVAL));
    List<Row> rows = List.of(Row.of(java.time.Duration.ofMinutes(-90), java.time.Period.of(1, 2, 0)), Row.of(null, null));
    Batch back = roundTrip(Batch.fromRows(schema, rows));
    assertEquals(rows, back.toRows());
  }
}
