package io.ember.connectors.parquet;

import static io.ember.api.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Parquet through the api: every supported type with nulls, directories, save modes, partitions, codecs, errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParquetEndToEndTest {
  static final StructType ALL_TYPES = DataTypes.struct(
      DataTypes.field("id", DataTypes.INTEGER), DataTypes.field("flag", DataTypes.BOOLEAN),
      DataTypes.field("big", DataTypes.LONG), DataTypes.field("ratio", DataTypes.DOUBLE),
      DataTypes.field("name", DataTypes.STRING), DataTypes.field("small_dec", DataTypes.decimal(7, 2)),
      DataTypes.field("mid_dec", DataTypes.decimal(15, 3)), DataTypes.field("wide_dec", DataTypes.decimal(30, 4)),
      DataTypes.field("day", DataTypes.DATE), DataTypes.field("ts", DataTypes.TIMESTAMP));

  @TempDir
  Path dir;

  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName("parquet").getOrCreate();
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  static List<Row> allTypeRows() {
    return List.of(
        Row.of(1, true, Long.MAX_VALUE, 1.5, "alpha", new BigDecimal("12345.67"), new BigDecimal("-123456789012.345"),
            new BigDecimal("-12345678901234567890123456.7891"), LocalDate.of(2024, 2, 29),
            Instant.parse("2024-02-29T12:34:56.123456Z")),
        Row.of(2, false, Long.MIN_VALUE, -0.0, "βeta ✓", new BigDecimal("-0.01"), new BigDecimal("0.001"),
            new BigDecimal("99999999999999999999999999.9999"), LocalDate.of(1900, 1, 1),
            Instant.parse("1969-12-31T23:59:59.999999Z")),
        Row.of(3, null, null, null, null, null, null, null, null, null),
        Row.of(4, true, 0L, Double.NaN, "", new BigDecimal("0.00"), new BigDecimal("0.000"),
            new BigDecimal("0.0000"), LocalDate.of(1970, 1, 1), Instant.EPOCH));
  }

  @Test
  void everySupportedTypeRoundTripsWithNulls() {
    String out = dir.resolve("all").toString();
    DataFrame df = session.createDataFrame(allTypeRows(), ALL_TYPES);
    df.write().parquet(out);
    assertTrue(Files.exists(Path.of(out, "_SUCCESS")));
    DataFrame back = session.read().parquet(out);
    assertEquals(ALL_TYPES, back.schema());
    assertEquals(allTypeRows(), back.orderBy("id").collectAsList());
  }

  @Test
  void partFilesAreNamedAsSparkNamesThemForEachCodec() throws IOException {
    DataFrame df = session.createDataFrame(allTypeRows(), ALL_TYPES);
    String[][] cases = {{null, ".snappy.parquet"}, {"none", ".parquet"}, {"uncompressed", ".parquet"},
        {"gzip", ".gz.parquet"}, {"zstd", ".zstd.parquet"}, {"lz4_raw", ".lz4raw.parquet"}};
    for (String[] c : cases) {
      Path out = dir.resolve("codec-" + c[0]);
      var writer = df.write();
      if (c[0] != null) {
        writer = writer.option("compression", c[0]);
      }
      writer.parquet(out.toString());
      List<String> parts = dataFiles(out);
      assertFalse(parts.isEmpty());
      for (String name : parts) {
        assertTrue(name.matches("part-\\d{5}-[0-9a-f-]{36}" + c[1].replace(".", "\\.")), name + " for " + c[0]);
      }
      assertEquals(allTypeRows(), session.read().parquet(out.toString()).orderBy("id").collectAsList(), c[0]);
    }
    EmberException e = assertThrows(EmberException.class, () -> df.write().option("compression", "brotli2")
        .parquet(dir.resolve("bad-codec").toString()));
    assertTrue(e.getMessage().contains("brotli2"), e.getMessage());
  }

  @Test
  void aDirectoryOfSeveralFilesReadsAsOneTable() {
    String out = dir.resolve("many").toString();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      rows.add(Row.of(i, "n" + (i % 97), i % 7 == 0 ? null : (long) i * 3));
    }
    StructType schema = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
        DataTypes.field("name", DataTypes.STRING), DataTypes.field("v", DataTypes.LONG));
    for (int part = 0; part < 3; part++) {
      session.createDataFrame(rows.subList(part * 1000, part * 1000 + 1000), schema).write().mode("append")
          .parquet(out);
    }
    assertEquals(3, dataFiles(Path.of(out)).size());
    DataFrame back = session.read().parquet(out);
    assertEquals(3000L, back.count());
    assertEquals(rows, back.orderBy("id").collectAsList());
    long n5 = rows.stream().filter(r -> r.get(1).equals("n5")).count();
    assertEquals(n5, back.filter(col("name").equalTo("n5")).count());
  }

  @Test
  void aQueryReadsOnlyTheColumnsItUses() {
    String out = dir.resolve("pruned").toString();
    session.createDataFrame(allTypeRows(), ALL_TYPES).write().parquet(out);
    DataFrame q = session.read().parquet(out).filter(col("flag")).select("name");
    String plan = q.queryExecution().explain(false);
    assertTrue(plan.contains("FileScan parquet") && plan.contains("schema=struct<flag:boolean,name:string>")
        || plan.contains("schema=struct<name:string>"), plan);
    assertEquals(List.of(Row.of(""), Row.of("alpha")), q.orderBy("name").collectAsList());
  }

  @Test
  void saveModesBehaveAsForOtherFiles() {
    String out = dir.resolve("modes").toString();
    StructType schema = DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER));
    DataFrame one = session.createDataFrame(List.of(Row.of(1)), schema);
    DataFrame two = session.createDataFrame(List.of(Row.of(2)), schema);
    one.write().parquet(out);
    AnalysisException exists = assertThrows(AnalysisException.class, () -> two.write().parquet(out));
    assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
    two.write().mode("append").parquet(out);
    assertEquals(List.of(Row.of(1), Row.of(2)), session.read().parquet(out).orderBy("k").collectAsList());
    one.write().mode("ignore").parquet(out);
    assertEquals(2L, session.read().parquet(out).count());
    two.write().mode("overwrite").format("parquet").save(out);
    assertEquals(List.of(Row.of(2)), session.read().format("parquet").load(out).collectAsList());
  }

  @Test
  void partitionByWritesHiveDirectoriesAndReadsTheColumnBack() {
    String out = dir.resolve("by_day").toString();
    StructType schema = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
        DataTypes.field("dept", DataTypes.STRING), DataTypes.field("amount", DataTypes.decimal(10, 2)));
    List<Row> rows = List.of(Row.of(1, "eng", new BigDecimal("1.50")), Row.of(2, "ops", null),
        Row.of(3, "eng", new BigDecimal("2.25")), Row.of(4, null, new BigDecimal("4.00")));
    session.createDataFrame(rows, schema).write().partitionBy("dept").parquet(out);
    assertTrue(Files.isDirectory(Path.of(out, "dept=eng")) && Files.isDirectory(Path.of(out, "dept=ops"))
        && Files.isDirectory(Path.of(out, "dept=__HIVE_DEFAULT_PARTITION__")));
    DataFrame back = session.read().parquet(out);
    assertEquals(List.of("id", "amount", "dept"), back.schema().fieldNames());
    assertEquals(List.of(Row.of(1, new BigDecimal("1.50"), "eng"), Row.of(3, new BigDecimal("2.25"), "eng")),
        back.filter(col("dept").equalTo("eng")).orderBy("id").collectAsList());
    assertEquals(4L, back.count());
  }

  @Test
  void schemasOfSeveralFilesMergeOnlyWhenAsked() {
    Path base = dir.resolve("evolving");
    session.createDataFrame(List.of(Row.of(1, "a")), DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
        DataTypes.field("name", DataTypes.STRING))).write().parquet(base.resolve("part=1").toString());
    session.createDataFrame(List.of(Row.of(2, 2.5)), DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
        DataTypes.field("score", DataTypes.DOUBLE))).write().parquet(base.resolve("part=2").toString());
    DataFrame first = session.read().parquet(base.toString());
    assertEquals(List.of("id", "name", "part"), first.schema().fieldNames());
    assertEquals(List.of(Row.of(1, "a", 1), Row.of(2, null, 2)), first.orderBy("id").collectAsList());
    DataFrame merged = session.read().option("mergeSchema", "true").parquet(base.toString());
    assertEquals(List.of("id", "name", "score", "part"), merged.schema().fieldNames());
    assertEquals(List.of(Row.of(1, "a", null, 1), Row.of(2, null, 2.5, 2)), merged.orderBy("id").collectAsList());

    session.createDataFrame(List.of(Row.of("x")), DataTypes.struct(DataTypes.field("id", DataTypes.STRING)))
        .write().parquet(base.resolve("part=3").toString());
    AnalysisException conflict = assertThrows(AnalysisException.class,
        () -> session.read().option("mergeSchema", "true").parquet(base.toString()));
    assertTrue(conflict.getMessage().contains("CANNOT_MERGE_SCHEMAS") && conflict.getMessage().contains("part=1")
        && conflict.getMessage().contains("part=3"), conflict.getMessage());
    EmberException mismatch = assertThrows(EmberException.class,
        () -> session.read().parquet(base.toString()).collectAsList());
    assertTrue(mismatch.getMessage().contains("part=3") && mismatch.getMessage().contains("[id]"),
        mismatch.getMessage());
  }

  @Test
  void errorsNameThePathTheFileAndTheColumn() throws IOException {
    Path missing = dir.resolve("nope");
    AnalysisException notFound = assertThrows(AnalysisException.class,
        () -> session.read().parquet(missing.toString()));
    assertTrue(notFound.getMessage().contains("PATH_NOT_FOUND") && notFound.getMessage().contains(missing.toString()),
        notFound.getMessage());

    Path corrupt = Files.createDirectories(dir.resolve("corrupt")).resolve("part-00000-bad.parquet");
    Files.writeString(corrupt, "this is not a parquet file at all");
    EmberException bad = assertThrows(EmberException.class, () -> session.read().parquet(corrupt.toString()));
    assertTrue(bad.getMessage().contains("FAILED_READ_FILE") && bad.getMessage().contains(corrupt.toString()),
        bad.getMessage());

    DataFrame intervals = session.sql("SELECT 1 AS id, array(INTERVAL '1' HOUR) AS xs");
    AnalysisException unsupported = assertThrows(AnalysisException.class,
        () -> intervals.write().parquet(dir.resolve("intervals").toString()));
    assertTrue(unsupported.getMessage().contains("`xs`") && unsupported.getMessage().contains("ARRAY<INTERVAL"),
        unsupported.getMessage());
    assertFalse(Files.exists(dir.resolve("intervals").resolve("_SUCCESS")));
  }

  @Test
  void aUserSchemaSelectsAndWidensColumns() {
    String out = dir.resolve("widen").toString();
    session.createDataFrame(List.of(Row.of(7, "x"), Row.of(null, "y")), DataTypes.struct(
        DataTypes.field("n", DataTypes.INTEGER), DataTypes.field("s", DataTypes.STRING))).write().parquet(out);
    DataFrame back = session.read().schema("N BIGINT, extra STRING").parquet(out);
    assertEquals(List.of(Row.of(null, null), Row.of(7L, null)), back.orderBy("N").collectAsList());
  }

  @Test
  void anEmptyDataFrameWritesOneFileHoldingTheSchema() {
    Path out = dir.resolve("empty");
    session.createDataFrame(List.of(), ALL_TYPES).write().parquet(out.toString());
    List<String> parts = dataFiles(out);
    assertEquals(1, parts.size(), parts.toString());
    assertTrue(parts.get(0).matches("part-00000-[0-9a-f-]{36}\\.snappy\\.parquet"), parts.get(0));
    DataFrame back = session.read().parquet(out.toString());
    assertEquals(ALL_TYPES, back.schema());
    assertEquals(0, back.count());

    session.createDataFrame(allTypeRows(), ALL_TYPES).write().mode("append").parquet(out.toString());
    assertEquals(allTypeRows(), session.read().parquet(out.toString()).orderBy("id").collectAsList());
    Path partitioned = dir.resolve("empty-partitioned");
    session.createDataFrame(List.of(), ALL_TYPES).write().partitionBy("flag").parquet(partitioned.toString());
    assertEquals(List.of(), dataFiles(partitioned));
  }

  static List<String> dataFiles(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p))
          .filter(p -> Stream.iterate(p, q -> q != null, Path::getParent)
              .map(q -> q.getFileName().toString()).noneMatch(n -> n.startsWith("_") || n.startsWith(".")))
          .map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
