package io.ember.api.sql;

import static io.ember.api.functions.col;
import static io.ember.api.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SQL queries over temporary views run end to end at local[2]; expected rows follow Spark's documented semantics.
 * Unordered results are compared after sorting their text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlEndToEndTest {
  static final StructType EMP_SCHEMA = DataTypes.struct(
      DataTypes.field("id", DataTypes.INTEGER), DataTypes.field("name", DataTypes.STRING),
      DataTypes.field("dept", DataTypes.STRING), DataTypes.field("salary", DataTypes.INTEGER));
  static final StructType DEPT_SCHEMA = DataTypes.struct(
      DataTypes.field("dept", DataTypes.STRING), DataTypes.field("lvl", DataTypes.INTEGER));

  Session session;
  DataFrame emp;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName(getClass().getSimpleName()).getOrCreate();
    emp = session.createDataFrame(List.of(
        Row.of(1, "alice", "eng", 100), Row.of(2, "bob", "eng", 80), Row.of(3, "carol", "ops", 70),
        Row.of(4, "dan", null, null), Row.of(5, "erin", "ops", 90)), EMP_SCHEMA);
    emp.createOrReplaceTempView("emp");
    session.createDataFrame(List.of(Row.of("eng", 1), Row.of("ops", 2), Row.of("hr", 3)), DEPT_SCHEMA)
        .createOrReplaceTempView("dept");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  static List<String> sorted(DataFrame df) {
    List<String> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      out.add(r.toString());
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  static List<String> ordered(DataFrame df) {
    return df.collectAsList().stream().map(Row::toString).toList();
  }

  @Test
  void selectWhereWithExpressionsAndAliases() {
    DataFrame df = session.sql("SELECT name, salary * 2 AS double_pay FROM emp WHERE salary > 75");
    assertEquals(List.of("name", "double_pay"), List.of(df.columns()));
    assertEquals(List.of("[alice,200]", "[bob,160]", "[erin,180]"), sorted(df));
  }

  @Test
  void unaliasedExpressionsAreNamedAsSparkNamesThem() {
    DataFrame df = session.sql("SELECT id + 1, upper(name), count(*) FROM emp GROUP BY id, name");
    assertEquals(List.of("(id + 1)", "upper(name)", "count(1)"), List.of(df.columns()));
  }

  @Test
  void integerDivisionGivesDouble() {
    DataFrame df = session.sql("SELECT 7 / 2 AS q, 7 % 3 AS r");
    assertEquals(DataTypes.DOUBLE, df.schema().fields().get(0).dataType());
    assertEquals(List.of("[3.5,1]"), ordered(df));
  }

  @Test
  void literalsAreTypedAsSparkTypesThem() {
    DataFrame df = session.sql("SELECT 1 AS i, 3000000000 AS l, 1.50 AS d, 1e3 AS f, 'x' AS s, TRUE AS b,"
        + " DATE '2024-02-29' AS dt, -5 AS neg");
    List<String> types = df.schema().fields().stream().map(f -> f.dataType().simpleString()).toList();
    assertEquals(List.of("int", "bigint", "decimal(3,2)", "double", "string", "boolean", "date", "int"), types);
    assertEquals(List.of("[1,3000000000,1.50,1000.0,x,true,2024-02-29,-5]"), ordered(df));
  }

  @Test
  void selectStarAndQualifiedStar() {
    assertEquals(5, session.sql("SELECT * FROM emp").count());
    DataFrame df = session.sql("SELECT d.*, e.name FROM emp e JOIN dept d ON e.dept = d.dept WHERE e.id = 1");
    assertEquals(List.of("dept", "lvl", "name"), List.of(df.columns()));
    assertEquals(List.of("[eng,1,alice]"), ordered(df));
  }

  @Test
  void countStarCountsNullsCountColumnDoesNot() {
    assertEquals(List.of("[5,4,2]"),
        ordered(session.sql("SELECT COUNT(*), COUNT(salary), COUNT(DISTINCT dept) FROM emp")));
  }

  @Test
  void groupByOrdinalAliasAndHaving() {
    List<String> expected = List.of("[eng,2,180]", "[ops,2,160]");
    assertEquals(expected, sorted(session.sql(
        "SELECT dept, count(*) AS n, sum(salary) AS total FROM emp GROUP BY 1 HAVING count(*) > 1")));
    assertEquals(expected, sorted(session.sql(
        "SELECT dept AS d, count(*) AS n, sum(salary) FROM emp GROUP BY d HAVING n > 1")));
    assertEquals(List.of("[eng]"), sorted(session.sql(
        "SELECT dept FROM emp GROUP BY dept HAVING max(salary) >= 100")));
  }

  @Test
  void orderByAggregateNotSelected() {
    assertEquals(List.of("[eng]", "[ops]", "[null]"), ordered(session.sql(
        "SELECT dept FROM emp GROUP BY dept ORDER BY sum(salary) DESC")));
  }

  @Test
  void nullOrderingDefaultsAscFirstDescLast() {
    assertEquals(List.of("[dan]", "[carol]", "[bob]", "[erin]", "[alice]"),
        ordered(session.sql("SELECT name FROM emp ORDER BY salary")));
    assertEquals(List.of("[alice]", "[erin]", "[bob]", "[carol]", "[dan]"),
        ordered(session.sql("SELECT name FROM emp ORDER BY salary DESC")));
    assertEquals(List.of("[carol]", "[bob]", "[erin]", "[alice]", "[dan]"),
        ordered(session.sql("SELECT name FROM emp ORDER BY salary ASC NULLS LAST")));
    assertEquals(List.of("[dan]", "[alice]"),
        ordered(session.sql("SELECT name, salary FROM emp ORDER BY 2 DESC NULLS FIRST LIMIT 2").select("name")));
  }

  @Test
  void limitAndOffset() {
    assertEquals(List.of("[2]", "[3]"), ordered(session.sql("SELECT id FROM emp ORDER BY id LIMIT 2 OFFSET 1")));
  }

  @Test
  void distinctRows() {
    assertEquals(List.of("[eng]", "[null]", "[ops]"), sorted(session.sql("SELECT DISTINCT dept FROM emp")));
  }

  @Test
  void joinKinds() {
    assertEquals(List.of("[alice,1]", "[bob,1]", "[carol,2]", "[dan,null]", "[erin,2]"), sorted(session.sql(
        "SELECT e.name, d.lvl FROM emp e LEFT JOIN dept d ON e.dept = d.dept")));
    assertEquals(List.of("[alice,1]", "[bob,1]", "[carol,2]", "[erin,2]", "[null,3]"), sorted(session.sql(
        "SELECT e.name, d.lvl FROM emp e RIGHT OUTER JOIN dept d ON e.dept = d.dept")));
    assertEquals(6, session.sql("SELECT * FROM emp e FULL JOIN dept d ON e.dept = d.dept").count());
    assertEquals(15, session.sql("SELECT * FROM emp CROSS JOIN dept").count());
    assertEquals(15, session.sql("SELECT * FROM emp, dept").count());
    DataFrame using = session.sql("SELECT * FROM emp JOIN dept USING (dept) WHERE id = 3");
    assertEquals(List.of("dept", "id", "name", "salary", "lvl"), List.of(using.columns()));
    assertEquals(List.of("[ops,3,carol,70,2]"), ordered(using));
  }

  @Test
  void leftSemiAndAntiJoins() {
    assertEquals(List.of("[alice]", "[bob]", "[carol]", "[erin]"), sorted(session.sql(
        "SELECT name FROM emp e LEFT SEMI JOIN dept d ON e.dept = d.dept")));
    assertEquals(List.of("[dan]"), sorted(session.sql(
        "SELECT name FROM emp e LEFT ANTI JOIN dept d ON e.dept = d.dept")));
  }

  @Test
  void nullSafeEqualityAndNonReservedWordsAsNames() {
    assertEquals(List.of("[dan,true]"), ordered(session.sql(
        "SELECT name, dept <=> NULL AS value FROM emp WHERE salary <=> NULL")));
    assertEquals(List.of("[alice]", "[carol]"), sorted(session.sql(
        "SELECT name FROM emp WHERE name RLIKE '^[ac]' AND name NOT RLIKE 'x'")));
    DataFrame cast = session.sql("SELECT '7'::int AS n");
    assertEquals(DataTypes.INTEGER, cast.schema().fields().get(0).dataType());
    assertEquals(List.of("[7]"), ordered(cast));
    assertEquals(List.of("[2024,1]"), ordered(session.sql(
        "SELECT year, count(*) FROM (SELECT 2024 AS year) GROUP BY year")));
  }

  @Test
  void subqueryInFrom() {
    assertEquals(List.of("[eng,180]"), ordered(session.sql(
        "SELECT t.dept, t.total FROM (SELECT dept, sum(salary) AS total FROM emp GROUP BY dept) t"
            + " WHERE t.total > 170")));
  }

  @Test
  void unionAllKeepsDuplicatesUnionDropsThem() {
    assertEquals(List.of("[eng]", "[eng]", "[hr]", "[ops]"), sorted(session.sql(
        "SELECT dept FROM dept UNION ALL SELECT dept FROM emp WHERE id = 1")));
    assertEquals(List.of("[eng]", "[hr]", "[ops]"), sorted(session.sql(
        "SELECT dept FROM dept UNION SELECT dept FROM emp WHERE dept IS NOT NULL")));
    assertEquals(List.of("[ops]", "[ops]", "[hr]"), ordered(session.sql(
        "SELECT dept FROM dept UNION ALL SELECT dept FROM dept ORDER BY 1 DESC LIMIT 3")));
  }

  @Test
  void caseCastInBetweenLike() {
    DataFrame df = session.sql("SELECT name, CASE WHEN salary >= 90 THEN 'high' WHEN salary IS NULL THEN 'none'"
        + " ELSE 'low' END AS band, CAST(salary AS STRING) AS s, CAST('12.345' AS DECIMAL(5,2)) AS d"
        + " FROM emp WHERE id IN (1, 3, 4) AND id BETWEEN 1 AND 4 AND name LIKE '%a%' ORDER BY id");
    assertEquals(List.of("[alice,high,100,12.35]", "[carol,low,70,12.35]", "[dan,none,null,12.35]"), ordered(df));
    assertEquals("string", df.schema().fields().get(2).dataType().simpleString());
    assertEquals(List.of("[bob]", "[erin]"), sorted(session.sql(
        "SELECT name FROM emp WHERE id NOT IN (1, 3, 4) AND name NOT LIKE 'x%'")));
    assertEquals(List.of("[b]"), ordered(session.sql("SELECT CASE 2 WHEN 1 THEN 'a' WHEN 2 THEN 'b' END")));
  }

  @Test
  void selectExprExprAndFilterString() {
    DataFrame df = emp.selectExpr("name", "salary + 1 AS raised", "upper(dept)").filter("raised > 90").where("raised < 101 + 1");
    assertEquals(List.of("name", "raised", "upper(dept)"), List.of(df.columns()));
    assertEquals(List.of("[alice,101,ENG]", "[erin,91,OPS]"), sorted(df));
    assertEquals(List.of("[bob]"), sorted(emp.select(col("name")).filter(expr("name = 'bob'"))));
  }

  @Test
  void catalogListsChecksAndDropsViews() {
    session.range(3).createOrReplaceTempView("Numbers");
    assertTrue(session.catalog().tableExists("numbers"));
    assertTrue(session.catalog().listTables().contains("numbers"));
    assertEquals(List.of("[3]"), ordered(session.sql("SELECT count(*) FROM NUMBERS")));
    assertEquals(3, session.table("numbers").count());
    AnalysisException exists = assertThrows(AnalysisException.class,
        () -> session.range(1).createTempView("numbers"));
    assertEquals("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", exists.errorClass());
    assertTrue(session.catalog().dropTempView("numbers"));
    assertFalse(session.catalog().tableExists("numbers"));
    assertFalse(session.catalog().dropTempView("numbers"));
  }

  @Test
  void unknownTableSuggestsClosestView() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> session.sql("SELECT * FROM emps"));
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", e.errorClass());
    assertTrue(e.getMessage().contains("Did you mean `emp`?"), e.getMessage());
  }

  @Test
  void unknownColumnSuggestsClosestColumn() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> session.sql("SELECT salry FROM emp"));
    assertEquals("UNRESOLVED_COLUMN.WITH_SUGGESTION", e.errorClass());
    assertTrue(e.getMessage().contains("`salary`"), e.getMessage());
  }

  @Test
  void syntaxErrorPointsAtLineAndToken() {
    ParseException e = assertThrows(ParseException.class, () -> session.sql("SELECT id, name,\n  FROM emp"));
    assertEquals("PARSE_SYNTAX_ERROR", e.errorClass());
    assertEquals(2, e.line());
    assertEquals(2, e.position());
    assertEquals("FROM", e.token());
    assertEquals("[PARSE_SYNTAX_ERROR] Syntax error at or near 'FROM'. (line 2, pos 2)", e.getMessage());
  }

  @Test
  void groupByNamePrefersTheFromColumnOverASelectAlias() {
    assertEquals(List.of("[ENG,2]", "[OPS,2]", "[null,1]"), ordered(session.sql(
        "SELECT upper(dept) AS d2, count(*) FROM emp GROUP BY d2 ORDER BY d2 NULLS LAST")));
    assertThrows(AnalysisException.class,
        () -> session.sql("SELECT upper(name) AS dept, count(*) FROM emp GROUP BY dept"));
    assertEquals(List.of("[false,2]", "[true,2]", "[null,1]"), ordered(session.sql(
        "SELECT salary > 85 AS high, count(*) FROM emp GROUP BY salary > 85 ORDER BY 2 DESC, 1")));
  }

  @Test
  void orderByColumnNotSelectedAndExpressionOfSelectItem() {
    assertEquals(List.of("[erin]", "[dan]", "[carol]", "[bob]", "[alice]"),
        ordered(session.sql("SELECT name FROM emp ORDER BY id DESC")));
    assertEquals(List.of("[5,erin]", "[4,dan]"),
        ordered(session.sql("SELECT id + 0, name FROM emp ORDER BY id + 0 DESC LIMIT 2")));
  }

  @Test
  void viewsOverSqlAndSelfJoinOfAView() {
    session.sql("SELECT dept, max(salary) AS top FROM emp WHERE dept IS NOT NULL GROUP BY dept")
        .createOrReplaceTempView("tops");
    assertEquals(List.of("[alice]", "[erin]"), sorted(session.sql(
        "SELECT e.name FROM emp e JOIN tops t ON e.dept = t.dept AND e.salary = t.top")));
    assertEquals(List.of("[alice,bob]", "[erin,carol]"), sorted(session.sql(
        "SELECT a.name, b.name FROM emp a JOIN emp b ON a.dept = b.dept AND a.salary > b.salary")));
    session.catalog().dropTempView("tops");
  }

  @Test
  void exprInsideDataFrameAggregatesAndStarInSelectExpr() {
    assertEquals(List.of("[eng,180]", "[null,null]", "[ops,160]"),
        sorted(emp.groupBy("dept").agg(expr("sum(salary)"))));
    DataFrame df = emp.selectExpr("*", "salary IS NULL AS missing").filter("missing");
    assertEquals(List.of("id", "name", "dept", "salary", "missing"), List.of(df.columns()));
    assertEquals(List.of("[4,dan,null,null,true]"), ordered(df));
  }

  @Test
  void stringsInDoubleQuotesAndReservedWordsInBackticks() {
    session.createDataFrame(List.of(Row.of(1, "it's")), DataTypes.struct(
        DataTypes.field("floor", DataTypes.INTEGER), DataTypes.field("note", DataTypes.STRING)))
        .createOrReplaceTempView("building");
    assertEquals(List.of("[1,it's]"), ordered(session.sql(
        "SELECT b.`floor`, note FROM building b WHERE note = \"it's\" AND note = 'it\\'s'")));
  }

  @Test
  void commonTableExpressionsSeeEarlierOnesAndShadowViews() {
    assertEquals(List.of("[eng,180,2]", "[ops,160,2]"), sorted(session.sql(
        "WITH totals AS (SELECT dept, sum(salary) AS total FROM emp GROUP BY dept),\n"
            + " big AS (SELECT * FROM totals WHERE total > 100)\n"
            + "SELECT b.dept, b.total, count(*) FROM big b JOIN emp e ON b.dept = e.dept GROUP BY b.dept, b.total")));
    assertEquals(List.of("[1]"), ordered(session.sql("WITH emp AS (SELECT 1 AS x) SELECT * FROM emp")));
    assertEquals("DUPLICATED_CTE_NAMES", assertThrows(AnalysisException.class,
        () -> session.sql("WITH a AS (SELECT 1), A AS (SELECT 2) SELECT * FROM a")).errorClass());
  }

  @Test
  void unsupportedSyntaxIsNamed() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> session.sql("EXPLAIN COST SELECT id FROM emp"));
    assertEquals("UNSUPPORTED_FEATURE.SQL", e.errorClass());
    assertTrue(e.getMessage().contains("EXPLAIN COST"), e.getMessage());
  }
}
