package io.ember.operators.analytic;

import static io.ember.operators.testkit.TestExprs.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Literal;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.aggregate.AggregateFunctions;
import io.ember.operators.analytic.WindowFunction.RankKind;
import io.ember.operators.memory.MemoryBudget;
import io.ember.operators.testkit.SpillFixtures;
import io.ember.operators.sort.SortKey;
import io.ember.operators.testkit.OperatorHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Window functions past the task's budget sort their input externally and compute one window partition at a time:
 * over seeded inputs with null partition keys and skewed partitions, ranking, offset and framed aggregate functions
 * give the same rows as in memory; one partition larger than the budget fails naming its key and the setting; no
 * spill file is left behind.
 */
class WindowSpillTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("p", DataTypes.STRING),
      DataTypes.field("i", DataTypes.INTEGER), DataTypes.field("v", DataTypes.LONG));
  private static final Expression P = col(SCHEMA, "p");
  private static final Expression I = col(SCHEMA, "i");
  private static final Expression V = col(SCHEMA, "v");

  @TempDir
  Path spillRoot;

  static Stream<Long> seeds() {
    return Seeds.of("WindowSpillTest", 16);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void spilledWindowEqualsTheInMemoryWindow(long seed) {
    Seeds.check(seed, random -> {
      List<Row> rows = rows(random, Gen.betweenWithEdges(random, 0, 6000), Gen.between(random, 100, 2000), 0.03);
      boolean descending = random.nextBoolean();
      WindowSpec spec = spec(new SortKey(I, !descending, random.nextBoolean()));
      int inBatch = Gen.between(random, 50, 500);
      List<Row> expected = OperatorHarness.of(spec).run(OperatorHarness.batches(SCHEMA, rows, inBatch));

      MemoryBudget budget = budget(Gen.between(random, 50_000, 150_000));
      List<Row> actual = OperatorHarness.of(spec).withBatchSize(Gen.between(random, 1, 700)).withMemoryBudget(budget)
          .run(OperatorHarness.batches(SCHEMA, rows, inBatch));

      assertEquals(sorted(expected), sorted(actual));
      assertEquals(List.of(), spillFiles(), "spill files left behind");
      assertEquals(0, budget.used());
    });
  }

  @Test
  void aLargeInputSpillsAndKeepsThePartitionOrder() {
    List<Row> rows = rows(new Random(4), 40_000, 3_000, 0.01);
    WindowSpec spec = spec(SortKey.asc(I));
    List<Row> expected = OperatorHarness.of(spec).run(OperatorHarness.batches(SCHEMA, rows, 1000));
    MemoryBudget budget = budget(60_000);
    List<Row> actual = OperatorHarness.of(spec).withMemoryBudget(budget)
        .run(OperatorHarness.batches(SCHEMA, rows, 1000));
    assertEquals(expected, actual, "sorted by partition then order key either way");
    assertTrue(budget.spillFiles() > 1, "the input should have spilled: " + budget.spillFiles());
    assertEquals(List.of(), spillFiles());
  }

  @Test
  void onePartitionLargerThanTheBudgetFailsNamingItsKeyAndTheSetting() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      rows.add(Row.of(i % 20 == 0 ? "p" + i : "hot", i, (long) i));
    }
    OperatorHarness h = OperatorHarness.of(spec(SortKey.asc(I))).withMemoryBudget(budget(40_000));
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class,
        () -> h.run(OperatorHarness.batches(SCHEMA, rows, 1000)));
    assertEquals("MEMORY_BUDGET_EXCEEDED", e.errorClass());
    assertTrue(e.getMessage().contains("window partition of key [hot]"), e.getMessage());
    assertTrue(e.getMessage().contains("'" + MemoryBudget.CONFIG_KEY + "'"), e.getMessage());
    h.close();
    assertEquals(List.of(), spillFiles());
  }

  private static WindowSpec spec(SortKey order) {
    List<WindowFunction> fns = List.of(new WindowFunction.Ranking(RankKind.ROW_NUMBER),
        new WindowFunction.Ranking(RankKind.PERCENT_RANK), new WindowFunction.Ntile(3),
        new WindowFunction.Offset(V, -1, new Literal(-1L, DataTypes.LONG), false),
        new WindowFunction.Aggregate(AggregateFunctions.build("sum", List.of(V), false), WindowFrame.RUNNING),
        new WindowFunction.Aggregate(AggregateFunctions.build("max", List.of(V), false),
            new WindowFrame(true, -2, 1)),
        new WindowFunction.Aggregate(AggregateFunctions.build("count", List.of(V), false),
            WindowFrame.WHOLE_PARTITION));
    List<String> names = new ArrayList<>();
    for (int f = 0; f < fns.size(); f++) {
      names.add("f" + f);
    }
    return new WindowSpec(SCHEMA, List.of(P), List.of(order), fns, names);
  }

  /** {@code n} rows with unique order keys over about {@code partitions} partitions, a share {@code hot} in one, 1% null. */
  private static List<Row> rows(Random random, int n, int partitions, double hot) {
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double x = random.nextDouble();
      String p = x < 0.01 ? null : x < 0.01 + hot ? "hot" : "p" + random.nextInt(partitions);
      rows.add(Row.of(p, i, Gen.orNull(random, 0.1, (long) random.nextInt(1000))));
    }
    return rows;
  }

  private static List<String> sorted(List<Row> rows) {
    return SpillFixtures.sortedText(rows);
  }

  private MemoryBudget budget(long bytes) {
    return SpillFixtures.budget(spillRoot, bytes);
  }

  private List<Path> spillFiles() {
    return SpillFixtures.spillFiles(spillRoot);
  }
}
