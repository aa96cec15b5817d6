package io.ember.operators.aggregate;

import static io.ember.operators.aggregate.AggTestSupport.cols;
import static io.ember.operators.aggregate.AggTestSupport.fn;
import static io.ember.operators.testkit.AggregateResults.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.aggregate.HashAggregateSpec.AdaptivePartial;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Adaptive partial aggregation: a keyed partial aggregate that passes rows through (each a group of its own)
 * once grouping does not pay gives, after the final phase, what one complete aggregate gives, for every
 * aggregate function, over batches, flushes, epochs and snapshots; and it passes through, keeps grouping and
 * samples again exactly when its sample says so.
 */
class AdaptivePartialAggregationTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("k", DataTypes.LONG),
      DataTypes.field("g", DataTypes.STRING), DataTypes.field("v", DataTypes.LONG),
      DataTypes.field("d", DataTypes.DOUBLE), DataTypes.field("s", DataTypes.STRING),
      DataTypes.field("b", DataTypes.BOOLEAN));
  private static final StructType KV = DataTypes.struct(DataTypes.field("k", DataTypes.LONG),
      DataTypes.field("v", DataTypes.LONG));

  /** Every aggregate whose answer does not depend on the order rows reach the final phase. */
  private static List<AggregateFunction> functions() {
    return List.of(AggregateFunctions.countStar(), fn(SCHEMA, "count", "v"), fn(SCHEMA, "sum", "v"),
        fn(SCHEMA, "sum", "d"), fn(SCHEMA, "avg", "d"), fn(SCHEMA, "avg", "v"), fn(SCHEMA, "min", "s"),
        fn(SCHEMA, "max", "v"), fn(SCHEMA, "min", "d"), AggregateFunctions.build("count", cols(SCHEMA, "v", "s"), true),
        AggregateFunctions.build("sum", cols(SCHEMA, "v"), true), fn(SCHEMA, "collect_set", "s"),
        fn(SCHEMA, "collect_list", "v"), fn(SCHEMA, "var_pop", "d"), fn(SCHEMA, "var_samp", "d"),
        fn(SCHEMA, "stddev", "d"), fn(SCHEMA, "stddev_pop", "d"), fn(SCHEMA, "bool_and", "b"),
        fn(SCHEMA, "bool_or", "b"), fn(SCHEMA, "count_if", "b"));
  }

  private static List<Row> rows(Random random, int distinctKeys) {
    return Gen.listOf(random, 200, () -> {
      Long k = Gen.orNull(random, 0.1, (long) Gen.between(random, 0, distinctKeys - 1));
      String g = Gen.orNull(random, 0.1, Gen.oneOf(random, "a", "b", "c"));
      Long v = Gen.orNull(random, 0.2, (long) Gen.between(random, -50, 50));
      String s = Gen.orNull(random, 0.2, Gen.oneOf(random, "x", "y", "zz", ""));
      Boolean b = Gen.orNull(random, 0.2, random.nextBoolean());
      return Row.of(k, g, v, v == null ? null : v * 0.25, s, b);
    });
  }

  static Stream<Long> seeds() {
    return Seeds.of("AdaptivePartialAggregationTest", 60);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void partialThatPassesRowsThroughThenFinalEqualsComplete(long seed) {
    Seeds.check(seed, random -> {
      List<Row> rows = rows(random, Gen.oneOf(random, 2, 30, 1000));
      List<String> keys = random.nextBoolean() ? List.of("k") : List.of("k", "g");
      AdaptivePartial adaptive = new AdaptivePartial(Gen.between(random, 1, 40),
          Gen.oneOf(random, 0.0, 0.3, 0.8), Gen.between(random, 1, 60));
      check(rows, keys, adaptive, Gen.betweenWithEdges(random, 1, 40), Gen.betweenWithEdges(random, 1, 50),
          random.nextBoolean(), Gen.between(random, 0, 3));
    });
  }

  private static void check(List<Row> rows, List<String> keys, AdaptivePartial adaptive, int batchSize,
      int flushGroups, boolean snapshotRestore, int epochEvery) {
    List<AggregateFunction> fns = functions();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < fns.size(); i++) {
      names.add("f" + i);
    }
    HashAggregateSpec complete = HashAggregateSpec.complete(SCHEMA, cols(SCHEMA, keys.toArray(new String[0])), keys,
        fns, names);
    HashAggregateSpec partial = HashAggregateSpec.partial(SCHEMA, complete.groupingExpressions(), keys, fns, names)
        .withPartialFlushGroups(flushGroups).withAdaptivePartial(adaptive);
    List<Row> expected = OperatorHarness.of(complete).feedRows(0, SCHEMA, rows, Math.max(1, rows.size()))
        .endAllInputs().outputRows();

    OperatorHarness p = OperatorHarness.of(partial).withBatchSize(batchSize);
    if (snapshotRestore) {
      p.withSnapshotRestoreBetweenBatches();
    }
    List<Batch> batches = OperatorHarness.batches(SCHEMA, rows, batchSize);
    for (int i = 0; i < batches.size(); i++) {
      p.feed(0, batches.get(i));
      if (epochEvery > 0 && i % epochEvery == 0) {
        p.endOfEpoch(); // a stream's partial phase: emit and start empty each epoch
      }
    }
    List<Row> partialRows = p.endAllInputs().outputRows();
    OperatorHarness f = OperatorHarness.of(HashAggregateSpec.finalFor(partial)).withBatchSize(batchSize);
    if (!partialRows.isEmpty()) {
      f.feedRows(0, partial.partialOutputSchema(), partialRows, batchSize);
    }
    assertEquals(normalize(expected), normalize(f.endAllInputs().outputRows()), adaptive + " batch " + batchSize);
  }

  private static List<Row> keyRows(long... keys) {
    List<Row> out = new ArrayList<>();
    for (long k : keys) {
      out.add(Row.of(k, 1L));
    }
    return out;
  }

  private static long[] range(long from, int count) {
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      out[i] = from + i;
    }
    return out;
  }

  private static long[] repeat(long key, int count) {
    long[] out = new long[count];
    java.util.Arrays.fill(out, key);
    return out;
  }

  private static long[] concat(long[]... parts) {
    return java.util.Arrays.stream(parts).flatMapToLong(java.util.Arrays::stream).toArray();
  }

  /** The partial output rows of count(*) and sum(v) by k over {@code keys}, in batches of 10. */
  private static List<Row> partialOutput(AdaptivePartial adaptive, AggregateFunction fn, long... keys) {
    HashAggregateSpec partial = HashAggregateSpec.partial(KV, cols(KV, "k"), List.of("k"),
        List.of(AggregateFunctions.countStar(), fn), List.of("n", "x")).withAdaptivePartial(adaptive);
    return OperatorHarness.of(partial).feedRows(0, KV, keyRows(keys), 10).endAllInputs().outputRows();
  }

  @Test
  void passesRowsThroughOnlyWhenTheSampleGroupsAboveTheRatio() {
    long[] sameKey = repeat(1, 100); // 1 group per 10 rows in the first batch: 0.1
    assertEquals(1, partialOutput(new AdaptivePartial(10, 0.5, 1_000), fn(KV, "sum", "v"), sameKey).size(),
        "0.1 groups per row is below 0.5: keeps grouping");
    List<Row> passed = partialOutput(new AdaptivePartial(10, 0.05, 1_000), fn(KV, "sum", "v"), sameKey);
    assertEquals(1 + 90, passed.size(), "the first batch's group, then every later row on its own");
    assertEquals(Row.of(1L, 10L, 10L), passed.get(0));
    assertEquals(Row.of(1L, 1L, 1L), passed.get(1), "a passed row carries its own one-row states");
    assertEquals(100, partialOutput(AdaptivePartial.OFF, fn(KV, "sum", "v"), range(0, 100)).size(),
        "OFF groups (100 distinct keys stay 100 groups)");
    assertEquals(1, partialOutput(AdaptivePartial.OFF, fn(KV, "sum", "v"), sameKey).size());
  }

  @Test
  void approxCountDistinctNeverPassesRowsThrough() {
    List<Row> out = partialOutput(new AdaptivePartial(10, 0.0, 1_000), fn(KV, "approx_count_distinct", "v"),
        repeat(1, 100));
    assertEquals(1, out.size(), "its per-row state is a full register array: it keeps grouping");
  }

  @Test
  void samplesAgainAfterPassingRowsAndGroupsWhenTheInputNowGroupsWell() {
    // 40 distinct keys (pass through after the first batch of 10; 30 rows passed), then 60 rows of one key
    long[] keys = concat(range(100, 40), repeat(7, 60));
    List<Row> out = partialOutput(new AdaptivePartial(10, 0.5, 30), fn(KV, "sum", "v"), keys);
    assertEquals(10 + 30 + 1, out.size(), "10 groups of the first sample, 30 passed rows, then one group again");
    assertEquals(Row.of(7L, 60L, 60L), out.get(out.size() - 1));
  }

  @Test
  void aStreamsPartialPassingThroughEmitsWithinTheEpochAndNothingMoreAtItsEnd() {
    HashAggregateSpec partial = HashAggregateSpec.partial(KV, cols(KV, "k"), List.of("k"),
        List.of(AggregateFunctions.countStar()), List.of("n")).withAdaptivePartial(new AdaptivePartial(5, 0.5, 1_000));
    OperatorHarness h = OperatorHarness.of(partial);
    h.feedRows(0, KV, keyRows(range(0, 5)), 5);
    assertEquals(5, h.drainRows().size(), "5 groups in 5 rows: emitted as it switches to passing through");
    h.feedRows(0, KV, keyRows(3, 3, 4), 3);
    assertEquals(List.of(Row.of(3L, 1L), Row.of(3L, 1L), Row.of(4L, 1L)), h.drainRows());
    h.endOfEpoch();
    assertEquals(List.of(), h.drainRows(), "passed rows went out during the epoch");
    h.endOfInput(0);
    assertEquals(List.of(), h.drainRows());
  }

  @Test
  void refusesSettingsOutOfRange() {
    assertThrows(RuntimeException.class, () -> new AdaptivePartial(0, 0.5, 10));
    assertThrows(RuntimeException.class, () -> new AdaptivePartial(10, 1.5, 10));
    assertThrows(RuntimeException.class, () -> new AdaptivePartial(10, 0.5, 0));
  }
}
