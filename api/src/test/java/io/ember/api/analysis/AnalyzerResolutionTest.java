package io.ember.api.analysis;

import static io.ember.api.execution.Plans.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.Op;
import io.ember.core.data.Row;
import io.ember.core.expr.ColumnRef;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzerResolutionTest {
  private final Analyzer analyzer = new Analyzer(false);
  private final LogicalPlan people = local(schema("id", DataTypes.INTEGER, "name", DataTypes.STRING), Row.of(1, "a"));
  private final LogicalPlan orders = local(schema("id", DataTypes.INTEGER, "amount", DataTypes.LONG), Row.of(1, 5L));

  private static List<String> names(ResolvedPlan p) {
    return p.schema().fieldNames();
  }

  @Test
  void planIdsPickTheJoinSideOfEqualNames() {
    LogicalPlan j = join(people, orders, "inner", op(Op.EQUAL, col(people, "id"), col(orders, "id")));
    ResolvedPlan.Join rj = assertInstanceOf(ResolvedPlan.Join.class, analyzer.analyze(j));
    assertEquals(new ColumnRef(0, "id", DataTypes.INTEGER, true), rj.leftKeys().get(0));
    assertEquals(new ColumnRef(0, "id", DataTypes.INTEGER, true), rj.rightKeys().get(0));
    assertEquals(List.of("id", "name", "id", "amount"), names(rj));

    ResolvedPlan.Project p = assertInstanceOf(ResolvedPlan.Project.class,
        analyzer.analyze(select(j, col(orders, "id"), col(people, "id"))));
    assertEquals(List.of(2, 0), p.exprs().stream().map(e -> ((ColumnRef) e).index()).toList());
  }

  @Test
  void planIdsResolveSwappedConditionSides() {
    LogicalPlan j = join(people, orders, "left_outer", op(Op.EQUAL, col(orders, "id"), col(people, "id")));
    ResolvedPlan.Join rj = assertInstanceOf(ResolvedPlan.Join.class, analyzer.analyze(j));
    assertEquals(0, ((ColumnRef) rj.leftKeys().get(0)).index());
    assertEquals(0, ((ColumnRef) rj.rightKeys().get(0)).index());
    assertEquals(List.of(), rj.condition());
  }

  @Test
  void qualifiedNamesResolveThroughAliases() {
    LogicalPlan j = join(alias(people, "p"), alias(orders, "o"), "inner",
        op(Op.EQUAL, col("p.id"), col("o.id")));
    ResolvedPlan.Project p = assertInstanceOf(ResolvedPlan.Project.class,
        analyzer.analyze(select(j, col("o.amount"), col("p.name"), new LogicalExpr.Star("o"))));
    assertEquals(List.of("amount", "name", "id", "amount"), names(p));
    assertEquals(List.of(3, 1, 2, 3), p.exprs().stream().map(e -> ((ColumnRef) e).index()).toList());
  }

  @Test
  void nonEquiConjunctsStayInTheCondition() {
    LogicalPlan j = join(people, orders, "inner", op(Op.AND,
        op(Op.EQUAL, col(people, "id"), col(orders, "id")), op(Op.GREATER_THAN, col("amount"), lit(3L))));
    ResolvedPlan.Join rj = assertInstanceOf(ResolvedPlan.Join.class, analyzer.analyze(j));
    assertEquals(1, rj.leftKeys().size());
    assertEquals("(amount > 3)", rj.condition().get(0).sql());
  }

  @Test
  void usingColumnsAppearOnceAndFullOuterCoalescesThem() {
    assertEquals(List.of("id", "name", "amount"), names(analyzer.analyze(joinUsing(people, orders, "inner", "id"))));
    ResolvedPlan.Project full = assertInstanceOf(ResolvedPlan.Project.class,
        analyzer.analyze(joinUsing(people, orders, "full", "id")));
    assertEquals("coalesce(id, id)", full.exprs().get(0).sql());
    ResolvedPlan.Project right = assertInstanceOf(ResolvedPlan.Project.class,
        analyzer.analyze(joinUsing(people, orders, "right", "id")));
    assertEquals(2, ((ColumnRef) right.exprs().get(0)).index());
  }

  @Test
  void semiAndAntiJoinsOutputTheLeftColumnsOnly() {
    assertEquals(List.of("id", "name"), names(analyzer.analyze(
        join(people, orders, "left_semi", op(Op.EQUAL, col(people, "id"), col(orders, "id"))))));
    assertEquals(List.of("id", "name"), names(analyzer.analyze(joinUsing(people, orders, "anti", "id"))));
  }

  @Test
  void outerJoinsMakeThePaddedSideNullable() {
    StructType s = schema("k", DataTypes.INTEGER);
    LogicalPlan a = new LogicalPlan.LocalRelation(1001, new StructType(List.of(
        new io.ember.core.types.StructField("k", DataTypes.INTEGER, false))), List.of());
    LogicalPlan b = local(s, Row.of(1));
    ResolvedPlan rj = analyzer.analyze(join(b, a, "left", op(Op.EQUAL, col(b, "k"), col(a, "k"))));
    assertEquals(true, rj.output().get(1).nullable());
  }

  @Test
  void unnamedExpressionsTakeSparksPrettyNames() {
    ResolvedPlan p = analyzer.analyze(select(people, op(Op.ADD, col("id"), lit(1)), call("upper", col("name")),
        as(col("id"), "key"), col("NAME")));
    assertEquals(List.of("(id + 1)", "upper(name)", "key", "NAME"), names(p));
  }

  @Test
  void aggregateItemsComputeOverAggregates() {
    LogicalPlan q = groupBy(orders, List.of(col("id")),
        as(op(Op.DIVIDE, call("sum", col("amount")), call("count", col("amount"))), "mean"),
        call("count", star()), as(call("max", col("amount")), "top"));
    ResolvedPlan.Project p = assertInstanceOf(ResolvedPlan.Project.class, analyzer.analyze(q));
    assertEquals(List.of("id", "mean", "count(1)", "top"), names(p));
    ResolvedPlan.Aggregate a = assertInstanceOf(ResolvedPlan.Aggregate.class, p.child());
    assertEquals(List.of("sum(amount)", "count(amount)", "count(1)", "max(amount)"),
        a.aggs().stream().map(AggCall::sql).toList());
    assertEquals(DataTypes.DOUBLE, p.exprs().get(1).dataType());
  }

  @Test
  void directlySelectedAggregatesNeedNoProjection() {
    LogicalPlan q = groupBy(orders, List.of(col("id")), as(call("sum", col("amount")), "total"));
    ResolvedPlan.Aggregate a = assertInstanceOf(ResolvedPlan.Aggregate.class, analyzer.analyze(q));
    assertEquals(List.of("id", "total"), names(a));
    assertEquals(DataTypes.LONG, a.output().get(1).type());
  }

  @Test
  void selectOfAggregatesIsAGlobalAggregate() {
    ResolvedPlan.Aggregate a = assertInstanceOf(ResolvedPlan.Aggregate.class,
        analyzer.analyze(select(orders, call("count", star()))));
    assertEquals(List.of(), a.keys());
    assertEquals(List.of("count(1)"), names(a));
  }

  @Test
  void unionWidensTypesAndTakesTheFirstInputsNames() {
    LogicalPlan ints = local(schema("x", DataTypes.INTEGER), Row.of(1));
    LogicalPlan longs = local(schema("y", DataTypes.LONG), Row.of(2L));
    ResolvedPlan.Union u = assertInstanceOf(ResolvedPlan.Union.class, analyzer.analyze(union(ints, longs)));
    assertEquals(List.of("x"), names(u));
    assertEquals(DataTypes.LONG, u.output().get(0).type());
    assertEquals("CAST(x AS BIGINT)", ((ResolvedPlan.Project) u.inputs().get(0)).exprs().get(0).sql());
  }

  @Test
  void unionByNameReordersAndFillsMissingColumnsWithNull() {
    LogicalPlan ab = local(schema("a", DataTypes.INTEGER, "b", DataTypes.STRING), Row.of(1, "x"));
    LogicalPlan bc = local(schema("b", DataTypes.STRING, "c", DataTypes.LONG), Row.of("y", 2L));
    ResolvedPlan.Union u = assertInstanceOf(ResolvedPlan.Union.class, analyzer.analyze(unionByName(true, ab, bc)));
    assertEquals(List.of("a", "b", "c"), names(u));
    ResolvedPlan.Project second = assertInstanceOf(ResolvedPlan.Project.class, u.inputs().get(1));
    assertEquals(List.of("CAST(NULL AS INT)", "b", "c"), second.exprs().stream().map(e -> e.sql()).toList());
  }

  @Test
  void sortByAColumnTheSelectDroppedCarriesItAndDropsItAgain() {
    LogicalPlan q = sort(select(people, col("name")), desc(col("id")));
    ResolvedPlan.Project top = assertInstanceOf(ResolvedPlan.Project.class, analyzer.analyze(q));
    assertEquals(List.of("name"), names(top));
    ResolvedPlan.Sort s = assertInstanceOf(ResolvedPlan.Sort.class, top.child());
    assertEquals(List.of("name", "id"), names(s));
    assertEquals("id DESC NULLS LAST", s.keys().get(0).sql());
  }

  @Test
  void explodeBecomesAGenerateStep() {
    LogicalPlan arrays = local(schema("k", DataTypes.STRING, "xs", DataTypes.array(DataTypes.INTEGER)),
        Row.of("a", List.of(1, 2)));
    ResolvedPlan.Project p = assertInstanceOf(ResolvedPlan.Project.class,
        analyzer.analyze(select(arrays, col("k"), as(call("explode", col("xs")), "x"))));
    assertEquals(List.of("k", "x"), names(p));
    ResolvedPlan.Generate g = assertInstanceOf(ResolvedPlan.Generate.class, p.child());
    assertEquals(List.of("k", "xs", "x"), names(g));
  }

  @Test
  void dropDuplicatesResolvesKeysCaseInsensitively() {
    ResolvedPlan.Distinct d = assertInstanceOf(ResolvedPlan.Distinct.class,
        analyzer.analyze(distinct(people, "NAME")));
    assertEquals(List.of(1), d.keys());
  }

  @Test
  void fullOuterUsingKeyTakesTheWiderType() {
    LogicalPlan longs = local(schema("id", DataTypes.LONG), Row.of(1L));
    ResolvedPlan p = analyzer.analyze(joinUsing(people, longs, "full_outer", "id"));
    assertEquals(DataTypes.LONG, p.output().get(0).type());
    assertEquals(DataTypes.LONG, p.schema().field(0).dataType());
  }

  @Test
  void groupingByAnExpressionMatchesTheSameExpressionInItems() {
    LogicalExpr key = op(Op.ADD, col("id"), lit(1));
    ResolvedPlan.Aggregate a = assertInstanceOf(ResolvedPlan.Aggregate.class,
        analyzer.analyze(groupBy(people, List.of(key), call("count", star()))));
    assertEquals(List.of("(id + 1)", "count(1)"), names(a));
    assertEquals("(id + 1)", a.keys().get(0).sql());
  }

  @Test
  void nestedNamesReachStructFields() {
    StructType address = schema("city", DataTypes.STRING, "zip", DataTypes.INTEGER);
    LogicalPlan p = local(schema("name", DataTypes.STRING, "address", address), Row.of("a", Row.of("x", 1)));
    ResolvedPlan.Project r = assertInstanceOf(ResolvedPlan.Project.class,
        analyzer.analyze(select(alias(p, "t"), col("address.CITY"), col("t.address.zip"))));
    assertEquals(List.of("CITY", "zip"), names(r));
    assertEquals("address.city", r.exprs().get(0).sql());
    assertEquals(DataTypes.INTEGER, r.exprs().get(1).dataType());
    io.ember.core.errors.AnalysisException e = org.junit.jupiter.api.Assertions.assertThrows(
        io.ember.core.errors.AnalysisException.class, () -> analyzer.analyze(select(p, col("address.town"))));
    assertEquals("FIELD_NOT_FOUND", e.errorClass()); // as Spark: `address` resolves, `town` is not its field
    assertEquals("[FIELD_NOT_FOUND] No such struct field `town` in `city`, `zip`.", e.getMessage());
  }

  @Test
  void columnNamesWithDotsResolveWholeOrQuoted() {
    LogicalPlan p = local(schema("a.b", DataTypes.INTEGER), Row.of(1));
    assertEquals(List.of("a.b", "a.b"), names(analyzer.analyze(select(p, col("a.b"), col("`a.b`")))));
  }

  @Test
  void filterOnAColumnTheSelectDroppedCarriesItAndDropsItAgain() {
    LogicalPlan q = filter(select(people, col("name")), op(Op.GREATER_THAN, col("id"), lit(0)));
    ResolvedPlan.Project top = assertInstanceOf(ResolvedPlan.Project.class, analyzer.analyze(q));
    assertEquals(List.of("name"), names(top));
    ResolvedPlan.Filter f = assertInstanceOf(ResolvedPlan.Filter.class, top.child());
    assertEquals(List.of("name", "id"), names(f));
    assertEquals("(id > 0)", f.conjuncts().get(0).sql());
  }
}
