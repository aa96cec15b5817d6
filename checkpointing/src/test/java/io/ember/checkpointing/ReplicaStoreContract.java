package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.operators.state.ChunkedBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link ReplicaStore} does; a subclass names the implementation. */
abstract class ReplicaStoreContract {
  static final String JOB = "job-1";
  ReplicaStore store;

  abstract ReplicaStore newStore();

  /** A store compacting chains of {@code minDeltasForSnapshot} deltas on {@code compactor}. */
  abstract ReplicaStore newStore(int minDeltasForSnapshot, Executor compactor);

  @BeforeEach
  void open() {
    store = newStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Puts a random epoch of {@code vertices × tasks} snapshots and returns its metadata. */
  EpochMetadata putEpoch(Random random, String job, long epoch, int vertices, int tasks, int maxBytes) {
    List<TaskSnapshot> snapshots = Fixtures.epoch(random, epoch, vertices, tasks, maxBytes);
    snapshots.forEach(s -> store.put(job, s));
    return Fixtures.metadata(job, epoch, epoch * 1000, snapshots);
  }

  @Test
  void aPeerHoldingSomeOfAnEpochsSnapshotsCompletesItWithTheWholeMetadataAndDropsCopiesNotListed() {
    Random random = new Random(3);
    List<TaskSnapshot> snapshots = Fixtures.epoch(random, 0, 1, 3, 300);
    store.put(JOB, snapshots.get(1));
    EpochMetadata metadata = Fixtures.metadata(JOB, 0, 0, snapshots);
    assertThrows(IllegalStateException.class, () -> store.markComplete(JOB, metadata), "all tasks are required");
    store.markCompleteHeld(JOB, metadata);
    assertEquals(Optional.of(metadata), store.latestComplete(JOB));
    assertEquals(Optional.of(snapshots.get(1)), store.get(JOB, 0, snapshots.get(1).key()));
    TaskSnapshot other = Fixtures.snapshot(random, new TaskStateKey(0, 1), 1, 300);
    store.put(JOB, other);
    EpochMetadata differing = new EpochMetadata(JOB, 1, 0, List.of(new EpochMetadata.TaskEntry(other.key(),
        other.encode().length + 1, 0)), new java.util.TreeMap<>(), new java.util.TreeMap<>(), 1);
    store.markCompleteHeld(JOB, differing);
    assertEquals(1, store.latestComplete(JOB).orElseThrow().epoch());
    assertEquals(Optional.empty(), store.getStored(JOB, 1, other.key()),
        "a held copy that is not the listed one (a replaced task's) is dropped, as an unlisted one");
    assertThrows(IllegalStateException.class, () -> store.markCompleteHeld(JOB, differing), "epoch 1 completed");
  }

  @Test
  void aPutSnapshotIsReadBackButItsEpochIsNotCompleteUntilMarked() {
    Random random = new Random(1);
    TaskSnapshot s = Fixtures.snapshot(random, new TaskStateKey(2, 1), 0, 500);
    assertEquals(EpochMetadata.TaskEntry.of(s.key(), s.encode()), store.put(JOB, s));
    assertEquals(Optional.of(s), store.get(JOB, 0, s.key()));
    assertEquals(Optional.empty(), store.get(JOB, 0, new TaskStateKey(2, 0)));
    assertEquals(Optional.empty(), store.get(JOB, 1, s.key()));
    assertEquals(Optional.empty(), store.get("other", 0, s.key()));
    assertEquals(Optional.empty(), store.latestComplete(JOB));

    EpochMetadata meta = Fixtures.metadata(JOB, 0, 5, List.of(s));
    store.markComplete(JOB, meta);
    assertEquals(Optional.of(meta), store.latestComplete(JOB));
    assertEquals(Optional.of(s), store.get(JOB, 0, s.key()));
    assertEquals(Optional.empty(), store.latestComplete("other"));
  }

  @Test
  void anEpochThatNeverCompletesStaysInvisibleAndIsPruned() {
    Random random = new Random(2);
    EpochMetadata e0 = putEpoch(random, JOB, 0, 2, 2, 200);
    store.markComplete(JOB, e0);
    putEpoch(random, JOB, 1, 2, 1, 200); // the job failed before epoch 1 completed
    assertEquals(0, store.latestComplete(JOB).orElseThrow().epoch());
    assertEquals(2, store.prune(JOB, 2), "the two snapshots of the incomplete epoch 1 go");
    assertEquals(0, store.latestComplete(JOB).orElseThrow().epoch(), "the latest complete epoch stays");
    assertTrue(store.get(JOB, 0, new TaskStateKey(1, 1)).isPresent());
    assertTrue(store.get(JOB, 1, new TaskStateKey(0, 0)).isEmpty());
    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> store.put(JOB, new TaskSnapshot(new TaskStateKey(0, 0), 1, List.of(), null)));
    assertTrue(refused.getMessage().contains("epochs before 2 were pruned"), refused.getMessage());
  }

