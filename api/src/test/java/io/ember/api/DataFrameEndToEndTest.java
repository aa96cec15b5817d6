package io.ember.api;

import static io.ember.api.functions.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * DataFrame queries run end to end on the local runtime; subclasses pick the parallelism. Unordered results
 * are compared after sorting by their text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DataFrameEndToEndTest {
  static final StructType EMP_SCHEMA = DataTypes.struct(
      DataTypes.field("id", DataTypes.INTEGER), DataTypes.field("name", DataTypes.STRING),
      DataTypes.field("dept", DataTypes.STRING), DataTypes.field("salary", DataTypes.INTEGER));
  static final StructType DEPT_SCHEMA = DataTypes.struct(
      DataTypes.field("dept", DataTypes.STRING), DataTypes.field("floor", DataTypes.INTEGER));

  Session session;
  DataFrame emp;
  DataFrame dept;

  abstract String master();

  @BeforeAll
  void start() {
    session = Session.builder().master(master()).appName(getClass().getSimpleName()).getOrCreate();
    emp = session.createDataFrame(List.of(
        Row.of(1, "alice", "eng", 100), Row.of(2, "bob", "eng", 80), Row.of(3, "carol", "ops", 70),
        Row.of(4, "dan", null, null), Row.of(5, "erin", "ops", 90)), EMP_SCHEMA);
    dept = session.createDataFrame(List.of(Row.of("eng", 1), Row.of("ops", 2), Row.of("hr", 3)), DEPT_SCHEMA);
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
  void selectFilterAndWithColumn() {
    DataFrame df = emp.filter(col("salary").gt(75)).withColumn("bonus", col("salary").multiply(2)).select("name", "bonus");
    assertEquals(List.of("[alice,200]", "[bob,160]", "[erin,180]"), sorted(df));
    assertEquals(List.of("name", "bonus"), Arrays.asList(df.columns()));
    assertEquals(List.of("[alice]"), sorted(emp.filter(col("name").like("a%")).select("name")));
    assertEquals(List.of("name LIKE a%"), Arrays.asList(emp.select(col("name").like("a%")).columns()));
  }

  @Test
  void withColumnReplacesInPlaceAndRenameAndDropKeepOrder() {
    DataFrame df = emp.withColumn("salary", coalesce(col("salary"), lit(0))).withColumnRenamed("name", "who").drop("dept");
    assertEquals(List.of("id", "who", "salary"), Arrays.asList(df.columns()));
    assertEquals(List.of("[1,alice,100]", "[2,bob,80]", "[3,carol,70]", "[4,dan,0]", "[5,erin,90]"), ordered(df.orderBy("id")));
  }

  @Test
  void withColumnAfterAJoinKeepsBothSidesColumns() {
    DataFrame joined = emp.join(dept, emp.col("dept").equalTo(dept.col("dept"))).withColumn("one", lit(1));
    assertEquals(List.of("id", "name", "dept", "salary", "dept", "floor", "one"), Arrays.asList(joined.columns()));
    assertEquals(4, joined.count());
  }

  @Test
  void showPrintsShowStringAndExplainRejectsUnknownModes() {
    java.io.PrintStream original = System.out;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      emp.orderBy("id").show(1);
    } finally {
      System.setOut(original);
    }
    assertEquals(emp.orderBy("id").showString(1, 20, false) + System.lineSeparator(),
        captured.toString(java.nio.charset.StandardCharsets.UTF_8));
    assertThrows(io.ember.core.errors.EmberIllegalArgumentException.class, () -> emp.explain("fancy"));
  }

  @Test
  void showRendersTimestampsInTheSessionTimeZone() {
    DataFrame ts = session.createDataFrame(List.of(Row.of(java.time.Instant.parse("2024-01-01T00:00:00Z"))),
        DataTypes.struct(DataTypes.field("ts", DataTypes.TIMESTAMP)));
    session.conf().set("spark.sql.session.timeZone", "America/Los_Angeles");
    try {
      assertTrue(ts.showString(20, 20, false).contains("|2023-12-31 16:00:00|"), ts.showString(20, 20, false));
    } finally {
      session.conf().unset("spark.sql.session.timeZone");
    }
  }

  @Test
  void groupByAggregatesWithSparkNamesAndNullGroupFirst() {
    DataFrame df = emp.groupBy("dept").agg(count("*"), sum("salary"), avg("salary"), max(col("salary"))).orderBy("dept");
    assertEquals(List.of("dept", "count(1)", "sum(salary)", "avg(salary)", "max(salary)"), Arrays.asList(df.columns()));
    assertEquals(List.of("[null,1,null,null,null]", "[eng,2,180,90.0,100]", "[ops,2,160,80.0,90]"), ordered(df));
  }

  @Test
  void groupedShortcutsAndMapForm() {
    assertEquals(List.of("[null,1]", "[eng,2]", "[ops,2]"), ordered(emp.groupBy("dept").count().orderBy("dept")));
    assertEquals("count", emp.groupBy("dept").count().columns()[1]);
    assertEquals(List.of("[eng,180]", "[ops,160]"),
        ordered(emp.filter(col("dept").isNotNull()).groupBy("dept").sum("salary").orderBy("dept")));
    DataFrame viaMap = emp.groupBy("dept").agg(Map.of("salary", "avg")).orderBy("dept");
    assertEquals(List.of("dept", "avg(salary)"), Arrays.asList(viaMap.columns()));
    assertEquals(List.of("[1,5,340]"), ordered(emp.agg(min("id"), max("id"), sum("salary"))));
  }

  @Test
  void orderByDescendingPutsNullsLastAndLimitKeepsTheTop() {
    assertEquals(List.of("[alice]", "[erin]"), ordered(emp.orderBy(col("salary").desc()).limit(2).select("name")));
    assertEquals("dan", emp.orderBy("salary").first().getString(1));
    assertEquals(List.of("[bob]", "[carol]"), ordered(emp.orderBy("id").offset(1).limit(2).select("name")));
  }

  @Test
  void distinctAndDropDuplicates() {
    assertEquals(List.of("[eng]", "[null]", "[ops]"), sorted(emp.select("dept").distinct()));
    assertEquals(3, emp.dropDuplicates("dept").count());
    assertEquals(5, emp.dropDuplicates().count());
  }

  @Test
  void joinKinds() {
    assertEquals(List.of("[eng,1,alice,100,1]", "[eng,2,bob,80,1]", "[ops,3,carol,70,2]", "[ops,5,erin,90,2]"),
        sorted(emp.join(dept, "dept")));
    assertEquals(5, emp.join(dept, List.of("dept"), "left").count());
    assertEquals(List.of("[hr,null]"),
        sorted(emp.join(dept, List.of("dept"), "right_outer").filter(col("id").isNull()).select("dept", "name")));
    assertEquals(6, emp.join(dept, List.of("dept"), "full").count());
    assertEquals(List.of("[1]", "[2]", "[3]", "[5]"), sorted(emp.join(dept, List.of("dept"), "leftsemi").select("id")));
    assertEquals(List.of("[4]"), sorted(emp.join(dept, List.of("dept"), "anti").select("id")));
    assertEquals(15, emp.crossJoin(dept).count());
    assertEquals(15, emp.join(dept).count());
  }

  @Test
  void joinOnConditionsIncludingNonEquality() {
    Column on = emp.col("dept").equalTo(dept.col("dept")).and(emp.col("salary").gt(85));
    assertEquals(List.of("[alice,1]", "[erin,2]"), sorted(emp.join(dept, on).select(emp.col("name"), dept.col("floor"))));
    Column less = emp.col("id").lt(dept.col("floor"));
    assertEquals(List.of("[1,ops]", "[1,hr]", "[2,hr]").stream().sorted().toList(),
        sorted(emp.join(dept, less, "inner").select(emp.col("id"), dept.col("dept"))));
  }

  @Test
  void aliasedDataFramesAreReferencedByQualifiedNames() {
    DataFrame joined = emp.alias("e").join(dept.alias("d"), col("e.dept").equalTo(col("d.dept")), "left_outer")
        .select(col("e.name"), col("d.floor"));
    assertEquals(List.of("name", "floor"), Arrays.asList(joined.columns()));
    assertEquals(List.of("[alice,1]", "[bob,1]", "[carol,2]", "[dan,null]", "[erin,2]"), sorted(joined));
    assertEquals(4, emp.alias("e").select(col("e.*")).columns().length);
  }

  @Test
  void unionByPositionAndByName() {
    assertEquals(8, emp.select("name").union(dept.select("dept")).count());
    DataFrame ab = session.createDataFrame(List.of(Row.of(1, "x")), DataTypes.struct(
        DataTypes.field("a", DataTypes.INTEGER), DataTypes.field("b", DataTypes.STRING)));
    DataFrame bc = session.createDataFrame(List.of(Row.of("y", 2.5)), DataTypes.struct(
        DataTypes.field("b", DataTypes.STRING), DataTypes.field("c", DataTypes.DOUBLE)));
    DataFrame byName = ab.unionByName(bc, true);
    assertEquals(List.of("a", "b", "c"), Arrays.asList(byName.columns()));
    assertEquals(List.of("[1,x,null]", "[null,y,2.5]"), sorted(byName));
  }

  @Test
  void naFillAndDrop() {
    assertEquals(List.of("[4,none,0]"),
        sorted(emp.na().fill(0).na().fill("none").filter(col("id").equalTo(4)).select("id", "dept", "salary")));
    assertEquals(List.of("[4,null,null]"),
        sorted(emp.na().fill(Map.of("name", "x")).filter(col("id").equalTo(4)).select("id", "dept", "salary")));
    assertEquals(4, emp.na().drop().count());
    assertEquals(5, emp.na().drop("all").count());
    assertEquals(5, emp.na().drop(2).count());
    assertEquals(4, emp.na().drop(3).count());
    assertEquals(5, emp.na().drop("any", new String[] {"id", "name"}).count());
  }

  @Test
  void showPrintsSparksTable() {
    String expected = ""
        + "+---+-----+----+------+\n"
        + "| id| name|dept|salary|\n"
        + "+---+-----+----+------+\n"
        + "|  1|alice| eng|   100|\n"
        + "|  2|  bob| eng|    80|\n"
        + "+---+-----+----+------+\n"
        + "only showing top 2 rows\n";
    assertEquals(expected, emp.orderBy("id").showString(2, 20, false));
    String all = emp.orderBy("id").showString(20, 20, false);
    assertTrue(all.contains("|  4|  dan|NULL|  NULL|\n") && !all.contains("only showing"), all);
  }

  @Test
  void actionsOnRows() {
    assertEquals(5, emp.count());
    assertEquals(5, emp.collect().length);
    assertEquals(Row.of(1, "alice", "eng", 100), emp.orderBy("id").head());
    assertEquals(2, emp.take(2).length);
    assertEquals("alice", emp.orderBy("id").first().<String>getAs("name"));
    assertTrue(emp.filter(lit(false)).isEmpty());
    assertFalse(emp.isEmpty());
    assertThrows(NoSuchElementException.class, () -> emp.filter(col("id").gt(99)).first());
  }

  @Test
  void emptyDataFramesCountZeroAndShowTheirHeader() {
    DataFrame none = session.createDataFrame(List.of(), EMP_SCHEMA);
    assertEquals(0, none.count());
    assertTrue(none.isEmpty());
    assertEquals("+---+----+----+------+\n| id|name|dept|salary|\n+---+----+----+------+\n+---+----+----+------+\n",
        none.showString(20, 20, false));
    assertEquals(0, emp.filter(col("id").gt(100)).groupBy("dept").count().count());
    assertEquals(List.of("[0]"), ordered(emp.filter(col("id").gt(100)).agg(count("*"))));
  }

  @Test
  void rangeProducesIds() {
    assertEquals(List.of("[0]", "[3]", "[6]", "[9]"), ordered(session.range(0, 10, 3).orderBy("id")));
    assertEquals(1000, session.range(1000).count());
    assertEquals(List.of("[4950]"), ordered(session.range(0, 100, 1, 3).agg(sum("id"))));
  }

  @Test
  void schemaDescriptions() {
    assertEquals("[id: int, name: string ... 2 more fields]", emp.toString());
    assertEquals(List.of(Map.entry("id", "int"), Map.entry("name", "string"), Map.entry("dept", "string"),
        Map.entry("salary", "int")), emp.dtypes());
    assertEquals("root\n |-- id: integer (nullable = true)\n |-- name: string (nullable = true)\n"
        + " |-- dept: string (nullable = true)\n |-- salary: integer (nullable = true)\n", emp.schema().treeString());
  }

  @Test
  void expressionsEvaluate() {
    DataFrame df = emp.filter(col("id").equalTo(1)).select(
        upper(col("name")), when(col("salary").geq(100), "high").otherwise("low").alias("band"),
        col("name").like("a%"), col("salary").cast("double"), concat_ws("-", col("name"), col("dept")));
    assertEquals(List.of("[ALICE,high,true,100.0,alice-eng]"), ordered(df));
    assertEquals("upper(name)", df.columns()[0]);
  }
}
