package io.ember.api.sql;

import static io.ember.api.sql.SqlEndToEndTest.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.functions;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Subqueries in expressions: EXISTS, IN and scalar subqueries, uncorrelated and correlated, in WHERE, HAVING and
 * the select list; expected results worked out by hand from Spark's semantics (null-aware NOT IN, the count bug).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlSubqueryTest {
  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName(getClass().getSimpleName()).getOrCreate();
    StructType ka = DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER), DataTypes.field("a", DataTypes.INTEGER));
    StructType kb = DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER), DataTypes.field("b", DataTypes.INTEGER));
    session.createDataFrame(List.of(Row.of(1, 10), Row.of(2, 20), Row.of(3, 30), Row.of(null, 40), Row.of(4, null)),
        ka).createOrReplaceTempView("t1");
    session.createDataFrame(List.of(Row.of(1, 100), Row.of(1, 150), Row.of(2, 200), Row.of(5, 500), Row.of(null, 600)),
        kb).createOrReplaceTempView("t2");
    session.createDataFrame(List.of(Row.of(1, 10), Row.of(2, 99)), ka).createOrReplaceTempView("t3");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private List<String> rows(String sql) {
    return sorted(session.sql(sql));
  }

  @Test
  void uncorrelatedExists() {
    assertEquals(5, rows("SELECT k FROM t1 WHERE EXISTS (SELECT 1 FROM t2 WHERE b > 550)").size());
    assertEquals(List.of(), rows("SELECT k FROM t1 WHERE EXISTS (SELECT 1 FROM t2 WHERE b > 1000)"));
    assertEquals(5, rows("SELECT k FROM t1 WHERE NOT EXISTS (SELECT 1 FROM t2 WHERE b > 1000)").size());
    assertEquals(List.of("[3]"), rows("SELECT k FROM t1 WHERE k = 3 AND EXISTS (SELECT * FROM t2)"));
  }

  @Test
  void correlatedExistsAndNotExists() {
    assertEquals(List.of("[1]", "[2]"), rows("SELECT k FROM t1 WHERE EXISTS (SELECT * FROM t2 WHERE t2.k = t1.k)"));
    assertEquals(List.of("[3]", "[4]", "[null]"),
        rows("SELECT k FROM t1 WHERE NOT EXISTS (SELECT * FROM t2 WHERE t2.k = t1.k)"));
    // An unqualified name resolves in the subquery first: k is t2.k here.
    assertEquals(List.of("[1]", "[2]"),
        rows("SELECT k FROM t1 WHERE EXISTS (SELECT 1 FROM t2 WHERE k = t1.k AND b > 120)"));
    assertEquals(List.of("[2]"), rows("SELECT k FROM t1 WHERE EXISTS (SELECT 1 FROM t2 WHERE k = t1.k AND b > 160)"));
    // A correlated non-equality: some b greater than ten times a (no match for a NULL a).
    assertEquals(List.of("[1]", "[2]", "[3]", "[null]"),
        rows("SELECT k FROM t1 WHERE EXISTS (SELECT 1 FROM t2 WHERE t2.b > t1.a * 10)"));
    assertEquals(List.of("[4]"), rows("SELECT k FROM t1 x WHERE NOT EXISTS (SELECT 1 FROM t2 y WHERE y.b > x.a * 10)"));
  }

  @Test
  void inSubquery() {
    assertEquals(List.of("[10]", "[20]"), rows("SELECT a FROM t1 WHERE k IN (SELECT k FROM t2)"));
    assertEquals(List.of("[10]"), rows("SELECT a FROM t1 WHERE k IN (SELECT k FROM t2 WHERE t2.b > t1.a * 12)"));
    assertEquals(List.of("[20]"), rows(
        "WITH big AS (SELECT k FROM t2 WHERE b >= 200) SELECT a FROM t1 WHERE k IN (SELECT k FROM big)"));
    assertEquals(List.of("[20]"), rows(
        "SELECT a FROM t1 WHERE k IN (SELECT k FROM t2 WHERE b >= (SELECT min(b) FROM t2 WHERE k = 2))"));
  }

  @Test
  void notInIsNullAware() {
    // The subquery yields a NULL: no row can be shown to differ from every value.
    assertEquals(List.of(), rows("SELECT a FROM t1 WHERE k NOT IN (SELECT k FROM t2)"));
    // Without NULLs: a NULL k is not kept either, as the subquery is not empty.
    assertEquals(List.of("[30]", "[null]"),
        rows("SELECT a FROM t1 WHERE k NOT IN (SELECT k FROM t2 WHERE k IS NOT NULL)"));
    // An empty subquery keeps every row, the NULL k too.
    assertEquals(5, rows("SELECT a FROM t1 WHERE k NOT IN (SELECT k FROM t2 WHERE b > 1000)").size());
    assertEquals(List.of("[3]", "[4]"), rows("SELECT k FROM t1 WHERE NOT (k IN (SELECT k FROM t2 WHERE k < 3))"));
  }

  @Test
  void multiColumnIn() {
    assertEquals(List.of("[1,10]"), rows("SELECT * FROM t1 WHERE (k, a) IN (SELECT k, a FROM t3)"));
    // Column by column: (NULL, 40) differs from every row of t3 in its second value, so NOT IN keeps it.
    assertEquals(List.of("[2,20]", "[3,30]", "[4,null]", "[null,40]"),
        rows("SELECT * FROM t1 WHERE (k, a) NOT IN (SELECT k, a FROM t3)"));
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> session.sql("SELECT * FROM t1 WHERE k IN (SELECT k, b FROM t2)"));
    assertEquals("DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH", e.errorClass());
  }

  @Test
  void uncorrelatedScalarSubqueries() {
    DataFrame df = session.sql("SELECT *, (SELECT max(b) FROM t2) FROM t1 WHERE k = 1");
    assertEquals(List.of("k", "a", "scalarsubquery()"), List.of(df.columns()));
    assertEquals(List.of("[1,10,600]"), sorted(df));
    assertEquals(List.of("[2]", "[3]", "[null]"), rows("SELECT k FROM t1 WHERE a > (SELECT avg(b) FROM t2) / 20"));
    assertEquals(List.of("[1,null]"), rows("SELECT k, (SELECT b FROM t2 WHERE b > 1000) AS none FROM t1 WHERE k = 1"));
    assertEquals(List.of("[1,500]"), rows("SELECT k, (SELECT b FROM t2 WHERE b = 500) AS one FROM t1 WHERE k = 1"));
    assertEquals(List.of("[42]"), rows("SELECT (SELECT 42)"));
    EmberException e = assertThrows(EmberException.class,
        () -> session.sql("SELECT k, (SELECT b FROM t2) FROM t1").collectAsList());
    assertTrue(e.getMessage().contains("SCALAR_SUBQUERY_TOO_MANY_ROWS"), e.getMessage());
    assertTrue(e.getMessage().contains("More than one row returned by a subquery used as an expression"),
        e.getMessage());
  }

  @Test
  void correlatedScalarSubqueries() {
    assertEquals(List.of("[1,150]", "[2,200]", "[3,null]", "[4,null]", "[null,null]"),
        rows("SELECT k, (SELECT max(b) FROM t2 WHERE t2.k = t1.k) AS m FROM t1"));
    assertEquals(List.of("[1]", "[2]"),
        rows("SELECT k FROM t1 WHERE a * 5 < (SELECT sum(b) FROM t2 WHERE t2.k = t1.k)"));
  }

  @Test
  void countOverNoRowsIsZeroNotNull() {
    assertEquals(List.of("[1,2]", "[2,1]", "[3,0]", "[4,0]", "[null,0]"),
        rows("SELECT k, (SELECT count(*) FROM t2 WHERE t2.k = t1.k) AS c FROM t1"));
    assertEquals(List.of("[1,3]", "[2,2]", "[3,1]", "[4,1]", "[null,1]"),
        rows("SELECT k, (SELECT count(b) + 1 FROM t2 WHERE t2.k = t1.k) AS c FROM t1"));
    assertEquals(List.of("[3]", "[4]", "[null]"),
        rows("SELECT k FROM t1 WHERE (SELECT count(*) FROM t2 WHERE t2.k = t1.k) = 0"));
  }

  @Test
  void subqueriesInHavingAndAggregateQueries() {
    assertEquals(List.of("[2,20]"), rows("SELECT k, sum(a) FROM t1 GROUP BY k"
        + " HAVING sum(a) * 10 >= (SELECT max(b) FROM t2 WHERE t2.k = t1.k)"));
    assertEquals(List.of("[2,20]", "[3,30]", "[null,40]"),
        rows("SELECT k, sum(a) FROM t1 GROUP BY k HAVING sum(a) > (SELECT min(b) FROM t2) / 10"));
    assertEquals(List.of("[5,5]"), rows("SELECT count(*), (SELECT count(*) FROM t2) FROM t1"));
    assertEquals(List.of("[1,250]", "[2,200]", "[3,null]", "[4,null]", "[null,null]"),
        rows("SELECT k, (SELECT sum(b) FROM t2 WHERE t2.k = t1.k) FROM t1 GROUP BY k"));
  }

  @Test
  void existsUnderOrAndInTheSelectListIsAColumn() {
    assertEquals(List.of("[1]", "[2]", "[3]", "[null]"),
        rows("SELECT k FROM t1 WHERE a > 25 OR EXISTS (SELECT 1 FROM t2 WHERE t2.k = t1.k)"));
    DataFrame df = session.sql("SELECT k, EXISTS (SELECT 1 FROM t2 WHERE t2.k = t1.k) AS e FROM t1");
    assertEquals(List.of("k", "e"), List.of(df.columns()));
    assertEquals(List.of("[1,true]", "[2,true]", "[3,false]", "[4,false]", "[null,false]"), sorted(df));
    assertEquals(List.of("[1,false]"),
        rows("SELECT k, NOT EXISTS (SELECT 1 FROM t2 WHERE b > 550) AS e FROM t1 WHERE k = 1"));
    assertEquals(List.of("[1,true]", "[2,true]"), rows("SELECT k, EXISTS (SELECT 1 FROM t2 WHERE t2.k = t1.k"
        + " AND t2.b > 120) OR k = 1 AS e FROM t1 WHERE k < 3"));
    assertEquals("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE",
        error("SELECT EXISTS (SELECT 1 FROM t2 WHERE t2.b > t1.a) FROM t1").errorClass());
  }

  @Test
  void inUnderOrAndInTheSelectListHasThreeValues() {
    // t2.k holds a NULL: no match is unknown, not false.
    assertEquals(List.of("[1,true]", "[2,true]", "[3,null]", "[4,null]", "[null,null]"),
        rows("SELECT k, k IN (SELECT k FROM t2) AS i FROM t1"));
    assertEquals(List.of("[1,false]", "[2,false]", "[3,true]", "[4,true]", "[null,null]"),
        rows("SELECT k, k NOT IN (SELECT k FROM t2 WHERE k IS NOT NULL) AS n FROM t1"));
    assertEquals(List.of("[1,false]", "[2,false]", "[3,false]", "[4,false]", "[null,false]"),
        rows("SELECT k, k IN (SELECT k FROM t2 WHERE b > 1000) AS i FROM t1"));
    assertEquals(List.of("[1]", "[2]", "[3]", "[null]"),
        rows("SELECT k FROM t1 WHERE a > 25 OR k IN (SELECT k FROM t2)"));
    assertEquals(List.of("[1,true]", "[2,true]", "[3,false]", "[4,false]", "[null,false]"),
        rows("SELECT k, a IN (SELECT b / 10 FROM t2 WHERE t2.k = t1.k) AS i FROM t1"));
    assertEquals("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.UNSUPPORTED_IN_EXISTS_SUBQUERY",
        error("SELECT (k, a) IN (SELECT k, a FROM t3) FROM t1").errorClass());
  }

  @Test
  void subqueryThroughExpr() {
    DataFrame t1 = session.table("t1");
    assertEquals(List.of("[1,10]", "[2,20]"), sorted(t1.filter(functions.expr("k IN (SELECT k FROM t2)"))));
  }

  @Test
  void unsupportedCorrelationIsRefusedWithSparksErrors() {
    assertEquals("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE",
        error("SELECT (SELECT max(b) FROM t2 WHERE t2.k > t1.k) FROM t1").errorClass());
    assertEquals("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.MUST_AGGREGATE_CORRELATED_SCALAR_SUBQUERY",
        error("SELECT (SELECT b FROM t2 WHERE t2.k = t1.k) FROM t1").errorClass());
    assertEquals("INVALID_SUBQUERY_EXPRESSION.SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN",
        error("SELECT (SELECT k, b FROM t2 WHERE b = 100) FROM t1").errorClass());
    assertEquals("UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY.CORRELATED_REFERENCE",
        error("SELECT (SELECT max(b + t1.a) FROM t2) FROM t1").errorClass());
    AnalysisException unknown = error("SELECT k FROM t1 WHERE EXISTS (SELECT 1 FROM t2 WHERE t2.k = t1.nope)");
    assertTrue(unknown.errorClass().startsWith("UNRESOLVED_COLUMN"), unknown.getMessage());
  }

  private AnalysisException error(String sql) {
    return assertThrows(AnalysisException.class, () -> session.sql(sql).collectAsList());
  }
}
