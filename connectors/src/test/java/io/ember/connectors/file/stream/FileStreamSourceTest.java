package io.ember.connectors.file.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.ReadAll;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceReader.Status;
import io.ember.connectors.stream.ManualClock;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.MalformedRecordException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStreamSourceTest {
  private static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("id", DataTypes.INTEGER), DataTypes.field("name", DataTypes.STRING));
  private static final long T0 = 1_700_000_000_000L;

  @TempDir Path tmp;
  private Path dir;
  private Path staging;
  private ManualClock clock;

  @BeforeEach
  void setUp() throws IOException {
    dir = Files.createDirectory(tmp.resolve("in"));
    staging = Files.createDirectory(tmp.resolve("staging"));
    clock = new ManualClock(T0 + 10_000_000);
  }

  /** Writes a file elsewhere and moves it into the directory, as the source requires. */
  private Path drop(String name, long modifiedMillis, String content) throws IOException {
    Path s = staging.resolve(name.replace('/', '_'));
    Files.writeString(s, content, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(s, FileTime.fromMillis(modifiedMillis));
    Path target = dir.resolve(name);
    Files.createDirectories(target.getParent());
    return Files.move(s, target, StandardCopyOption.ATOMIC_MOVE);
  }

  private FileStreamSource source(String format, Map<String, String> options, StructType schema) {
    return FileStreamSource.create(format, dir.toString(), options, schema, false, clock);
  }

  private static SourceReader reader(Source s, int batchSize) {
    return s.createReader(s.planSplits(1), ReadAll.context(batchSize));
  }

  /** Polls until the reader has nothing more now; returns the rows. */
  private static List<Row> pollNow(SourceReader r) {
    List<Row> rows = new ArrayList<>();
    for (int guard = 0; guard < 10_000; guard++) {
      Status s = r.pollNext(b -> rows.addAll(b.toRows()));
      if (s != Status.MORE_AVAILABLE) {
        return rows;
      }
    }
    throw new AssertionError("the reader never ran dry");
  }

  private static List<Integer> ids(List<Row> rows) {
    return rows.stream().map(r -> r.isNullAt(0) ? null : r.getInt(0)).toList();
  }

  @Test
  void readsNewFilesInModificationOrderEachOnceAndIgnoresHiddenOnes() throws IOException {
    drop("c.csv", T0 + 3000, "3,c\n");
    drop("a.csv", T0 + 1000, "1,a\n11,aa\n");
    drop("b.csv", T0 + 2000, "2,b\n");
    drop("_SUCCESS", T0 + 500, "99,x\n");
    drop(".part.csv.crc", T0 + 500, "98,y\n");
    drop("_tmp/d.csv", T0 + 500, "97,z\n");
    FileStreamSource s = source("csv", Map.of(), SCHEMA);
    assertFalse(s.isBounded());
    assertEquals(1, s.fixedParallelism());
    try (SourceReader r = reader(s, 1)) {
      assertNull(r.describeOffsets());
      assertEquals(List.of(1, 11, 2, 3), ids(pollNow(r)));
      assertEquals("{\"logOffset\":0}", r.describeOffsets());
      r.snapshotOffsets(0);
      drop("e.csv", T0 + 100, "5,e\n");
      drop("sub/f.csv", T0 + 200, "6,f\n");
      assertEquals(List.of(), pollNow(r), "the directory was listed less than the interval ago");
      clock.advance(FileStreamSource.LIST_INTERVAL_MILLIS);
      assertEquals(List.of(5, 6), ids(pollNow(r)), "older times than files read before do not hide new files");
      assertEquals("{\"logOffset\":1}", r.describeOffsets());
      clock.advance(FileStreamSource.LIST_INTERVAL_MILLIS);
      assertEquals(List.of(), pollNow(r), "each file is read once");
    }
  }

  @Test
  void refreshListsAtTheNextPollWhateverTheInterval() throws IOException {
    FileStreamSource s = source("csv", Map.of(), SCHEMA);
    try (SourceReader r = reader(s, 10)) {
      assertEquals(List.of(), pollNow(r));
      drop("a.csv", T0 + 1000, "1,a\n");
      assertEquals(List.of(), pollNow(r), "the directory was listed less than the interval ago");
      r.refresh();
      assertEquals(List.of(1), ids(pollNow(r)), "processAllAvailable's refresh makes the new file available");
    }
  }

  @Test
  void maxFilesPerTriggerLimitsTheFilesTakenPerEpoch() throws IOException {
    for (int i = 0; i < 5; i++) {
      drop("f" + i + ".csv", T0 + i * 1000L, i + ",x\n" + (i + 10) + ",y\n");
    }
    FileStreamSource s = source("csv", Map.of("maxFilesPerTrigger", "2"), SCHEMA);
    assertTrue(s.explain().contains("maxFilesPerTrigger=2"), s.explain());
    try (SourceReader r = reader(s, 3)) {
      assertEquals(List.of(0, 10, 1, 11), ids(pollNow(r)));
      clock.advance(1000);
      assertEquals(List.of(), pollNow(r), "the epoch's budget is spent");
      r.snapshotOffsets(0);
      assertEquals(List.of(2, 12, 3, 13), ids(pollNow(r)));
      r.snapshotOffsets(1);
      assertEquals(List.of(4, 14), ids(pollNow(r)));
      assertEquals("{\"logOffset\":2}", r.describeOffsets());
    }
  }

  @Test
  void aSpentBudgetWithFilesLeftWaitsForTheEpochAndOnlyThenIsNothingAvailable() throws IOException {
    drop("a.csv", T0, "1,a\n");
    drop("b.csv", T0 + 1, "2,b\n");
    try (SourceReader r = reader(source("csv", Map.of("maxFilesPerTrigger", "1"), SCHEMA), 10)) {
      List<Row> rows = new ArrayList<>();
      assertEquals(Status.MORE_AVAILABLE, r.pollNext(b -> rows.addAll(b.toRows())));
      assertEquals(Status.WAITING_FOR_EPOCH, r.pollNext(b -> { throw new AssertionError("budget spent"); }));
      r.snapshotOffsets(0);
      assertEquals(Status.MORE_AVAILABLE, r.pollNext(b -> rows.addAll(b.toRows())));
      drop("c.csv", T0 + 2, "3,c\n");
      r.refresh();
      assertEquals(Status.WAITING_FOR_EPOCH, r.pollNext(b -> { throw new AssertionError(); }),
          "a file that appeared after the budget was spent waits too");
      r.snapshotOffsets(1);
      assertEquals(Status.MORE_AVAILABLE, r.pollNext(b -> rows.addAll(b.toRows())));
      r.refresh();
      assertEquals(Status.NOTHING_AVAILABLE, r.pollNext(b -> { throw new AssertionError(); }),
          "the budget is spent but no file waits");
      assertEquals(List.of(1, 2, 3), ids(rows));
    }
  }

  @Test
  void filesWithoutRowsDoNotStallTheBudgetUntilABarrierThatNeverComes() throws IOException {
    drop("empty.csv", T0, "");
    drop("bad.csv", T0 + 1, "x,y\n");
    drop("good.csv", T0 + 2, "1,a\n");
    drop("later.csv", T0 + 3, "2,b\n");
    try (SourceReader r = reader(source("csv", Map.of("maxFilesPerTrigger", "1", "mode", "DROPMALFORMED"), SCHEMA), 10)) {
      assertEquals(List.of(1), ids(pollNow(r)));
      assertEquals(List.of(), pollNow(r), "a file with rows spent the epoch's budget");
      r.snapshotOffsets(0);
      assertEquals(List.of(2), ids(pollNow(r)));
    }
  }

  @Test
  void latestFirstTakesTheNewestFilesFirst() throws IOException {
    for (int i = 0; i < 3; i++) {
      drop("f" + i + ".csv", T0 + i * 1000L, i + ",x\n");
    }
    FileStreamSource s = source("csv", Map.of("latestFirst", "true", "maxFilesPerTrigger", "1"), SCHEMA);
    List<Integer> order = new ArrayList<>();
    try (SourceReader r = reader(s, 10)) {
      for (long epoch = 0; epoch < 3; epoch++) {
        order.addAll(ids(pollNow(r)));
        r.snapshotOffsets(epoch);
      }
    }
    assertEquals(List.of(2, 1, 0), order);
  }

  @Test
  void malformedRowsFollowTheParseMode() throws IOException {
    drop("m.csv", T0, "1,a\noops,b\n3,c\n");
    StructType withCorrupt = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
        DataTypes.field("name", DataTypes.STRING), DataTypes.field("_corrupt_record", DataTypes.STRING));
    try (SourceReader r = reader(source("csv", Map.of("mode", "PERMISSIVE"), withCorrupt), 10)) {
      List<Row> rows = pollNow(r);
      assertEquals(java.util.Arrays.asList(1, null, 3), ids(rows));
      assertEquals("oops,b", rows.get(1).getString(2));
    }
    try (SourceReader r = reader(source("csv", Map.of("mode", "DROPMALFORMED"), SCHEMA), 10)) {
      assertEquals(List.of(1, 3), ids(pollNow(r)));
    }
    try (SourceReader r = reader(source("csv", Map.of("mode", "FAILFAST"), SCHEMA), 10)) {
      MalformedRecordException e = assertThrows(MalformedRecordException.class, () -> pollNow(r));
      assertTrue(e.getMessage().contains("FAILFAST"), e.getMessage());
    }
  }

  @Test
  void readsJsonAndTextWithTheirOptions() throws IOException {
    drop("a.json", T0, "{\"id\":1,\"name\":\"x\"}\n{\"id\":\"bad\"}\n{\"id\":2}\n");
    try (SourceReader r = reader(source("json", Map.of("mode", "DROPMALFORMED"), SCHEMA), 10)) {
      assertEquals(List.of(1, 2), ids(pollNow(r)));
    }
    Files.delete(dir.resolve("a.json"));
    drop("t.txt", T0, "first|second|third");
    FileStreamSource text = source("text", Map.of("lineSep", "|"), null);
    assertEquals("struct<value:string>", text.schema().simpleString());
    try (SourceReader r = reader(text, 10)) {
      assertEquals(List.of("first", "second", "third"), pollNow(r).stream().map(x -> x.getString(0)).toList());
    }
  }

  @Test
  void aRestoredReaderContinuesWithoutLossOrDuplicationFromAnyPoint() throws IOException {
    List<Integer> expected = new ArrayList<>();
    int id = 0;
    for (int f = 0; f < 4; f++) {
      StringBuilder sb = new StringBuilder();
      for (int line = 0; line < 3 + f; line++) {
        sb.append(id).append(",n\n");
        expected.add(id++);
      }
      drop("f" + f + ".csv", T0 + f, sb.toString());
    }
    Map<String, String> options = Map.of("maxFilesPerTrigger", "3");
    for (int cut = 0; cut <= 12; cut++) {
      List<Integer> seen = new ArrayList<>();
      byte[] offsets;
      try (SourceReader r = reader(source("csv", options, SCHEMA), 2)) {
        for (int p = 0; p < cut; p++) {
          r.pollNext(b -> seen.addAll(ids(b.toRows())));
          if (p == 4) {
            r.snapshotOffsets(0); // an earlier barrier renews the budget
          }
        }
        offsets = r.snapshotOffsets(1);
        r.pollNext(b -> { }); // emitted after the barrier: the restored reader emits it again
      }
      try (SourceReader r = reader(source("csv", options, SCHEMA), 2)) {
        r.restoreOffsets(offsets);
        for (int epoch = 2; epoch < 6; epoch++) {
          seen.addAll(ids(pollNow(r)));
          r.snapshotOffsets(epoch);
          clock.advance(FileStreamSource.LIST_INTERVAL_MILLIS);
        }
      }
      assertEquals(expected, seen, "restored after " + cut + " polls");
    }
  }

  @Test
  void aReplayedEpochReadsExactlyTheRowsBetweenItsStartAndEndOffsets() throws IOException {
    int id = 0;
    for (int f = 0; f < 4; f++) {
      StringBuilder sb = new StringBuilder();
      for (int line = 0; line < 3 + f; line++) {
        sb.append(id++).append(",n\n");
      }
      drop("f" + f + ".csv", T0 + f, sb.toString());
    }
    for (Map<String, String> options : List.of(Map.<String, String>of(), Map.of("maxFilesPerTrigger", "2"))) {
      for (int start = 0; start <= 8; start++) {
        for (int end = start; end <= 10; end++) {
          List<Integer> epoch = new ArrayList<>();
          List<Integer> after = new ArrayList<>();
          byte[] from;
          byte[] to;
          try (SourceReader r = reader(source("csv", options, SCHEMA), 2)) {
            for (int p = 0; p < start; p++) {
              r.pollNext(b -> { });
            }
            from = r.snapshotOffsets(0);
            for (int p = start; p < end; p++) {
              r.pollNext(b -> epoch.addAll(ids(b.toRows())));
            }
            to = r.snapshotOffsets(1);
            for (int e = 2; e < 6; e++) {
              after.addAll(ids(pollNow(r)));
              r.snapshotOffsets(e);
            }
          }
          String at = options + " from poll " + start + " to poll " + end;
          try (SourceReader r = reader(source("csv", options, SCHEMA), 2)) {
            r.restoreOffsets(from);
            assertTrue(r.replayUntil(to));
            assertEquals(epoch, ids(pollNow(r)), at);
            assertEquals(Status.WAITING_FOR_EPOCH, r.pollNext(b -> { }), at);
            assertArrayEquals(to, r.snapshotOffsets(1), at);
            List<Integer> rest = new ArrayList<>();
            for (int e = 2; e < 6; e++) {
              rest.addAll(ids(pollNow(r)));
              r.snapshotOffsets(e);
            }
            assertEquals(after, rest, at);
          }
        }
      }
    }
  }

  @Test
  void availableNowReadsTheFilesPresentWhenCalledAndEnds() throws IOException {
    drop("a.csv", T0, "1,a\n");
    drop("b.csv", T0 + 1, "2,b\n");
    drop("c.csv", T0 + 2, "3,c\n");
    FileStreamSource s = source("csv", Map.of("maxFilesPerTrigger", "2"), SCHEMA);
    Source bounded = s.availableNow();
    drop("d.csv", T0 + 3, "4,d\n");
    assertTrue(bounded.isBounded());
    assertTrue(bounded.explain().contains("availableNow=3 files"), bounded.explain());
    List<Integer> read = new ArrayList<>();
    try (SourceReader r = reader(bounded, 10)) {
      List<Row> rows = new ArrayList<>();
      assertEquals(Status.MORE_AVAILABLE, r.pollNext(b -> rows.addAll(b.toRows())));
      assertEquals(Status.WAITING_FOR_EPOCH, r.pollNext(b -> rows.addAll(b.toRows())), "two files per epoch");
      r.snapshotOffsets(0);
      read.addAll(ids(rows));
      read.addAll(ids(pollNow(r)));
      assertEquals(Status.END_OF_INPUT, r.pollNext(b -> { throw new AssertionError(); }));
    }
    assertEquals(List.of(1, 2, 3), read);
  }

  @Test
  void minFileAgeDefersRecentlyModifiedFiles() throws IOException {
    clock.set(T0 + 500);
    drop("young.csv", T0, "1,a\n");
    try (SourceReader r = reader(source("csv", Map.of("minFileAge", "1s"), SCHEMA), 10)) {
      assertEquals(List.of(), pollNow(r));
      clock.set(T0 + 1000);
      assertEquals(List.of(1), ids(pollNow(r)));
    }
  }

  @Test
  void maxFileAgeIgnoresFilesMuchOlderThanTheNewestAfterTheFirstListing() throws IOException {
    drop("new.csv", T0 + 10_000, "1,a\n");
    try (SourceReader r = reader(source("csv", Map.of("maxFileAge", "5s"), SCHEMA), 10)) {
      assertEquals(List.of(1), ids(pollNow(r)));
      drop("old.csv", T0, "2,b\n");
      drop("recent.csv", T0 + 6_000, "3,c\n");
      clock.advance(FileStreamSource.LIST_INTERVAL_MILLIS);
      assertEquals(List.of(3), ids(pollNow(r)));
    }
  }

  @Test
  void fileNameOnlyTreatsAFileOfAKnownNameInAnotherDirectoryAsSeen() throws IOException {
    drop("x/part.csv", T0, "1,a\n");
    try (SourceReader r = reader(source("csv", Map.of("fileNameOnly", "true"), SCHEMA), 10)) {
      assertEquals(List.of(1), ids(pollNow(r)));
      drop("y/part.csv", T0 + 1, "2,b\n");
      drop("y/other.csv", T0 + 2, "3,c\n");
      clock.advance(FileStreamSource.LIST_INTERVAL_MILLIS);
      assertEquals(List.of(3), ids(pollNow(r)));
    }
  }

  @Test
  void aGlobMatchingNothingYetIsAnEmptyStream() throws IOException {
    FileStreamSource s = FileStreamSource.create("csv", tmp.resolve("in/*/data-*.csv").toString(), Map.of(), SCHEMA, false, clock);
    try (SourceReader r = reader(s, 10)) {
      assertEquals(List.of(), pollNow(r));
      drop("x/data-1.csv", T0, "7,g\n");
      drop("x/other.csv", T0, "8,h\n");
      clock.advance(FileStreamSource.LIST_INTERVAL_MILLIS);
      assertEquals(List.of(7), ids(pollNow(r)));
    }
  }

  @Test
  void rejectsAMissingSchemaAMissingPathAndBadOptionsAsSparkDoes() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> FileStreamSource.create("json", dir.toString(), Map.of(), null));
    assertTrue(e.getMessage().startsWith("Schema must be specified when creating a streaming source DataFrame."), e.getMessage());
    AnalysisException missing = assertThrows(AnalysisException.class,
        () -> FileStreamSource.create("csv", tmp.resolve("nope").toString(), Map.of(), SCHEMA));
    assertEquals("PATH_NOT_FOUND", missing.errorClass());
    e = assertThrows(EmberIllegalArgumentException.class,
        () -> FileStreamSource.create("csv", dir.toString(), Map.of("maxFilesPerTrigger", "0"), SCHEMA));
    assertTrue(e.getMessage().contains("Invalid value '0' for option 'maxFilesPerTrigger', must be a positive integer"));
    e = assertThrows(EmberIllegalArgumentException.class,
        () -> FileStreamSource.create("csv", dir.toString(), Map.of("latestFirst", "maybe"), SCHEMA));
    assertTrue(e.getMessage().contains("for option 'latestFirst', must be 'true' or 'false'"));
    e = assertThrows(EmberIllegalArgumentException.class,
        () -> FileStreamSource.create("parquet", dir.toString(), Map.of(), SCHEMA));
    assertEquals("DATA_SOURCE_NOT_FOUND", e.errorClass());
  }

  @Test
  void schemaInferenceReadsTheSchemaFromTheFilesPresent() throws IOException {
    drop("a.json", T0, "{\"k\":1}\n");
    Map<String, String> options = new HashMap<>();
    FileStreamSource s = FileStreamSource.create("json", dir.toString(), options, null, true, clock);
    assertEquals("struct<k:bigint>", s.schema().simpleString());
    try (SourceReader r = reader(s, 10)) {
      List<Batch> out = new ArrayList<>();
      r.pollNext(out::add);
      assertEquals(1L, out.get(0).toRows().get(0).getLong(0));
    }
  }
}
