package io.ember.operators.stream.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random streams with an advancing watermark against a reference: a row is emitted exactly when it is not
 * late and no earlier emitted row of its key is still remembered (for within-watermark: its first event time
 * plus the delay is after the watermark; with the event time among the keys: that time is after the
 * watermark; otherwise forever). Snapshot/restore between batches changes nothing.
 */
class StreamingDeduplicatePropertyTest {
  private static final long SEC = 1_000_000L;
  private static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("k", DataTypes.INTEGER), DataTypes.field("ts", DataTypes.TIMESTAMP),
      DataTypes.field("n", DataTypes.INTEGER));

  static Stream<Long> seeds() {
    return Seeds.of("StreamingDeduplicatePropertyTest", 200);
  }

  private enum Variant { NO_WATERMARK, WATERMARK_NOT_KEY, WATERMARK_IN_KEY, WITHIN_WATERMARK }

  @ParameterizedTest
  @MethodSource("seeds")
  void emitsExactlyTheFirstRememberedRowPerKey(long seed) {
    Seeds.check(seed, random -> {
      Variant variant = Gen.oneOf(random, Variant.class);
      long delay = Gen.between(random, 0, 6);
      StreamingDeduplicateSpec spec = switch (variant) {
        case NO_WATERMARK -> StreamingDeduplicateSpec.withoutWatermark(SCHEMA, List.of(0));
        case WATERMARK_NOT_KEY -> StreamingDeduplicateSpec.withWatermark(SCHEMA, List.of(0), 1);
        case WATERMARK_IN_KEY -> StreamingDeduplicateSpec.withWatermark(SCHEMA, List.of(0, 1), 1);
        case WITHIN_WATERMARK -> StreamingDeduplicateSpec.withinWatermark(SCHEMA, List.of(0), 1, delay * SEC);
      };
      List<List<Row>> epochs = epochs(random);
      List<Long> watermarks = new ArrayList<>();
      long max = Long.MIN_VALUE;
      for (List<Row> epoch : epochs) {
        for (Row r : epoch) {
          if (r.get(1) != null) {
            max = Math.max(max, ((Number) r.get(1)).longValue() / SEC);
          }
        }
        watermarks.add(max == Long.MIN_VALUE ? null : max - delay);
      }
      int batchRows = Gen.between(random, 1, 4);
      List<Integer> plain = run(spec, epochs, watermarks, batchRows, false);
      assertEquals(plain, run(spec, epochs, watermarks, batchRows, true));
      assertEquals(reference(variant, delay, epochs, watermarks), plain, variant.toString());
    });
  }

  private static List<List<Row>> epochs(Random random) {
    List<List<Row>> epochs = new ArrayList<>();
    int n = 0;
    for (int e = Gen.between(random, 1, 12); e > 0; e--) {
      List<Row> rows = new ArrayList<>();
      long now = epochs.size() * 4L;
      for (int r = Gen.between(random, 0, 8); r > 0; r--) {
        Long t = Gen.orNull(random, 0.05, (now + Gen.between(random, -8, 3)) * SEC);
        rows.add(Row.of(Gen.orNull(random, 0.05, Gen.between(random, 0, 4)), t, n++));
      }
      epochs.add(rows);
    }
    return epochs;
  }

  private static List<Integer> run(StreamingDeduplicateSpec spec, List<List<Row>> epochs, List<Long> watermarks,
      int batchRows, boolean restore) {
    OperatorHarness h = OperatorHarness.of(spec);
    if (restore) {
      h.withSnapshotRestoreBetweenBatches();
    }
    for (int e = 0; e < epochs.size(); e++) {
      if (!epochs.get(e).isEmpty()) {
        h.feedRows(0, SCHEMA, epochs.get(e), batchRows);
      }
      h.endOfEpoch();
      assertTrue(h.operator().stateMetrics().numRowsTotal() >= 0);
      if (watermarks.get(e) != null && spec.eventTimeColumn() >= 0) {
        h.watermark(watermarks.get(e) * SEC);
      }
    }
    List<Integer> out = new ArrayList<>();
    h.outputRows().forEach(r -> out.add(r.getInt(2)));
    h.close();
    return out;
  }

  private static List<Integer> reference(Variant variant, long delay, List<List<Row>> epochs, List<Long> watermarks) {
    Map<List<Object>, Long> remembered = new HashMap<>(); // key -> expiry (Long.MAX_VALUE: never)
    Long watermark = null;
    List<Integer> out = new ArrayList<>();
    for (int e = 0; e < epochs.size(); e++) {
      for (Row r : epochs.get(e)) {
        Long t = r.get(1) == null ? null : ((Number) r.get(1)).longValue() / SEC;
        if (variant != Variant.NO_WATERMARK && watermark != null && t != null && t <= watermark) {
          continue; // late
        }
        List<Object> key = variant == Variant.WATERMARK_IN_KEY ? java.util.Arrays.asList(r.get(0), t)
            : java.util.Arrays.asList(r.get(0));
        Long expiry = remembered.get(key);
        if (expiry != null && (watermark == null || expiry > watermark)) {
          continue; // duplicate
        }
        long newExpiry = switch (variant) {
          case WITHIN_WATERMARK -> t == null ? Long.MAX_VALUE : t + delay;
          case WATERMARK_IN_KEY -> t == null ? Long.MAX_VALUE : t;
          default -> Long.MAX_VALUE;
        };
        remembered.put(key, newExpiry);
        out.add(r.getInt(2));
      }
      if (variant != Variant.NO_WATERMARK && watermarks.get(e) != null) {
        watermark = watermark == null ? watermarks.get(e) : Math.max(watermark, Objects.requireNonNull(watermarks.get(e)));
      }
    }
    return out;
  }
}
