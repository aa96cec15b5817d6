package io.ember.operators.sort;

import static io.ember.operators.testkit.TestExprs.col;
import static io.ember.operators.testkit.TestExprs.lit;
import static io.ember.operators.testkit.TestExprs.plus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.memory.MemoryBudget;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortOperatorTest {
  private static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("k", DataTypes.INTEGER),
      DataTypes.field("s", DataTypes.STRING),
      DataTypes.field("d", DataTypes.DOUBLE));

  private static final List<Row> ROWS = List.of(
      Row.of(3, "c", 1.0), Row.of(null, "n1", 2.0), Row.of(1, "a", Double.NaN), Row.of(3, "c2", -1.0),
      Row.of(2, null, null), Row.of(null, "n2", 0.0), Row.of(1, "a2", 5.0));

  private static List<Row> sort(SortSpec spec, int inBatch, int outBatch, boolean restore) {
    OperatorHarness h = OperatorHarness.of(spec).withBatchSize(outBatch);
    if (restore) {
      h.withSnapshotRestoreBetweenBatches();
    }
    return h.run(OperatorHarness.batches(SCHEMA, ROWS, inBatch));
  }

  @Test
  void ascendingPutsNullsFirstAndKeepsArrivalOrderOfTies() {
    List<Row> expected = List.of(
        Row.of(null, "n1", 2.0), Row.of(null, "n2", 0.0), Row.of(1, "a", Double.NaN), Row.of(1, "a2", 5.0),
        Row.of(2, null, null), Row.of(3, "c", 1.0), Row.of(3, "c2", -1.0));
    SortSpec spec = new SortSpec(SCHEMA, List.of(SortKey.column(SCHEMA, 0, true)));
    for (int in : new int[] {1, 2, 7}) {
      assertEquals(expected, sort(spec, in, 3, false));
      assertEquals(expected, sort(spec, in, 3, true));
    }
  }

  @Test
  void descendingPutsNullsLast() {
    SortSpec spec = new SortSpec(SCHEMA, List.of(SortKey.desc(col(SCHEMA, "k")), SortKey.asc(col(SCHEMA, "s"))));
    List<Row> expected = List.of(
        Row.of(3, "c", 1.0), Row.of(3, "c2", -1.0), Row.of(2, null, null), Row.of(1, "a", Double.NaN),
        Row.of(1, "a2", 5.0), Row.of(null, "n1", 2.0), Row.of(null, "n2", 0.0));
    assertEquals(expected, sort(spec, 2, 100, false));
    assertEquals("Sort([k DESC NULLS LAST, s ASC NULLS FIRST])", spec.explain());
  }

  @Test
  void explicitNullPlacementOverridesTheDefault() {
    SortSpec spec = new SortSpec(SCHEMA, List.of(new SortKey(col(SCHEMA, "d"), true, false)));
    List<Object> ds = sort(spec, 3, 100, false).stream().map(r -> r.get(2)).toList();
    assertEquals(java.util.Arrays.asList(-1.0, 0.0, 1.0, 2.0, 5.0, Double.NaN, null), ds);
  }

  @Test
  void sortsByAnExpression() {
    SortSpec spec = new SortSpec(SCHEMA, List.of(SortKey.desc(plus(col(SCHEMA, "k"), lit(10)))));
    assertEquals(3, sort(spec, 7, 100, false).get(0).get(0));
  }

  @Test
  void inAStreamEachEpochIsSortedAndEmittedAtItsEnd() {
    SortSpec topTwo = new SortSpec(SCHEMA, List.of(SortKey.desc(col(SCHEMA, "k"))), 2);
    OperatorHarness h = OperatorHarness.of(topTwo)
        .feedRows(0, SCHEMA, List.of(Row.of(1, "a", 1.0), Row.of(3, "c", 1.0), Row.of(2, "b", 1.0)), 2);
    assertEquals(List.of(), h.drainRows());
    h.endOfEpoch();
    assertEquals(List.of(Row.of(3, "c", 1.0), Row.of(2, "b", 1.0)), h.drainRows());
    h.feedRows(0, SCHEMA, List.of(Row.of(1, "a", 2.0)), 1).endOfEpoch();
    assertEquals(List.of(Row.of(1, "a", 2.0)), h.drainRows(), "the previous epoch's rows are gone");
  }

  @Test
  void emitsBatchesOfAtMostTheBatchSize() {
    OperatorHarness h = OperatorHarness.of(new SortSpec(SCHEMA, List.of(SortKey.column(SCHEMA, 0, true))))
        .withBatchSize(3)
        .feedRows(0, SCHEMA, ROWS, 7);
    assertEquals(0, h.outputBatches().size());
    h.endOfInput(0);
    assertEquals(List.of(3, 3, 1), h.outputBatches().stream().map(Batch::numRows).toList());
  }

  @Test
  void emptyInputEmitsNothing() {
    SortSpec spec = new SortSpec(SCHEMA, List.of(SortKey.column(SCHEMA, 0, true)));
    assertEquals(List.of(), OperatorHarness.of(spec).feed(0, Batch.empty(SCHEMA)).endOfInput(0).outputBatches());
  }

  @Test
  void topNKeepsTheFirstRowsOfTheOrderWithAnyBatching() {
    Random random = new Random(7);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      rows.add(Row.of(random.nextInt(50), "r" + i, (double) i));
    }
    List<Row> expected = rows.stream()
        .sorted(Comparator.comparing((Row r) -> (Integer) r.get(0)).reversed())
        .limit(17)
        .toList();
    SortSpec spec = new SortSpec(SCHEMA, List.of(SortKey.column(SCHEMA, 0, false)), 17);
    for (int in : new int[] {1, 8, 64, 500}) {
      List<Row> out = OperatorHarness.of(spec).withBatchSize(4).run(OperatorHarness.batches(SCHEMA, rows, in));
      assertEquals(expected, out);
    }
    List<Row> restored = OperatorHarness.of(spec).withBatchSize(16).withSnapshotRestoreBetweenBatches()
        .run(OperatorHarness.batches(SCHEMA, rows, 10));
    assertEquals(expected, restored);
    assertEquals("TopN(limit=17, keys=[k DESC NULLS LAST])", spec.explain());
  }

  @Test
  void topNHoldsBoundedMemory() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      rows.add(Row.of(i, "row-" + i, 1.0));
    }
    SortSpec spec = new SortSpec(SCHEMA, List.of(SortKey.column(SCHEMA, 0, false)), 3);
    List<Row> out = OperatorHarness.of(spec).withBatchSize(100).withMemoryBudget(64 * 1024)
        .run(OperatorHarness.batches(SCHEMA, rows, 100));
    assertEquals(List.of(4999, 4998, 4997), out.stream().map(r -> r.get(0)).toList());
  }

  @Test
  void fullSortOverTheMemoryBudgetSpillsToDiskInsteadOfFailing() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      rows.add(Row.of(i, "row-" + i, 1.0));
    }
    SortSpec spec = new SortSpec(SCHEMA, List.of(SortKey.column(SCHEMA, 0, false)));
    OperatorHarness h = OperatorHarness.of(spec).withMemoryBudget(64 * 1024);
    List<Row> out = h.run(OperatorHarness.batches(SCHEMA, rows, 100));
    assertEquals(5000, out.size());
    for (int i = 0; i < out.size(); i++) {
      assertEquals(4999 - i, out.get(i).get(0));
    }
    assertTrue(h.context().memory().spillFiles() > 0, "spill files: " + h.context().memory().spillFiles());
    assertEquals(0, h.context().memory().used());
  }

  @Test
  void releasesItsMemoryAfterEmitting() {
    OperatorHarness h = OperatorHarness.of(new SortSpec(SCHEMA, List.of(SortKey.column(SCHEMA, 0, true))))
        .withMemoryBudget(1 << 20)
        .feedRows(0, SCHEMA, ROWS, 2);
    assertTrue(h.context().memory().used() > 0);
    h.endOfInput(0);
    assertEquals(0, h.context().memory().used());
  }

  @Test
  void intKeysSortAcrossTheirWholeRange() {
    StructType ints = DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER));
    List<Row> rows = List.of(
        Row.of(0), Row.of(Integer.MAX_VALUE), Row.of((Object) null), Row.of(Integer.MIN_VALUE), Row.of(-1), Row.of(1));
    List<Row> asc = OperatorHarness.of(new SortSpec(ints, List.of(SortKey.column(ints, 0, true))))
        .run(List.of(Batch.fromRows(ints, rows)));
    assertEquals(java.util.Arrays.asList(null, Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE),
        asc.stream().map(r -> r.get(0)).toList());
    List<Row> desc = OperatorHarness.of(new SortSpec(ints, List.of(SortKey.column(ints, 0, false))))
        .run(List.of(Batch.fromRows(ints, rows)));
    assertEquals(java.util.Arrays.asList(Integer.MAX_VALUE, 1, 0, -1, Integer.MIN_VALUE, null),
        desc.stream().map(r -> r.get(0)).toList());
  }

  @Test
  void sortKeyDefaultsFollowSpark() {
    assertTrue(SortKey.asc(col(SCHEMA, 0)).nullsFirst());
    assertTrue(!SortKey.desc(col(SCHEMA, 0)).nullsFirst());
  }
}
