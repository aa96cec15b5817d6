package io.ember.api;

import static io.ember.api.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binary columns through the DataFrame API and SQL with Spark's results: casts, functions, keys of grouping, joins,
 * distinct and sorting (unsigned), {@code show()}, and the JSON and CSV writers. Runs on four tasks so keys are
 * hashed across an exchange.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BinaryTypeEndToEndTest {
  static final StructType SCHEMA = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
      DataTypes.field("b", DataTypes.BINARY));

  @TempDir
  Path dir;

  Session session;
  DataFrame df;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[4]").appName("binary").getOrCreate();
    df = session.createDataFrame(List.of(
        Row.of(1, utf8("Hello")), Row.of(2, new byte[] {(byte) 0x80}), Row.of(3, new byte[] {0x7F}),
        Row.of(4, null), Row.of(5, utf8("Hello")), Row.of(6, new byte[0])), SCHEMA);
    df.createOrReplaceTempView("bins");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  List<Row> sql(String query) {
    return session.sql(query).collectAsList();
  }

  @Test
  void collectGivesBytesAndShowPrintsHexAsSpark() {
    assertEquals(SCHEMA, df.schema());
    assertArrayEquals(utf8("Hello"), (byte[]) df.filter("id = 1").collectAsList().get(0).get(1));
    String expected = String.join(System.lineSeparator(),
        "+---+----------------+",
        "| id|               b|",
        "+---+----------------+",
        "|  1|[48 65 6C 6C 6F]|",
        "|  2|            [80]|",
        "|  4|            NULL|",
        "|  6|              []|",
        "+---+----------------+",
        "");
    assertEquals(expected, df.filter("id IN (1, 2, 4, 6)").orderBy("id").showString(20, 20, false));
    assertEquals(List.of(Map.entry("id", "int"), Map.entry("b", "binary")), df.dtypes());
  }

  @Test
  void castsAndFunctionsAsSpark() {
    assertEquals(List.of(Row.of("Spark", 5, 5, "537061726B", "U3Bhcms=", "Spark", "Spark")),
        sql("SELECT CAST(CAST('Spark' AS BINARY) AS STRING), length(CAST('Spark' AS BINARY)),"
            + " octet_length('Spark'), hex(CAST('Spark' AS BINARY)), base64(CAST('Spark' AS BINARY)),"
            + " CAST(unhex('537061726B') AS STRING), CAST(unbase64('U3Bhcms=') AS STRING)"));
    assertEquals(List.of(Row.of("FEFF0061", "a", "4869")),
        sql("SELECT hex(encode('a', 'UTF-16')), decode(X'61', 'UTF-8'), hex(concat(X'48', X'69'))"));
    assertEquals(List.of(Row.of(1), Row.of(5)), sql("SELECT id FROM bins WHERE b = X'48656C6C6F' ORDER BY id"));
    assertEquals(List.of(Row.of(1), Row.of(5)), sql("SELECT id FROM bins WHERE b = 'Hello' ORDER BY id"));
    assertEquals(List.of(Row.of(2), Row.of(3)),
        sql("SELECT id FROM bins WHERE b IN (X'80', X'7F', X'00') ORDER BY id"));
    assertEquals(List.of(Row.of(2)), df.filter(col("b").gt(new byte[] {0x7F})).select("id").collectAsList());
  }

  @Test
  void binaryKeysGroupJoinDistinctAndSortUnsigned() {
    assertEquals(List.of(Row.of("", 1L), Row.of("48656C6C6F", 2L), Row.of("7F", 1L), Row.of("80", 1L)),
        sql("SELECT hex(b) h, count(*) FROM bins WHERE b IS NOT NULL GROUP BY b ORDER BY h"));
    assertEquals(5L, df.select("b").distinct().count());
    assertEquals(List.of(Row.of(4), Row.of(6), Row.of(1), Row.of(3), Row.of(2)),
        session.sql("SELECT id FROM bins WHERE id <> 5 ORDER BY b ASC NULLS FIRST").collectAsList());
    DataFrame names = session.createDataFrame(List.of(Row.of(utf8("Hello"), "greeting"), Row.of(new byte[] {0x7F}, "del")),
        DataTypes.struct(DataTypes.field("k", DataTypes.BINARY), DataTypes.field("name", DataTypes.STRING)));
    assertEquals(List.of(Row.of(1, "greeting"), Row.of(3, "del"), Row.of(5, "greeting")),
        df.join(names, col("b").equalTo(col("k"))).select("id", "name").orderBy("id").collectAsList());
  }

  @Test
  void jsonWritesBase64AndReadsItBackAndCsvWritesHex() throws IOException {
    Path json = dir.resolve("json");
    df.filter("id IN (1, 4)").coalesce(1).write().json(json.toString());
    assertEquals(List.of("{\"id\":1,\"b\":\"SGVsbG8=\"}", "{\"id\":4}"), partLines(json));
    List<Row> back = session.read().schema(SCHEMA).json(json.toString()).orderBy("id").collectAsList();
    assertArrayEquals(utf8("Hello"), (byte[]) back.get(0).get(1));

    Path csv = dir.resolve("csv");
    df.filter("id IN (1, 2)").coalesce(1).write().csv(csv.toString());
    assertEquals(List.of("1,[48 65 6C 6C 6F]", "2,[80]"), partLines(csv));
  }

  private static List<String> partLines(Path directory) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList()) {
        lines.addAll(Files.readAllLines(p));
      }
    }
    lines.sort(null);
    assertTrue(!lines.isEmpty(), "no part files in " + directory);
    return lines;
  }
}
