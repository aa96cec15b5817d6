package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.operators.state.ChunkedBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointDirectoryTest {
  static final QueryFingerprint SHAPE = QueryFingerprint.of(Map.of(
      "source 0", "rate(numPartitions=2)",
      "stateful operator 3", "StreamingAggregate(keys=[window], state=[count: bigint])"));

  @TempDir
  Path dir;

  /** The snapshots of {@code epoch}, the same for the same epoch. */
  static List<TaskSnapshot> snapshots(long epoch, int tasks) {
    return Fixtures.epoch(new Random(epoch), epoch, 2, tasks, 2_000);
  }

  static void writeEpoch(CheckpointDirectory d, long epoch, int tasks) {
    List<TaskSnapshot> s = snapshots(epoch, tasks);
    d.write(Fixtures.metadata(d.queryId(), epoch, epoch * 10, s), s);
  }

  static void assertEpoch(CheckpointDirectory d, long epoch, int tasks) {
    CheckpointedEpoch read = d.read(epoch);
    List<TaskSnapshot> expected = snapshots(epoch, tasks);
    assertEquals(Fixtures.metadata(d.queryId(), epoch, epoch * 10, expected), read.metadata());
    assertEquals(expected, new ArrayList<>(read.snapshots().values()));
  }

  @Test
  void epochsAreWrittenInSparksLayoutAndReadBack() throws IOException {
    CheckpointDirectory d = CheckpointDirectory.open(dir, SHAPE, 100);
    assertEquals(OptionalLong.empty(), d.latestCompleteEpoch());
    assertTrue(d.readLatest().isEmpty());
    for (long e = 0; e < 3; e++) {
      writeEpoch(d, e, 2);
    }
    assertEquals(OptionalLong.of(2), d.latestCompleteEpoch());
    for (long e = 0; e < 3; e++) {
      assertEpoch(d, e, 2);
    }
    assertEquals(2, d.readLatest().orElseThrow().epoch());
    assertTrue(Files.isRegularFile(dir.resolve("offsets/1")));
    assertTrue(Files.isRegularFile(dir.resolve("state/1/0/2.snapshot")));
    assertEquals("v1\n{\"epoch\":2,\"nextBatchWatermarkUs\":20}\n", Files.readString(dir.resolve("commits/2")));
    String metadata = Files.readString(dir.resolve("metadata"));
    assertTrue(metadata.startsWith("{\"id\":\"" + d.queryId() + "\",\"formatVersion\":1,"), metadata);
    assertTrue(metadata.contains("\"stateful operator 3\":\"StreamingAggregate("), metadata);

    CheckpointDirectory again = CheckpointDirectory.open(dir, SHAPE, 100);
    assertEquals(d.queryId(), again.queryId(), "the query id survives a restart");
    assertEquals(OptionalLong.of(2), again.latestCompleteEpoch());
    assertThrows(IllegalStateException.class, () -> writeEpoch(again, 2, 2));
    writeEpoch(again, 3, 2);
    assertEpoch(CheckpointDirectory.openForReading(dir), 3, 2);
  }

  @Test
  void aCrashBetweenAnyTwoFileOperationsLeavesThePreviousEpochOrTheNewOneWhole() throws IOException {
    int tasks = 2; // 4 state files, offsets, commit, then retention deletes epoch 0 (commit, offsets, 4 state)
    int operations = 4 + 2 + 6;
    for (int crashAt = 0; crashAt <= operations; crashAt++) {
      for (boolean torn : new boolean[] {false, true}) {
        Path location = Files.createTempDirectory(dir, "crash");
        CheckpointDirectory first = CheckpointDirectory.open(location, SHAPE, 1, new CrashingFiles(-1, false));
        writeEpoch(first, 0, tasks);
        CrashingFiles files = new CrashingFiles(crashAt, torn);
        CheckpointDirectory crashing = CheckpointDirectory.open(location, SHAPE, 1, files);
        boolean crashed;
        try {
          writeEpoch(crashing, 1, tasks);
          crashed = false;
        } catch (CrashingFiles.Crash expected) {
          crashed = true;
        }
        assertEquals(crashAt < operations, crashed, "crash at " + crashAt);

        CheckpointDirectory restarted = CheckpointDirectory.open(location, SHAPE, 1, new CrashingFiles(-1, false));
        long expected = crashAt < 4 + 2 ? 0 : 1;
        assertEquals(OptionalLong.of(expected), restarted.latestCompleteEpoch(), "crash at " + crashAt);
        assertEpoch(restarted, expected, tasks);
        try (Stream<Path> all = Files.walk(location)) {
          assertEquals(List.of(), all.filter(CheckpointFiles::isTemporary).toList(), "left temporary files");
        }
        if (expected == 0) {
          assertFalse(Files.exists(location.resolve("offsets/1")), "an uncommitted epoch is removed at open");
          assertFalse(Files.exists(location.resolve("state/0/0/1.snapshot")));
        }
        writeEpoch(restarted, expected + 1, tasks);
        assertEpoch(restarted, expected + 1, tasks);
      }
    }
  }

  @Test
  void retentionKeepsTheNewestMinBatchesToRetainEpochs() throws IOException {
    CheckpointDirectory d = CheckpointDirectory.open(dir, SHAPE, 3);
    for (long e = 0; e < 10; e++) {
      writeEpoch(d, e, 1);
    }
    assertEquals(List.of(7L, 8L, 9L), d.completeEpochs());
    try (Stream<Path> offsets = Files.list(dir.resolve("offsets"));
        Stream<Path> state = Files.list(dir.resolve("state/1/0"))) {
      assertEquals(3, offsets.count());
      assertEquals(3, state.count());
    }
    CheckpointEpochNotFoundException gone = assertThrows(CheckpointEpochNotFoundException.class, () -> d.read(2));
    assertEquals("[CHECKPOINT_EPOCH_NOT_FOUND] Epoch 2 is not complete in the checkpoint location " + dir
        + ": it was removed by retention (spark.sql.streaming.minBatchesToRetain); the latest complete epoch is 9.",
        gone.getMessage());
    CheckpointEpochNotFoundException never = assertThrows(CheckpointEpochNotFoundException.class,
        () -> d.read(12));
    assertTrue(never.getMessage().contains("it was never committed"), never.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CheckpointDirectory.open(dir, SHAPE, 0));
  }

  @Test
  void aLocationOfAnotherQueryShapeIsRefusedNamingWhatChanged() {
    CheckpointDirectory d = CheckpointDirectory.open(dir, SHAPE, 100);
    writeEpoch(d, 0, 1);
    QueryFingerprint changed = QueryFingerprint.of(Map.of(
        "source 0", "rate(numPartitions=4)",
        "stateful operator 5", "Deduplicate(keys=[id])"));
    CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
        () -> CheckpointDirectory.open(dir, changed, 100));
    assertEquals("INCOMPATIBLE_CHECKPOINT_LOCATION", e.errorClass());
    assertEquals(List.of(
        "source 0 changed from rate(numPartitions=2) to rate(numPartitions=4)",
        "stateful operator 3 was removed (was StreamingAggregate(keys=[window], state=[count: bigint]))",
        "stateful operator 5 was added (Deduplicate(keys=[id]))"), e.differences());
    assertTrue(e.getMessage().contains("start the query with a new checkpoint location"), e.getMessage());
    assertEquals(OptionalLong.of(0), CheckpointDirectory.open(dir, SHAPE, 100).latestCompleteEpoch());
  }

  @Test
  void unreadableLocationsFailWithTypedErrors() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    CheckpointCorruptException notDir = assertThrows(CheckpointCorruptException.class,
        () -> CheckpointDirectory.open(file, SHAPE, 100));
    assertTrue(notDir.getMessage().contains("is a file, not a directory"), notDir.getMessage());

    Path garbage = Files.createDirectories(dir.resolve("garbage"));
    Files.writeString(garbage.resolve("metadata"), "{\"id\":");
    CheckpointCorruptException json = assertThrows(CheckpointCorruptException.class,
        () -> CheckpointDirectory.open(garbage, SHAPE, 100));
    assertTrue(json.getMessage().contains("is not valid JSON"), json.getMessage());

    Path newer = Files.createDirectories(dir.resolve("newer"));
    Files.writeString(newer.resolve("metadata"), "{\"id\":\"q\",\"formatVersion\":2}");
    assertThrows(CheckpointVersionException.class, () -> CheckpointDirectory.open(newer, SHAPE, 100));

    Path edited = Files.createDirectories(dir.resolve("edited"));
    CheckpointDirectory.open(edited, SHAPE, 100);
    Path meta = edited.resolve("metadata");
    Files.writeString(meta, Files.readString(meta).replace("numPartitions=2", "numPartitions=3"));
    CheckpointCorruptException hash = assertThrows(CheckpointCorruptException.class,
        () -> CheckpointDirectory.open(edited, SHAPE, 100));
    assertTrue(hash.getMessage().contains("was edited"), hash.getMessage());

    Path noMetadata = Files.createDirectories(dir.resolve("lost"));
    writeEpoch(CheckpointDirectory.open(noMetadata, SHAPE, 100), 0, 1);
    Files.delete(noMetadata.resolve("metadata"));
    assertThrows(CheckpointCorruptException.class, () -> CheckpointDirectory.open(noMetadata, SHAPE, 100));
    assertThrows(CheckpointCorruptException.class, () -> CheckpointDirectory.openForReading(dir.resolve("none")));
  }

  @Test
  void aDamagedFileOfACommittedEpochIsReportedNotSkipped() throws IOException {
    CheckpointDirectory d = CheckpointDirectory.open(dir, SHAPE, 100);
    writeEpoch(d, 0, 1);
    writeEpoch(d, 1, 1);
    Path state = dir.resolve("state/0/0/1.snapshot");
    byte[] bytes = Files.readAllBytes(state);
    bytes[bytes.length - 1] ^= 1;
    Files.write(state, bytes);
    CheckpointCorruptException flipped = assertThrows(CheckpointCorruptException.class, () -> d.read(1));
    assertTrue(flipped.getMessage().contains("does not match the size and checksum"), flipped.getMessage());
    Files.delete(state);
    CheckpointCorruptException missing = assertThrows(CheckpointCorruptException.class, () -> d.read(1));
    assertTrue(missing.getMessage().contains("of committed epoch 1 is missing"), missing.getMessage());
    Files.writeString(dir.resolve("commits/0"), "v7\n{}\n", StandardCharsets.UTF_8);
    assertThrows(CheckpointVersionException.class, () -> d.read(0));
  }

  @Test
  void writesMustMatchTheirMetadata() {
    CheckpointDirectory d = CheckpointDirectory.open(dir, SHAPE, 100);
    List<TaskSnapshot> s = snapshots(0, 2);
    EpochMetadata meta = Fixtures.metadata(d.queryId(), 0, 0, s);
    assertThrows(IllegalArgumentException.class, () -> d.write(meta, s.subList(0, 3)));
    List<TaskSnapshot> changed = new ArrayList<>(s);
    changed.set(1, new TaskSnapshot(s.get(1).key(), 0, List.of(ChunkedBytes.wrap(new byte[] {42})), null));
    assertThrows(IllegalArgumentException.class, () -> d.write(meta, changed));
    assertThrows(IllegalArgumentException.class, () -> d.write(Fixtures.metadata("another", 0, 0, s), s));
    assertEquals(OptionalLong.empty(), d.latestCompleteEpoch());
    d.write(meta, s);
    assertThrows(IllegalStateException.class,
        () -> CheckpointDirectory.openForReading(dir).write(Fixtures.metadata(d.queryId(), 1, 0, List.of()),
            List.of()));
  }

  @Test
  void readersInOtherInstancesSeeOnlyWholeEpochsWhileAWriterCommitsAndPrunes() throws Exception {
    CheckpointDirectory writer = CheckpointDirectory.open(dir, SHAPE, 2, new CheckpointFiles(false));
    writeEpoch(writer, 0, 2);
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService readers = Executors.newFixedThreadPool(3);
    List<Future<Integer>> reads = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      reads.add(readers.submit(() -> {
        CheckpointDirectory reader = CheckpointDirectory.openForReading(dir);
        int n = 0;
        long last = -1;
        while (!done.get() || n == 0) {
          CheckpointedEpoch read = reader.readLatest().orElseThrow();
          assertTrue(read.epoch() >= last, "epochs only move forward");
          last = read.epoch();
          assertEquals(snapshots(read.epoch(), 2), new ArrayList<>(read.snapshots().values()));
          n++;
        }
        return n;
      }));
    }
    try {
      for (long e = 1; e < 60; e++) {
        writeEpoch(writer, e, 2);
      }
    } finally {
      done.set(true);
      readers.shutdown();
    }
    for (Future<Integer> f : reads) {
      assertTrue(f.get(60, TimeUnit.SECONDS) > 0);
    }
    assertTrue(readers.awaitTermination(10, TimeUnit.SECONDS));
  }
}