  @Test
  void pruningRemovesOlderEpochsAndKeepsTheLatestComplete() {
    Random random = new Random(3);
    for (long e = 0; e < 5; e++) {
      store.markComplete(JOB, putEpoch(random, JOB, e, 1, 3, 100));
    }
    assertEquals(9, store.prune(JOB, 3));
    for (long e = 0; e < 5; e++) {
      assertEquals(e >= 3, store.get(JOB, e, new TaskStateKey(0, 2)).isPresent(), "epoch " + e);
    }
    assertEquals(3, store.prune(JOB, 100), "epoch 3 goes, epoch 4 stays as the latest complete");
    assertTrue(store.get(JOB, 4, new TaskStateKey(0, 0)).isPresent());
    assertEquals(4, store.latestComplete(JOB).orElseThrow().epoch());
  }

  @Test
  void completingChecksEveryListedSnapshotAndDropsUnlistedOnes() {
    Random random = new Random(4);
    TaskSnapshot a = Fixtures.snapshot(random, new TaskStateKey(0, 0), 3, 100);
    TaskSnapshot b = Fixtures.snapshot(random, new TaskStateKey(0, 1), 3, 100);
    TaskSnapshot stray = Fixtures.snapshot(random, new TaskStateKey(5, 0), 3, 100);
    store.put(JOB, a);
    store.put(JOB, stray);
    IllegalStateException missing = assertThrows(IllegalStateException.class,
        () -> store.markComplete(JOB, Fixtures.metadata(JOB, 3, 0, List.of(a, b))));
    assertTrue(missing.getMessage().contains("the snapshot of vertex 0 task 1 was never stored"),
        missing.getMessage());
    TaskSnapshot otherB = new TaskSnapshot(b.key(), 3, List.of(ChunkedBytes.wrap(new byte[b.encode().length])), null);
    store.put(JOB, otherB);
    IllegalStateException differs = assertThrows(IllegalStateException.class,
        () -> store.markComplete(JOB, Fixtures.metadata(JOB, 3, 0, List.of(a, b))));
    assertTrue(differs.getMessage().contains("differs"), differs.getMessage());
    assertEquals(Optional.empty(), store.latestComplete(JOB));

    store.put(JOB, b); // a task's snapshot put again before completion replaces the earlier one
    store.markComplete(JOB, Fixtures.metadata(JOB, 3, 0, List.of(a, b)));
    assertEquals(Optional.of(b), store.get(JOB, 3, b.key()));
    assertEquals(Optional.empty(), store.get(JOB, 3, stray.key()), "not listed, so dropped");
    assertThrows(IllegalStateException.class, () -> store.put(JOB, a), "epoch 3 is complete");
    assertThrows(IllegalStateException.class,
        () -> store.markComplete(JOB, Fixtures.metadata(JOB, 2, 0, List.of())));
  }

  @Test
  void aStoredCopyThatNoLongerMatchesItsChecksumIsReportedOnRead() {
    TaskSnapshot s = new TaskSnapshot(new TaskStateKey(1, 0), 0, List.of(ChunkedBytes.wrap(new byte[] {1, 2, 3, 4})),
        null);
    store.put(JOB, s);
    store.markComplete(JOB, Fixtures.metadata(JOB, 0, 0, List.of(s)));
    byte[] damaged = s.encode();
    damaged[damaged.length - 2] ^= 0x40; // inside the operator state: still decodable, same size
    ((AbstractReplicaStore) store).write(new AbstractReplicaStore.SnapshotId(JOB, 0, s.key()), ChunkedBytes.wrap(damaged));
    CheckpointCorruptException e = assertThrows(CheckpointCorruptException.class,
        () -> store.get(JOB, 0, s.key()));
    assertTrue(e.getMessage().contains("does not match its checksum"), e.getMessage());
  }

