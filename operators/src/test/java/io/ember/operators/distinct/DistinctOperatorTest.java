package io.ember.operators.distinct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DistinctOperatorTest {
  private static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("k", DataTypes.INTEGER),
      DataTypes.field("s", DataTypes.STRING),
      DataTypes.field("v", DataTypes.LONG));

  private static final List<Row> ROWS = List.of(
      Row.of(1, "a", 10L), Row.of(1, "a", 10L), Row.of(null, "b", 1L), Row.of(2, null, 2L),
      Row.of(null, "b", 1L), Row.of(2, null, 2L), Row.of(1, "a", 11L), Row.of(null, null, null), Row.of(null, null, null));

  private static List<Row> run(DistinctSpec spec, int batchRows, boolean restore) {
    OperatorHarness h = OperatorHarness.of(spec);
    if (restore) {
      h.withSnapshotRestoreBetweenBatches();
    }
    return h.run(OperatorHarness.batches(SCHEMA, ROWS, batchRows));
  }

  @Test
  void distinctOnAllColumnsTreatsNullsAsEqual() {
    List<Row> expected = List.of(
        Row.of(1, "a", 10L), Row.of(null, "b", 1L), Row.of(2, null, 2L), Row.of(1, "a", 11L), Row.of(null, null, null));
    for (int size : new int[] {1, 2, 4, 9}) {
      assertEquals(expected, run(DistinctSpec.allColumns(SCHEMA), size, false));
      assertEquals(expected, run(DistinctSpec.allColumns(SCHEMA), size, true));
    }
  }

  @Test
  void dropDuplicatesOnKeyColumnsKeepsTheFirstRowPerKey() {
    DistinctSpec spec = new DistinctSpec(SCHEMA, List.of(1, 0));
    List<Row> expected = List.of(Row.of(1, "a", 10L), Row.of(null, "b", 1L), Row.of(2, null, 2L), Row.of(null, null, null));
    for (int size : new int[] {1, 3, 9}) {
      assertEquals(expected, run(spec, size, false));
      assertEquals(expected, run(spec, size, true));
    }
    assertEquals("Deduplicate(keys=[s, k])", spec.explain());
  }

  @Test
  void streamsFirstSeenRowsWithoutWaitingForTheEnd() {
    OperatorHarness h = OperatorHarness.of(new DistinctSpec(SCHEMA, List.of(0)));
    h.feedRows(0, SCHEMA, ROWS.subList(0, 3), 3);
    assertEquals(List.of(Row.of(1, "a", 10L), Row.of(null, "b", 1L)), h.drainRows());
    h.feedRows(0, SCHEMA, ROWS.subList(3, 9), 3);
    assertEquals(List.of(Row.of(2, null, 2L)), h.drainRows());
  }

  @Test
  void manyKeysGrowTheTableAndMatchAReference() {
    Random random = new Random(3);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      int k = random.nextInt(700);
      rows.add(Row.of(k % 10 == 0 ? null : k, "s" + (k % 7), (long) i));
    }
    Map<List<Object>, Row> first = new LinkedHashMap<>();
    for (Row r : rows) {
      first.putIfAbsent(java.util.Arrays.asList(r.get(0), r.get(1)), r);
    }
    List<Row> out = OperatorHarness.of(new DistinctSpec(SCHEMA, List.of(0, 1)))
        .run(OperatorHarness.batches(SCHEMA, rows, 256));
    assertEquals(new ArrayList<>(first.values()), out);
  }

  @Test
  void emptyInputEmitsNothing() {
    assertEquals(List.of(), OperatorHarness.of(DistinctSpec.allColumns(SCHEMA)).run(List.of(Batch.empty(SCHEMA))));
  }

  @Test
  void overTheMemoryBudgetSpillsInsteadOfFailing() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20000; i++) {
      rows.add(Row.of(i, "value-" + i, (long) i));
    }
    OperatorHarness h = OperatorHarness.of(DistinctSpec.allColumns(SCHEMA)).withMemoryBudget(100_000);
    h.feed(0, OperatorHarness.batches(SCHEMA, rows, 1000)).feed(0, OperatorHarness.batches(SCHEMA, rows, 700))
        .endOfInput(0);
    assertEquals(20000, h.outputRows().size());
    assertTrue(h.context().memory().spillFiles() > 0, "the keys should have spilled");
    h.close();
    assertEquals(0, h.context().memory().used());
  }

  @Test
  void releasesItsMemoryOnClose() {
    OperatorHarness h = OperatorHarness.of(DistinctSpec.allColumns(SCHEMA)).withMemoryBudget(1 << 20)
        .feedRows(0, SCHEMA, ROWS, 4);
    assertTrue(h.context().memory().used() > 0);
    h.close();
    assertEquals(0, h.context().memory().used());
  }

  @Test
  void rejectsKeyOutsideTheSchema() {
    EmberIllegalArgumentException e =
        assertThrows(EmberIllegalArgumentException.class, () -> new DistinctSpec(SCHEMA, List.of(3)));
    assertEquals("[INTERNAL_ERROR] Distinct key column 3 is outside struct<k:int,s:string,v:bigint>", e.getMessage());
  }
}
