package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The replica stores compact chains by their {@link CompactionPolicy}: by bytes written, with a length bound. */
class ReplicaStoreCompactionTest {
  private static final String JOB = "job-c";
  private static final TaskStateKey KEY = new TaskStateKey(4, 0);

  private static AbstractReplicaStore store(String kind, CompactionPolicy policy, java.util.concurrent.Executor on) {
    return kind.equals("heap") ? new HeapReplicaStore(policy, on)
        : new ChronicleReplicaStore("replicas-compaction", 16, 16 * 1024, policy, on);
  }

  /** Puts {@code s}, completes its epoch with it alone and prunes below it, as the coordinator does. */
  private static void checkpoint(ReplicaStore store, TaskSnapshot s) {
    store.put(JOB, s);
    store.markComplete(JOB, Fixtures.metadata(JOB, s.epoch(), 0, List.of(s)));
    store.prune(JOB, s.epoch());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"heap", "offheap"})
  void smallDeltasOnALargeBaseStayAChainUntilTheyReachTheFractionOfIt(String kind) {
    try (AbstractReplicaStore store = store(kind, new CompactionPolicy(2, 0.5, 1_000), Runnable::run)) {
      Random random = new Random(21);
      StatefulTask task = new StatefulTask(KEY);
      TaskSnapshot base = task.change(random, 2_000, 5_000).snapshot(0, true);
      checkpoint(store, base);
      long baseBytes = base.encode().length;
      long deltaBytes = 0;
      long compactedAt = -1;
      for (long e = 1; e < 400 && compactedAt < 0; e++) {
        TaskSnapshot delta = task.change(random, 10, 5_000).snapshot(e, false);
        deltaBytes += delta.encode().length;
        checkpoint(store, delta);
        if (deltaBytes < baseBytes / 2) {
          assertEquals(e, store.chainLength(JOB, e, KEY), "epoch " + e + ": " + deltaBytes + " delta bytes on "
              + baseBytes + " stay a chain");
        } else {
          assertEquals(0, store.chainLength(JOB, e, KEY), "compacted once the deltas hold half the base");
          assertTrue(e > 10, "many small deltas first: " + e);
          compactedAt = e;
        }
        assertEquals(task.state(), StatefulTask.restored(store.get(JOB, e, KEY).orElseThrow()), "epoch " + e);
      }
      assertTrue(compactedAt > 0, "the deltas reached half their base");
      assertTrue(store.get(JOB, 0, KEY).isEmpty(), "the old base was pruned with its chain");
      TaskSnapshot next = task.change(random, 10, 5_000).snapshot(compactedAt + 1, false);
      checkpoint(store, next);
      assertEquals(1, store.chainLength(JOB, compactedAt + 1, KEY), "a new chain on the compacted snapshot");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"heap", "offheap"})
  void theLengthBoundCompactsAChainOfTinyDeltas(String kind) {
    try (AbstractReplicaStore store = store(kind, new CompactionPolicy(2, 1.0, 20), Runnable::run)) {
      Random random = new Random(22);
      StatefulTask task = new StatefulTask(KEY);
      checkpoint(store, task.change(random, 1_000, 5_000).snapshot(0, true));
      for (long e = 1; e <= 45; e++) {
        checkpoint(store, task.change(random, 1, 5_000).snapshot(e, false));
        assertEquals(e % 20, store.chainLength(JOB, e, KEY), "epoch " + e);
      }
      assertEquals(task.state(), StatefulTask.restored(store.get(JOB, 45, KEY).orElseThrow()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"heap", "offheap"})
  void aTaskIsRestoredFromALongChain(String kind) {
    try (AbstractReplicaStore store = store(kind, new CompactionPolicy(10, 1.0, 1_000), Runnable::run)) {
      Random random = new Random(23);
      StatefulTask task = new StatefulTask(KEY);
      checkpoint(store, task.change(random, 4_000, 20_000).snapshot(0, true));
      for (long e = 1; e <= 300; e++) {
        checkpoint(store, task.change(random, 3, 20_000).snapshot(e, false));
        if (e % 75 == 0) {
          assertEquals(e, store.chainLength(JOB, e, KEY), "no compaction yet");
          TaskSnapshot restored = store.get(JOB, e, KEY).orElseThrow();
          assertFalse(restored.isDelta());
          assertEquals(task.state(), StatefulTask.restored(restored), "epoch " + e);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"heap", "offheap"})
  void theReplicasOfAJobStayWithinASmallMultipleOfItsState(String kind) {
    try (AbstractReplicaStore store = store(kind, CompactionPolicy.DEFAULT, Runnable::run)) {
      Random random = new Random(24);
      StatefulTask task = new StatefulTask(KEY);
      checkpoint(store, task.change(random, 3_000, 4_000).snapshot(0, true));
      int compactions = 0;
      for (long e = 1; e <= 250; e++) {
        checkpoint(store, task.change(random, 60, 4_000).snapshot(e, false));
        int length = store.chainLength(JOB, e, KEY);
        compactions += length == 0 ? 1 : 0;
        assertTrue(length < CompactionPolicy.DEFAULT_MAX_DELTAS, "chain of " + length);
        long state = store.get(JOB, e, KEY).orElseThrow().encode().length;
        assertTrue(store.snapshotBytes() <= 2 * state, "epoch " + e + ": the store holds " + store.snapshotBytes()
            + " bytes for a state of " + state);
      }
      assertTrue(compactions >= 2, "compactions " + compactions);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"heap", "offheap"})
  void readsDuringBackgroundCompactionsGiveEachEpochsState(String kind) throws Exception {
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try (AbstractReplicaStore store = store(kind, CompactionPolicy.everyDeltas(2), null)) {
      Random random = new Random(25);
      StatefulTask task = new StatefulTask(KEY);
      Map<Long, StatefulTask.State> expected = new ConcurrentHashMap<>();
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger reads = new AtomicInteger();
      Semaphore written = new Semaphore(0);
      Semaphore read = new Semaphore(0);
      Future<List<String>> mismatches = reader.submit(() -> {
        List<String> wrong = new ArrayList<>();
        while (!done.get()) {
          if (!written.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            continue; // the writer is slow or done
          }
          written.drainPermits();
          Optional<EpochMetadata> latest = store.latestComplete(JOB);
          if (latest.isPresent()) {
            long e = latest.get().epoch();
            Optional<TaskSnapshot> s = store.get(JOB, e, KEY); // empty when pruned meanwhile
            if (s.isPresent() && !expected.get(e).equals(StatefulTask.restored(s.get()))) {
              wrong.add("epoch " + e);
            }
            reads.incrementAndGet();
            read.release();
          }
        }
        return wrong;
      });
      for (long e = 0; e < 60; e++) {
        TaskSnapshot s = task.change(random, e == 0 ? 2_000 : 30, 3_000).snapshot(e, false);
        expected.put(e, task.state());
        if (e % 10 == 0) {
          read.drainPermits();
        }
        checkpoint(store, s); // compacts on the store's thread every 2 deltas, while the reader reads
        written.release();
        if (e % 10 == 0) {
          assertTrue(read.tryAcquire(60, TimeUnit.SECONDS), "the reader read at epoch " + e);
        }
      }
      done.set(true);
      assertEquals(List.of(), mismatches.get(60, TimeUnit.SECONDS));
      assertTrue(reads.get() >= 6, "reads " + reads.get());
      assertEquals(task.state(), StatefulTask.restored(store.get(JOB, 59, KEY).orElseThrow()));
    } finally {
      reader.shutdownNow();
    }
  }
}
