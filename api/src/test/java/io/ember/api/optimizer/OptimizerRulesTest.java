package io.ember.api.optimizer;

import static io.ember.api.execution.Plans.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.ember.api.analysis.Analyzer;
import io.ember.api.analysis.PlanTrees;
import io.ember.api.analysis.ResolvedPlan;
import io.ember.api.execution.PushdownSource;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.Op;
import io.ember.api.logical.PlanIds;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.expr.EvalContext;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerRulesTest {
  private static final StructType S = schema("a", DataTypes.INTEGER, "b", DataTypes.STRING, "c", DataTypes.LONG);
  private final LogicalPlan t = local(S, Row.of(1, "x", 2L));
  private final LogicalPlan u = local(schema("a", DataTypes.INTEGER, "d", DataTypes.STRING), Row.of(1, "y"));

  private static ResolvedPlan analyze(LogicalPlan p) {
    return new Analyzer(false).analyze(p);
  }

  private static String tree(ResolvedPlan p) {
    return PlanTrees.resolved(p);
  }

  private static String apply(Rule r, LogicalPlan p) {
    return tree(r.apply(analyze(p)));
  }

  @Test
  void constantFoldingEvaluatesLiteralArithmetic() {
    LogicalPlan q = filter(t, op(Op.GREATER_THAN, col("a"), op(Op.ADD, lit(1), lit(2))));
    assertEquals("Filter (a > 3)\n+- LocalRelation [a, b, c], 1 rows\n",
        apply(new ConstantFolding(EvalContext.defaults()), q));
  }

  @Test
  void constantFoldingLeavesAFailingConstantForRuntime() {
    LogicalPlan q = select(t, as(op(Op.DIVIDE, lit(1), lit(0)), "x"));
    assertEquals("Project [(1.0 / 0.0) AS x]\n+- LocalRelation [a, b, c], 1 rows\n",
        apply(new ConstantFolding(EvalContext.defaults()), q));
  }

  @Test
  void trueConjunctsDisappearAndFalseFilterIsEmpty() {
    Rule simplify = new BooleanSimplification();
    LogicalPlan keep = filter(t, op(Op.AND, lit(true), op(Op.GREATER_THAN, col("a"), lit(1))));
    assertEquals("Filter (a > 1)\n+- LocalRelation [a, b, c], 1 rows\n", apply(simplify, keep));
    assertEquals("LocalRelation [a, b, c], 1 rows\n", apply(simplify, filter(t, lit(true))));
    assertEquals("LocalRelation [a, b, c], 0 rows\n", apply(simplify, filter(t, lit(false))));
    LogicalPlan or = filter(t, op(Op.OR, lit(false), op(Op.NOT, op(Op.NOT, op(Op.IS_NULL, col("b"))))));
    assertEquals("Filter (b IS NULL)\n+- LocalRelation [a, b, c], 1 rows\n", apply(simplify, or));
  }

  @Test
  void adjacentFiltersCombine() {
    LogicalPlan q = filter(filter(t, op(Op.GREATER_THAN, col("a"), lit(1))), op(Op.IS_NOT_NULL, col("b")));
    assertEquals("Filter (a > 1) AND (b IS NOT NULL)\n+- LocalRelation [a, b, c], 1 rows\n",
        apply(new CombineFilters(), q));
  }

  @Test
  void adjacentProjectsMergeByInlining() {
    LogicalPlan q = select(select(t, as(op(Op.ADD, col("a"), lit(1)), "x"), col("b")), as(op(Op.MULTIPLY, col("x"),
        lit(2)), "y"));
    assertEquals("Project [((a + 1) * 2) AS y]\n+- LocalRelation [a, b, c], 1 rows\n",
        apply(new CombineProjects(), q));
  }

  @Test
  void filterMovesBelowAProjectWithTheExpressionInlined() {
    LogicalPlan q = filter(select(t, as(op(Op.ADD, col("a"), lit(1)), "x")), op(Op.GREATER_THAN, col("x"), lit(5)));
    assertEquals("Project [(a + 1) AS x]\n+- Filter ((a + 1) > 5)\n   +- LocalRelation [a, b, c], 1 rows\n",
        apply(new PushDownPredicates(), q));
  }

  @Test
  void filterAboveInnerJoinSplitsToBothSides() {
    LogicalPlan j = join(t, u, "inner", op(Op.EQUAL, col(t, "a"), col(u, "a")));
    LogicalPlan q = filter(j, op(Op.AND, op(Op.GREATER_THAN, col(t, "c"), lit(1L)),
        op(Op.EQUAL, col("d"), lit("y"))));
    assertEquals("Join Inner, keys=[a] = [a]\n"
        + ":- Filter (c > 1)\n:  +- LocalRelation [a, b, c], 1 rows\n"
        + "+- Filter (d = 'y')\n   +- LocalRelation [a, d], 1 rows\n", apply(new PushDownPredicates(), q));
  }

  @Test
  void filterOnThePaddedSideOfAnOuterJoinStaysAbove() {
    LogicalPlan j = join(t, u, "left_outer", op(Op.EQUAL, col(t, "a"), col(u, "a")));
    LogicalPlan q = filter(j, op(Op.AND, op(Op.GREATER_THAN, col(t, "c"), lit(1L)), op(Op.IS_NULL, col("d"))));
    assertEquals("Filter (d IS NULL)\n+- Join LeftOuter, keys=[a] = [a]\n"
        + "   :- Filter (c > 1)\n   :  +- LocalRelation [a, b, c], 1 rows\n"
        + "   +- LocalRelation [a, d], 1 rows\n", apply(new PushDownPredicates(), q));
  }

  @Test
  void fullOuterJoinKeepsEveryFilterAbove() {
    LogicalPlan j = join(t, u, "full", op(Op.EQUAL, col(t, "a"), col(u, "a")));
    LogicalPlan q = filter(j, op(Op.GREATER_THAN, col(t, "c"), lit(1L)));
    assertEquals(tree(analyze(q)), apply(new PushDownPredicates(), q));
  }

  @Test
  void oneSidedJoinConditionMovesToTheSideItCannotDropRowsFrom() {
    LogicalPlan q = join(t, u, "left_outer", op(Op.AND, op(Op.EQUAL, col(t, "a"), col(u, "a")),
        op(Op.AND, op(Op.EQUAL, col("d"), lit("y")), op(Op.GREATER_THAN, col("c"), lit(0L)))));
    assertEquals("Join LeftOuter, keys=[a] = [a], condition=(c > 0)\n"
        + ":- LocalRelation [a, b, c], 1 rows\n"
        + "+- Filter (d = 'y')\n   +- LocalRelation [a, d], 1 rows\n", apply(new PushDownPredicates(), q));
  }

  @Test
  void filterOnGroupingKeyMovesBelowTheAggregate() {
    LogicalPlan agg = groupBy(t, List.of(col("b")), as(call("sum", col("c")), "s"));
    LogicalPlan q = filter(agg, op(Op.AND, op(Op.EQUAL, col("b"), lit("x")), op(Op.GREATER_THAN, col("s"), lit(1L))));
    assertEquals("Filter (s > 1)\n+- Aggregate keys=[b], functions=[sum(c)]\n"
        + "   +- Filter (b = 'x')\n      +- LocalRelation [a, b, c], 1 rows\n", apply(new PushDownPredicates(), q));
  }

  private LogicalPlan pushdownScan() {
    Batch b = Batch.fromRows(S, List.of(Row.of(1, "x", 2L), Row.of(5, "y", 3L)));
    return new LogicalPlan.SourceScan(PlanIds.next(), new PushdownSource(S, List.of(b)));
  }

  @Test
  void filtersAndNeededColumnsArePushedIntoTheScan() {
    LogicalPlan q = select(filter(pushdownScan(), op(Op.GREATER_THAN, col("a"), lit(1))), col("c"));
    ResolvedPlan opt = new Optimizer(EvalContext.defaults()).optimize(analyze(q));
    ResolvedPlan.Scan s = assertInstanceOf(ResolvedPlan.Scan.class, opt);
    assertEquals("filters=[(a > 1)] columns=[2]", ((PushdownSource) s.source()).pushed());
    assertEquals(List.of("c"), s.schema().fieldNames());
    assertEquals(List.of("(a > 1)"), s.pushedFilters().stream().map(e -> e.sql()).toList());
  }

  @Test
  void pruningKeepsColumnsAFilterAboveAJoinReads() {
    LogicalPlan scan = pushdownScan();
    LogicalPlan j = join(scan, u, "left_outer", op(Op.EQUAL, col(scan, "a"), col(u, "a")));
    LogicalPlan q = select(filter(j, op(Op.IS_NULL, col("d"))), col("c"));
    ResolvedPlan opt = new Optimizer(EvalContext.defaults()).optimize(analyze(q));
    assertEquals("Project [c]\n"
        + "+- Filter (d IS NULL)\n"
        + "   +- Join LeftOuter, keys=[a] = [a]\n"
        + "      :- Scan PushdownScan [a, c] pushed: columns=[0, 2] [a, c]\n"
        + "      +- LocalRelation [a, d], 1 rows\n", tree(opt));
  }

  @Test
  void optimizedPlanKeepsTheOutputColumns() {
    LogicalPlan q = sort(select(pushdownScan(), col("b"), col("a")), asc(col("a")));
    ResolvedPlan opt = new Optimizer(EvalContext.defaults()).optimize(analyze(q));
    assertEquals(List.of("b", "a"), opt.schema().fieldNames());
  }

  @Test
  void sortBelowAnOrderIndependentAggregateIsRemoved() {
    LogicalPlan sorted = sort(t, asc(col("a")));
    assertEquals("Aggregate keys=[b], functions=[sum(c)]\n+- LocalRelation [a, b, c], 1 rows\n",
        apply(new EliminateSorts(), groupBy(sorted, List.of(col("b")), as(call("sum", col("c")), "s"))));
    LogicalPlan firsts = groupBy(sorted, List.of(col("b")), as(call("first", col("c")), "f"));
    assertEquals(tree(analyze(firsts)), apply(new EliminateSorts(), firsts));
  }

  @Test
  void projectsDoNotMergeWhenAComputedColumnWouldBeEvaluatedTwice() {
    LogicalPlan q = select(select(t, as(op(Op.ADD, col("a"), lit(1)), "x")), as(op(Op.MULTIPLY, col("x"), col("x")),
        "y"));
    assertEquals(tree(analyze(q)), apply(new CombineProjects(), q));
  }

  @Test
  void longChainsOfDerivedColumnsOptimizeQuickly() {
    LogicalPlan p = select(t, as(col("a"), "x0"));
    for (int i = 1; i <= 40; i++) {
      p = select(p, as(op(Op.ADD, col("x" + (i - 1)), col("x" + (i - 1))), "x" + i));
    }
    p = filter(p, op(Op.GREATER_THAN, col("x40"), lit(0)));
    ResolvedPlan opt = new Optimizer(EvalContext.defaults()).optimize(analyze(p));
    assertEquals(List.of("x40"), opt.schema().fieldNames());
  }

  @Test
  void limitMovesBelowAProjectionOntoTheSort() {
    LogicalPlan q = limit(select(sort(t, desc(col("c"))), col("b")), 2);
    assertEquals("Project [b]\n+- Limit 2\n   +- Sort [c DESC NULLS LAST]\n      +- LocalRelation [a, b, c], 1 rows\n",
        apply(new PushLimitThroughProject(), q));
  }
}
