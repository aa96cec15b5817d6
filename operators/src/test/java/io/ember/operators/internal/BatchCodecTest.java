package io.ember.operators.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchCodecTest {
  private static final StructType INNER = DataTypes.struct(
      DataTypes.field("x", DataTypes.INTEGER), DataTypes.field("y", DataTypes.STRING));
  private static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("b", DataTypes.BOOLEAN),
      DataTypes.field("i", DataTypes.INTEGER),
      DataTypes.field("l", DataTypes.LONG),
      DataTypes.field("d", DataTypes.DOUBLE),
      DataTypes.field("s", DataTypes.STRING),
      DataTypes.field("dt", DataTypes.DATE),
      DataTypes.field("ts", DataTypes.TIMESTAMP),
      DataTypes.field("dec", DataTypes.decimal(12, 3)),
      DataTypes.field("arr", DataTypes.array(DataTypes.INTEGER)),
      DataTypes.field("st", INNER),
      DataTypes.field("nul", DataTypes.NULL));

  private static final List<Row> ROWS = List.of(
      Row.of(true, 1, 2L, 1.5, "héllo", LocalDate.of(2024, 2, 29), Instant.parse("2024-01-01T00:00:00.123456Z"),
          new BigDecimal("-12345.678"), Arrays.asList(1, null, 3), Row.of(7, "x"), null),
      Row.of(null, null, null, null, null, null, null, null, null, null, null),
      Row.of(false, -1, Long.MIN_VALUE, Double.NaN, "", LocalDate.of(1969, 12, 31), Instant.EPOCH,
          new BigDecimal("0.001"), List.of(), Row.of(null, null), null));

  private static Batch roundTrip(Batch batch) {
    Output out = new Output(64, -1);
    BatchCodec.write(out, batch);
    return BatchCodec.read(new Input(out.toBytes()), batch.schema());
  }

  @Test
  void everyTypeWithNullsSurvivesARoundTrip() {
    Batch batch = Batch.fromRows(SCHEMA, ROWS);
    assertEquals(ROWS, roundTrip(batch).toRows());
  }

  @Test
  void takenAndSlicedVectorsWriteOnlyTheirRows() {
    Batch batch = Batch.fromRows(SCHEMA, ROWS);
    assertEquals(List.of(ROWS.get(2), ROWS.get(0)), roundTrip(batch.take(new int[] {2, 0}, 2)).toRows());
    assertEquals(ROWS.subList(1, 3), roundTrip(batch.slice(1, 2)).toRows());
    assertEquals(List.of(), roundTrip(Batch.empty(SCHEMA)).toRows());
  }

  @Test
  void sizeEstimateGrowsWithRows() {
    Batch batch = Batch.fromRows(SCHEMA, ROWS);
    long one = BatchSizes.estimate(batch.slice(0, 1));
    long three = BatchSizes.estimate(batch);
    assertEquals(true, three > one && one > 0, one + " vs " + three);
  }
}
