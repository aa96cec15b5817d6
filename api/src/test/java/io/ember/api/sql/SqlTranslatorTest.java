package io.ember.api.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.Op;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SQL text translated into logical plans and expressions, without running them. */
class SqlTranslatorTest {
  private static final LogicalPlan T = new LogicalPlan.Range(1, 0, 10, 1, 1);
  private static final LogicalPlan U = new LogicalPlan.Range(2, 0, 5, 1, 1);

  private final SqlTranslator translator = new SqlTranslator(new SqlContext() {
    @Override
    public LogicalPlan lookupTable(String name) {
      LogicalPlan p = Map.of("t", T, "u", U).get(name.toLowerCase());
      if (p == null) {
        throw new AnalysisException("TABLE_OR_VIEW_NOT_FOUND", name);
      }
      return p;
    }

    @Override
    public List<String> columnNames(LogicalPlan plan) {
      return List.of("id");
    }

    @Override
    public LogicalPlan setOperation(LogicalPlan left, LogicalPlan right, boolean intersect, boolean all) {
      setOperations.add((intersect ? "intersect" : "except") + (all ? " all " : " ") + left.planId() + " "
          + right.planId());
      return left;
    }

    @Override
    public ZoneId timeZone() {
      return ZoneId.of("Europe/Paris");
    }
  });
  private final List<String> setOperations = new java.util.ArrayList<>();

  private static LogicalExpr col(String name) {
    return new LogicalExpr.UnresolvedColumn(name, null);
  }

  private static LogicalExpr lit(Object v, io.ember.core.types.DataType t) {
    return new LogicalExpr.LiteralValue(v, t);
  }

  @Test
  void selectWhereOrderLimitNestInSqlOrder() {
    LogicalPlan p = translator.query("SELECT id AS x FROM t WHERE id > 2 ORDER BY x DESC LIMIT 3 OFFSET 1");
    LogicalPlan.Limit limit = assertInstanceOf(LogicalPlan.Limit.class, p);
    assertEquals(3, limit.limit());
    assertEquals(1, limit.offset());
    LogicalPlan.Sort sort = assertInstanceOf(LogicalPlan.Sort.class, limit.child());
    assertEquals(List.of(new LogicalExpr.SortOrder(col("x"), false, false)), sort.order());
    LogicalPlan.Project project = assertInstanceOf(LogicalPlan.Project.class, sort.child());
    assertEquals(List.of(new LogicalExpr.Alias(col("id"), "x")), project.projections());
    LogicalPlan.Filter filter = assertInstanceOf(LogicalPlan.Filter.class, project.child());
    assertEquals(new LogicalExpr.Operator(Op.GREATER_THAN, List.of(col("id"), lit(2, DataTypes.INTEGER))),
        filter.condition());
    LogicalPlan.SubqueryAlias alias = assertInstanceOf(LogicalPlan.SubqueryAlias.class, filter.child());
    assertEquals("t", alias.alias());
    assertEquals(T, alias.child());
  }

  @Test
  void groupByOrdinalAndHavingOverHiddenAggregate() {
    LogicalPlan p = translator.query("SELECT id % 2 AS k, sum(id) FROM t GROUP BY 1 HAVING max(id) > 3");
    LogicalPlan.Project visible = assertInstanceOf(LogicalPlan.Project.class, p);
    assertEquals(List.of(col("`k`"), col("`sum(id)`")), visible.projections());
    LogicalPlan.Filter having = assertInstanceOf(LogicalPlan.Filter.class, visible.child());
    LogicalPlan.Aggregate agg = assertInstanceOf(LogicalPlan.Aggregate.class, having.child());
    LogicalExpr key = new LogicalExpr.Operator(Op.REMAINDER, List.of(col("id"), lit(2, DataTypes.INTEGER)));
    assertEquals(List.of(key), agg.grouping());
    assertEquals(3, agg.aggregates().size());
    LogicalExpr.Alias hidden = assertInstanceOf(LogicalExpr.Alias.class, agg.aggregates().get(2));
    assertEquals(new LogicalExpr.Call("max", List.of(col("id")), false), hidden.child());
    assertEquals(new LogicalExpr.Operator(Op.GREATER_THAN,
        List.of(col("`" + hidden.name() + "`"), lit(3, DataTypes.INTEGER))), having.condition());
  }

