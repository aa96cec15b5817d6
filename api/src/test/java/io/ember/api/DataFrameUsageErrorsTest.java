package io.ember.api;

import static io.ember.api.functions.col;
import static io.ember.api.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberException;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Misuse of the DataFrame API fails at the call, with the error type and message Spark users expect. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DataFrameUsageErrorsTest {
  @TempDir
  Path dir;

  Session session;
  DataFrame emp;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[1]").appName("errors").getOrCreate();
    emp = session.createDataFrame(List.of(Row.of(1, "alice", "eng", 100), Row.of(4, "dan", null, null)),
        DataFrameEndToEndTest.EMP_SCHEMA);
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private static void assertMessage(EmberException e, String errorClass, String fragment) {
    assertEquals(errorClass, e.errorClass(), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  @Test
  void unknownColumnsInDropDuplicatesNaAndGroupedShortcutsAreNamed() {
    assertMessage(assertThrows(AnalysisException.class, () -> emp.dropDuplicates("nmae")),
        "UNRESOLVED_COLUMN.WITH_SUGGESTION", "Did you mean `name`?");
    assertMessage(assertThrows(AnalysisException.class, () -> emp.na().fill(0, new String[] {"salry"})),
        "UNRESOLVED_COLUMN.WITH_SUGGESTION", "`salary`");
    assertMessage(assertThrows(AnalysisException.class, () -> emp.groupBy("dept").sum("name")),
        "NOT_NUMERIC_COLUMN", "\"name\" is not a numeric column");
  }

  @Test
  void badArgumentsAreRejected() {
    assertMessage(assertThrows(AnalysisException.class, () -> emp.limit(-1)),
        "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", "but got -1");
    assertMessage(assertThrows(EmberIllegalArgumentException.class, () -> emp.na().drop("some")),
        "INVALID_PARAMETER_VALUE.NA_DROP_HOW", "'any' or 'all'");
    assertMessage(assertThrows(EmberIllegalArgumentException.class, () -> emp.toDF("a", "b")),
        "INVALID_PARAMETER_VALUE.TO_DF", "New column names (2): a, b");
    Map<String, Column> twice = new LinkedHashMap<>();
    twice.put("x", lit(1));
    twice.put("X", lit(2));
    assertMessage(assertThrows(AnalysisException.class, () -> emp.withColumns(twice)), "COLUMN_ALREADY_EXISTS", "`X`");
    assertMessage(assertThrows(EmberIllegalArgumentException.class,
        () -> session.createDataFrame(List.of(Row.of("1", "a", "b", 2)), DataFrameEndToEndTest.EMP_SCHEMA)),
        "INVALID_EXTERNAL_TYPE", "field `id`");
  }

  @Test
  void readerWithoutPathOrWithBadDdlFailsBeforeReading() {
    assertMessage(assertThrows(EmberIllegalArgumentException.class, () -> session.read().format("csv").load()),
        "PATH_NOT_SPECIFIED", "option(\"path\"");
    assertMessage(assertThrows(AnalysisException.class, () -> session.read().schema("a INT, b BLOB")),
        "UNSUPPORTED_DATATYPE", "\"BLOB\"");
  }

  @Test
  void readerOptionsReachTheCsvParser() throws Exception {
    Path file = dir.resolve("semi.csv");
    Files.writeString(file, "k;v\nx;1\ny;NA\n");
    DataFrame df = session.read().options(Map.of("HEADER", "true", "sep", ";")).option("nullValue", "NA")
        .option("inferSchema", true).option("path", file.toString()).format("csv").load();
    assertEquals(List.of(Map.entry("k", "string"), Map.entry("v", "int")), df.dtypes());
    assertEquals(List.of(Row.of("x", 1), Row.of("y", null)), df.orderBy("k").collectAsList());
  }

  @Test
  void columnsWithDotsInTheirNamesSurviveProjections() {
    DataFrame dotted = session.createDataFrame(List.of(Row.of(1, "x")), io.ember.core.types.DataTypes.struct(
        io.ember.core.types.DataTypes.field("a.b", io.ember.core.types.DataTypes.INTEGER),
        io.ember.core.types.DataTypes.field("c", io.ember.core.types.DataTypes.STRING)));
    DataFrame out = dotted.withColumn("c", lit("y")).withColumnRenamed("c", "d").na().fill(0);
    assertEquals(List.of("a.b", "d"), Arrays.asList(out.columns()));
    assertEquals(List.of(Row.of(1, "y")), out.collectAsList());
    assertEquals(List.of(Row.of(1)), dotted.drop("c").collectAsList());
  }

  @Test
  void dropAndRenameOfMissingColumnsChangeNothing() {
    assertEquals(Arrays.asList(emp.columns()), Arrays.asList(emp.drop("nope").columns()));
    assertEquals(Arrays.asList(emp.columns()), Arrays.asList(emp.withColumnRenamed("nope", "x").columns()));
    assertEquals(List.of("id", "name", "salary"), Arrays.asList(emp.drop(col("DEPT")).columns()));
  }
}
