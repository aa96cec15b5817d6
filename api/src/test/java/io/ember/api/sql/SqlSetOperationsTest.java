package io.ember.api.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** SQL's INTERSECT, EXCEPT and MINUS in their ALL and DISTINCT forms, and EXPLAIN [EXTENDED]. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlSetOperationsTest {
  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName(getClass().getSimpleName()).getOrCreate();
    StructType l = DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER), DataTypes.field("b", DataTypes.STRING));
    StructType r = DataTypes.struct(DataTypes.field("k", DataTypes.LONG), DataTypes.field("v", DataTypes.STRING));
    session.createDataFrame(List.of(Row.of(1, "x"), Row.of(1, "x"), Row.of(1, "x"), Row.of(2, null),
        Row.of(2, null), Row.of(null, null), Row.of(3, "z")), l).createOrReplaceTempView("l");
    session.createDataFrame(List.of(Row.of(1L, "x"), Row.of(1L, "x"), Row.of(2L, null), Row.of(null, null),
        Row.of(null, null), Row.of(4L, "w")), r).createOrReplaceTempView("r");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private List<String> rows(String sql) {
    return SqlEndToEndTest.sorted(session.sql(sql));
  }

  @Test
  void intersectDistinctAndAll() {
    List<String> distinct = List.of("[1,x]", "[2,null]", "[null,null]");
    assertEquals(distinct, rows("SELECT * FROM l INTERSECT SELECT * FROM r"));
    assertEquals(distinct, rows("SELECT * FROM l INTERSECT DISTINCT SELECT * FROM r"));
    assertEquals(List.of("[1,x]", "[1,x]", "[2,null]", "[null,null]"), rows("SELECT * FROM l INTERSECT ALL SELECT * FROM r"));
    DataFrame df = session.sql("SELECT a AS first, b FROM l INTERSECT SELECT k, v FROM r");
    assertEquals(List.of("first", "b"), List.of(df.columns()));
    assertEquals(DataTypes.LONG, df.schema().fields().get(0).dataType());
  }

  @Test
  void exceptAndMinusDistinctAndAll() {
    assertEquals(List.of("[3,z]"), rows("SELECT * FROM l EXCEPT SELECT * FROM r"));
    assertEquals(List.of("[3,z]"), rows("SELECT * FROM l EXCEPT DISTINCT SELECT * FROM r"));
    assertEquals(List.of("[3,z]"), rows("SELECT * FROM l MINUS SELECT * FROM r"));
    assertEquals(List.of("[1,x]", "[2,null]", "[3,z]"), rows("SELECT * FROM l EXCEPT ALL SELECT * FROM r"));
    assertEquals(List.of("[1,x]", "[2,null]", "[3,z]"), rows("SELECT * FROM l MINUS ALL SELECT * FROM r"));
  }

  @Test
  void precedenceOrderingAndSubqueries() {
    // INTERSECT binds tighter than UNION and EXCEPT, which associate to the left (Spark's default).
    assertEquals(List.of("[1,x]", "[2,null]", "[3,z]", "[null,null]"),
        rows("SELECT * FROM l EXCEPT SELECT * FROM r UNION SELECT * FROM l INTERSECT SELECT * FROM r"));
    assertEquals(List.of("[3,z]", "[4,w]"),
        rows("SELECT * FROM l EXCEPT SELECT * FROM r UNION (SELECT * FROM r EXCEPT SELECT * FROM l)"));
    assertEquals(List.of("[1]", "[2]", "[null]"),
        SqlEndToEndTest.ordered(session.sql("SELECT a FROM l INTERSECT SELECT k FROM r ORDER BY a NULLS LAST")));
    assertEquals(List.of("[4]"),
        rows("SELECT count(*) FROM (SELECT a FROM l INTERSECT ALL SELECT k FROM r) t"));
  }

  @Test
  void mismatchedWidthsAreRejected() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> session.sql("SELECT a FROM l EXCEPT SELECT * FROM r"));
    assertEquals("[NUM_COLUMNS_MISMATCH] EXCEPT can only be performed on inputs with the same number of columns,"
        + " but the first input has 1 columns and the second input has 2 columns.", e.getMessage());
  }

  @Test
  void explainGivesThePlanTextExplainPrints() {
    String query = "SELECT a, count(*) AS n FROM l WHERE a > 1 GROUP BY a";
    DataFrame explained = session.sql("EXPLAIN " + query);
    assertEquals(List.of("plan"), List.of(explained.columns()));
    List<Row> rows = explained.collectAsList();
    assertEquals(1, rows.size());
    String simple = (String) rows.get(0).get(0);
    assertEquals(session.sql(query).queryExecution().explain(false), simple);
    assertTrue(simple.startsWith("== Physical Plan =="), simple);

    String extended = (String) session.sql("  explain Extended\n" + query).collectAsList().get(0).get(0);
    assertTrue(extended.startsWith("== Parsed Logical Plan =="), extended);
    assertTrue(extended.contains("== Analyzed Logical Plan ==") && extended.contains("== Optimized Logical Plan ==")
        && extended.contains("== Physical Plan =="), extended);
  }

  @Test
  void explainKeepsErrorPositionsAndRefusesOtherModes() {
    ParseException e = assertThrows(ParseException.class, () -> session.sql("EXPLAIN SELECT FROM FROM l"));
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    assertThrows(AnalysisException.class, () -> session.sql("EXPLAIN CODEGEN SELECT * FROM l"));
    assertThrows(AnalysisException.class, () -> session.sql("EXPLAIN SELECT * FROM missing"));
  }
}
