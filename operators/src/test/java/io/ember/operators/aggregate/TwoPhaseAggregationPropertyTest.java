package io.ember.operators.aggregate;

import static io.ember.operators.aggregate.AggTestSupport.cols;
import static io.ember.operators.aggregate.AggTestSupport.fn;
import static io.ember.operators.testkit.AggregateResults.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Partial aggregates over any split of the input into partitions and batches, a hash exchange on the keys,
 * and final aggregates give what one complete aggregate gives.
 */
class TwoPhaseAggregationPropertyTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER),
      DataTypes.field("g", DataTypes.STRING), DataTypes.field("v", DataTypes.LONG),
      DataTypes.field("d", DataTypes.DOUBLE), DataTypes.field("s", DataTypes.STRING));

  private static List<AggregateFunction> functions() {
    return List.of(AggregateFunctions.countStar(), fn(SCHEMA, "count", "v"), fn(SCHEMA, "sum", "v"),
        fn(SCHEMA, "avg", "d"), fn(SCHEMA, "min", "s"), fn(SCHEMA, "max", "v"),
        AggregateFunctions.build("count", cols(SCHEMA, "v", "s"), true),
        AggregateFunctions.build("sum", cols(SCHEMA, "v"), true), fn(SCHEMA, "collect_set", "s"),
        fn(SCHEMA, "collect_list", "v"), fn(SCHEMA, "approx_count_distinct", "s"), fn(SCHEMA, "var_pop", "d"),
        fn(SCHEMA, "stddev", "d"));
  }

  /** Up to 120 rows of few distinct keys and values, each column with its own share of nulls. */
  private static List<Row> rows(Random random) {
    return Gen.listOf(random, 120, () -> {
      Integer k = Gen.orNull(random, 0.15, Gen.between(random, 0, 4));
      String g = Gen.orNull(random, 0.1, Gen.oneOf(random, "a", "b", "c"));
      Long v = Gen.orNull(random, 0.2, (long) Gen.between(random, -50, 50));
      String s = Gen.orNull(random, 0.2, Gen.oneOf(random, "x", "y", "zz", ""));
      return Row.of(k, g, v, v == null ? null : v * 0.5, s);
    });
  }

  static Stream<Long> seeds() {
    return Seeds.of("TwoPhaseAggregationPropertyTest", 60);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void partialExchangeFinalEqualsComplete(long seed) {
    Seeds.check(seed, random -> partialExchangeFinalEqualsComplete(rows(random), Gen.between(random, 1, 4),
        Gen.betweenWithEdges(random, 1, 40), Gen.between(random, 1, 3), Gen.betweenWithEdges(random, 1, 20),
        Gen.between(random, 0, 2), random.nextBoolean()));
  }

  private static void partialExchangeFinalEqualsComplete(List<Row> rows, int partitions, int batchSize,
      int finalTasks, int flushGroups, int keyCount, boolean snapshotRestore) {
    List<String> keys = List.of("k", "g").subList(0, keyCount);
    List<AggregateFunction> fns = functions();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < fns.size(); i++) {
      names.add("f" + i);
    }
    HashAggregateSpec complete = HashAggregateSpec.complete(SCHEMA, cols(SCHEMA, keys.toArray(new String[0])), keys,
        fns, names);
    HashAggregateSpec partial = HashAggregateSpec.partial(SCHEMA, complete.groupingExpressions(), keys, fns, names)
        .withPartialFlushGroups(flushGroups);
    HashAggregateSpec fin = HashAggregateSpec.finalFor(partial);

    List<Row> expected = OperatorHarness.of(complete).feedRows(0, SCHEMA, rows, Math.max(1, rows.size()))
        .endAllInputs().outputRows();

    List<List<Row>> exchanged = new ArrayList<>();
    for (int t = 0; t < finalTasks; t++) {
      exchanged.add(new ArrayList<>());
    }
    for (int p = 0; p < partitions; p++) {
      List<Row> part = new ArrayList<>();
      for (int i = p; i < rows.size(); i += partitions) {
        part.add(rows.get(i));
      }
      OperatorHarness h = OperatorHarness.of(partial).withBatchSize(batchSize);
      if (snapshotRestore) {
        h = h.withSnapshotRestoreBetweenBatches();
      }
      for (Batch b : h.feedRows(0, SCHEMA, part, batchSize).endAllInputs().outputBatches()) {
        for (Row r : b.toRows()) {
          int task = Math.floorMod(Objects.hash(Arrays.copyOf(values(r), keyCount)), finalTasks);
          exchanged.get(task).add(r);
        }
      }
    }
    List<Row> actual = keyCount == 0 ? globalFinal(fin, exchanged, batchSize) : new ArrayList<>();
    for (int t = 0; keyCount > 0 && t < finalTasks; t++) {
      List<Row> input = exchanged.get(t);
      if (!input.isEmpty()) {
        actual.addAll(OperatorHarness.of(fin).withBatchSize(batchSize)
            .feedRows(0, partial.partialOutputSchema(), input, batchSize).endAllInputs().outputRows());
      }
    }
    assertEquals(normalize(expected), normalize(actual));
  }

  /** A global aggregate's final phase runs on one task, which receives every partial row. */
  private static List<Row> globalFinal(HashAggregateSpec fin, List<List<Row>> exchanged, int batchSize) {
    List<Row> all = new ArrayList<>();
    exchanged.forEach(all::addAll);
    OperatorHarness h = OperatorHarness.of(fin).withBatchSize(batchSize);
    if (!all.isEmpty()) {
      h.feedRows(0, fin.inputSchema(), all, batchSize);
    }
    return h.endAllInputs().outputRows();
  }

  private static Object[] values(Row r) {
    Object[] out = new Object[r.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = r.get(i);
    }
    return out;
  }
}
