package io.ember.api.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.Catalog;
import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables as streams: writeStream.toTable across a restart, readStream.table picking up batch inserts. */
class StreamingTablesE2ETest {
  @TempDir
  Path tmp;
  Session session;

  @BeforeEach
  void start() {
    session = Session.builder().master("local[2]").appName(getClass().getSimpleName())
        .config(Catalog.WAREHOUSE_DIR, tmp.resolve("warehouse").toString()).getOrCreate();
    session.conf().set(Catalog.WAREHOUSE_DIR, tmp.resolve("warehouse").toString());
  }

  @AfterEach
  void stop() {
    session.stop();
  }

  private void drop(Path dir, String name, String lines) throws Exception {
    Path staged = tmp.resolve(name + ".tmp");
    Files.writeString(staged, lines);
    Files.move(staged, dir.resolve(name));
  }

  private static List<String> sorted(DataFrame df) {
    return df.collectAsList().stream().map(Object::toString).sorted().collect(Collectors.toList());
  }

  private StreamingQuery startToTable(Path in, Path checkpoint) {
    return session.readStream().schema("k STRING, v BIGINT").json(in.toString()).writeStream().format("csv")
        .option("checkpointLocation", checkpoint.toString()).toTable("events");
  }

  @Test
  void toTableCreatesTheTableAndIsExactlyOnceAcrossARestart() throws Exception {
    Path in = Files.createDirectory(tmp.resolve("in"));
    Path checkpoint = tmp.resolve("cp");
    drop(in, "a.json", "{\"k\":\"a\",\"v\":1}\n{\"k\":\"b\",\"v\":2}\n");
    StreamingQuery q = startToTable(in, checkpoint);
    q.processAllAvailable();
    q.stop();
    assertEquals("csv", session.catalog().tableMetadata("events").format());
    assertEquals(List.of("[a,1]", "[b,2]"), sorted(session.table("events")));

    drop(in, "b.json", "{\"k\":\"c\",\"v\":3}\n");
    StreamingQuery again = startToTable(in, checkpoint);
    again.processAllAvailable();
    again.stop();
    // the restarted query resumed after a.json: every row once
    assertEquals(List.of("[a,1]", "[b,2]", "[c,3]"), sorted(session.table("events")));
    assertEquals(List.of("[a,1]", "[b,2]", "[c,3]"), sorted(session.sql("SELECT k, v FROM events")));

    AnalysisException format = assertThrows(AnalysisException.class, () -> session.readStream()
        .schema("k STRING, v BIGINT").json(in.toString()).writeStream().format("json").toTable("events"));
    assertEquals("_LEGACY_ERROR_TEMP_1159", format.errorClass());
  }

  @Test
  void readStreamTablePicksUpRowsInsertedLater() throws Exception {
    session.sql("CREATE TABLE readings (sensor STRING, value DOUBLE) USING csv");
    session.sql("INSERT INTO readings VALUES ('s1', 1.5)");
    DataFrame stream = session.readStream().table("readings");
    assertTrue(stream.isStreaming());
    StreamingQuery q = stream.writeStream().format("memory").queryName("seen").start();
    try {
      q.processAllAvailable();
      assertEquals(List.of("[s1,1.5]"), sorted(session.table("seen")));
      session.createDataFrame(List.of(Row.of("s2", 2.5), Row.of("s3", 3.5)), DataTypes.struct(
          DataTypes.field("sensor", DataTypes.STRING), DataTypes.field("value", DataTypes.DOUBLE)))
          .write().insertInto("readings");
      q.processAllAvailable();
      assertEquals(List.of("[s1,1.5]", "[s2,2.5]", "[s3,3.5]"), sorted(session.table("seen")));
    } finally {
      q.stop();
    }
    assertEquals("TABLE_OR_VIEW_NOT_FOUND",
        assertThrows(AnalysisException.class, () -> session.readStream().table("readingz")).errorClass());
    session.sql("CREATE TABLE parted (a INT, p STRING) USING json PARTITIONED BY (p)");
    assertEquals("UNSUPPORTED_FEATURE.STREAMING_TABLE",
        assertThrows(AnalysisException.class, () -> session.readStream().table("parted")).errorClass());
  }
}
