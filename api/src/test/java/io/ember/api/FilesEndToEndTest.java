package io.ember.api;

import static io.ember.api.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Writing files and reading them back, and the errors users see for bad paths, names and modes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilesEndToEndTest {
  @TempDir
  Path dir;

  Session session;
  DataFrame emp;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName("files").getOrCreate();
    emp = session.createDataFrame(List.of(
        Row.of(1, "alice", "eng", 100), Row.of(2, "bob", "eng", 80), Row.of(3, "carol", "ops", 70),
        Row.of(4, "dan", null, null), Row.of(5, "erin", "ops", 90)), DataFrameEndToEndTest.EMP_SCHEMA);
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  @Test
  void csvWrittenWithHeaderReadsBackTheSameRows() {
    String out = dir.resolve("emp_csv").toString();
    emp.write().option("header", true).csv(out);
    assertTrue(Files.exists(Path.of(out, "_SUCCESS")));
    DataFrame back = session.read().option("header", "true").option("inferSchema", true).csv(out);
    assertEquals(emp.schema(), back.schema());
    assertEquals(emp.orderBy("id").collectAsList(), back.orderBy("id").collectAsList());
  }

  @Test
  void csvReadWithDdlSchema() throws Exception {
    Path file = dir.resolve("prices.csv");
    Files.writeString(file, "a,1.50\nb,\n");
    DataFrame df = session.read().schema("item STRING, price DECIMAL(10,2)").csv(file.toString());
    assertEquals(DataTypes.struct(DataTypes.field("item", DataTypes.STRING), DataTypes.field("price", DataTypes.decimal(10, 2))),
        df.schema());
    assertEquals(List.of(Row.of("a", new java.math.BigDecimal("1.50")), Row.of("b", null)), df.orderBy("item").collectAsList());
  }

  @Test
  void jsonRoundTripInfersLongsAndKeepsNulls() {
    String out = dir.resolve("emp_json").toString();
    emp.write().format("json").mode("overwrite").save(out);
    DataFrame back = session.read().json(out).select("id", "name", "dept", "salary").orderBy("id");
    assertEquals("[id: bigint, name: string ... 2 more fields]", back.toString());
    assertEquals(List.of("[4,dan,null,null]"), back.filter(col("id").equalTo(4L)).collectAsList().stream()
        .map(Row::toString).toList());
  }

  @Test
  void partitionedWritesMakeOneDirectoryPerValueAndReadBackTheColumn() {
    String out = dir.resolve("by_dept").toString();
    emp.filter(col("dept").isNotNull()).write().partitionBy("dept").option("header", true).csv(out);
    assertTrue(Files.isDirectory(Path.of(out, "dept=eng")) && Files.isDirectory(Path.of(out, "dept=ops")));
    DataFrame back = session.read().option("header", true).option("inferSchema", true).csv(out);
    assertEquals(List.of("[alice,eng]", "[bob,eng]", "[carol,ops]", "[erin,ops]"),
        back.select("name", "dept").collectAsList().stream().map(Row::toString).sorted().toList());
  }

  @Test
  void textWritesOneLinePerRow() throws Exception {
    String out = dir.resolve("names_txt").toString();
    emp.orderBy("id").select("name").write().text(out);
    DataFrame back = session.read().text(out);
    assertEquals(List.of("value"), Arrays.asList(back.columns()));
    assertEquals(List.of("[alice]", "[bob]", "[carol]", "[dan]", "[erin]"),
        back.collectAsList().stream().map(Row::toString).sorted().toList());
  }

  @Test
  void writingToAnExistingPathInErrorModeFails() {
    String out = dir.resolve("twice").toString();
    emp.write().json(out);
    EmberException e = assertThrows(EmberException.class, () -> emp.write().mode("error").json(out));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    emp.write().mode("ignore").json(out);
    assertEquals(5, session.read().json(out).count());
  }

  @Test
  void appendModeAddsTheRowsOfEachWrite() {
    String out = dir.resolve("appended").toString();
    emp.write().json(out);
    emp.filter(col("id").leq(2)).write().mode("append").json(out);
    assertEquals(7, session.read().json(out).count());
  }

  @Test
  void overwriteModeReplacesTheOutput() {
    String out = dir.resolve("replaced").toString();
    emp.write().csv(out);
    emp.filter(col("id").leq(2)).write().mode("overwrite").csv(out);
    assertEquals(2, session.read().csv(out).count());
  }

  @Test
  void unknownColumnListsTheAvailableOnesAndSuggestsTheClosest() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> emp.select("nmae"));
    assertTrue(e.getMessage().contains("`nmae`"), e.getMessage());
    assertTrue(e.getMessage().contains("Did you mean `name`?"), e.getMessage());
    assertTrue(e.getMessage().contains("`id`, `name`, `dept`, `salary`"), e.getMessage());
    AnalysisException viaFilter = assertThrows(AnalysisException.class, () -> emp.filter(col("salry").gt(1)));
    assertTrue(viaFilter.getMessage().contains("`salary`"), viaFilter.getMessage());
    assertThrows(AnalysisException.class, () -> emp.col("nope"));
  }

  @Test
  void missingPathIsNamed() {
    String missing = dir.resolve("does/not/exist.csv").toString();
    AnalysisException e = assertThrows(AnalysisException.class, () -> session.read().csv(missing));
    assertEquals("PATH_NOT_FOUND", e.errorClass());
    assertTrue(e.getMessage().contains(missing), e.getMessage());
  }

  @Test
  void unknownFormatNamesTheSupportedOnes() throws Exception {
    Path file = dir.resolve("x.avro");
    Files.writeString(file, "x");
    AnalysisException e = assertThrows(AnalysisException.class, () -> session.read().format("avro").load(file.toString()));
    assertTrue(e.getMessage().contains("avro") && e.getMessage().contains("csv, json, text"), e.getMessage());
  }

  @Test
  void badJoinTypeAndSaveModeAreRejected() {
    EmberIllegalArgumentException join = assertThrows(EmberIllegalArgumentException.class,
        () -> emp.join(emp.select("id"), List.of("id"), "outerish"));
    assertTrue(join.getMessage().contains("'left_outer'"), join.getMessage());
    assertThrows(EmberIllegalArgumentException.class, () -> emp.write().mode("sometimes"));
  }

  @Test
  void sessionIsSharedAndConfigValidated() {
    assertEquals(session, Session.builder().config("spark.sql.shuffle.partitions", 3).getOrCreate());
    assertEquals("3", session.conf().get("spark.sql.shuffle.partitions"));
    assertThrows(EmberIllegalArgumentException.class, () -> session.conf().set("spark.sql.shuffle.partitions", "-1"));
    StructType none = session.emptyDataFrame().schema();
    assertEquals(0, none.size());
  }
}
