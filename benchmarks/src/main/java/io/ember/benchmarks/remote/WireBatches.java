package io.ember.benchmarks.remote;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Typical batches for the wire benchmarks: the events shape of the end-to-end benchmarks ({@code ts_ms, user_id,
 * item_id} longs, {@code category} a short string from 20, {@code price} a double, some nulls), seeded.
 */
final class WireBatches {
  static final StructType EVENTS = DataTypes.struct(DataTypes.field("ts_ms", DataTypes.LONG),
      DataTypes.field("user_id", DataTypes.LONG), DataTypes.field("item_id", DataTypes.LONG),
      DataTypes.field("category", DataTypes.STRING), DataTypes.field("price", DataTypes.DOUBLE));

  private WireBatches() {}

  /** {@code count} batches of {@code rows} rows each. */
  static List<Batch> events(int count, int rows, long seed) {
    Random rnd = new Random(seed);
    List<Batch> batches = new ArrayList<>(count);
    long ts = 1_700_000_000_000L;
    for (int b = 0; b < count; b++) {
      List<Row> out = new ArrayList<>(rows);
      for (int i = 0; i < rows; i++) {
        ts += rnd.nextInt(5);
        out.add(Row.of(ts, (long) rnd.nextInt(1_000_000), (long) rnd.nextInt(50_000), "category-" + rnd.nextInt(20),
            rnd.nextInt(50) == 0 ? null : rnd.nextInt(100_000) / 100.0));
      }
      batches.add(Batch.fromRows(EVENTS, out));
    }
    return batches;
  }
}
