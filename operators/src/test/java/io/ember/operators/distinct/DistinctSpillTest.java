package io.ember.operators.distinct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
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
 * {@code distinct()} and {@code dropDuplicates(cols)} past the task's budget spill their seen keys and later rows by
 * key hash: over seeded inputs with nulls, -0.0 and skewed keys the output is the same rows as in memory (each key's
 * first row in arrival order); partitions still too large spill again; files are gone afterwards, also on failure.
 */
class DistinctSpillTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER),
      DataTypes.field("b", DataTypes.STRING), DataTypes.field("c", DataTypes.DOUBLE));

  @TempDir
  Path spillRoot;

  static Stream<Long> seeds() {
    return Seeds.of("DistinctSpillTest", 40);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void spilledDeduplicationEqualsTheInMemoryOne(long seed) {
    Seeds.check(seed, random -> {
      List<Row> rows = rows(random, Gen.betweenWithEdges(random, 0, 4000), Gen.between(random, 1, 3000));
      List<Integer> keys = Gen.oneOf(random, List.<Integer>of(), List.of(0), List.of(1, 2), List.of(2));
      DistinctSpec spec = new DistinctSpec(SCHEMA, keys);
      int inBatch = Gen.between(random, 32, 400);
      List<Row> expected = OperatorHarness.of(spec).run(OperatorHarness.batches(SCHEMA, rows, inBatch));

      MemoryBudget budget = budget(Gen.between(random, 20_000, 80_000));
      List<Row> actual = OperatorHarness.of(spec).withBatchSize(Gen.between(random, 1, 500)).withMemoryBudget(budget)
          .run(OperatorHarness.batches(SCHEMA, rows, inBatch));

      assertEquals(sorted(expected), sorted(actual), spec.explain());
      assertEquals(List.of(), spillFiles(), "spill files left behind");
      assertEquals(0, budget.used());
    });
  }

  @Test
  void partitionsStillTooLargeSpillAgainAndTheAnswerStaysTheSame() {
    List<Row> rows = rows(new Random(5), 60_000, 40_000);
    DistinctSpec spec = DistinctSpec.allColumns(SCHEMA);
    List<Row> expected = OperatorHarness.of(spec).run(OperatorHarness.batches(SCHEMA, rows, 1000));
    MemoryBudget budget = budget(30_000);
    List<Row> actual = OperatorHarness.of(spec).withMemoryBudget(budget)
        .run(OperatorHarness.batches(SCHEMA, rows, 1000));
    assertEquals(sorted(expected), sorted(actual));
    assertTrue(budget.spillFiles() > 4L * PartitionedSpill.PARTITIONS,
        "first-level partitions should have spilled again: " + budget.spillFiles() + " files");
    assertEquals(List.of(), spillFiles());
  }

  @Test
  void spillFilesAreDeletedWhenTheTaskFailsWhileEmitting() {
    DistinctSpec spec = new DistinctSpec(SCHEMA, List.of(0));
    List<Batch> input = OperatorHarness.batches(SCHEMA, rows(new Random(9), 20_000, 15_000), 500);
    Operator op = spec.create();
    op.open(new OperatorContext(0, 1, OperatorContext.forTest().eval(), budget(20_000), 512));
    input.forEach(b -> op.process(0, b, out -> { }));
    assertTrue(!spillFiles().isEmpty(), "the keys should have spilled");
    int[] emitted = {0};
    assertThrows(IllegalStateException.class, () -> op.endOfInput(0, out -> {
      if (++emitted[0] == 2) {
        throw new IllegalStateException("downstream failed");
      }
    }));
    op.close();
    assertEquals(List.of(), spillFiles());
  }

  /** {@code n} rows, keys over about {@code keyRange} values with a hot one, nulls and -0.0. */
  private static List<Row> rows(Random random, int n, int keyRange) {
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int k = random.nextInt(10) == 0 ? 7 : random.nextInt(keyRange);
      double c = switch (random.nextInt(4)) {
        case 0 -> -0.0;
        case 1 -> 0.0;
        default -> k % 5;
      };
      rows.add(Row.of(Gen.orNull(random, 0.05, k), Gen.orNull(random, 0.05, "s" + (k % 97)),
          Gen.orNull(random, 0.05, c)));
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
