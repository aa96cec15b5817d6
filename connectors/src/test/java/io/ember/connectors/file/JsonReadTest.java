package io.ember.connectors.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.ReadAll;
import io.ember.connectors.source.Source;
import io.ember.core.data.Row;
import io.ember.core.errors.MalformedRecordException;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReadTest {
  @TempDir Path dir;

  private String file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p.toString();
  }

  private Source json(String path, Map<String, String> options, StructType schema) {
    return FileSources.create("json", List.of(path), options, schema);
  }

  @Test
  void inferenceSortsFieldsAndMergesTypesAsSpark() throws IOException {
    String p = file("a.json", "{\"b\":1,\"a\":\"x\",\"n\":{\"z\":1,\"y\":[1,2]}}\n"
        + "\n"
        + "{\"b\":2.5,\"c\":true,\"n\":{\"y\":[3.5]},\"m\":null}\n"
        + "{\"b\":3,\"a\":5,\"e\":[]}\n");
    Source s = json(p, Map.of(), null);
    assertEquals("struct<a:string,b:double,c:boolean,e:array<string>,m:string,n:struct<y:array<double>,z:bigint>>",
        s.schema().simpleString());
    List<Row> rows = ReadAll.rows(s);
    assertEquals(3, rows.size());
    assertEquals("x", rows.get(0).get(0));
    assertEquals(1.0, rows.get(0).get(1));
    assertEquals(List.of(1.0, 2.0), ((Row) rows.get(0).get(5)).get(0));
    assertEquals(1L, ((Row) rows.get(0).get(5)).get(1));
    assertEquals(Row.of(null, 2.5, true, null, null, Row.of(List.of(3.5), null)), rows.get(1));
    assertEquals(Row.of("5", 3.0, null, List.of(), null, null), rows.get(2));
  }

  @Test
  void primitivesAsStringInfersStrings() throws IOException {
    String p = file("a.json", "{\"a\":1,\"b\":true,\"c\":1.5}\n");
    Source s = json(p, Map.of("primitivesAsString", "true"), null);
    assertEquals("struct<a:string,b:string,c:string>", s.schema().simpleString());
    assertEquals(List.of(Row.of("1", "true", "1.5")), ReadAll.rows(s));
  }

  @Test
  void userSchemaWithDatesTimestampsAndNestedJsonAsString() throws IOException {
    String p = file("a.json", "{\"d\":\"2024-03-01\",\"t\":\"2024-03-01T10:00:00+02:00\",\"s\":{\"k\":[1]},\"i\":7}\n");
    Source s = json(p, Map.of(), DdlSchema.parse("d DATE, t TIMESTAMP, s STRING, i INT, missing STRING"));
    assertEquals(List.of(Row.of(LocalDate.of(2024, 3, 1), Instant.parse("2024-03-01T08:00:00Z"), "{\"k\":[1]}", 7, null)),
        ReadAll.rows(s));
  }

  private static final String BAD = "{\"a\":1,\"b\":\"x\"}\n{\"a\":\"oops\",\"b\":\"y\"}\n{broken\n{\"a\":4}\n";

  @Test
  void inferenceAddsCorruptColumnInPermissiveMode() throws IOException {
    Source s = json(file("m.json", BAD), Map.of(), null);
    assertEquals("struct<_corrupt_record:string,a:string,b:string>", s.schema().simpleString());
    assertEquals(List.of(Row.of(null, "1", "x"), Row.of(null, "oops", "y"), Row.of("{broken", null, null), Row.of(null, "4", null)),
        ReadAll.rows(s));
  }

  @Test
  void permissiveKeepsPartialResultsWithTheRawLine() throws IOException {
    Source s = json(file("m.json", BAD), Map.of(), DdlSchema.parse("a BIGINT, b STRING, _corrupt_record STRING"));
    assertEquals(List.of(
        Row.of(1L, "x", null),
        Row.of(null, "y", "{\"a\":\"oops\",\"b\":\"y\"}"),
        Row.of(null, null, "{broken"),
        Row.of(4L, null, null)), ReadAll.rows(s));
  }

  @Test
  void dropMalformedSkipsBadLines() throws IOException {
    Source s = json(file("m.json", BAD), Map.of("mode", "DROPMALFORMED"), DdlSchema.parse("a BIGINT, b STRING"));
    assertEquals(List.of(Row.of(1L, "x"), Row.of(4L, null)), ReadAll.rows(s));
  }

  @Test
  void failFastNamesTheRecord() throws IOException {
    String p = file("m.json", BAD);
    MalformedRecordException e = assertThrows(MalformedRecordException.class,
        () -> ReadAll.rows(json(p, Map.of("mode", "FAILFAST"), DdlSchema.parse("a BIGINT, b STRING"))));
    assertEquals("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", e.errorClass());
    assertTrue(e.getMessage().startsWith("[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected"
        + " in record parsing: {\"a\":\"oops\",\"b\":\"y\"} (file " + p + ", line 2: field a: cannot convert oops to bigint)."),
        e.getMessage());
  }

  @Test
  void failFastDuringInference() throws IOException {
    String p = file("m.json", BAD);
    MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> json(p, Map.of("mode", "FAILFAST"), null));
    assertTrue(e.getMessage().contains("record parsing: {broken (file " + p + ", line 3"), e.getMessage());
  }

  @Test
  void anEmptyDirectoryNeedsASchema() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    io.ember.core.errors.AnalysisException e = assertThrows(io.ember.core.errors.AnalysisException.class,
        () -> json(dir.resolve("empty").toString(), Map.of(), null));
    assertEquals("[UNABLE_TO_INFER_SCHEMA] Unable to infer schema for JSON. It must be specified manually.", e.getMessage());
    assertEquals(List.of(), ReadAll.rows(json(dir.resolve("empty").toString(), Map.of(), DdlSchema.parse("a INT"))));
  }
}
