package io.ember.connectors.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.connectors.ReadAll;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever strings the CSV writer writes, the reader reads back the same (quotes, escapes, separators, line breaks). */
class CsvRoundTripPropertiesTest {
  /** Every file of the class lives under this directory, which JUnit deletes after the last test. */
  @TempDir static Path root;

  private static final StructType SCHEMA = DdlSchema.parse("i INT, s STRING, t STRING");
  private static final String NULL = "<null>";
  private static final int MAX_VALUES = 255;
  private static final int MAX_LENGTH = 8;
  private static final double NULL_CHANCE = 0.05;
  /** CSV's special characters (quote, escape, both separators, line breaks, blanks, comment) and a few letters. */
  private static final Character[] CHARS = {'"', '\\', ',', ';', '\n', '\r', ' ', '\'', '#', 'a', 'b', 'c'};

  static Stream<Long> seeds() {
    return Seeds.of("CsvRoundTripPropertiesTest", 80);
  }

  /** A string of at most {@link #MAX_LENGTH} characters from {@link #CHARS}. */
  private static String csvString(Random random) {
    int length = Gen.betweenWithEdges(random, 0, MAX_LENGTH);
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append((char) Gen.oneOf(random, CHARS));
    }
    return sb.toString();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void writtenStringsReadBackUnchanged(long seed) {
    Seeds.check(seed, random -> {
      List<String> values = Gen.listOf(random, MAX_VALUES, () -> Gen.orNull(random, NULL_CHANCE, csvString(random)));
      boolean semicolon = random.nextBoolean();
      try {
        writtenStringsReadBackUnchanged(values, semicolon);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static void writtenStringsReadBackUnchanged(List<String> values, boolean semicolon) throws IOException {
    Path out = Files.createTempDirectory(root, "rt").resolve("out");
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
    assertEquals(rows, back, "separator " + (semicolon ? ";" : ",") + ", values " + values);
  }
}
