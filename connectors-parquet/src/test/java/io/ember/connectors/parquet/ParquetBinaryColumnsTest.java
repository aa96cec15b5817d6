package io.ember.connectors.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binary columns in Parquet as Spark keeps them: written as BINARY without a logical type (what Spark writes for its
 * BinaryType), read back as binary with their bytes (not UTF-8 ones too), nested in arrays, and read as strings
 * when a schema asks for that.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParquetBinaryColumnsTest {
  static final StructType SCHEMA = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
      DataTypes.field("payload", DataTypes.BINARY), DataTypes.field("parts", DataTypes.array(DataTypes.BINARY)));

  @TempDir
  Path dir;

  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName("parquet-binary").getOrCreate();
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  static List<Row> rows() {
    return List.of(
        Row.of(1, "Hello".getBytes(StandardCharsets.UTF_8), Arrays.asList(new byte[] {1}, null, new byte[0])),
        Row.of(2, new byte[] {0, (byte) 0xFF, (byte) 0x80, 0x7F}, List.of()),
        Row.of(3, null, null),
        Row.of(4, new byte[0], Arrays.asList(new byte[] {(byte) 0xC3, 0x28})));
  }

  @Test
  void binaryColumnsRoundTripAsPlainBinary() throws IOException {
    String out = dir.resolve("bin").toString();
    session.createDataFrame(rows(), SCHEMA).write().parquet(out);

    MessageType written = footerSchema(Path.of(out));
    PrimitiveType payload = written.getType("payload").asPrimitiveType();
    assertEquals(PrimitiveType.PrimitiveTypeName.BINARY, payload.getPrimitiveTypeName());
    assertNull(payload.getLogicalTypeAnnotation(), "Spark writes BinaryType without a logical type");

    DataFrame back = session.read().parquet(out);
    assertEquals(SCHEMA, back.schema());
    List<Row> got = back.orderBy("id").collectAsList();
    List<Row> expected = rows();
    assertEquals(expected.size(), got.size());
    for (int r = 0; r < expected.size(); r++) {
      assertEquals(expected.get(r).get(0), got.get(r).get(0));
      assertBytes(expected.get(r).get(1), got.get(r).get(1));
      List<?> e = (List<?>) expected.get(r).get(2);
      List<?> g = (List<?>) got.get(r).get(2);
      assertEquals(e == null, g == null);
      if (e != null) {
        assertEquals(e.size(), g.size());
        for (int i = 0; i < e.size(); i++) {
          assertBytes(e.get(i), g.get(i));
        }
      }
    }
    assertEquals(List.of(Row.of(2), Row.of(4)),
        back.filter("payload < X'01'").select("id").orderBy("id").collectAsList(), "unsigned order, prefixes first");
    assertEquals(List.of(Row.of("48656C6C6F")), back.filter("id = 1").selectExpr("hex(payload)").collectAsList());
  }

  /**
   * {@code spark-4.0.1/binary_columns} was written by Spark 4.0.1 ({@code local[1]}, default options) from
   * <pre>
   * SELECT CAST(id AS INT) id, CAST(concat('v-', id) AS BINARY) payload,
   *   CASE WHEN id = 2 THEN X'00FF807F' WHEN id = 3 THEN X'' ELSE unhex(hex(id * 31)) END raw,
   *   array(CAST('a' AS BINARY), X'FF') parts FROM range(4)
   * UNION ALL SELECT 4, NULL, NULL, NULL
   * </pre>
   */
  @Test
  void aSparkWrittenFileReadsWithSparksValues() {
    DataFrame df = session.read().parquet(SparkWrittenFilesTest.resource("binary_columns.snappy.parquet"));
    assertEquals(DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER), DataTypes.field("payload", DataTypes.BINARY),
        DataTypes.field("raw", DataTypes.BINARY),
        DataTypes.field("parts", new io.ember.core.types.ArrayType(DataTypes.BINARY, false))),
        df.schema());
    byte[][] raw = {{0}, {0x1F}, {0, (byte) 0xFF, (byte) 0x80, 0x7F}, {}};
    List<Row> rows = df.orderBy("id").collectAsList();
    assertEquals(5, rows.size());
    for (int id = 0; id < 4; id++) {
      Row r = rows.get(id);
      assertEquals(id, r.get(0));
      assertBytes(("v-" + id).getBytes(StandardCharsets.UTF_8), r.get(1));
      assertBytes(raw[id], r.get(2));
      List<?> parts = (List<?>) r.get(3);
      assertEquals(2, parts.size());
      assertBytes(new byte[] {'a'}, parts.get(0));
      assertBytes(new byte[] {(byte) 0xFF}, parts.get(1));
    }
    assertEquals(Row.of(4, null, null, null), rows.get(4));
    assertEquals(List.of(Row.of("v-2", "00FF807F")),
        df.filter("raw = X'00FF807F'").selectExpr("CAST(payload AS STRING)", "hex(raw)").collectAsList());
  }

  @Test
  void aBinaryColumnReadsAsStringsWhenTheSchemaSaysSo() {
    String out = dir.resolve("as-string").toString();
    session.createDataFrame(rows(), SCHEMA).select("id", "payload").write().parquet(out);
    DataFrame strings = session.read().schema("id INT, payload STRING").parquet(out);
    assertEquals(List.of(Row.of(1, "Hello"), Row.of(4, "")),
        strings.filter("id IN (1, 4)").orderBy("id").collectAsList());
  }

  private static void assertBytes(Object expected, Object actual) {
    if (expected == null) {
      assertNull(actual);
    } else {
      assertArrayEquals((byte[]) expected, (byte[]) actual);
    }
  }

  private static MessageType footerSchema(Path directory) throws IOException {
    Path file;
    try (Stream<Path> files = Files.list(directory)) {
      file = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(file.toString()), new Configuration()))) {
      return reader.getFooter().getFileMetaData().getSchema();
    }
  }
}