  @Test
  void groupByOrdinalOutOfRangeAndOnAggregateAreErrors() {
    assertEquals("GROUP_BY_POS_OUT_OF_RANGE", assertThrows(AnalysisException.class,
        () -> translator.query("SELECT id FROM t GROUP BY 2")).errorClass());
    assertEquals("GROUP_BY_POS_AGGREGATE", assertThrows(AnalysisException.class,
        () -> translator.query("SELECT id, count(*) FROM t GROUP BY 2")).errorClass());
  }

  @Test
  void joinKindsAndConditions() {
    LogicalPlan.Join using = assertInstanceOf(LogicalPlan.Join.class,
        ((LogicalPlan.Project) translator.query("SELECT * FROM t LEFT JOIN u USING (id)")).child());
    assertEquals("left_outer", using.joinType());
    assertEquals(List.of("id"), using.usingColumns());
    assertNull(using.condition());
    LogicalPlan.Join on = assertInstanceOf(LogicalPlan.Join.class,
        ((LogicalPlan.Project) translator.query("SELECT * FROM t a FULL OUTER JOIN u b ON a.id = b.id")).child());
    assertEquals("full_outer", on.joinType());
    assertEquals(new LogicalExpr.Operator(Op.EQUAL, List.of(col("a.id"), col("b.id"))), on.condition());
    assertEquals("a", ((LogicalPlan.SubqueryAlias) on.left()).alias());
  }

  @Test
  void unionDistinctIsDeduplicatedUnionAll() {
    LogicalPlan p = translator.query("SELECT id FROM t UNION SELECT id FROM u");
    LogicalPlan.Deduplicate d = assertInstanceOf(LogicalPlan.Deduplicate.class, p);
    assertEquals(2, assertInstanceOf(LogicalPlan.Union.class, d.child()).inputs().size());
  }

  @Test
  void literalsTakeSparkTypes() {
    assertEquals(lit(7, DataTypes.INTEGER), translator.expression("7"));
    assertEquals(lit(-2147483648, DataTypes.INTEGER), translator.expression("-2147483648"));
    assertEquals(lit(2147483648L, DataTypes.LONG), translator.expression("2147483648"));
    assertEquals(lit(new BigDecimal("12345678901234567890"), DataTypes.decimal(20, 0)),
        translator.expression("12345678901234567890"));
    assertEquals(lit(new BigDecimal("0.001"), DataTypes.decimal(3, 3)), translator.expression("0.001"));
    assertEquals(lit(1.5e3, DataTypes.DOUBLE), translator.expression("1.5E3"));
    assertEquals(lit("it's", DataTypes.STRING), translator.expression("'it\\'s'"));
    assertEquals(lit("a'b", DataTypes.STRING), translator.expression("\"a'b\""));
    assertEquals(lit(null, DataTypes.NULL), translator.expression("NULL"));
    assertEquals(lit(Instant.parse("2024-01-01T09:30:00Z"), DataTypes.TIMESTAMP),
        translator.expression("TIMESTAMP '2024-01-01 10:30:00'"));
  }

