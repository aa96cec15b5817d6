package io.ember.operators.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.memory.MemoryBudget;
import io.ember.operators.testkit.SpillFixtures;
import io.ember.operators.memory.PartitionedSpill;
import io.ember.operators.testkit.OperatorHarness;
import io.ember.operators.testkit.TestExprs;
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
 * A hash join whose build side exceeds the task's budget becomes a grace hash join: for every join type, either build
 * side, one int key (the LongBuildIndex path) or an int and a string key (the chained index), with and without an
 * extra condition, over seeded inputs with null keys and a skewed hot key, the spilled answer equals the in-memory
 * one; partitions still too large spill again; one key larger than the budget fails naming its size and the setting;
 * spill files are gone afterwards, also when the task fails; a join probed by a stream never spills.
 */
class JoinSpillTest {
  private static final StructType LEFT = DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER),
      DataTypes.field("k2", DataTypes.STRING), DataTypes.field("v", DataTypes.INTEGER));
  private static final StructType RIGHT = DataTypes.struct(DataTypes.field("rk", DataTypes.INTEGER),
      DataTypes.field("rk2", DataTypes.STRING), DataTypes.field("w", DataTypes.INTEGER));

  @TempDir
  Path spillRoot;

  static Stream<Long> seeds() {
    return Seeds.of("JoinSpillTest", 8);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void spilledJoinEqualsTheInMemoryJoin(long seed) {
    Seeds.check(seed, random -> {
      for (JoinType type : JoinType.values()) {
        spilledJoinEqualsTheInMemoryJoin(random, type);
      }
    });
  }

  private void spilledJoinEqualsTheInMemoryJoin(Random random, JoinType type) {
    {
      BuildSide build = Gen.oneOf(random, BuildSide.class);
      int[] keys = random.nextBoolean() ? new int[] {0} : new int[] {0, 1};
      boolean withCondition = random.nextInt(3) == 0;
      int keyRange = Gen.between(random, 1, 2000);
      double hot = random.nextBoolean() ? 0 : 0.08;
      List<Row> left = rows(random, Gen.betweenWithEdges(random, 0, 2000), keyRange, hot);
      List<Row> right = rows(random, Gen.betweenWithEdges(random, 0, 2000), keyRange, hot);
      HashJoinSpec spec = spec(type, keys, withCondition, build);
      int inBatch = Gen.between(random, 64, 400);
      List<Row> expected = run(spec, left, right, inBatch, OperatorHarness.of(spec));

      MemoryBudget budget = budget(Gen.between(random, 25_000, 80_000));
      OperatorHarness h = OperatorHarness.of(spec).withBatchSize(Gen.between(random, 1, 500)).withMemoryBudget(budget);
      List<Row> actual = run(spec, left, right, inBatch, h);

      assertEquals(JoinReference.multiset(expected), JoinReference.multiset(actual), spec.explain());
      assertEquals(List.of(), spillFiles(), "spill files left behind");
      assertEquals(0, budget.used());
    }
  }

  @Test
  void aPartitionStillTooLargeSpillsAgain() {
    Random random = new Random(7);
    List<Row> left = rows(random, 12_000, 5_000, 0.01);
    List<Row> right = rows(random, 12_000, 5_000, 0.01);
    for (int[] keys : List.of(new int[] {0}, new int[] {0, 1})) {
      {
        HashJoinSpec spec = spec(JoinType.FULL_OUTER, keys, false, BuildSide.RIGHT);
        List<Row> expected = run(spec, left, right, 1000, OperatorHarness.of(spec));
        MemoryBudget budget = budget(12_000);
        List<Row> actual = run(spec, left, right, 1000, OperatorHarness.of(spec).withMemoryBudget(budget));
        assertEquals(JoinReference.multiset(expected), JoinReference.multiset(actual), spec.explain());
        assertTrue(budget.spillFiles() > 2L * PartitionedSpill.PARTITIONS,
            spec.explain() + ": a first-level partition should have spilled again: " + budget.spillFiles());
        assertEquals(List.of(), spillFiles());
      }
    }
  }

  @Test
  void oneKeyLargerThanTheBudgetFailsNamingTheKeyAndTheSettingAndLeavesNoFile() {
    List<Row> right = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      right.add(Row.of(i % 10 == 0 ? i : 42, "x", i));
    }
    HashJoinSpec spec = spec(JoinType.INNER, new int[] {0}, false, BuildSide.RIGHT);
    Operator join = spec.create();
    join.open(new OperatorContext(0, 1, OperatorContext.forTest().eval(), budget(50_000), 512));
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> {
      for (Batch b : OperatorHarness.batches(RIGHT, right, 500)) {
        join.process(0, b, out -> { });
      }
      join.endOfInput(0, out -> { });
      join.process(1, OperatorHarness.batches(LEFT, List.of(Row.of(42, "x", 1)), 1).get(0), out -> { });
      join.endOfInput(1, out -> { });
    });
    assertEquals("MEMORY_BUDGET_EXCEEDED", e.errorClass());
    assertTrue(e.getMessage().contains("single join key [42]"), e.getMessage());
    assertTrue(e.getMessage().contains("'" + MemoryBudget.CONFIG_KEY + "'"), e.getMessage());
    join.close();
    assertEquals(List.of(), spillFiles());
  }

  @Test
  void spillFilesAreDeletedWhenTheTaskFailsWhileProbingOrEmitting() {
    Random random = new Random(11);
    HashJoinSpec spec = spec(JoinType.FULL_OUTER, new int[] {0, 1}, false, BuildSide.LEFT);
    List<Batch> build = OperatorHarness.batches(LEFT, rows(random, 8_000, 3_000, 0), 500);
    List<Batch> probe = OperatorHarness.batches(RIGHT, rows(random, 8_000, 3_000, 0), 500);

    Operator whileProbing = spec.create();
    whileProbing.open(new OperatorContext(0, 1, OperatorContext.forTest().eval(), budget(40_000), 512));
    build.forEach(b -> whileProbing.process(0, b, out -> { }));
    whileProbing.endOfInput(0, out -> { });
    probe.forEach(b -> whileProbing.process(1, b, out -> { }));
    assertTrue(!spillFiles().isEmpty(), "both sides should have spilled");
    whileProbing.close();
    assertEquals(List.of(), spillFiles());

    Operator whileEmitting = spec.create();
    whileEmitting.open(new OperatorContext(0, 1, OperatorContext.forTest().eval(), budget(40_000), 512));
    build.forEach(b -> whileEmitting.process(0, b, out -> { }));
    whileEmitting.endOfInput(0, out -> { });
    probe.forEach(b -> whileEmitting.process(1, b, out -> { }));
    int[] emitted = {0};
    assertThrows(IllegalStateException.class, () -> whileEmitting.endOfInput(1, out -> {
      if (++emitted[0] == 3) {
        throw new IllegalStateException("downstream failed");
      }
    }));
    whileEmitting.close();
    assertEquals(List.of(), spillFiles());
  }

  @Test
  void aJoinProbedByAStreamDoesNotSpillItsBuildSide() {
    HashJoinSpec spec = spec(JoinType.INNER, new int[] {0}, false, BuildSide.RIGHT).withSpillable(false);
    List<Row> right = rows(new Random(3), 5_000, 1_000, 0);
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> OperatorHarness.of(spec)
        .withMemoryBudget(budget(20_000)).run(OperatorHarness.batches(RIGHT, right, 500), List.of()));
    assertEquals("MEMORY_BUDGET_EXCEEDED", e.errorClass());
    assertEquals(List.of(), spillFiles());
  }

  private static List<Row> run(HashJoinSpec spec, List<Row> left, List<Row> right, int inBatch, OperatorHarness h) {
    List<Batch> l = OperatorHarness.batches(LEFT, left, inBatch);
    List<Batch> r = OperatorHarness.batches(RIGHT, right, inBatch);
    return spec.buildSide() == BuildSide.LEFT ? h.run(l, r) : h.run(r, l);
  }

  private static HashJoinSpec spec(JoinType type, int[] keys, boolean withCondition, BuildSide build) {
    Expression condition = withCondition ? TestExprs.cmp("<", new ColumnRef(2, "v", DataTypes.INTEGER, true),
        new ColumnRef(5, "w", DataTypes.INTEGER, true)) : null;
    return new HashJoinSpec(type, LEFT, RIGHT, refs(LEFT, keys), refs(RIGHT, keys), condition, build);
  }

  private static List<Expression> refs(StructType schema, int[] columns) {
    List<Expression> out = new ArrayList<>();
    for (int c : columns) {
      out.add(new ColumnRef(c, schema.field(c).name(), schema.field(c).dataType(), true));
    }
    return out;
  }

  /** {@code n} rows over {@code keyRange} keys, {@code hot} of them on key 0, with null keys and values. */
  private static List<Row> rows(Random random, int n, int keyRange, double hot) {
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int key = random.nextDouble() < hot ? 0 : random.nextInt(keyRange);
      rows.add(Row.of(Gen.orNull(random, 0.05, key), Gen.orNull(random, 0.05, key % 3 == 0 ? "a" : "bb"),
          Gen.orNull(random, 0.1, random.nextInt(100))));
    }
    return rows;
  }

  private MemoryBudget budget(long bytes) {
    return SpillFixtures.budget(spillRoot, bytes);
  }

  private List<Path> spillFiles() {
    return SpillFixtures.spillFiles(spillRoot);
  }
}
