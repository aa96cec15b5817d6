package io.ember.operators.sort;

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
import io.ember.operators.internal.BatchSizes;
import io.ember.operators.memory.MemoryBudget;
import io.ember.operators.memory.SpillDirectory;
import io.ember.operators.memory.SpillException;
import io.ember.operators.testkit.OperatorHarness;
import java.io.IOException;
import java.nio.file.Files;
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
 * A sort whose input exceeds its memory budget spills sorted runs and merges them: its output equals the same
 * sort with an unlimited budget (both stable, so row for row) for seeded inputs with nulls, duplicate keys and
 * strings, over one run, many runs (merged in several passes) and no input; spill files are gone afterwards, also
 * when the task fails before or while emitting.
 */
class SortSpillTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER),
      DataTypes.field("s", DataTypes.STRING), DataTypes.field("l", DataTypes.LONG), DataTypes.field("i", DataTypes.INTEGER));

  @TempDir
  Path spillRoot;

  static Stream<Long> seeds() {
    return Seeds.of("SortSpillTest", 60);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void spillingSortEqualsTheInMemorySort(long seed) {
    Seeds.check(seed, random -> {
      List<Row> rows = rows(random, Gen.betweenWithEdges(random, 0, 3000));
      List<SortKey> keys = keys(random);
      int inputBatch = Gen.between(random, 1, 300);
      int outputBatch = Gen.between(random, 1, 500);
      List<Row> expected = OperatorHarness.of(new SortSpec(SCHEMA, keys)).withBatchSize(outputBatch)
          .run(OperatorHarness.batches(SCHEMA, rows, inputBatch));

      MemoryBudget budget = new MemoryBudget(Gen.between(random, 1_000, 60_000), SpillDirectory.of(spillRoot.toString()));
      OperatorHarness spilling = OperatorHarness.of(new SortSpec(SCHEMA, keys)).withBatchSize(outputBatch)
          .withMemoryBudget(budget);
      if (random.nextInt(4) == 0) {
        spilling.withSnapshotRestoreBetweenBatches();
      }
      assertEquals(expected, spilling.run(OperatorHarness.batches(SCHEMA, rows, inputBatch)));
      assertEquals(List.of(), filesIn(spillRoot), "spill files left behind");
      assertEquals(0, budget.used(), "reservation left after the sort emitted");
    });
  }

  @Test
  void manyRunsAreMergedInSeveralPasses() {
    Random random = new Random(7);
    List<Row> rows = rows(random, 20_000);
    List<SortKey> keys = List.of(SortKey.column(SCHEMA, 1, false), SortKey.column(SCHEMA, 0, true));
    List<Row> expected = OperatorHarness.of(new SortSpec(SCHEMA, keys)).run(OperatorHarness.batches(SCHEMA, rows, 100));

    MemoryBudget budget = new MemoryBudget(8_000, SpillDirectory.of(spillRoot.toString()));
    PermutationSort order = new PermutationSort(new boolean[] {false, true}, new boolean[] {false, true});
    ExternalSorter sorter = new ExternalSorter(SCHEMA, "Sort", order,
        b -> new io.ember.core.data.ColumnVector[] {b.column(1), b.column(0)});
    sorter.open(budget, 64);
    for (Batch b : OperatorHarness.batches(SCHEMA, rows, 100)) {
      sorter.add(b);
    }
    int runs = sorter.runCount();
    assertTrue(runs > ExternalSorter.MAX_FAN_IN, "runs: " + runs);
    List<Row> actual = new ArrayList<>();
    sorter.emitSorted(-1, b -> actual.addAll(b.toRows()));

    assertEquals(expected, actual);
    assertTrue(sorter.spillFiles() > runs, "intermediate merges write runs of their own: " + sorter.spillFiles());
    assertEquals(sorter.spillFiles(), budget.spillFiles());
    assertEquals(List.of(), filesIn(spillRoot));
    assertEquals(0, budget.used());
  }

  @Test
  void oneRunAndTheInMemoryRemainderMerge() {
    List<Row> rows = rows(new Random(11), 400);
    List<SortKey> keys = List.of(SortKey.column(SCHEMA, 0, true));
    List<Batch> input = OperatorHarness.batches(SCHEMA, rows, 200);
    List<Row> expected = OperatorHarness.of(new SortSpec(SCHEMA, keys)).run(input);
    long larger = Math.max(BatchSizes.estimate(input.get(0)), BatchSizes.estimate(input.get(1)));

    MemoryBudget budget = new MemoryBudget(larger + 10, SpillDirectory.of(spillRoot.toString()));
    assertEquals(expected, OperatorHarness.of(new SortSpec(SCHEMA, keys)).withMemoryBudget(budget).run(input));
    assertEquals(1, budget.spillFiles());
  }

  @Test
  void emptyInputWritesNothing() {
    MemoryBudget budget = new MemoryBudget(10, SpillDirectory.of(spillRoot.resolve("never").toString()));
    OperatorHarness h = OperatorHarness.of(new SortSpec(SCHEMA, List.of(SortKey.column(SCHEMA, 0, true))))
        .withMemoryBudget(budget);
    assertEquals(List.of(), h.run(List.of(Batch.empty(SCHEMA))));
    assertEquals(0, budget.spillFiles());
    assertTrue(Files.notExists(spillRoot.resolve("never")), "the spill directory is only created by a spill");
  }

  @Test
  void spillFilesAreDeletedWhenTheTaskFailsBeforeEmitting() {
    Operator sort = openSort(2_000);
    for (Batch b : OperatorHarness.batches(SCHEMA, rows(new Random(3), 3000), 100)) {
      sort.process(0, b, batch -> { });
    }
    assertTrue(!filesIn(spillRoot).isEmpty(), "the input should have spilled");
    sort.close();
    assertEquals(List.of(), filesIn(spillRoot));
  }

  @Test
  void spillFilesAreDeletedWhenEmittingFails() {
    Operator sort = openSort(2_000);
    for (Batch b : OperatorHarness.batches(SCHEMA, rows(new Random(4), 3000), 100)) {
      sort.process(0, b, batch -> { });
    }
    IllegalStateException downstream = new IllegalStateException("downstream failed");
    assertThrows(IllegalStateException.class, () -> sort.endOfInput(0, batch -> {
      throw downstream;
    }));
    sort.close();
    assertEquals(List.of(), filesIn(spillRoot));
  }

  @Test
  void anUnwritableSpillDirectoryFailsWithAnErrorNamingIt() throws IOException {
    Path notADirectory = Files.writeString(spillRoot.resolve("plain-file"), "x");
    Path wanted = notADirectory.resolve("spill");
    MemoryBudget budget = new MemoryBudget(1_000, SpillDirectory.of(wanted.toString()));
    OperatorHarness h = OperatorHarness.of(new SortSpec(SCHEMA, List.of(SortKey.column(SCHEMA, 0, true))))
        .withMemoryBudget(budget);
    SpillException e = assertThrows(SpillException.class,
        () -> h.run(OperatorHarness.batches(SCHEMA, rows(new Random(5), 500), 100)));
    assertEquals("SPILL_DIRECTORY_NOT_WRITABLE", e.errorClass());
    assertTrue(e.getMessage().contains(wanted.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(SpillDirectory.CONFIG_KEY), e.getMessage());
    assertEquals(wanted, e.directory());
  }

  private Operator openSort(long budgetBytes) {
    Operator sort = new SortSpec(SCHEMA, List.of(SortKey.column(SCHEMA, 1, true))).create();
    OperatorContext test = OperatorContext.forTest();
    sort.open(new OperatorContext(0, 1, test.eval(),
        new MemoryBudget(budgetBytes, SpillDirectory.of(spillRoot.toString())), 128));
    return sort;
  }

  private static List<SortKey> keys(Random random) {
    List<SortKey> keys = new ArrayList<>();
    int count = Gen.between(random, 1, 3);
    for (int k = 0; k < count; k++) {
      int column = Gen.between(random, 0, 2);
      keys.add(new SortKey(SortKey.column(SCHEMA, column, true).expression(), random.nextBoolean(), random.nextBoolean()));
    }
    return keys;
  }

  /** Rows with few distinct keys (so many ties), nulls in every key column and a unique last column. */
  private static List<Row> rows(Random random, int n) {
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Integer k = Gen.orNull(random, 0.1, random.nextInt(20));
      String s = Gen.orNull(random, 0.1, Gen.string(random, 6));
      Long l = Gen.orNull(random, 0.1, (long) random.nextInt(50) - 25);
      rows.add(Row.of(k, s, l, i));
    }
    return rows;
  }

  private static List<Path> filesIn(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith("spill-")).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
