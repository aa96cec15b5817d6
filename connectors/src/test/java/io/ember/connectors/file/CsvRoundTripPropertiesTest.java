package io.ember.connectors.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.connectors.ReadAll;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.WithNull;

/** Whatever strings the CSV writer writes, the reader reads back the same (quotes, escapes, separators, line breaks). */
class CsvRoundTripPropertiesTest {
  private static final StructType SCHEMA = DdlSchema.parse("i INT, s STRING, t STRING");
  private static final String NULL = "<null>";

  @Property(tries = 80)
  void writtenStringsReadBackUnchanged(
      @ForAll List<@WithNull @StringLength(max = 8) @Chars({'"', '\\', ',', ';', '\n', '\r', ' ', '\'', '#'})
          @CharRange(from = 'a', to = 'c') String> values,
      @ForAll boolean semicolon) throws IOException {
    Path out = Files.createTempDirectory("ember-rt").resolve("out");
    Map<String, String> writeOptions = Map.of("header", "true", "nullValue", NULL, "sep", semicolon ? ";" : ",",
        "ignoreLeadingWhiteSpace", "false", "ignoreTrailingWhiteSpace", "false");
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      rows.add(Row.of(i, v, v == null ? "x" : v + v));
    }
    Sink sink = FileSinks.create("csv", out.toString(), SaveMode.ERROR_IF_EXISTS, writeOptions, List.of());
    sink.setup(SCHEMA);
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    w.write(Batch.fromRows(SCHEMA, rows));
    sink.commit(0, List.of(w.prepareCommit(0)));
    Map<String, String> readOptions = Map.of("header", "true", "nullValue", NULL, "sep", semicolon ? ";" : ",",
        "multiLine", "true");
    List<Row> back = ReadAll.rows(FileSources.create("csv", List.of(out.toString()), readOptions, SCHEMA), 1, 7);
    assertEquals(rows, back);
  }
}
