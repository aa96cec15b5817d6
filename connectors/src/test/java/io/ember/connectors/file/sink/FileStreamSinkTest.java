package io.ember.connectors.file.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ember.connectors.ReadAll;
import io.ember.connectors.file.DdlSchema;
import io.ember.connectors.file.FileEntry;
import io.ember.connectors.file.FileLister;
import io.ember.connectors.file.FileSinks;
import io.ember.connectors.file.FileSources;
import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStreamSinkTest {
  @TempDir Path dir;

  private static final StructType SCHEMA = DdlSchema.parse("id INT, name STRING");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Batch batch(Object[]... rows) {
    List<Row> list = new ArrayList<>();
    for (Object[] r : rows) {
      list.add(Row.of(r));
    }
    return Batch.fromRows(SCHEMA, list);
  }

  private static Object[] r(int id, String name) {
    return new Object[] {id, name};
  }

  private List<Row> readBack(Path out, String format) {
    List<Row> rows = new ArrayList<>(ReadAll.rows(FileSources.create(format, List.of(out.toString()), Map.of(), SCHEMA)));
    rows.sort(Comparator.comparing(x -> x.getInt(0)));
    return rows;
  }

  private static List<Row> rows(Object[]... rows) {
    List<Row> out = new ArrayList<>();
    for (Object[] r : rows) {
      out.add(Row.of(r));
    }
    return out;
  }

  @Test
  void writersLiveAcrossEpochsAndEachCommitAddsALogEntry() throws IOException {
    Path out = dir.resolve("out");
    FileStreamSink sink = FileSinks.createStream("csv", out.toString(), "append", Map.of(), List.of());
    sink.setup(SCHEMA);
    SinkWriter w0 = sink.createWriter(0, 2, SCHEMA);
    SinkWriter w1 = sink.createWriter(1, 2, SCHEMA);

    w0.write(batch(r(1, "a")));
    w1.write(batch(r(2, "b"), r(3, "c")));
    sink.commit(0, List.of(w0.prepareCommit(0), w1.prepareCommit(0)));
    assertEquals(rows(r(1, "a"), r(2, "b"), r(3, "c")), readBack(out, "csv"));

    w0.write(batch(r(4, "d")));
    CommitMessage m0 = w0.prepareCommit(1);
    CommitMessage m1 = w1.prepareCommit(1); // a task with no rows in the epoch
    sink.commit(1, List.of(m0, m1));
    assertEquals(rows(r(1, "a"), r(2, "b"), r(3, "c"), r(4, "d")), readBack(out, "csv"));

    List<String> entries = logEntries(out);
    assertEquals(List.of("0", "1"), entries);
    assertEquals(2, sink.log().get(0).size());
    assertEquals(1, sink.log().get(1).size());
    assertEquals(1L, sink.log().latestBatchId().getAsLong());
    assertFalse(Files.exists(out.resolve("_temporary").resolve("0")));
  }

  @Test
  void logEntryIsSparksFormat() throws IOException {
    Path out = dir.resolve("out");
    FileStreamSink sink = FileSinks.createStream("json", out.toString(), "Append", Map.of(), List.of());
    sink.setup(SCHEMA);
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    w.write(batch(r(1, "a")));
    sink.commit(0, List.of(w.prepareCommit(0)));

    String text = Files.readString(out.resolve("_spark_metadata").resolve("0"), StandardCharsets.UTF_8);
    String[] lines = text.split("\n", -1);
    assertEquals(2, lines.length, "v1, one file, no trailing newline: " + text);
    assertEquals("v1", lines[0]);
    JsonNode n = JSON.readTree(lines[1]);
    List<String> fields = new ArrayList<>();
    n.fieldNames().forEachRemaining(fields::add);
    assertEquals(List.of("path", "size", "isDir", "modificationTime", "blockReplication", "blockSize", "action"), fields);
    Path file;
    try (Stream<Path> s = Files.list(out)) {
      file = s.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
    }
    assertEquals("file:" + file.toAbsolutePath(), n.get("path").asText());
    assertEquals(Files.size(file), n.get("size").asLong());
    assertFalse(n.get("isDir").asBoolean());
    assertEquals(Files.getLastModifiedTime(file).toMillis(), n.get("modificationTime").asLong());
    assertEquals(1, n.get("blockReplication").asInt());
    assertEquals(33554432L, n.get("blockSize").asLong());
    assertEquals("add", n.get("action").asText());
    assertTrue(file.getFileName().toString().endsWith(".json"));
    try (Stream<Path> s = Files.list(out.resolve("_spark_metadata"))) {
      assertEquals(List.of("0"), s.map(p -> p.getFileName().toString()).toList(), "no temporary file is left");
    }
  }

  @Test
  void replayingACommittedEpochAddsNothing() throws IOException {
    Path out = dir.resolve("out");
    FileStreamSink sink = FileSinks.createStream("csv", out.toString(), "append", Map.of(), List.of());
    sink.setup(SCHEMA);
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    w.write(batch(r(1, "a")));
    sink.commit(0, List.of(w.prepareCommit(0)));
    String entry = Files.readString(out.resolve("_spark_metadata/0"));

    // recovery: a new writer writes epoch 0 again; the sink recognises the epoch from its log
    FileStreamSink restarted = FileSinks.createStream("csv", out.toString(), "append", Map.of(), List.of());
    restarted.setup(SCHEMA);
    SinkWriter again = restarted.createWriter(0, 1, SCHEMA);
    again.write(batch(r(1, "a")));
    restarted.commit(0, List.of(again.prepareCommit(0)));
    sink.commit(0, List.of(w.prepareCommit(0)));

    assertEquals(rows(r(1, "a")), readBack(out, "csv"));
    assertEquals(entry, Files.readString(out.resolve("_spark_metadata/0")));
    assertEquals(1, partFiles(out).size(), "the replay's staged files are dropped");
    assertFalse(Files.exists(out.resolve("_temporary/0")));
  }

  @Test
  void abortedAndUncommittedEpochsAreInvisible() throws IOException {
    Path out = dir.resolve("out");
    FileStreamSink sink = FileSinks.createStream("csv", out.toString(), "append", Map.of(), List.of());
    sink.setup(SCHEMA);
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    w.write(batch(r(1, "a")));
    sink.commit(0, List.of(w.prepareCommit(0)));

    w.write(batch(r(2, "b")));
    CommitMessage prepared = w.prepareCommit(1);
    assertEquals(rows(r(1, "a")), readBack(out, "csv"), "prepared, not committed");
    sink.abort(1, List.of(prepared));
    assertFalse(Files.exists(out.resolve("_temporary/1")));
    assertEquals(rows(r(1, "a")), readBack(out, "csv"));

    // a file lying in the directory without a log entry (a crash between moving files and logging)
    Files.writeString(out.resolve("part-00009-stray.csv"), "99,zz\n");
    assertEquals(rows(r(1, "a")), readBack(out, "csv"));
    assertEquals(1, FileLister.list(List.of(out.toString())).size());

    // the epoch is written again and committed
    w.write(batch(r(2, "b")));
    sink.commit(1, List.of(w.prepareCommit(1)));
    assertEquals(rows(r(1, "a"), r(2, "b")), readBack(out, "csv"));
  }

  @Test
  void aWriterAbortDiscardsItsInProgressFiles() throws IOException {
    Path out = dir.resolve("out");
    FileStreamSink sink = FileSinks.createStream("csv", out.toString(), "append", Map.of(), List.of());
    sink.setup(SCHEMA);
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    w.write(batch(r(1, "a")));
    w.abort();
    sink.abort(0, List.of());
    assertEquals(List.of(), partFiles(out));
    assertEquals(List.of(), readBack(out, "csv"));
  }

  @Test
  void partitionedOutputIsLoggedAndReadWithItsPartitionValues() {
    Path out = dir.resolve("out");
    StructType schema = DdlSchema.parse("id INT, region STRING");
    FileStreamSink sink = FileSinks.createStream("json", out.toString(), "append", Map.of(), List.of("region"));
    sink.setup(schema);
    SinkWriter w = sink.createWriter(0, 1, schema);
    w.write(Batch.fromRows(schema, List.of(Row.of(1, "EU"), Row.of(2, "US"), Row.of(3, "a b%"))));
    sink.commit(0, List.of(w.prepareCommit(0)));

    List<FileEntry> files = FileLister.list(List.of(out.toString()));
    assertEquals(3, files.size());
    List<String> values = files.stream().map(f -> f.partitionValues().get(0).value()).sorted().toList();
    assertEquals(List.of("EU", "US", "a b%"), values);
    for (FileEntry f : files) {
      assertTrue(Files.exists(Path.of(f.path())), f.path());
      assertEquals("region", f.partitionValues().get(0).name());
    }
    List<Row> back = new ArrayList<>(ReadAll.rows(FileSources.create("json", List.of(out.toString()), Map.of(), null)));
    back.sort(Comparator.comparing(x -> ((Number) x.get(0)).longValue()));
    assertEquals(List.of(Row.of(1L, "EU"), Row.of(2L, "US"), Row.of(3L, "a b%")), back);
  }

  @Test
  void everyTenthEntryIsCompactedAsSparkWritesIt() throws IOException {
    Path out = dir.resolve("out");
    FileStreamSink sink = FileSinks.createStream("csv", out.toString(), "append", Map.of(), List.of());
    sink.setup(SCHEMA);
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    List<Row> expected = new ArrayList<>();
    for (int e = 0; e < 12; e++) {
      w.write(batch(r(e, "e" + e)));
      expected.add(Row.of(e, "e" + e));
      sink.commit(e, List.of(w.prepareCommit(e)));
    }
    assertEquals(List.of("0", "1", "10", "11", "2", "3", "4", "5", "6", "7", "8", "9.compact"), logEntries(out));
    String compacted = Files.readString(out.resolve("_spark_metadata/9.compact"));
    assertEquals(11, compacted.split("\n", -1).length, "v1 and the ten files of batches 0..9");
    assertEquals(10, sink.log().get(9).size());
    assertEquals(11L, sink.log().latestBatchId().getAsLong());
    assertEquals(expected, readBack(out, "csv"));

    w.write(batch(r(9, "again")));
    sink.commit(9, List.of(w.prepareCommit(9)));
    assertEquals(expected, readBack(out, "csv"), "a replay of the compacted batch adds nothing");
    assertEquals(compacted, Files.readString(out.resolve("_spark_metadata/9.compact")));
  }

  @Test
  void onlyAppendModeIsAccepted() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> FileSinks.createStream("csv", dir.toString(), "complete", Map.of(), List.of()));
    assertEquals("[UNSUPPORTED_OUTPUT_MODE_FOR_SINK] Data source csv does not support Complete output mode", e.getMessage());
    e = assertThrows(AnalysisException.class,
        () -> FileSinks.createStream("json", dir.toString(), "update", Map.of(), List.of()));
    assertEquals("[UNSUPPORTED_OUTPUT_MODE_FOR_SINK] Data source json does not support Update output mode", e.getMessage());
  }

  @Test
  void logReadsCompactedEntriesAndDeletesAsSparkWritesThem() throws IOException {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("_spark_metadata"));
    for (String name : List.of("a.csv", "b.csv", "c.csv", "d.csv")) {
      Files.writeString(out.resolve(name), name.charAt(0) == 'a' ? "1,a\n" : name.charAt(0) == 'b' ? "2,b\n"
          : name.charAt(0) == 'c' ? "3,c\n" : "4,d\n");
    }
    String a = status(out.resolve("a.csv"), "add");
    // batch 0 is superseded by the compaction at 1; batch 2 deletes b and adds d
    Files.writeString(out.resolve("_spark_metadata/0"), "v1\n" + status(out.resolve("c.csv"), "add"));
    Files.writeString(out.resolve("_spark_metadata/1.compact"), "v1\n" + a + "\n" + status(out.resolve("b.csv"), "add"));
    Files.writeString(out.resolve("_spark_metadata/2"),
        "v1\n" + status(out.resolve("b.csv"), "delete") + "\n" + status(out.resolve("d.csv"), "add"));
    assertEquals(rows(r(1, "a"), r(4, "d")), readBack(out, "csv"));
    assertEquals(2L, new FileStreamSinkLog(out).latestBatchId().getAsLong());

    Files.writeString(out.resolve("_spark_metadata/3"), "v2\n");
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> new FileStreamSinkLog(out).allFiles());
    assertTrue(e.getMessage().contains("maximum supported log version is v1, but encountered v2"), e.getMessage());
  }

  @Test
  void aGlobOrSeveralPathsListTheDirectoryAsSparkDoes() throws IOException {
    Path out = dir.resolve("out");
    FileStreamSink sink = FileSinks.createStream("csv", out.toString(), "append", Map.of(), List.of());
    sink.setup(SCHEMA);
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    w.write(batch(r(1, "a")));
    sink.commit(0, List.of(w.prepareCommit(0)));
    Files.writeString(out.resolve("part-00009-stray.csv"), "99,zz\n");
    assertEquals(1, FileLister.list(List.of(out.toString())).size());
    assertEquals(2, FileLister.list(List.of(out + "/*.csv")).size());
  }

  private static String status(Path file, String action) throws IOException {
    return new ObjectMapper().writeValueAsString(Map.of("path", "file:" + file.toAbsolutePath(), "size", Files.size(file),
        "isDir", false, "modificationTime", 0, "blockReplication", 1, "blockSize", 33554432, "action", action));
  }

  private static List<String> logEntries(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out.resolve("_spark_metadata"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static List<Path> partFiles(Path out) throws IOException {
    try (Stream<Path> s = Files.walk(out)) {
      return s.filter(p -> p.getFileName().toString().startsWith("part-")).toList();
    }
  }
}
