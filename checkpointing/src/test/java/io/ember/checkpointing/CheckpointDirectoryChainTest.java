package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task state as chains of {@code .delta} files with periodic {@code .snapshot} files in a checkpoint location. */
class CheckpointDirectoryChainTest {
  @TempDir
  Path dir;

  private final List<StatefulTask> tasks = List.of(new StatefulTask(new TaskStateKey(3, 0)),
      new StatefulTask(new TaskStateKey(3, 1)));

  private CheckpointDirectory open(int minBatchesToRetain, int minDeltasForSnapshot) {
    return CheckpointDirectory.open(dir, CheckpointDirectoryTest.SHAPE, minBatchesToRetain, new CheckpointFiles(),
        minDeltasForSnapshot, Runnable::run);
  }

  /** Changes both tasks, takes their snapshots of {@code epoch} and writes the epoch. */
  private void writeEpoch(CheckpointDirectory d, Random random, long epoch, boolean full) {
    List<TaskSnapshot> snapshots = new ArrayList<>();
    for (StatefulTask t : tasks) {
      snapshots.add(t.change(random, epoch == 0 ? 400 : 8, 500).snapshot(epoch, full));
    }
    d.write(Fixtures.metadata(d.queryId(), epoch, epoch, snapshots), snapshots);
  }

  private void assertRestores(CheckpointDirectory d, long epoch) {
    CheckpointedEpoch read = d.read(epoch);
    for (StatefulTask t : tasks) {
      TaskSnapshot s = read.snapshot(t.key);
      assertEquals(epoch, s.epoch());
      assertEquals(t.state(), StatefulTask.restored(s), t.key + " at epoch " + epoch);
    }
  }

  private Path file(long epoch, String suffix) {
    return dir.resolve("state/3/0/" + epoch + suffix);
  }