  @Test
  void memoryAndSnapshotBytesFollowPutsPrunesAndRemovals() {
    Random random = new Random(5);
    assertEquals(0, store.snapshotBytes());
    long empty = store.memoryBytes();
    EpochMetadata e0 = putEpoch(random, JOB, 0, 2, 4, 20_000);
    assertEquals(e0.snapshotBytes(), store.snapshotBytes());
    assertTrue(store.memoryBytes() > empty, "memory " + store.memoryBytes());
    store.markComplete(JOB, e0);
    EpochMetadata e1 = putEpoch(random, JOB, 1, 2, 4, 20_000);
    store.markComplete(JOB, e1);
    EpochMetadata other = putEpoch(random, "job-2", 0, 1, 1, 1_000);
    assertEquals(e0.snapshotBytes() + e1.snapshotBytes() + other.snapshotBytes(), store.snapshotBytes());
    store.prune(JOB, 1);
    assertEquals(e1.snapshotBytes() + other.snapshotBytes(), store.snapshotBytes());
    store.removeJob(JOB);
    assertEquals(other.snapshotBytes(), store.snapshotBytes());
    assertEquals(Optional.empty(), store.latestComplete(JOB));
    assertFalse(store.get(JOB, 1, new TaskStateKey(0, 0)).isPresent());
    store.removeJob("job-2");
    assertEquals(0, store.snapshotBytes());
  }