  @Test
  void expressionsMapToOperatorsCallsAndCasts() {
    assertEquals(new LogicalExpr.Operator(Op.NOT, List.of(new LogicalExpr.Operator(Op.IN,
        List.of(col("a"), lit(1, DataTypes.INTEGER), lit(2, DataTypes.INTEGER))))), translator.expression("a NOT IN (1, 2)"));
    assertEquals(new LogicalExpr.Operator(Op.IS_NOT_NULL, List.of(col("t.a"))), translator.expression("t.a IS NOT NULL"));
    assertEquals(new LogicalExpr.Call("count", List.of(col("x")), true), translator.expression("COUNT(DISTINCT x)"));
    assertEquals(new LogicalExpr.Call("count", List.of(new LogicalExpr.Star(null)), false),
        translator.expression("count(*)"));
    assertEquals(new LogicalExpr.Cast(col("x"), DataTypes.STRING), translator.expression("CAST(x AS STRING)"));
    assertEquals(new LogicalExpr.Cast(col("x"), DataTypes.decimal(10, 2)), translator.expression("cast(x as decimal(10,2))"));
    assertEquals(new LogicalExpr.Alias(new LogicalExpr.Call("upper", List.of(col("My Col")), false), "u"),
        translator.expression("upper(`My Col`) AS u"));
    assertEquals(new LogicalExpr.Call("trim", List.of(col("s")), false), translator.expression("trim(s)"));
    assertEquals(new LogicalExpr.Call("rtrim", List.of(col("s")), false), translator.expression("TRIM(TRAILING FROM s)"));
    assertEquals(new LogicalExpr.Call("concat", List.of(col("a"), col("b")), false), translator.expression("a || b"));
    assertEquals(new LogicalExpr.Operator(Op.NOT, List.of(new LogicalExpr.Operator(Op.NULL_SAFE_EQUAL,
        List.of(col("b"), lit(false, DataTypes.BOOLEAN))))), translator.expression("b IS NOT FALSE"));
    assertEquals(col("t.floor"), translator.expression("t.`floor`"));
    LogicalExpr.CaseWhen c = assertInstanceOf(LogicalExpr.CaseWhen.class,
        translator.expression("CASE WHEN x > 1 THEN 'a' END"));
    assertNull(c.otherwise());
    assertEquals("CASE WHEN (x > 1) THEN a END", c.prettyName());
  }

  @Test
  void intersectExceptAndMinusAreLeftAssociativeSetOperations() {
    translator.query("SELECT * FROM t INTERSECT ALL SELECT * FROM u");
    translator.query("SELECT * FROM t MINUS SELECT * FROM u");
    translator.query("SELECT * FROM t EXCEPT ALL SELECT * FROM u EXCEPT DISTINCT SELECT * FROM u");
    assertEquals(4, setOperations.size());
    assertEquals("intersect all", setOperations.get(0).substring(0, 13));
    assertEquals("except ", setOperations.get(1).substring(0, 7));
    assertEquals("except all ", setOperations.get(2).substring(0, 11));
    assertEquals("except ", setOperations.get(3).substring(0, 7));
  }

  @Test
  void unsupportedSyntaxNamesTheFeature() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> translator.query("WITH RECURSIVE r AS (SELECT id FROM t) SELECT * FROM r"));
    assertEquals("UNSUPPORTED_FEATURE.SQL", e.errorClass());
    assertTrue(e.getMessage().contains("recursive"), e.getMessage());
    assertEquals("MISSING_WINDOW_SPECIFICATION", assertThrows(AnalysisException.class,
        () -> translator.expression("row_number() OVER w")).errorClass());
  }

  @Test
  void expressionSyntaxErrorPointsIntoTheExpression() {
    ParseException e = assertThrows(ParseException.class, () -> translator.expression("a +* 2"));
    assertEquals(1, e.line());
    assertEquals(3, e.position());
    assertEquals("*", e.token());
    ParseException reserved = assertThrows(ParseException.class, () -> translator.query("SELECT a.\nfrom t"));
    assertEquals(2, reserved.line());
    assertEquals(0, reserved.position());
    assertEquals("from", reserved.token());
    ParseException end = assertThrows(ParseException.class, () -> translator.query("SELECT a FROM"));
    assertEquals("[PARSE_SYNTAX_ERROR] Syntax error at or near end of input. (line 1, pos 13)", end.getMessage());
  }
}
