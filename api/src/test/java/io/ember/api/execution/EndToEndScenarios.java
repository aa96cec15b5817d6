package io.ember.api.execution;

import static io.ember.api.execution.Plans.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.conf.SessionConf;
import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.Op;
import io.ember.api.logical.PlanIds;
import io.ember.connectors.memory.CollectSink;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberArithmeticException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.runtime.LocalRuntime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Queries run end to end on a local runtime; subclasses fix the parallelism. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndScenarios {
  private LocalRuntime runtime;
  private final SessionConf conf = new SessionConf();

  abstract int parallelism();

  @BeforeAll
  void start() {
    runtime = LocalRuntime.start(parallelism());
  }

  @AfterAll
  void stop() {
    runtime.close();
  }

  static final StructType EMP = schema("name", DataTypes.STRING, "dept", DataTypes.STRING, "salary",
      DataTypes.INTEGER);
  final LogicalPlan emp = local(EMP, 2, List.of(Row.of("ann", "eng", 100), Row.of("bob", "eng", 80),
      Row.of("cid", "ops", 50), Row.of("dan", null, 70), Row.of("eve", "ops", null), Row.of("fay", "eng", 120)));
  final LogicalPlan dept = local(schema("dept", DataTypes.STRING, "floor", DataTypes.INTEGER), 1,
      List.of(Row.of("eng", 3), Row.of("ops", 1), Row.of("hr", 2)));

  QueryExecution qe(LogicalPlan p) {
    return new QueryExecution(conf, runtime, p);
  }

  List<Row> rows(LogicalPlan p) {
    return qe(p).collectRows();
  }

  static List<Row> sorted(List<Row> rows) {
    List<Row> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(Row::toString));
    return out;
  }

  void assertRowsAnyOrder(List<Row> expected, LogicalPlan p) {
    assertEquals(sorted(expected), sorted(rows(p)));
  }

  @Test
  void filterAndProjectSkipNullsInComparisons() {
    assertRowsAnyOrder(List.of(Row.of("ANN", 110), Row.of("FAY", 130)), select(
        filter(emp, op(Op.GREATER_THAN, col("salary"), lit(90))),
        call("upper", col("name")), as(op(Op.ADD, col("salary"), lit(10)), "raised")));
  }

  @Test
  void groupByComputesEveryAggregateWithANullGroup() {
    LogicalPlan q = groupBy(emp, List.of(col("dept")), as(call("count", star()), "n"),
        as(call("sum", col("salary")), "total"), as(call("avg", col("salary")), "mean"),
        as(call("max", col("salary")), "top"), as(call("min", col("name")), "first"));
    assertRowsAnyOrder(List.of(Row.of("eng", 3L, 300L, 100.0, 120, "ann"), Row.of("ops", 2L, 50L, 50.0, 50, "cid"),
        Row.of(null, 1L, 70L, 70.0, 70, "dan")), q);
  }

  @Test
  void sumOfAStringColumnReadsDoubles() {
    LogicalPlan text = local(schema("k", DataTypes.STRING, "v", DataTypes.STRING), Row.of("a", "1.5"),
        Row.of("a", "2"), Row.of("b", null));
    assertRowsAnyOrder(List.of(Row.of("a", 3.5, 1.75), Row.of("b", null, null)),
        groupBy(text, List.of(col("k")), call("sum", col("v")), call("avg", col("v"))));
  }

  @Test
  void expressionsOverAggregates() {
    LogicalPlan q = groupBy(emp, List.of(col("dept")),
        as(op(Op.DIVIDE, call("sum", col("salary")), call("count", col("salary"))), "avg_paid"));
    assertRowsAnyOrder(List.of(Row.of("eng", 100.0), Row.of("ops", 50.0), Row.of(null, 70.0)), q);
  }

  @Test
  void globalAggregateOverEmptyInputGivesOneRow() {
    LogicalPlan none = filter(emp, op(Op.GREATER_THAN, col("salary"), lit(1000)));
    assertEquals(List.of(Row.of(0L, null)), rows(select(none, call("count", star()), call("sum", col("salary")))));
  }

  @Test
  void countDoesNotNeedTheRows() {
    assertEquals(6, qe(emp).count());
    assertEquals(0, qe(filter(emp, lit(false))).count());
    assertEquals(1000, qe(new LogicalPlan.Range(PlanIds.next(), 0, 1000, 1, 0)).count());
  }

  @Test
  void countOverComputedColumnsJoinsAndSortsNeedsNoColumns() {
    assertEquals(5, qe(select(filter(emp, op(Op.IS_NOT_NULL, col("dept"))), as(op(Op.ADD, col("salary"), lit(1)),
        "s"))).count());
    assertEquals(5, qe(join(emp, dept, "inner", op(Op.EQUAL, col(emp, "dept"), col(dept, "dept")))).count());
    assertEquals(6, qe(sort(emp, asc(col("salary")))).count());
    assertEquals(List.of(Row.of(6L)), rows(select(select(emp, as(lit(1), "one")), call("count", star()))));
  }

  @Test
  void selfJoinThroughAliases() {
    LogicalPlan a = alias(emp, "a");
    LogicalPlan b = alias(emp, "b");
    LogicalPlan q = select(join(a, b, "inner", op(Op.AND, op(Op.EQUAL, col("a.dept"), col("b.dept")),
        op(Op.LESS_THAN, col("a.salary"), col("b.salary")))), col("a.name"), col("b.name"));
    assertRowsAnyOrder(List.of(Row.of("bob", "ann"), Row.of("bob", "fay"), Row.of("ann", "fay")), q);
  }

  @Test
  void sortOrdersNullsAsAskedAndKeepsOrderAfterCollect() {
    List<Row> r = rows(select(sort(emp, desc(col("salary"))), col("name")));
    assertEquals(List.of(Row.of("fay"), Row.of("ann"), Row.of("bob"), Row.of("dan"), Row.of("cid"), Row.of("eve")), r);
    List<Row> nullsFirst = rows(select(sort(emp, new LogicalExpr.SortOrder(col("salary"), false, true)), col("name")));
    assertEquals(Row.of("eve"), nullsFirst.get(0));
  }

  @Test
  void filterAndSortOnColumnsTheSelectDropped() {
    LogicalPlan q = sort(filter(select(emp, col("name")), op(Op.EQUAL, col("dept"), lit("eng"))), desc(col("salary")));
    assertEquals(List.of(Row.of("fay"), Row.of("ann"), Row.of("bob")), rows(q));
  }

  @Test
  void sortThenLimitAndOffset() {
    assertEquals(List.of(Row.of("cid"), Row.of("dan")),
        rows(select(limit(sort(filter(emp, op(Op.IS_NOT_NULL, col("salary"))), asc(col("salary"))), 2), col("name"))));
    LogicalPlan offset = new LogicalPlan.Limit(PlanIds.next(), 2, 1, sort(emp, asc(col("name"))));
    assertEquals(List.of("bob", "cid"), rows(offset).stream().map(x -> (String) x.get(0)).toList());
  }

  @Test
  void limitWithoutSortKeepsThatManyRows() {
    assertEquals(4, rows(limit(emp, 4)).size());
    assertEquals(6, rows(limit(emp, 100)).size());
  }

  @Test
  void distinctAndDropDuplicates() {
    assertRowsAnyOrder(List.of(Row.of("eng"), Row.of("ops"), Row.of((Object) null)),
        distinct(select(emp, col("dept"))));
    List<Row> perDept = rows(distinct(emp, "dept"));
    assertEquals(3, perDept.size());
    assertEquals(3, perDept.stream().map(x -> x.get(1)).distinct().count());
  }

  private LogicalPlan joined(String how) {
    return select(join(emp, dept, how, op(Op.EQUAL, col(emp, "dept"), col(dept, "dept"))),
        col(emp, "name"), col("floor"));
  }

  @Test
  void innerAndOuterJoins() {
    List<Row> inner = List.of(Row.of("ann", 3), Row.of("bob", 3), Row.of("fay", 3), Row.of("cid", 1),
        Row.of("eve", 1));
    assertRowsAnyOrder(inner, joined("inner"));
    List<Row> left = new ArrayList<>(inner);
    left.add(Row.of("dan", null));
    assertRowsAnyOrder(left, joined("left"));
    List<Row> right = new ArrayList<>(inner);
    right.add(Row.of(null, 2));
    assertRowsAnyOrder(right, joined("right"));
    List<Row> full = new ArrayList<>(left);
    full.add(Row.of(null, 2));
    assertRowsAnyOrder(full, joined("full_outer"));
  }

  @Test
  void semiAntiAndCrossJoins() {
    LogicalExpr cond = op(Op.EQUAL, col(emp, "dept"), col(dept, "dept"));
    assertRowsAnyOrder(List.of(Row.of("ann"), Row.of("bob"), Row.of("fay"), Row.of("cid"), Row.of("eve")),
        select(join(emp, dept, "left_semi", cond), col("name")));
    assertRowsAnyOrder(List.of(Row.of("dan")), select(join(emp, dept, "left_anti", cond), col("name")));
    assertEquals(18, rows(join(emp, dept, "cross", null)).size());
  }

  @Test
  void nonEquiJoinCondition() {
    LogicalPlan q = select(join(emp, dept, "inner", op(Op.LESS_THAN, op(Op.DIVIDE, col("salary"), lit(40)),
        col("floor"))), col("name"), col(dept, "dept"));
    assertRowsAnyOrder(List.of(Row.of("bob", "eng"), Row.of("cid", "eng"), Row.of("cid", "hr"), Row.of("dan", "eng"), Row.of("dan", "hr"),
        Row.of("ann", "eng")), q);
  }

  @Test
  void computedKeysWithAnExtraCondition() {
    LogicalPlan q = select(join(emp, dept, "left_outer", op(Op.AND,
        op(Op.EQUAL, call("upper", col(emp, "dept")), call("upper", col(dept, "dept"))),
        op(Op.GREATER_THAN, col("salary"), op(Op.MULTIPLY, col("floor"), lit(30))))), col("name"), col("floor"));
    assertRowsAnyOrder(List.of(Row.of("ann", 3), Row.of("bob", null), Row.of("cid", 1), Row.of("dan", null),
        Row.of("eve", null), Row.of("fay", 3)), q);
  }

  @Test
  void fullOuterUsingJoinCoalescesTheKey() {
    LogicalPlan counts = groupBy(emp, List.of(col("dept")), as(call("count", star()), "n"));
    assertRowsAnyOrder(List.of(Row.of("eng", 3L, 3), Row.of("ops", 2L, 1), Row.of("hr", null, 2),
        Row.of(null, 1L, null)), joinUsing(counts, dept, "full", "dept"));
  }

  @Test
  void unionKeepsDuplicatesAndUnionByNameFillsNulls() {
    LogicalPlan names = select(emp, col("name"));
    assertEquals(12, rows(union(names, names)).size());
    LogicalPlan a = local(schema("x", DataTypes.INTEGER, "y", DataTypes.STRING), Row.of(1, "a"));
    LogicalPlan b = local(schema("y", DataTypes.STRING, "z", DataTypes.LONG), Row.of("b", 2L));
    assertRowsAnyOrder(List.of(Row.of(1, "a", null), Row.of(null, "b", 2L)), unionByName(true, a, b));
  }

  @Test
  void unionByPositionOfDifferentNamesAndWidenedTypes() {
    LogicalPlan a = local(schema("x", DataTypes.INTEGER), Row.of(1), Row.of(2));
    LogicalPlan b = local(schema("y", DataTypes.INTEGER), Row.of(3));
    LogicalPlan c = local(schema("z", DataTypes.LONG), Row.of(4L));
    assertRowsAnyOrder(List.of(Row.of(1L), Row.of(2L), Row.of(3L), Row.of(4L)), union(a, b, c));
    assertEquals(List.of("x"), qe(union(a, b, c)).schema().fieldNames());
    assertRowsAnyOrder(List.of(Row.of(1), Row.of(2), Row.of(3)), union(a, b));
  }

  @Test
  void explodeProducesARowPerElement() {
    LogicalPlan arrays = local(schema("k", DataTypes.STRING, "xs", DataTypes.array(DataTypes.INTEGER)),
        Row.of("a", List.of(1, 2)), Row.of("b", List.of()), Row.of("c", null));
    assertRowsAnyOrder(List.of(Row.of("a", 1), Row.of("a", 2)), select(arrays, col("k"), call("explode", col("xs"))));
    assertRowsAnyOrder(List.of(Row.of("a", 1), Row.of("a", 2), Row.of("b", null), Row.of("c", null)),
        select(arrays, col("k"), as(call("explode_outer", col("xs")), "x")));
  }

  @Test
  void structFieldsByNestedName() {
    StructType address = schema("city", DataTypes.STRING, "zip", DataTypes.INTEGER);
    LogicalPlan people = local(schema("name", DataTypes.STRING, "address", address),
        Row.of("a", Row.of("x", 1)), Row.of("b", null), Row.of("c", Row.of("y", null)));
    assertRowsAnyOrder(List.of(Row.of("a", "x"), Row.of("b", null), Row.of("c", "y")),
        select(people, col("name"), col("address.city")));
    assertRowsAnyOrder(List.of(Row.of("a")), select(filter(people, op(Op.EQUAL, col("address.zip"), lit(1))),
        col("name")));
  }

  @Test
  void rangeWithFilterAndAggregate() {
    LogicalPlan r = new LogicalPlan.Range(PlanIds.next(), 0, 100, 1, 0);
    LogicalPlan q = select(filter(r, op(Op.EQUAL, op(Op.REMAINDER, col("id"), lit(2L)), lit(0L))),
        call("sum", col("id")), call("count", star()));
    assertEquals(List.of(Row.of(2450L, 50L)), rows(q));
  }

  @Test
  void divisionByZeroFailsTheJobWithTheTasksError() {
    LogicalPlan q = select(emp, op(Op.REMAINDER, col("salary"), op(Op.SUBTRACT, col("salary"), col("salary"))));
    EmberArithmeticException e = assertThrows(EmberArithmeticException.class, () -> rows(q));
    assertTrue(e.getMessage().contains("DIVIDE_BY_ZERO"), e.getMessage());
  }

  @Test
  void pushdownSourceGivesTheSameRows() {
    StructType s = schema("a", DataTypes.INTEGER, "b", DataTypes.STRING, "c", DataTypes.LONG);
    Batch batch = Batch.fromRows(s, List.of(Row.of(1, "x", 10L), Row.of(2, "y", 20L), Row.of(3, null, 30L)));
    LogicalPlan scan = new LogicalPlan.SourceScan(PlanIds.next(), new PushdownSource(s, List.of(batch)));
    assertRowsAnyOrder(List.of(Row.of(20L), Row.of(30L)), select(filter(scan, op(Op.GREATER_THAN, col("a"), lit(1))),
        col("c")));
  }

  @Test
  void writeToAnySink() {
    CollectSink sink = new CollectSink();
    qe(select(emp, col("name"))).writeTo(sink);
    assertEquals(6, sink.batches().stream().mapToInt(Batch::numRows).sum());
  }
}
