package io.ember.operators.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.Row;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowBytesTest {
  private static final StructType INNER = DataTypes.struct(
      DataTypes.field("start", DataTypes.TIMESTAMP), DataTypes.field("end", DataTypes.TIMESTAMP));
  private static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("b", DataTypes.BOOLEAN),
      DataTypes.field("i", DataTypes.INTEGER),
      DataTypes.field("l", DataTypes.LONG),
      DataTypes.field("d", DataTypes.DOUBLE),
      DataTypes.field("s", DataTypes.STRING),
      DataTypes.field("dec", DataTypes.decimal(10, 2)),
      DataTypes.field("day", DataTypes.DATE),
      DataTypes.field("ts", DataTypes.TIMESTAMP),
      DataTypes.field("arr", DataTypes.array(DataTypes.STRING)),
      DataTypes.field("w", INNER));

  private static final List<Row> ROWS = List.of(
      Row.of(true, 1, 2L, 1.5, "héllo", new BigDecimal("3.25"), LocalDate.of(2024, 2, 29), Instant.ofEpochSecond(7),
          Arrays.asList("x", null, ""), new Row(INNER, new Object[] {Instant.ofEpochSecond(0), Instant.ofEpochSecond(10)})),
      Row.of(null, null, null, null, null, null, null, null, null, null),
      Row.of(false, -1, Long.MIN_VALUE, -0.0, "", new BigDecimal("-1.00"), LocalDate.of(1969, 12, 31),
          Instant.ofEpochSecond(-1), List.of(), new Row(INNER, new Object[] {null, Instant.ofEpochSecond(3)})));

  @Test
  void rowsRoundTripEveryType() {
    Batch batch = Batch.fromRows(SCHEMA, ROWS);
    Output out = new Output(64, -1);
    for (int r = 0; r < batch.numRows(); r++) {
      RowBytes.write(out, batch.columns(), r, false);
    }
    Input in = new Input(out.toBytes());
    VectorBuilder[] builders = RowBytes.builders(SCHEMA, 1);
    for (int r = 0; r < batch.numRows(); r++) {
      RowBytes.read(in, SCHEMA, builders);
    }
    ColumnVector[] cols = new ColumnVector[builders.length];
    for (int c = 0; c < cols.length; c++) {
      cols[c] = builders[c].build();
    }
    assertEquals(batch.toRows(), new Batch(SCHEMA, cols, batch.numRows()).toRows());
  }

  @Test
  void canonicalKeysEqualForEqualDoubles() {
    StructType s = DataTypes.struct(DataTypes.field("d", DataTypes.DOUBLE));
    Batch b = Batch.fromRows(s, List.of(Row.of(-0.0), Row.of(0.0), Row.of(Double.NaN),
        Row.of(Double.longBitsToDouble(0x7ff8000000000001L)), Row.of(1.0)));
    Output scratch = new Output(16, -1);
    assertArrayEquals(RowBytes.key(scratch, b.columns(), 0), RowBytes.key(scratch, b.columns(), 1));
    assertArrayEquals(RowBytes.key(scratch, b.columns(), 2), RowBytes.key(scratch, b.columns(), 3));
    assertFalse(Arrays.equals(RowBytes.key(scratch, b.columns(), 1), RowBytes.key(scratch, b.columns(), 4)));
  }
}