  @Test
  void tasksPutFromManyThreadsWhileTheCoordinatorCompletesAndPrunes() throws Exception {
    int tasks = 8;
    int epochs = 12;
    ExecutorService pool = Executors.newFixedThreadPool(tasks);
    try {
      for (long e = 0; e < epochs; e++) {
        long epoch = e;
        List<Future<TaskSnapshot>> puts = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
          int task = t;
          puts.add(pool.submit(() -> {
            TaskSnapshot s = Fixtures.snapshot(new Random(epoch * 100 + task), new TaskStateKey(1, task), epoch,
                4_000);
            store.put(JOB, s);
            return s;
          }));
        }
        List<TaskSnapshot> snapshots = new ArrayList<>();
        for (Future<TaskSnapshot> f : puts) {
          snapshots.add(f.get(30, TimeUnit.SECONDS));
        }
        store.markComplete(JOB, Fixtures.metadata(JOB, epoch, 0, snapshots));
        store.prune(JOB, epoch);
        for (TaskSnapshot s : snapshots) {
          assertEquals(Optional.of(s), store.get(JOB, epoch, s.key()));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(epochs - 1, store.latestComplete(JOB).orElseThrow().epoch());
    assertEquals(store.latestComplete(JOB).orElseThrow().snapshotBytes(), store.snapshotBytes());
  }

  @Test
  void aClosedStoreRefusesEverything() {
    store.close();
    store.close();
    assertThrows(IllegalStateException.class,
        () -> store.put(JOB, new TaskSnapshot(new TaskStateKey(0, 0), 0, List.of(), null)));
    assertThrows(IllegalStateException.class, () -> store.latestComplete(JOB));
    assertThrows(IllegalStateException.class, () -> store.get(JOB, 0, new TaskStateKey(0, 0)));
  }

  /** Puts {@code s}, completes its epoch with it alone and prunes below it, as the coordinator does. */
  private static void checkpoint(ReplicaStore store, TaskSnapshot s) {
    store.put(JOB, s);
    store.markComplete(JOB, Fixtures.metadata(JOB, s.epoch(), 0, List.of(s)));
    store.prune(JOB, s.epoch());
  }

  @ParameterizedTest(name = "compaction on {0}")
  @ValueSource(strings = {"the caller", "the store's thread"})
  void chainsOfDeltasGiveTheTasksStateWhileTheyAreCompactedAndPruned(String where) {
    ReplicaStore chains = where.equals("the caller") ? newStore(3, Runnable::run) : newStore(2, null);
    try {
      Random random = new Random(where.length());
      StatefulTask task = new StatefulTask(new TaskStateKey(1, 0));
      for (long e = 0; e < 30; e++) {
        task.change(random, e == 0 ? 500 : 20, 600);
        TaskSnapshot s = task.snapshot(e, random.nextInt(12) == 0);
        checkpoint(chains, s);
        assertEquals(Optional.of(s), chains.getStored(JOB, e, s.key()), "as put");
        TaskSnapshot restored = chains.get(JOB, e, s.key()).orElseThrow();
        assertFalse(restored.isDelta());
        assertEquals(task.state(), StatefulTask.restored(restored), "epoch " + e);
        assertTrue(restored.sourceOffsets() != null && restored.epoch() == e);
      }
    } finally {
      chains.close();
    }
  }

  @Test
  void aLongChainIsCompactedAndTheDeltasBelowItArePruned() {
    ReplicaStore chains = newStore(3, Runnable::run);
    try {
      Random random = new Random(11);
      StatefulTask task = new StatefulTask(new TaskStateKey(0, 0));
      checkpoint(chains, task.change(random, 2_000, 5_000).snapshot(0, true));
      long full = chains.snapshotBytes();
      for (long e = 1; e <= 2; e++) {
        checkpoint(chains, task.change(random, 10, 5_000).snapshot(e, false));
      }
      assertTrue(chains.snapshotBytes() > full, "the base and two deltas stay: " + chains.snapshotBytes());
      assertTrue(chains.get(JOB, 0, task.key).isPresent(), "epoch 0 is the chain's base");
      TaskSnapshot third = task.change(random, 10, 5_000).snapshot(3, false);
      long deltaBytes = third.encode().length;
      chains.put(JOB, third);
      chains.markComplete(JOB, Fixtures.metadata(JOB, 3, 0, List.of(third))); // three deltas: compacted
      assertEquals(3, chains.prune(JOB, 3), "the base and the deltas below the compacted epoch go");
      assertTrue(chains.get(JOB, 0, task.key).isEmpty());
      assertEquals(task.state(), StatefulTask.restored(chains.get(JOB, 3, task.key).orElseThrow()));
      long compacted = chains.snapshotBytes() - deltaBytes;
      assertTrue(compacted > full / 2 && compacted < full * 2, "compacted " + compacted + " vs full " + full);

      TaskSnapshot fourth = task.change(random, 10, 5_000).snapshot(4, false);
      checkpoint(chains, fourth);
      assertEquals(task.state(), StatefulTask.restored(chains.get(JOB, 4, task.key).orElseThrow()));
      assertTrue(chains.get(JOB, 3, task.key).isPresent(), "epoch 4 is a delta on epoch 3, which stays");
    } finally {
      chains.close();
    }
  }

  @Test
  void pruningKeepsTheChainOfTheLatestCompleteEpoch() {
    ReplicaStore chains = newStore(100, Runnable::run);
    try {
      Random random = new Random(12);
      StatefulTask task = new StatefulTask(new TaskStateKey(0, 0));
      for (long e = 0; e < 6; e++) {
        checkpoint(chains, task.change(random, e == 0 ? 300 : 5, 400).snapshot(e, false));
      }
      assertEquals(0, chains.prune(JOB, 6), "every epoch is on the chain of epoch 5");
      assertEquals(task.state(), StatefulTask.restored(chains.get(JOB, 5, task.key).orElseThrow()));
      TaskSnapshot full = task.change(random, 5, 400).snapshot(6, true);
      chains.put(JOB, full);
      chains.markComplete(JOB, Fixtures.metadata(JOB, 6, 0, List.of(full)));
      assertEquals(6, chains.prune(JOB, 6), "a full snapshot at 6 frees the old chain");
      assertEquals(task.state(), StatefulTask.restored(chains.get(JOB, 6, task.key).orElseThrow()));
    } finally {
      chains.close();
    }
  }

  @Test
  void aDeltaOnASnapshotTheStoreDoesNotHoldIsRefused() {
    StatefulTask task = new StatefulTask(new TaskStateKey(0, 0));
    task.snapshot(0, true); // never put
    TaskSnapshot delta = task.snapshot(1, false);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.put(JOB, delta));
    assertTrue(e.getMessage().contains("delta on epoch 0, which this store does not hold"), e.getMessage());
  }

  @Test
  void aDamagedBaseIsReportedWhenItsChainIsRead() {
    StatefulTask task = new StatefulTask(new TaskStateKey(0, 0));
    TaskSnapshot base = task.change(new Random(13), 50, 100).snapshot(0, true);
    checkpoint(store, base);
    checkpoint(store, task.change(new Random(14), 5, 100).snapshot(1, false));
    byte[] damaged = base.encode();
    damaged[damaged.length / 2] ^= 0x10;
    ((AbstractReplicaStore) store).write(new AbstractReplicaStore.SnapshotId(JOB, 0, base.key()), ChunkedBytes.wrap(damaged));
    CheckpointCorruptException e = assertThrows(CheckpointCorruptException.class,
        () -> store.get(JOB, 1, base.key()));
    assertTrue(e.getMessage().contains("at epoch 0 of job " + JOB + " does not match its checksum"), e.getMessage());
  }
}
