package io.ember.operators.aggregate;

import static io.ember.operators.aggregate.AggTestSupport.cols;
import static io.ember.operators.aggregate.AggTestSupport.fn;
import static io.ember.operators.testkit.AggregateResults.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.memory.MemoryBudget;
import io.ember.operators.testkit.SpillFixtures;
import io.ember.operators.testkit.OperatorHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A one-phase or final hash aggregate whose groups exceed its memory budget spills their partial states by key
 * hash and merges each partition on its own: the result equals the in-memory run for every aggregate function
 * (distinct ones, collect_list in arrival order, approx_count_distinct included), over seeded inputs with nulls and
 * strings, with repartitioning when a partition still does not fit; spill files are gone afterwards, also when the
 * task fails; a single group larger than the budget still fails with the budget's error.
 */
class AggregateSpillTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER),
      DataTypes.field("g", DataTypes.STRING), DataTypes.field("v", DataTypes.LONG),
      DataTypes.field("d", DataTypes.DOUBLE), DataTypes.field("s", DataTypes.STRING));

  @TempDir
  Path spillRoot;

  private static List<AggregateFunction> allFunctions() {
    return List.of(AggregateFunctions.countStar(), fn(SCHEMA, "count", "v"), fn(SCHEMA, "sum", "v"),
        fn(SCHEMA, "avg", "d"), fn(SCHEMA, "min", "s"), fn(SCHEMA, "max", "v"),
        AggregateFunctions.build("count", cols(SCHEMA, "v", "s"), true),
        AggregateFunctions.build("sum", cols(SCHEMA, "v"), true), fn(SCHEMA, "collect_set", "s"),
        fn(SCHEMA, "collect_list", "v"), fn(SCHEMA, "approx_count_distinct", "s"), fn(SCHEMA, "var_pop", "d"),
        fn(SCHEMA, "first", "s"), fn(SCHEMA, "last", "v"));
  }

  /** Functions whose result depends on the order rows arrive in, and exact ones: compared without normalizing. */
  private static List<AggregateFunction> orderSensitiveFunctions() {
    return List.of(fn(SCHEMA, "collect_list", "v"), fn(SCHEMA, "collect_list", "s"), fn(SCHEMA, "first", "s"),
        fn(SCHEMA, "last", "v"), AggregateFunctions.countStar(), fn(SCHEMA, "min", "s"), fn(SCHEMA, "sum", "v"));
  }

  static Stream<Long> seeds() {
    return Seeds.of("AggregateSpillTest", 40);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void spillingAggregateEqualsTheInMemoryOne(long seed) {
    Seeds.check(seed, random -> {
      List<Row> rows = rows(random, Gen.betweenWithEdges(random, 0, 1500), Gen.between(random, 1, 800));
      List<String> keys = List.of("k", "g").subList(0, Gen.between(random, 1, 2));
      HashAggregateSpec complete = spec(keys, allFunctions());
      int batch = Gen.between(random, 1, 200);
      List<Row> expected = OperatorHarness.of(complete).run(OperatorHarness.batches(SCHEMA, rows, batch));

      boolean finalPhase = random.nextBoolean();
      HashAggregateSpec spilling = complete;
      List<Batch> input = OperatorHarness.batches(SCHEMA, rows, batch);
      if (finalPhase) {
        HashAggregateSpec partial = HashAggregateSpec.partial(SCHEMA, complete.groupingExpressions(), keys,
            complete.functions(), complete.functionNames()).withPartialFlushGroups(Gen.between(random, 1, 100));
        // a partial over its budget emits its groups early instead of spilling
        List<Row> states = OperatorHarness.of(partial).withBatchSize(batch)
            .withMemoryBudget(budget(Gen.between(random, 100_000, 400_000))).run(input);
        input = OperatorHarness.batches(partial.partialOutputSchema(), states, batch);
        spilling = HashAggregateSpec.finalFor(partial);
      }
      MemoryBudget budget = budget(Gen.between(random, 300_000, 2_000_000));
      OperatorHarness h = OperatorHarness.of(spilling).withBatchSize(Gen.between(random, 1, 300))
          .withMemoryBudget(budget);
      if (random.nextInt(4) == 0) {
        h.withSnapshotRestoreBetweenBatches();
      }
      assertEquals(normalize(expected), normalize(h.run(input)));
      assertEquals(List.of(), spillFiles(), "spill files left behind");
      assertEquals(0, budget.used());
    });
  }

  @Test
  void orderSensitiveResultsAreIdenticalAndPartitionsThatStillDoNotFitSpillAgain() {
    List<Row> rows = rows(new Random(17), 30_000, 6_000);
    HashAggregateSpec spec = spec(List.of("k"), orderSensitiveFunctions());
    List<Row> expected = byKey(OperatorHarness.of(spec).run(OperatorHarness.batches(SCHEMA, rows, 500)));

    MemoryBudget budget = budget(150_000);
    List<Row> actual = byKey(OperatorHarness.of(spec).withBatchSize(256).withMemoryBudget(budget)
        .run(OperatorHarness.batches(SCHEMA, rows, 500)));

    assertEquals(expected, actual);
    assertTrue(budget.spillFiles() > AggregateSpiller.PARTITIONS,
        "a partition of the first level should have spilled again: " + budget.spillFiles() + " files");
    assertEquals(List.of(), spillFiles());
  }

  @Test
  void aSingleGroupLargerThanTheBudgetStillFailsNamingTheSettingAndLeavesNoFile() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      rows.add(Row.of(1, "same", (long) i, 0.0, "value-" + i));
    }
    Operator agg = spec(List.of("k"), List.of(fn(SCHEMA, "collect_list", "s"))).create();
    agg.open(new OperatorContext(0, 1, OperatorContext.forTest().eval(), budget(20_000), 512));
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> {
      for (Batch b : OperatorHarness.batches(SCHEMA, rows, 500)) {
        agg.process(0, b, out -> { });
      }
      agg.endOfInput(0, out -> { });
    });
    assertEquals("MEMORY_BUDGET_EXCEEDED", e.errorClass());
    assertTrue(e.getMessage().contains("'" + MemoryBudget.CONFIG_KEY + "'"), e.getMessage());
    agg.close();
    assertEquals(List.of(), spillFiles());
  }

  @Test
  void spillFilesAreDeletedWhenTheTaskFailsBeforeOrWhileEmitting() {
    HashAggregateSpec spec = spec(List.of("k", "g"), allFunctions());
    List<Batch> input = OperatorHarness.batches(SCHEMA, rows(new Random(23), 5_000, 3_000), 250);

    Operator beforeEmitting = spec.create();
    beforeEmitting.open(new OperatorContext(0, 1, OperatorContext.forTest().eval(), budget(300_000), 512));
    input.forEach(b -> beforeEmitting.process(0, b, out -> { }));
    assertTrue(!spillFiles().isEmpty(), "the groups should have spilled");
    beforeEmitting.close();
    assertEquals(List.of(), spillFiles());

    Operator whileEmitting = spec.create();
    whileEmitting.open(new OperatorContext(0, 1, OperatorContext.forTest().eval(), budget(300_000), 512));
    input.forEach(b -> whileEmitting.process(0, b, out -> { }));
    int[] emitted = {0};
    assertThrows(IllegalStateException.class, () -> whileEmitting.endOfInput(0, out -> {
      if (++emitted[0] == 2) {
        throw new IllegalStateException("downstream failed");
      }
    }));
    whileEmitting.close();
    assertEquals(List.of(), spillFiles());
  }

  private MemoryBudget budget(long bytes) {
    return SpillFixtures.budget(spillRoot, bytes);
  }

  private static HashAggregateSpec spec(List<String> keys, List<AggregateFunction> fns) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < fns.size(); i++) {
      names.add("f" + i);
    }
    return HashAggregateSpec.complete(SCHEMA, cols(SCHEMA, keys.toArray(new String[0])), keys, fns, names);
  }

  /** {@code n} rows over about {@code keys} distinct keys, each column with its own share of nulls. */
  private static List<Row> rows(Random random, int n, int keys) {
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Integer k = Gen.orNull(random, 0.05, random.nextInt(keys));
      String g = Gen.orNull(random, 0.1, Gen.oneOf(random, "a", "b", "c", "dd"));
      Long v = Gen.orNull(random, 0.2, (long) Gen.between(random, -50, 50));
      String s = Gen.orNull(random, 0.2, Gen.string(random, 5));
      rows.add(Row.of(k, g, v, v == null ? null : v * 0.5, s));
    }
    return rows;
  }

  private static List<Row> byKey(List<Row> rows) {
    List<Row> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(r -> String.valueOf(r.get(0))));
    return out;
  }

  private List<Path> spillFiles() {
    return SpillFixtures.spillFiles(spillRoot);
  }
}
