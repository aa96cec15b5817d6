package io.ember.operators.analytic;

import static io.ember.operators.testkit.TestExprs.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.aggregate.AggregateFunctions;
import io.ember.operators.aggregate.FirstLastFunction;
import io.ember.operators.analytic.WindowFunction.RankKind;
import io.ember.operators.sort.SortKey;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected rows follow Spark's documented window semantics, worked out by hand for this input. */
class WindowOperatorTest {
  private static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("p", DataTypes.STRING), DataTypes.field("o", DataTypes.INTEGER),
      DataTypes.field("v", DataTypes.LONG));

  private static final List<Row> ROWS = List.of(
      Row.of("a", 1, 10L), Row.of("a", 2, 20L), Row.of("a", 2, 30L), Row.of("a", null, 40L),
      Row.of("a", 4, null), Row.of("b", 5, 1L), Row.of(null, 1, 7L));

  private static final Expression P = col(SCHEMA, "p");
  private static final Expression O = col(SCHEMA, "o");
  private static final Expression V = col(SCHEMA, "v");

  private static List<Row> run(List<SortKey> order, List<WindowFunction> functions) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < functions.size(); i++) {
      names.add("f" + i);
    }
    WindowSpec spec = new WindowSpec(SCHEMA, List.of(P), order, functions, names);
    return OperatorHarness.of(spec).withBatchSize(2).run(OperatorHarness.batches(SCHEMA, ROWS, 3));
  }

  private static Row row(Object... values) {
    return Row.of(values);
  }

  private static WindowFunction agg(String name, WindowFrame frame) {
    return new WindowFunction.Aggregate(AggregateFunctions.build(name, List.of(V), false), frame);
  }

  @Test
  void rankingFunctionsShareRanksBetweenTiesAndPutNullKeysFirstAscending() {
    List<WindowFunction> fns = List.of(new WindowFunction.Ranking(RankKind.ROW_NUMBER),
        new WindowFunction.Ranking(RankKind.RANK), new WindowFunction.Ranking(RankKind.DENSE_RANK),
        new WindowFunction.Ranking(RankKind.PERCENT_RANK), new WindowFunction.Ranking(RankKind.CUME_DIST),
        new WindowFunction.Ntile(2));
    List<Row> expected = List.of(
        row(null, 1, 7L, 1, 1, 1, 0.0, 1.0, 1),
        row("a", null, 40L, 1, 1, 1, 0.0, 0.2, 1),
        row("a", 1, 10L, 2, 2, 2, 0.25, 0.4, 1),
        row("a", 2, 20L, 3, 3, 3, 0.5, 0.8, 1),
        row("a", 2, 30L, 4, 3, 3, 0.5, 0.8, 2),
        row("a", 4, null, 5, 5, 4, 1.0, 1.0, 2),
        row("b", 5, 1L, 1, 1, 1, 0.0, 1.0, 1));
    assertEquals(expected, run(List.of(SortKey.asc(O)), fns));
  }

  @Test
  void nullsLastPutsNullKeysAfterEveryValue() {
    List<Row> out = run(List.of(new SortKey(O, true, false)), List.of(new WindowFunction.Ranking(RankKind.RANK)));
    assertEquals(List.of(row(null, 1, 7L, 1), row("a", 1, 10L, 1), row("a", 2, 20L, 2), row("a", 2, 30L, 2),
        row("a", 4, null, 4), row("a", null, 40L, 5), row("b", 5, 1L, 1)), out);
  }

  @Test
  void ntileWithMoreBucketsThanRowsNumbersEachRow() {
    List<Row> out = run(List.of(SortKey.asc(O)), List.of(new WindowFunction.Ntile(7), new WindowFunction.Ntile(3)));
    // 5 rows in 3 buckets: sizes 2, 2, 1.
    assertEquals(List.of(row(null, 1, 7L, 1, 1), row("a", null, 40L, 1, 1), row("a", 1, 10L, 2, 1),
        row("a", 2, 20L, 3, 2), row("a", 2, 30L, 4, 2), row("a", 4, null, 5, 3), row("b", 5, 1L, 1, 1)), out);
  }

  @Test
  void lagAndLeadUseTheDefaultOutsideThePartition() {
    Expression nullDefault = new Literal(null, DataTypes.LONG);
    Expression minusOne = new Literal(-1L, DataTypes.LONG);
    List<Row> out = run(List.of(SortKey.asc(O)), List.of(new WindowFunction.Offset(V, -1, nullDefault, false),
        new WindowFunction.Offset(V, 2, minusOne, false), new WindowFunction.Offset(V, -1, minusOne, true)));
    assertEquals(List.of(
        row(null, 1, 7L, null, -1L, -1L),
        row("a", null, 40L, null, 20L, -1L),
        row("a", 1, 10L, 40L, 30L, 40L),
        row("a", 2, 20L, 10L, null, 10L),
        row("a", 2, 30L, 20L, -1L, 20L),
        row("a", 4, null, 30L, -1L, 30L),
        row("b", 5, 1L, null, -1L, -1L)), out);
  }

  @Test
  void aggregatesOverDefaultWholeAndRowsFrames() {
    List<Row> out = run(List.of(SortKey.asc(O)), List.of(agg("sum", WindowFrame.RUNNING),
        agg("count", WindowFrame.WHOLE_PARTITION), agg("sum", new WindowFrame(true, -1, 1)),
        agg("sum", new WindowFrame(true, 2, 3)), agg("count", new WindowFrame(true, 2, 3))));
    assertEquals(List.of(
        row(null, 1, 7L, 7L, 1L, 7L, null, 0L),
        row("a", null, 40L, 40L, 4L, 50L, 50L, 2L),
        row("a", 1, 10L, 50L, 4L, 70L, 30L, 1L),
        row("a", 2, 20L, 100L, 4L, 60L, null, 0L),
        row("a", 2, 30L, 100L, 4L, 50L, null, 0L),
        row("a", 4, null, 100L, 4L, 30L, null, 0L),
        row("b", 5, 1L, 1L, 1L, 1L, null, 0L)), out);
  }

  @Test
  void rangeFramesWithOffsetsFollowTheOrderDirectionAndKeepNullKeysWithTheirPeers() {
    List<Row> asc = run(List.of(SortKey.asc(O)), List.of(agg("sum", new WindowFrame(false, -1, 1))));
    assertEquals(List.of(row(null, 1, 7L, 7L), row("a", null, 40L, 40L), row("a", 1, 10L, 60L),
        row("a", 2, 20L, 60L), row("a", 2, 30L, 60L), row("a", 4, null, null), row("b", 5, 1L, 1L)), asc);
    List<Row> desc = run(List.of(SortKey.desc(O)), List.of(agg("sum", new WindowFrame(false, -1, 0))));
    assertEquals(List.of(row(null, 1, 7L, 7L), row("a", 4, null, null), row("a", 2, 20L, 50L),
        row("a", 2, 30L, 50L), row("a", 1, 10L, 60L), row("a", null, 40L, 40L), row("b", 5, 1L, 1L)), desc);
  }

  @Test
  void firstLastAndNthValueSeeTheFrameInOrder() {
    List<Row> out = run(List.of(SortKey.asc(O)), List.of(
        new WindowFunction.Aggregate(new FirstLastFunction(V, true, false), WindowFrame.RUNNING),
        new WindowFunction.Aggregate(new FirstLastFunction(V, true, true), WindowFrame.RUNNING),
        new WindowFunction.Aggregate(new FirstLastFunction(V, false, false), WindowFrame.WHOLE_PARTITION),
        new WindowFunction.NthValue(V, 2, false, WindowFrame.WHOLE_PARTITION)));
    assertEquals(List.of(
        row(null, 1, 7L, 7L, 7L, 7L, null),
        row("a", null, 40L, 40L, 40L, 40L, 10L),
        row("a", 1, 10L, 10L, 10L, 40L, 10L),
        row("a", 2, 20L, 30L, 30L, 40L, 10L),
        row("a", 2, 30L, 30L, 30L, 40L, 10L),
        row("a", 4, null, null, 30L, 40L, 10L),
        row("b", 5, 1L, 1L, 1L, 1L, null)), out);
  }

  @Test
  void rangeFrameWithOffsetsNeedsOneNumericOrderKey() {
    WindowFunction sum = agg("sum", new WindowFrame(false, -1, 0));
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> new WindowSpec(SCHEMA, List.of(), List.of(SortKey.asc(O), SortKey.asc(V)), List.of(sum), List.of("s")));
    assertEquals("DATATYPE_MISMATCH.RANGE_FRAME_INVALID_TYPE", e.errorClass());
    assertThrows(EmberIllegalArgumentException.class,
        () -> new WindowSpec(SCHEMA, List.of(), List.of(SortKey.asc(P)), List.of(sum), List.of("s")));
  }

  @Test
  void buffersWithinTheMemoryBudgetSpillsPastItAndReleasesItAfterEmitting() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      rows.add(Row.of("p" + (i % 3), i, (long) i));
    }
    WindowSpec spec = new WindowSpec(SCHEMA, List.of(P), List.of(SortKey.asc(O)),
        List.of(new WindowFunction.Ranking(RankKind.ROW_NUMBER)), List.of("rn"));
    OperatorHarness enough = OperatorHarness.of(spec).withMemoryBudget(16L << 20);
    enough.feed(0, OperatorHarness.batches(SCHEMA, rows, 100)).endOfInput(0);
    assertEquals(5000, enough.outputRows().size());
    assertEquals(0, enough.context().memory().used());
    assertEquals(0, enough.context().memory().spillFiles());
    OperatorHarness small = OperatorHarness.of(spec).withMemoryBudget(64 * 1024);
    small.feed(0, OperatorHarness.batches(SCHEMA, rows, 100)).endOfInput(0);
    assertEquals(enough.outputRows(), small.outputRows());
    assertEquals(0, small.context().memory().used());
    assertTrue(small.context().memory().spillFiles() > 0, "the input should have spilled");
  }

  @Test
  void withoutPartitionKeysTheWholeInputIsOnePartition() {
    WindowSpec spec = new WindowSpec(SCHEMA, List.of(), List.of(SortKey.desc(V)),
        List.of(new WindowFunction.Ranking(RankKind.ROW_NUMBER)), List.of("rn"));
    List<Row> out = OperatorHarness.of(spec).withBatchSize(3).run(OperatorHarness.batches(SCHEMA, ROWS, 2));
    List<Object> numbers = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (Row r : out) {
      values.add(r.get(2));
      numbers.add(r.get(3));
    }
    assertEquals(java.util.Arrays.asList(40L, 30L, 20L, 10L, 7L, 1L, null), values);
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), numbers);
    assertEquals("Window([row_number()], partition=[], order=[v DESC NULLS LAST])", spec.explain());
  }
}
