package io.ember.operators.expand;

import static io.ember.operators.testkit.TestExprs.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.aggregate.AggregateFunctions;
import io.ember.operators.aggregate.HashAggregateSpec;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpandOperatorTest {
  private static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("k", DataTypes.STRING),
      DataTypes.field("g", DataTypes.INTEGER, false),
      DataTypes.field("v", DataTypes.LONG));

  private static final List<Row> ROWS = List.of(
      Row.of("a", 1, 10L), Row.of("a", 2, 20L), Row.of(null, 1, 5L), Row.of("b", 1, null));

  /** ROLLUP(k, g): the lists (v, k, g, 0), (v, k, null, 1), (v, null, null, 3). */
  private static ExpandSpec rollup() {
    Expression v = col(SCHEMA, "v");
    Expression k = col(SCHEMA, "k");
    Expression g = col(SCHEMA, "g");
    Expression nullK = new Literal(null, DataTypes.STRING);
    Expression nullG = new Literal(null, DataTypes.INTEGER);
    return new ExpandSpec(SCHEMA, List.of(
        List.of(v, k, g, new Literal(0L, DataTypes.LONG)),
        List.of(v, k, nullG, new Literal(1L, DataTypes.LONG)),
        List.of(v, nullK, nullG, new Literal(3L, DataTypes.LONG))),
        List.of("v", "k", "g", "spark_grouping_id"));
  }

  @Test
  void projectsEveryRowOncePerListInListOrderPerBatch() {
    List<Row> out = OperatorHarness.of(rollup()).run(OperatorHarness.batches(SCHEMA, ROWS, 2));
    List<Row> expected = List.of(
        Row.of(10L, "a", 1, 0L), Row.of(20L, "a", 2, 0L),
        Row.of(10L, "a", null, 1L), Row.of(20L, "a", null, 1L),
        Row.of(10L, null, null, 3L), Row.of(20L, null, null, 3L),
        Row.of(5L, null, 1, 0L), Row.of(null, "b", 1, 0L),
        Row.of(5L, null, null, 1L), Row.of(null, "b", null, 1L),
        Row.of(5L, null, null, 3L), Row.of(null, null, null, 3L));
    assertEquals(expected, out);
  }

  @Test
  void aDataNullStaysApartFromARolledUpNullUnderAnAggregateOnTheGroupingId() {
    ExpandSpec expand = rollup();
    List<Row> expanded = OperatorHarness.of(expand).run(OperatorHarness.batches(SCHEMA, ROWS, 3));
    StructType es = expand.outputSchema();
    HashAggregateSpec agg = HashAggregateSpec.complete(es,
        List.of(col(es, "k"), col(es, "g"), col(es, "spark_grouping_id")), List.of("k", "g", "gid"),
        List.of(AggregateFunctions.build("sum", List.of(col(es, "v")), false)), List.of("s"));
    List<Row> out = new ArrayList<>(OperatorHarness.of(agg).run(OperatorHarness.batches(es, expanded, 5)));
    out.sort(Comparator.comparing(Row::toString));
    List<Row> expected = new ArrayList<>(List.of(
        Row.of("a", 1, 0L, 10L), Row.of("a", 2, 0L, 20L), Row.of(null, 1, 0L, 5L), Row.of("b", 1, 0L, null),
        Row.of("a", null, 1L, 30L), Row.of(null, null, 1L, 5L), Row.of("b", null, 1L, null),
        Row.of(null, null, 3L, 35L)));
    expected.sort(Comparator.comparing(Row::toString));
    assertEquals(expected, out);
  }

  @Test
  void passesUnchangedColumnsThroughAndSkipsEmptyBatches() {
    Batch in = Batch.fromRows(SCHEMA, ROWS);
    OperatorHarness h = OperatorHarness.of(rollup()).feed(0, Batch.empty(SCHEMA), in);
    List<Batch> out = h.outputBatches();
    assertEquals(3, out.size());
    assertSame(in.column(2), out.get(0).column(0));
    assertSame(in.column(0), out.get(1).column(1));
    for (int r = 0; r < 4; r++) {
      assertEquals(true, out.get(2).column(1).isNull(r));
    }
  }

  @Test
  void outputColumnIsNullableWhenAnyListLeavesItOut() {
    assertEquals(DataTypes.struct(
        DataTypes.field("v", DataTypes.LONG),
        DataTypes.field("k", DataTypes.STRING),
        DataTypes.field("g", DataTypes.INTEGER, true),
        DataTypes.field("spark_grouping_id", DataTypes.LONG, false)), rollup().outputSchema());
    assertEquals("Expand([[v, k, g, 0], [v, k, NULL, 1], [v, NULL, NULL, 3]], [v, k, g, spark_grouping_id])",
        rollup().explain());
  }

  @Test
  void rejectsListsOfOtherWidthsOrTypes() {
    Expression k = col(SCHEMA, "k");
    assertThrows(EmberIllegalArgumentException.class,
        () -> new ExpandSpec(SCHEMA, List.of(List.of(k), List.of(k, k)), List.of("k")));
    assertThrows(EmberIllegalArgumentException.class,
        () -> new ExpandSpec(SCHEMA, List.of(List.of(k), List.of(col(SCHEMA, "g"))), List.of("k")));
    assertThrows(EmberIllegalArgumentException.class, () -> new ExpandSpec(SCHEMA, List.of(), List.of("k")));
  }
}
