package io.ember.connectors.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.ReadAll;
import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {
  @TempDir Path dir;

  private static final StructType SCHEMA =
      DdlSchema.parse("id INT, name STRING, price DOUBLE, day DATE, at TIMESTAMP, amount DECIMAL(6,2)");
  private static final List<Row> ROWS = List.of(
      Row.of(1, "apple", 1.5, LocalDate.of(2024, 1, 2), Instant.parse("2024-01-02T03:04:05.678Z"), new BigDecimal("3.50")),
      Row.of(2, "", null, null, null, null),
      Row.of(4, "back\\slash \\\" quote", -0.0, LocalDate.of(2024, 2, 29), Instant.parse("2024-02-29T00:00:00.001Z"), null),
      Row.of(3, "a,\"b\"", 1e10, LocalDate.of(1999, 12, 31), Instant.parse("1999-12-31T23:59:59Z"), new BigDecimal("-1.25")));

  /** Runs a one-epoch job: setup, one writer per batch, prepare, commit. */
  private Sink write(String format, Path out, SaveMode mode, Map<String, String> options, List<String> partitionBy,
      List<List<Row>> tasks) {
    Sink sink = FileSinks.create(format, out.toString(), mode, options, partitionBy);
    StructType schema = format.equals("text") ? DdlSchema.parse("value STRING") : SCHEMA;
    sink.setup(schema);
    List<CommitMessage> messages = new ArrayList<>();
    for (int t = 0; t < tasks.size(); t++) {
      SinkWriter w = sink.createWriter(t, tasks.size(), schema);
      w.write(Batch.fromRows(schema, tasks.get(t)));
      messages.add(w.prepareCommit(0));
    }
    sink.commit(0, messages);
    return sink;
  }

  private List<String> listing(Path out) throws IOException {
    try (Stream<Path> s = Files.walk(out)) {
      return s.filter(Files::isRegularFile).map(p -> out.relativize(p).toString())
          .map(n -> n.replaceAll("part-(\\d+)-[0-9a-f-]+", "part-$1-U").replaceAll("_ember_commits/[^/]+/", "_ember_commits/S/")).sorted().toList();
    }
  }

  private String content(Path out) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> s = Files.walk(out)) {
      for (Path p : s.filter(x -> x.getFileName().toString().startsWith("part-")).sorted().toList()) {
        sb.append(Files.readString(p));
      }
    }
    return sb.toString();
  }

  @Test
  void csvIsWrittenAsSparkFormatsValues() throws IOException {
    Path out = dir.resolve("out");
    write("csv", out, SaveMode.ERROR_IF_EXISTS, Map.of("header", "true"), List.of(), List.of(ROWS));
    assertEquals(List.of("_SUCCESS", "_ember_commits/S/0", "part-00000-U.csv"), listing(out));
    assertEquals("id,name,price,day,at,amount\n"
        + "1,apple,1.5,2024-01-02,2024-01-02T03:04:05.678Z,3.50\n"
        + "2,\"\",,,,\n"
        + "4,\"back\\\\slash \\\\\"\" quote\",-0.0,2024-02-29,2024-02-29T00:00:00.001Z,\n"
        + "3,\"a,\"\"b\"\"\",1.0E10,1999-12-31,1999-12-31T23:59:59.000Z,-1.25\n", content(out));
  }

  @Test
  void csvRoundTripsThroughTheReader() {
    Path out = dir.resolve("out");
    write("csv", out, SaveMode.ERROR_IF_EXISTS, Map.of("header", "true", "nullValue", "NULL"), List.of(),
        List.of(ROWS.subList(0, 1), ROWS.subList(1, 4)));
    List<Row> back = ReadAll.rows(FileSources.create("csv", List.of(out.toString()),
        Map.of("header", "true", "nullValue", "NULL"), SCHEMA));
    assertEquals(ROWS, back);
  }

  @Test
  void jsonOmitsNullsAndRoundTrips() throws IOException {
    Path out = dir.resolve("out");
    write("json", out, SaveMode.ERROR_IF_EXISTS, Map.of(), List.of(), List.of(ROWS));
    assertEquals("{\"id\":1,\"name\":\"apple\",\"price\":1.5,\"day\":\"2024-01-02\",\"at\":\"2024-01-02T03:04:05.678Z\","
        + "\"amount\":3.50}\n{\"id\":2,\"name\":\"\"}\n"
        + "{\"id\":4,\"name\":\"back\\\\slash \\\\\\\" quote\",\"price\":-0.0,\"day\":\"2024-02-29\","
        + "\"at\":\"2024-02-29T00:00:00.001Z\"}\n{\"id\":3,\"name\":\"a,\\\"b\\\"\",\"price\":1.0E10,"
        + "\"day\":\"1999-12-31\",\"at\":\"1999-12-31T23:59:59.000Z\",\"amount\":-1.25}\n", content(out));
    assertEquals(ROWS, ReadAll.rows(FileSources.create("json", List.of(out.toString()), Map.of(), SCHEMA)));
  }

  @Test
  void textWritesOneLinePerRow() throws IOException {
    Path out = dir.resolve("out");
    write("text", out, SaveMode.ERROR_IF_EXISTS, Map.of(), List.of(), List.of(List.of(Row.of("a"), Row.of((Object) null), Row.of("c"))));
    assertEquals("a\n\nc\n", content(out));
  }

  @Test
  void outputIsInvisibleUntilCommitAndCommitIsIdempotent() throws IOException {
    Path out = dir.resolve("out");
    Sink sink = FileSinks.create("csv", out.toString(), SaveMode.ERROR_IF_EXISTS, Map.of(), List.of());
    sink.setup(SCHEMA);
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    w.write(Batch.fromRows(SCHEMA, ROWS));
    CommitMessage m = w.prepareCommit(7);
    assertEquals(List.of(), ReadAll.rows(FileSources.create("csv", List.of(out.toString()), Map.of(), SCHEMA)));
    assertTrue(listing(out).stream().allMatch(n -> n.startsWith("_temporary/7/part-00000-U")), listing(out).toString());
    sink.commit(7, List.of(m));
    // with default options an empty string reads back as null, as in Spark
    assertEquals(4, ReadAll.rows(FileSources.create("csv", List.of(out.toString()), Map.of(), SCHEMA)).size());
    List<String> afterFirst = listing(out);
    sink.commit(7, List.of(m));
    assertEquals(afterFirst, listing(out));
    assertFalse(Files.exists(out.resolve("_temporary")));
  }

  @Test
  void aStreamCommitsEpochsInTurnAndAReplayedEpochIsSkipped() {
    Path out = dir.resolve("out");
    Map<String, String> options = Map.of("ember.sinkId", "query-1");
    Sink sink = FileSinks.create("csv", out.toString(), SaveMode.APPEND, options, List.of());
    sink.setup(SCHEMA);
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    w.write(Batch.fromRows(SCHEMA, ROWS.subList(0, 1)));
    CommitMessage first = w.prepareCommit(1);
    sink.commit(1, List.of(first));
    w.write(Batch.fromRows(SCHEMA, ROWS.subList(3, 4)));
    sink.commit(2, List.of(w.prepareCommit(2)));
    // after a restart the same query replays epoch 2: its new output must not be committed twice
    Sink restarted = FileSinks.create("csv", out.toString(), SaveMode.APPEND, options, List.of());
    restarted.setup(SCHEMA);
    SinkWriter again = restarted.createWriter(0, 1, SCHEMA);
    again.write(Batch.fromRows(SCHEMA, ROWS.subList(3, 4)));
    restarted.commit(2, List.of(again.prepareCommit(2)));
    List<Row> rows = new ArrayList<>(ReadAll.rows(FileSources.create("csv", List.of(out.toString()), Map.of(), SCHEMA)));
    rows.sort(java.util.Comparator.comparing(r -> (Integer) r.get(0)));
    assertEquals(List.of(ROWS.get(0), ROWS.get(3)), rows);
  }

  @Test
  void abortDeletesStagedFiles() throws IOException {
    Path out = dir.resolve("out");
    Sink sink = FileSinks.create("json", out.toString(), SaveMode.ERROR_IF_EXISTS, Map.of(), List.of());
    sink.setup(SCHEMA);
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    w.write(Batch.fromRows(SCHEMA, ROWS));
    CommitMessage m = w.prepareCommit(1);
    SinkWriter w2 = sink.createWriter(1, 2, SCHEMA);
    w2.write(Batch.fromRows(SCHEMA, ROWS));
    w2.abort();
    sink.abort(1, List.of(m));
    assertEquals(List.of(), listing(out));
  }

  @Test
  void errorModeFailsOnAnExistingPathAsSpark() throws IOException {
    Path out = dir.resolve("exists");
    Files.createDirectories(out);
    Sink sink = FileSinks.create("csv", out.toString(), SaveMode.fromString("errorifexists"), Map.of(), List.of());
    AnalysisException e = assertThrows(AnalysisException.class, () -> sink.setup(SCHEMA));
    assertEquals("PATH_ALREADY_EXISTS", e.errorClass());
    assertEquals("[PATH_ALREADY_EXISTS] Path file:" + out + " already exists. Set mode as \"overwrite\" to overwrite"
        + " the existing path.", e.getMessage());
  }

  @Test
  void ignoreWritesNothingOverwriteReplacesAppendAdds() throws IOException {
    Path out = dir.resolve("out");
    write("csv", out, SaveMode.ERROR_IF_EXISTS, Map.of(), List.of(), List.of(ROWS.subList(0, 1)));
    write("csv", out, SaveMode.IGNORE, Map.of(), List.of(), List.of(ROWS));
    assertEquals(1, ReadAll.rows(FileSources.create("csv", List.of(out.toString()), Map.of(), SCHEMA)).size());
    write("csv", out, SaveMode.APPEND, Map.of(), List.of(), List.of(ROWS.subList(1, 2)));
    assertEquals(2, ReadAll.rows(FileSources.create("csv", List.of(out.toString()), Map.of(), SCHEMA)).size());
    write("csv", out, SaveMode.OVERWRITE, Map.of(), List.of(), List.of(ROWS.subList(2, 3)));
    assertEquals(List.of(ROWS.get(2)), ReadAll.rows(FileSources.create("csv", List.of(out.toString()), Map.of(), SCHEMA)));
  }

  @Test
  void partitionByWritesHiveDirectoriesAndReadsBack() throws IOException {
    Path out = dir.resolve("out");
    StructType schema = DdlSchema.parse("v INT, region STRING");
    Sink sink = FileSinks.create("csv", out.toString(), SaveMode.ERROR_IF_EXISTS, Map.of(), List.of("region"));
    sink.setup(schema);
    SinkWriter w = sink.createWriter(0, 1, schema);
    w.write(Batch.fromRows(schema, List.of(Row.of(1, "EU"), Row.of(2, null), Row.of(3, "EU"), Row.of(4, "a/b"))));
    sink.commit(0, List.of(w.prepareCommit(0)));
    assertEquals(List.of("_SUCCESS", "_ember_commits/S/0", "region=EU/part-00000-U.csv",
        "region=__HIVE_DEFAULT_PARTITION__/part-00000-U.csv", "region=a%2Fb/part-00000-U.csv"), listing(out));
    assertEquals("1\n3\n", Files.readString(Files.list(out.resolve("region=EU")).findFirst().orElseThrow()));
    List<Row> back = ReadAll.rows(FileSources.create("csv", List.of(out.toString()), Map.of("inferSchema", "true"), null));
    assertEquals(List.of(Row.of(1, "EU"), Row.of(3, "EU"), Row.of(2, null), Row.of(4, "a/b")), back);
  }

  @Test
  void saveModeStringsAreParsedAsSpark() {
    assertEquals(SaveMode.ERROR_IF_EXISTS, SaveMode.fromString("default"));
    assertEquals(SaveMode.ERROR_IF_EXISTS, SaveMode.fromString("Error"));
    assertEquals(SaveMode.APPEND, SaveMode.fromString("append"));
    assertEquals(SaveMode.OVERWRITE, SaveMode.fromString("OVERWRITE"));
    assertEquals(SaveMode.IGNORE, SaveMode.fromString("ignore"));
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class, () -> SaveMode.fromString("upsert"));
    assertEquals("[INVALID_SAVE_MODE] The specified save mode \"upsert\" is invalid. Valid save modes include \"append\","
        + " \"overwrite\", \"ignore\", \"error\", \"errorifexists\", and \"default\".", e.getMessage());
  }

  @Test
  void csvRejectsArraysAndTextNeedsOneStringColumn() {
    Sink csv = FileSinks.create("csv", dir.resolve("a").toString(), SaveMode.OVERWRITE, Map.of(), List.of());
    AnalysisException e = assertThrows(AnalysisException.class, () -> csv.setup(DdlSchema.parse("a ARRAY<INT>")));
    assertEquals("[UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE] The CSV datasource doesn't support the column `a` of the type"
        + " \"ARRAY<INT>\".", e.getMessage());
    Sink text = FileSinks.create("text", dir.resolve("b").toString(), SaveMode.OVERWRITE, Map.of(), List.of());
    assertThrows(AnalysisException.class, () -> text.setup(DdlSchema.parse("a INT")));
    assertTrue(Arrays.asList(dir.toFile().list()).isEmpty());
  }
}
