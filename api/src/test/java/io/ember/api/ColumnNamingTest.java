package io.ember.api;

import static io.ember.api.functions.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.logical.LogicalExpr;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names columns get in results, compared with the names Spark 4 gives the same expressions. */
class ColumnNamingTest {
  @Test
  void arithmeticAndComparisonRenderLikeSpark() {
    assertEquals("(a + 1)", col("a").plus(1).toString());
    assertEquals("((a - b) * 2.5)", col("a").minus(col("b")).multiply(2.5).toString());
    assertEquals("(a / 2)", col("a").divide(2).toString());
    assertEquals("(a % 3)", col("a").mod(3).toString());
    assertEquals("(a = x)", col("a").equalTo("x").toString());
    assertEquals("(a != 1)", col("a").notEqual(1).toString());
    assertEquals("(a > 1)", col("a").gt(1).toString());
    assertEquals("(a >= 1)", col("a").geq(1).toString());
    assertEquals("(a < 1)", col("a").lt(1).toString());
    assertEquals("(a <= 1)", col("a").leq(1).toString());
    assertEquals("(a <=> NULL)", col("a").eqNullSafe(null).toString());
  }

  @Test
  void logicalOperatorsAndPredicatesRenderLikeSpark() {
    assertEquals("((a > 1) AND (b < 2))", col("a").gt(1).and(col("b").lt(2)).toString());
    assertEquals("((a > 1) OR (b IS NULL))", col("a").gt(1).or(col("b").isNull()).toString());
    assertEquals("(NOT flag)", not(col("flag")).toString());
    assertEquals("(- a)", negate(col("a")).toString());
    assertEquals("(a IS NOT NULL)", col("a").isNotNull().toString());
    assertEquals("(a IN (1, 2, 3))", col("a").isin(1, 2, 3).toString());
    assertEquals("((a >= 1) AND (a <= 5))", col("a").between(1, 5).toString());
  }

  @Test
  void castAliasAndCaseWhenRenderLikeSpark() {
    assertEquals("CAST(a AS INT)", col("a").cast("int").toString());
    assertEquals("CAST(a AS DECIMAL(10,2))", col("a").cast(DataTypes.decimal(10, 2)).toString());
    assertEquals("CAST(a AS BIGINT)", col("a").cast("bigint").toString());
    assertEquals("total", col("a").plus(col("b")).alias("total").toString());
    assertEquals("y", col("a").as("x").as("y").toString());
    assertEquals("CASE WHEN (a > 1) THEN big WHEN (a > 0) THEN small ELSE none END",
        when(col("a").gt(1), "big").when(col("a").gt(0), "small").otherwise("none").toString());
    assertEquals("CASE WHEN (a > 1) THEN 1 END", when(col("a").gt(1), 1).toString());
  }

  @Test
  void functionsRenderLikeSpark() {
    assertEquals("upper(name)", upper(col("name")).toString());
    assertEquals("substring(s, 1, 3)", substring(col("s"), 1, 3).toString());
    assertEquals("concat_ws(,, a, b)", concat_ws(",", col("a"), col("b")).toString());
    assertEquals("split(s, ,, -1)", split(col("s"), ",").toString());
    assertEquals("regexp_replace(s, a+, b)", regexp_replace(col("s"), "a+", "b").toString());
    assertEquals("round(x, 0)", round(col("x")).toString());
    assertEquals("CEIL(x)", ceil(col("x")).toString());
    assertEquals("SQRT(x)", sqrt(col("x")).toString());
    assertEquals("POWER(x, 2.0)", pow(col("x"), 2.0).toString());
    assertEquals("ln(x)", log(col("x")).toString());
    assertEquals("coalesce(a, 0)", coalesce(col("a"), lit(0)).toString());
    assertEquals("current_date()", current_date().toString());
    assertEquals("unix_timestamp(current_timestamp(), yyyy-MM-dd HH:mm:ss)", unix_timestamp().toString());
    assertEquals("from_unixtime(t, yyyy-MM-dd HH:mm:ss)", from_unixtime(col("t")).toString());
    assertEquals("array_contains(tags, x)", array_contains(col("tags"), "x").toString());
    assertEquals("name LIKE a%", col("name").like("a%").toString());
    assertEquals("m", col("name").like("a%").alias("m").toString());
    assertEquals("(name LIKE a% OR (x > 1))", col("name").like("a%").or(col("x").gt(1)).toString());
    assertEquals("RLIKE(name, ^a)", col("name").rlike("^a").toString());
    assertEquals("startswith(name, a)", col("name").startsWith("a").toString());
    assertEquals("substr(name, 1, 2)", col("name").substr(1, 2).toString());
  }

  @Test
  void aggregatesRenderLikeSpark() {
    assertEquals("count(1)", count("*").toString());
    assertEquals("count(a)", count("a").toString());
    assertEquals("count(DISTINCT a, b)", countDistinct("a", "b").toString());
    assertEquals("sum(DISTINCT a)", sum_distinct(col("a")).toString());
    assertEquals("avg(price)", mean("price").toString());
    assertEquals("avg(price)", avg(col("price")).toString());
    assertEquals("collect_list(a)", collect_list("a").toString());
    assertEquals("approx_count_distinct(a)", approx_count_distinct("a").toString());
  }

  @Test
  void colOfStarIsEveryColumn() {
    assertEquals(new LogicalExpr.Star(null), col("*").expr());
    assertEquals(new LogicalExpr.Star("t"), col("t.*").expr());
    assertEquals("a", col("t.a").toString());
  }

  @Test
  void sortOrdersFollowSparkNullOrdering() {
    assertEquals(new LogicalExpr.SortOrder(col("a").expr(), true, true), col("a").asc().expr());
    assertEquals(new LogicalExpr.SortOrder(col("a").expr(), false, false), desc("a").expr());
    assertEquals(new LogicalExpr.SortOrder(col("a").expr(), true, false), col("a").asc_nulls_last().expr());
    assertEquals(new LogicalExpr.SortOrder(col("a").expr(), false, true), col("a").desc_nulls_first().expr());
  }

  @Test
  void functionsBuildCallsByName() {
    LogicalExpr.Call call = assertInstanceOf(LogicalExpr.Call.class, date_add(col("d"), 3).expr());
    assertEquals("date_add", call.name());
    assertEquals(List.of(col("d").expr(), new LogicalExpr.LiteralValue(3, DataTypes.INTEGER)), call.args());
    LogicalExpr.Call distinct = assertInstanceOf(LogicalExpr.Call.class, countDistinct(col("a")).expr());
    assertTrue(distinct.distinct());
    assertEquals(col("a"), lit(col("a")));
  }

  @Test
  void otherwiseWithoutWhenIsRejected() {
    EmberIllegalArgumentException e =
        assertThrows(EmberIllegalArgumentException.class, () -> col("a").otherwise(1));
    assertTrue(e.getMessage().contains("when()"), e.getMessage());
    EmberIllegalArgumentException twice = assertThrows(EmberIllegalArgumentException.class,
        () -> when(col("a").gt(1), 1).otherwise(2).otherwise(3));
    assertTrue(twice.getMessage().contains("otherwise() is applied"), twice.getMessage());
  }
}
