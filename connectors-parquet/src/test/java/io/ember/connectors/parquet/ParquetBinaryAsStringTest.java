package io.ember.connectors.parquet;

import static io.ember.api.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.streaming.StreamingQuery;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spark.sql.parquet.binaryAsString}: with it, BINARY columns without a logical type (top-level and nested) read
 * as strings in the inferred schema and the values, batch and streaming; without it (the default) they stay binary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ParquetBinaryAsStringTest {
  static final String KEY = "spark.sql.parquet.binaryAsString";
  static final StructType BINARY_SCHEMA = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
      DataTypes.field("name", DataTypes.STRING), DataTypes.field("payload", DataTypes.BINARY),
      DataTypes.field("detail", DataTypes.struct(DataTypes.field("tag", DataTypes.BINARY),
          DataTypes.field("parts", DataTypes.array(DataTypes.BINARY)))));
  static final StructType STRING_SCHEMA = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
      DataTypes.field("name", DataTypes.STRING), DataTypes.field("payload", DataTypes.STRING),
      DataTypes.field("detail", DataTypes.struct(DataTypes.field("tag", DataTypes.STRING),
          DataTypes.field("parts", DataTypes.array(DataTypes.STRING)))));

  @TempDir
  Path dir;

  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName("parquet-binary-as-string")
        .config("spark.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  @AfterEach
  void unset() {
    session.conf().unset(KEY);
    session.conf().unset("spark.sql.streaming.schemaInference");
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static List<Row> binaryRows(int from, int to) {
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = from; i < to; i++) {
      rows.add(i % 5 == 4 ? Row.of(i, null, null, null)
          : Row.of(i, "n" + i, utf8("é-" + i), Row.of(utf8("t" + i % 3), Arrays.asList(utf8("p" + i), null, utf8("")))));
    }
    return rows;
  }

  /** {@link #binaryRows} as {@link #STRING_SCHEMA} rows: the bytes decoded as UTF-8. */
  static List<Row> stringRows(int from, int to) {
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = from; i < to; i++) {
      rows.add(i % 5 == 4 ? Row.of(i, null, null, null)
          : Row.of(i, "n" + i, "é-" + i, Row.of("t" + i % 3, Arrays.asList("p" + i, null, ""))));
    }
    return rows;
  }

  String writeBinary(String name, int from, int to) {
    String out = dir.resolve(name).toString();
    session.createDataFrame(binaryRows(from, to), BINARY_SCHEMA).write().parquet(out);
    return out;
  }

  @Test
  void plainBinaryColumnsReadAsStringsAtEveryDepthWhenTheSessionSaysSo() {
    String path = writeBinary("batch", 0, 40);
    assertEquals(BINARY_SCHEMA, session.read().parquet(path).schema(), "binary by default, as Spark");

    session.conf().set(KEY, true);
    DataFrame strings = session.read().parquet(path);
    session.conf().unset(KEY);
    assertEquals(STRING_SCHEMA, strings.schema());
    assertEquals(stringRows(0, 40), strings.orderBy("id").collectAsList(), "read when the DataFrame is created");
    assertEquals(List.of(Row.of(7, "t1")),
        strings.filter(col("payload").equalTo("é-7")).select("id", "detail.tag").collectAsList());
    long tagged = stringRows(0, 40).stream().filter(r -> r.get(3) != null && "t1".equals(((Row) r.get(3)).get(0)))
        .count();
    assertEquals(tagged, strings.filter(col("detail.tag").equalTo("t1")).count());
    assertEquals(List.of(Row.of("p3")), strings.filter("id = 3").selectExpr("detail.parts[0]").collectAsList());
  }

  @Test
  void aSparkWrittenFileReadsItsBinaryColumnsAsStrings() {
    session.conf().set(KEY, "true");
    DataFrame df = session.read().parquet(SparkWrittenFilesTest.resource("binary_columns.snappy.parquet"));
    assertEquals(DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER), DataTypes.field("payload", DataTypes.STRING),
        DataTypes.field("raw", DataTypes.STRING),
        DataTypes.field("parts", new io.ember.core.types.ArrayType(DataTypes.STRING, false))), df.schema());
    assertEquals(List.of(Row.of(0, "v-0", "a"), Row.of(1, "v-1", "a"), Row.of(2, "v-2", "a"), Row.of(3, "v-3", "a"),
        Row.of(4, null, null)), df.orderBy("id").selectExpr("id", "payload", "parts[0]").collectAsList());
  }

  @Test
  void mergingAStringFileWithAPlainBinaryOneNeedsBinaryAsString() {
    String path = writeBinary("merge", 0, 10);
    session.createDataFrame(stringRows(10, 20), STRING_SCHEMA).write().mode("append").parquet(path);
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> session.read().option("mergeSchema", "true").parquet(path));
    assertTrue(e.getMessage().contains("CANNOT_MERGE_SCHEMAS") || e.getMessage().contains("Failed merging schemas"),
        e.getMessage());

    session.conf().set(KEY, true);
    DataFrame merged = session.read().option("mergeSchema", "true").parquet(path);
    assertEquals(STRING_SCHEMA, merged.schema());
    assertEquals(stringRows(0, 20), merged.orderBy("id").collectAsList());
  }

  @Test
  void aStreamInfersStringsAndReadsThem() throws Exception {
    Path in = Files.createDirectories(dir.resolve("stream-in"));
    Path out = dir.resolve("stream-out");
    land(in, 0, 30);
    session.conf().set("spark.sql.streaming.schemaInference", true);
    session.conf().set(KEY, true);
    DataFrame stream = session.readStream().parquet(in.toString());
    assertEquals(STRING_SCHEMA, stream.schema());
    StreamingQuery q = stream.filter(col("payload").isNotNull()).writeStream().format("parquet")
        .option("checkpointLocation", dir.resolve("stream-checkpoint").toString()).start(out.toString());
    try {
      q.processAllAvailable();
      land(in, 30, 50);
      q.processAllAvailable();
      assertFalse(q.exception().isPresent());
    } finally {
      q.stop();
    }
    session.conf().unset(KEY);
    DataFrame written = session.read().parquet(out.toString());
    assertEquals(STRING_SCHEMA, written.schema(), "the sink wrote strings");
    List<Row> expected = stringRows(0, 50).stream().filter(r -> r.get(2) != null).toList();
    assertEquals(expected, written.orderBy("id").collectAsList());
  }

  /** Writes {@link #binaryRows} {@code [from, to)} elsewhere and moves the part files into {@code in}. */
  void land(Path in, int from, int to) throws Exception {
    Path staging = Path.of(writeBinary("staging-" + from, from, to));
    for (String name : ParquetEndToEndTest.dataFiles(staging)) {
      Files.move(staging.resolve(name), in.resolve("batch-" + from + "-" + name), StandardCopyOption.ATOMIC_MOVE);
    }
  }
}