  private List<String> stateFiles() throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("state/3/0"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void awaitCompactionsReturnsOnlyOnceTheBackgroundCompactionsWroteTheirFiles() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService slow = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      CheckpointDirectory d = CheckpointDirectory.open(dir, CheckpointDirectoryTest.SHAPE, 100, new CheckpointFiles(),
          2, job -> slow.execute(() -> {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            job.run();
          }));
      Random random = new Random(2);
      for (long e = 0; e < 3; e++) {
        writeEpoch(d, random, e, false);
      }
      java.util.concurrent.CompletableFuture<Void> awaited = java.util.concurrent.CompletableFuture.runAsync(() -> {
        try {
          d.awaitCompactions();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      Thread.sleep(100);
      assertFalse(awaited.isDone(), "a compaction is still queued");
      assertFalse(Files.exists(file(2, ".snapshot")));
      release.countDown();
      awaited.get(30, java.util.concurrent.TimeUnit.SECONDS);
      assertTrue(Files.exists(file(2, ".snapshot")), "compacted after 2 deltas, written before the wait returned");
    } finally {
      release.countDown();
      slow.shutdownNow();
    }
  }

  @Test
  void deltasAreWrittenAsDeltaFilesReadBackMaterializedAndCompactedEveryFewDeltas() {
    CheckpointDirectory d = open(100, 3);
    Random random = new Random(1);
    for (long e = 0; e < 8; e++) {
      writeEpoch(d, random, e, false);
      assertRestores(d, e);
    }
    assertTrue(Files.exists(file(0, ".snapshot")), "a task's first snapshot is full");
    assertFalse(Files.exists(file(1, ".snapshot")));
    assertTrue(Files.exists(file(1, ".delta")));
    assertTrue(Files.exists(file(3, ".delta")) && Files.exists(file(3, ".snapshot")), "compacted after 3 deltas");
    assertTrue(Files.exists(file(6, ".snapshot")), "and again 3 deltas later");
    assertFalse(Files.exists(file(7, ".snapshot")));
    assertRestores(CheckpointDirectory.openForReading(dir), 7);
    assertEquals(7, CheckpointDirectory.open(dir, CheckpointDirectoryTest.SHAPE, 100).readLatest().orElseThrow()
        .epoch());
  }

  @Test
  void smallDeltasAreCompactedOnlyOnceTheyHoldTheFractionOfTheirBaseThatThePolicySets() {
    CheckpointDirectory d = CheckpointDirectory.open(dir, CheckpointDirectoryTest.SHAPE, 100, new CheckpointFiles(),
        new CompactionPolicy(2, 0.5, 1_000), Runnable::run);
    Random random = new Random(4);
    StatefulTask task = tasks.get(0);
    TaskSnapshot base = task.change(random, 2_000, 5_000).snapshot(0, true);
    d.write(Fixtures.metadata(d.queryId(), 0, 0, List.of(base)), List.of(base));
    long deltaBytes = 0;
    long compactedAt = -1;
    for (long e = 1; compactedAt < 0 && e < 300; e++) {
      TaskSnapshot delta = task.change(random, 10, 5_000).snapshot(e, false);
      deltaBytes += delta.stateBytes();
      d.write(Fixtures.metadata(d.queryId(), e, e, List.of(delta)), List.of(delta));
      boolean compacted = Files.exists(file(e, ".snapshot"));
      assertEquals(deltaBytes >= base.stateBytes() / 2, compacted, "epoch " + e + ": " + deltaBytes
          + " delta bytes on " + base.stateBytes());
      compactedAt = compacted ? e : -1;
    }
    assertTrue(compactedAt > 10, "compacted after many small deltas: " + compactedAt);
    TaskSnapshot read = d.read(compactedAt).snapshot(task.key);
    assertEquals(task.state(), StatefulTask.restored(read));
  }

  @Test
  void retentionKeepsTheFilesTheChainsOfKeptEpochsNeed() throws IOException {
    CheckpointDirectory d = open(2, 100); // no compaction: one chain from epoch 0
    Random random = new Random(2);
    for (long e = 0; e < 6; e++) {
      writeEpoch(d, random, e, false);
    }
    assertEquals(List.of(4L, 5L), d.completeEpochs());
    assertEquals(List.of("0.snapshot", "1.delta", "2.delta", "3.delta", "4.delta", "5.delta"), stateFiles());
    assertRestores(d, 5);
    writeEpoch(d, random, 6, true); // a task restarted: a full snapshot
    writeEpoch(d, random, 7, false);
    writeEpoch(d, random, 8, false);
    assertEquals(List.of("6.snapshot", "7.delta", "8.delta"), stateFiles(), "epochs 7 and 8 need only epoch 6");
    assertRestores(d, 8);
  }

  @Test
  void retentionWithCompactionKeepsChainsShort() throws IOException {
    CheckpointDirectory d = open(2, 2);
    Random random = new Random(3);
    for (long e = 0; e < 12; e++) {
      writeEpoch(d, random, e, false);
    }
    assertEquals(List.of("10.delta", "10.snapshot", "11.delta"), stateFiles());
    assertRestores(d, 11);
  }

  @Test
  void aMissingFileOfAChainIsReportedAndADeltaWithoutItsBaseIsRefused() throws IOException {
    CheckpointDirectory d = open(100, 100);
    Random random = new Random(4);
    for (long e = 0; e < 3; e++) {
      writeEpoch(d, random, e, false);
    }
    Files.delete(file(1, ".delta"));
    CheckpointCorruptException e = assertThrows(CheckpointCorruptException.class, () -> d.read(2));
    assertTrue(e.getMessage().contains("is a delta on epoch 1, whose state file is missing"), e.getMessage());

    StatefulTask stray = new StatefulTask(new TaskStateKey(9, 0));
    stray.snapshot(1, true); // never written
    TaskSnapshot delta = stray.snapshot(3, false);
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> d.write(Fixtures.metadata(d.queryId(), 3, 0, List.of(delta)), List.of(delta)));
    assertTrue(refused.getMessage().contains("a delta on epoch 1"), refused.getMessage());
  }

  @Test
  void aDamagedCompactedSnapshotIsReported() throws IOException {
    CheckpointDirectory d = open(100, 1);
    Random random = new Random(5);
    writeEpoch(d, random, 0, false);
    writeEpoch(d, random, 1, false);
    byte[] bytes = Files.readAllBytes(file(1, ".snapshot"));
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(file(1, ".snapshot"), bytes);
    CheckpointCorruptException e = assertThrows(CheckpointCorruptException.class, () -> d.read(1));
    assertTrue(e.getMessage().contains("does not match its checksum"), e.getMessage());
  }
}
