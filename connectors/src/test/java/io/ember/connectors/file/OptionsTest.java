package io.ember.connectors.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.connectors.ReadAll;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reader and writer options not covered by the format tests. */
class OptionsTest {
  @TempDir Path dir;

  private String writeOne(String format, StructType schema, Map<String, String> options, Row... rows) throws IOException {
    Path out = dir.resolve("out-" + format + options.hashCode());
    Sink sink = FileSinks.create(format, out.toString(), SaveMode.OVERWRITE, options, List.of());
    sink.setup(schema);
    SinkWriter w = sink.createWriter(0, 1, schema);
    w.write(Batch.fromRows(schema, List.of(rows)));
    sink.commit(0, List.of(w.prepareCommit(0)));
    try (Stream<Path> s = Files.list(out)) {
      Path part = s.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
      return Files.readString(part, StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void csvWriterSeparatorQuoteAllNullValueAndFormats() throws IOException {
    StructType schema = DdlSchema.parse("d DATE, t TIMESTAMP, s STRING");
    Row row = Row.of(LocalDate.of(2024, 5, 6), Instant.parse("2024-05-06T07:08:09Z"), null);
    assertEquals("\"06/05/2024\"|\"2024-05-06 09:08\"|\"-\"\n", writeOne("csv", schema,
        Map.of("sep", "|", "quoteAll", "true", "nullValue", "-", "dateFormat", "dd/MM/yyyy",
            "timestampFormat", "yyyy-MM-dd HH:mm", "timeZone", "Europe/Berlin"), row));
    assertEquals("  padded  \n", writeOne("csv", DdlSchema.parse("s STRING"),
        Map.of("ignoreLeadingWhiteSpace", "false", "ignoreTrailingWhiteSpace", "false"), Row.of("  padded  ")));
    assertEquals("padded\n", writeOne("csv", DdlSchema.parse("s STRING"), Map.of(), Row.of("  padded  ")));
  }

  @Test
  void jsonWriterCanKeepNullFieldsAndTextWriterTakesALineSeparator() throws IOException {
    assertEquals("{\"a\":1,\"b\":null}\n", writeOne("json", DdlSchema.parse("a INT, b STRING"),
        Map.of("ignoreNullFields", "false"), Row.of(1, null)));
    assertEquals("{\"a\":[1,null],\"s\":\"x\"}\n", writeOne("json", DdlSchema.parse("a ARRAY<INT>, s STRING"),
        Map.of(), Row.of(java.util.Arrays.asList(1, null), "x")));
    assertEquals("a;b;", writeOne("text", DdlSchema.parse("value STRING"), Map.of("lineSep", ";"), Row.of("a"), Row.of("b")));
  }

  @Test
  void csvEncodingAndCarriageReturnLineSeparator() throws IOException {
    Path p = dir.resolve("latin1.csv");
    Files.write(p, "caf\u00e9,na\u00efve\r".getBytes(StandardCharsets.ISO_8859_1));
    assertEquals(List.of(Row.of("caf\u00e9", "na\u00efve")), ReadAll.rows(FileSources.create("csv", List.of(p.toString()),
        Map.of("encoding", "ISO-8859-1", "lineSep", "\r"), null)));
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> FileSources.create("csv", List.of(p.toString()), Map.of("lineSep", ";;"), null));
    assertEquals("[INVALID_OPTION_VALUE] Invalid value for option 'lineSep': CSV records can be separated by \\n, \\r"
        + " or \\r\\n only.", e.getMessage());
  }

  @Test
  void jsonCustomLineSeparatorAndTimestampFormat() throws IOException {
    Path p = dir.resolve("a.json");
    Files.writeString(p, "{\"t\":\"06.05.2024 07:08\"}|{\"t\":\"07.05.2024 00:00\"}");
    assertEquals(List.of(Row.of(Instant.parse("2024-05-06T07:08:00Z")), Row.of(Instant.parse("2024-05-07T00:00:00Z"))),
        ReadAll.rows(FileSources.create("json", List.of(p.toString()),
            Map.of("lineSep", "|", "timestampFormat", "dd.MM.yyyy HH:mm"), DdlSchema.parse("t TIMESTAMP"))));
  }

  @Test
  void splitSizeOptionAcceptsUnits() {
    assertEquals(32L << 20, new FileOptions(Map.of("maxPartitionBytes", "32m")).getBytes("maxPartitionBytes", 1));
    assertEquals(1024L, new FileOptions(Map.of("maxpartitionbytes", "1kb")).getBytes("maxPartitionBytes", 1));
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> new FileOptions(Map.of("maxPartitionBytes", "-3")).getBytes("maxPartitionBytes", 1));
    assertEquals("[INVALID_OPTION_VALUE] Invalid value '-3' for option 'maxPartitionBytes': expected a positive size in"
        + " bytes (e.g. 33554432 or 32m).", e.getMessage());
  }

  @Test
  void csvWriterRejectsMultiCharacterSeparators() {
    Sink sink = FileSinks.create("csv", dir.resolve("x").toString(), SaveMode.OVERWRITE, Map.of("sep", "||"), List.of());
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class, () -> sink.setup(DdlSchema.parse("a INT")));
    assertEquals("[INVALID_OPTION_VALUE] Invalid value '||' for option 'sep': expected a single character when writing CSV.",
        e.getMessage());
  }
}
