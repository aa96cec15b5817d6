package io.ember.connectors.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.connectors.ReadAll;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
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

/**
 * Reading a file in byte-range splits gives exactly the rows of reading it whole, and a reader restored
 * from an offset continues exactly where the snapshot was taken. CSV values here contain no quoted line
 * breaks: splitting those is unsafe without multiLine, as in Spark.
 */
class SplitAndOffsetPropertiesTest {
  private static final int MAX_VALUES = 100;
  /** Every file of the class lives under this directory, which JUnit deletes after the last test. */
  @TempDir static Path root;

  private static String csvContent(List<String> values, boolean crlf) {
    StringBuilder sb = new StringBuilder("k,v\n");
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i).replace("\\", "\\\\").replace("\"", "\"\"");
      sb.append(i).append(",\"").append(v).append('"').append(crlf ? "\r\n" : "\n");
    }
    return sb.toString();
  }

  private static Path write(String name, String content) {
    try {
      Path dir = Files.createTempDirectory(root, "split");
      Path p = dir.resolve(name);
      Files.writeString(p, content);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Row> readSplitBySplit(Source s, int hint) {
    List<Row> rows = new ArrayList<>();
    for (SourceSplit split : s.planSplits(hint)) {
      try (SourceReader r = s.createReader(List.of(split), ReadAll.context(3))) {
        List<Batch> out = new ArrayList<>();
        ReadAll.drain(r, out, Integer.MAX_VALUE);
        out.forEach(b -> rows.addAll(b.toRows()));
      }
    }
    return rows;
  }

  static Stream<Long> csvSeeds() {
    return Seeds.of("SplitAndOffsetPropertiesTest.csv", 60);
  }

  static Stream<Long> jsonSeeds() {
    return Seeds.of("SplitAndOffsetPropertiesTest.json", 60);
  }

  static Stream<Long> csvOffsetSeeds() {
    return Seeds.of("SplitAndOffsetPropertiesTest.csvOffsets", 40);
  }

  static Stream<Long> jsonOffsetSeeds() {
    return Seeds.of("SplitAndOffsetPropertiesTest.jsonOffsets", 30);
  }

  /** Up to {@link #MAX_VALUES} strings of any Unicode, each at most {@code maxCodePoints} long. */
  private static List<String> strings(Random random, int maxCodePoints) {
    return Gen.listOf(random, MAX_VALUES, () -> Gen.string(random, maxCodePoints));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("csvSeeds")
  void csvInSplitsEqualsCsvWhole(long seed) {
    Seeds.check(seed, random -> csvInSplitsEqualsCsvWhole(strings(random, 12), Gen.betweenWithEdges(random, 1, 40),
        random.nextBoolean()));
  }

  private static void csvInSplitsEqualsCsvWhole(List<String> raw, int splitBytes, boolean crlf) {
    List<String> values = raw.stream().map(v -> v.replace('\n', ' ').replace('\r', ' ').replace('\u0000', ' ')).toList();
    Path p = write("d.csv", csvContent(values, crlf));
    Map<String, String> base = Map.of("header", "true", "inferSchema", "false");
    List<Row> whole = ReadAll.rows(FileSources.create("csv", List.of(p.toString()), base, null));
    Source split = FileSources.create("csv", List.of(p.toString()),
        Map.of("header", "true", "maxPartitionBytes", Integer.toString(splitBytes)), null);
    assertEquals(values.size(), whole.size());
    assertEquals(whole, readSplitBySplit(split, 16));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("jsonSeeds")
  void jsonAndTextInSplitsEqualWhole(long seed) {
    Seeds.check(seed, random -> jsonAndTextInSplitsEqualWhole(strings(random, 10), Gen.betweenWithEdges(random, 1, 30)));
  }

  private static void jsonAndTextInSplitsEqualWhole(List<String> raw, int splitBytes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < raw.size(); i++) {
      String v = raw.get(i).replace("\\", "/").replace("\"", "'").replaceAll("[\\x00-\\x1f]", " ");
      sb.append("{\"i\":").append(i).append(",\"s\":\"").append(v).append("\"}\n");
    }
    Path p = write("d.json", sb.toString());
    for (String format : List.of("json", "text")) {
      List<Row> whole = ReadAll.rows(FileSources.create(format, List.of(p.toString()), Map.of(), null));
      Source split = FileSources.create(format, List.of(p.toString()),
          Map.of("maxPartitionBytes", Integer.toString(splitBytes)), null);
      assertEquals(raw.size(), whole.size());
      assertEquals(whole, readSplitBySplit(split, 16), format);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("csvOffsetSeeds")
  void restoredReaderContinuesExactlyAfterTheSnapshot(long seed) {
    Seeds.check(seed, random -> restoredReaderContinuesExactlyAfterTheSnapshot(Gen.betweenWithEdges(random, 0, 30),
        Gen.betweenWithEdges(random, 0, 12), Gen.betweenWithEdges(random, 5, 60), random.nextBoolean()));
  }

  private static void restoredReaderContinuesExactlyAfterTheSnapshot(int rowCount, int batchesBefore, int splitBytes,
      boolean dropSome) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rowCount; i++) {
      sb.append(dropSome && i % 4 == 1 ? "bad" : Integer.toString(i)).append(",r").append(i).append('\n');
    }
    Path p = write("o.csv", sb.toString());
    Source s = FileSources.create("csv", List.of(p.toString()),
        Map.of("mode", "DROPMALFORMED", "maxPartitionBytes", Integer.toString(splitBytes)),
        DdlSchema.parse("n INT, r STRING"));
    List<Row> whole = ReadAll.rows(s, 4, 3);
    List<SourceSplit> splits = s.planSplits(4);
    List<Batch> first = new ArrayList<>();
    byte[] offsets;
    try (SourceReader r = s.createReader(splits, ReadAll.context(3))) {
      ReadAll.drain(r, first, batchesBefore);
      offsets = r.snapshotOffsets(1);
    }
    List<Batch> rest = new ArrayList<>();
    try (SourceReader r = s.createReader(splits, ReadAll.context(3))) {
      r.restoreOffsets(offsets);
      ReadAll.drain(r, rest, Integer.MAX_VALUE);
    }
    List<Row> combined = new ArrayList<>();
    first.forEach(b -> combined.addAll(b.toRows()));
    rest.forEach(b -> combined.addAll(b.toRows()));
    assertEquals(whole, combined);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("jsonOffsetSeeds")
  void jsonAndTextReadersResumeFromOffsets(long seed) {
    Seeds.check(seed, random -> jsonAndTextReadersResumeFromOffsets(Gen.betweenWithEdges(random, 0, 25),
        Gen.betweenWithEdges(random, 0, 10), Gen.betweenWithEdges(random, 5, 80)));
  }

  private static void jsonAndTextReadersResumeFromOffsets(int rowCount, int batchesBefore, int splitBytes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rowCount; i++) {
      sb.append(i % 5 == 3 ? "" : "{\"n\":" + i + "}").append('\n');
    }
    Path p = write("o.json", sb.toString());
    for (String format : List.of("json", "text")) {
      Source s = FileSources.create(format, List.of(p.toString()),
          Map.of("maxPartitionBytes", Integer.toString(splitBytes)), format.equals("json") ? DdlSchema.parse("n INT") : null);
      List<Row> whole = ReadAll.rows(s, 3, 2);
      List<SourceSplit> splits = s.planSplits(3);
      List<Batch> out = new ArrayList<>();
      byte[] offsets;
      try (SourceReader r = s.createReader(splits, ReadAll.context(2))) {
        ReadAll.drain(r, out, batchesBefore);
        offsets = r.snapshotOffsets(1);
      }
      try (SourceReader r = s.createReader(splits, ReadAll.context(2))) {
        r.restoreOffsets(offsets);
        ReadAll.drain(r, out, Integer.MAX_VALUE);
      }
      List<Row> combined = new ArrayList<>();
      out.forEach(b -> combined.addAll(b.toRows()));
      assertEquals(whole, combined, format);
    }
  }
}
