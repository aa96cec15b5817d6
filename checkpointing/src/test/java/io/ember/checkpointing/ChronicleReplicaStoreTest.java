package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;

class ChronicleReplicaStoreTest extends ReplicaStoreContract {
  @Override
  ReplicaStore newStore() {
    return new ChronicleReplicaStore("replicas-test", 16, 8 * 1024);
  }

  @Override
  ReplicaStore newStore(int minDeltasForSnapshot, Executor compactor) {
    return new ChronicleReplicaStore("replicas-chains", 16, 8 * 1024, minDeltasForSnapshot, compactor);
  }

  @Test
  void nothingIsAllocatedBeforeTheFirstPut() {
    assertEquals(0, store.memoryBytes());
  }

  @Test
  void aSmallStoreGrowsIntoLargerMapsKeepingEverySnapshot() {
    ChronicleReplicaStore small = new ChronicleReplicaStore("replicas-grow", 1, 64);
    try {
      long capacity = small.capacity();
      Random random = new Random(7);
      List<TaskSnapshot> all = new ArrayList<>();
      for (int t = 0; t < 400; t++) {
        TaskSnapshot s = Fixtures.snapshot(random, new TaskStateKey(0, t), 0, t % 50 == 0 ? 40_000 : 400);
        small.put(JOB, s);
        all.add(s);
      }
      assertTrue(small.growths() > 0, "growths " + small.growths());
      assertTrue(small.capacity() > capacity);
      for (TaskSnapshot s : all) {
        assertEquals(Optional.of(s), small.get(JOB, 0, s.key()));
      }
      small.markComplete(JOB, Fixtures.metadata(JOB, 0, 0, all));
      assertEquals(all.size(), small.latestComplete(JOB).orElseThrow().tasks().size());
    } finally {
      small.close();
    }
  }

  @Test
  void aSnapshotLargerThanAChunkIsStoredInChunksAndAccountedOffHeap() {
    Random random = new Random(8);
    byte[] big = new byte[ChronicleReplicaStore.CHUNK_BYTES * 3 + 17];
    random.nextBytes(big);
    TaskSnapshot s = new TaskSnapshot(new TaskStateKey(4, 0), 0, List.of(ChunkedBytes.wrap(big)), new byte[] {1});
    store.put(JOB, s);
    assertEquals(Optional.of(s), store.get(JOB, 0, s.key()));
    assertTrue(store.memoryBytes() >= big.length, "off-heap bytes " + store.memoryBytes());
    TaskSnapshot smaller = new TaskSnapshot(s.key(), 0, List.of(ChunkedBytes.wrap(new byte[] {2})), null);
    store.put(JOB, smaller);
    assertEquals(Optional.of(smaller), store.get(JOB, 0, s.key()), "no chunk of the larger one is left over");
  }

  @Test
  void concurrentPutsIntoAFullStoreGrowItOnceAtATimeAndLoseNothing() throws Exception {
    ChronicleReplicaStore small = new ChronicleReplicaStore("replicas-grow-concurrently", 1, 64);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<TaskSnapshot>>> puts = new ArrayList<>();
      for (int v = 0; v < 4; v++) {
        int vertex = v;
        puts.add(pool.submit(() -> {
          Random random = new Random(vertex);
          List<TaskSnapshot> mine = new ArrayList<>();
          for (int t = 0; t < 150; t++) {
            TaskSnapshot s = Fixtures.snapshot(random, new TaskStateKey(vertex, t), 0, 600);
            small.put(JOB, s);
            mine.add(s);
          }
          return mine;
        }));
      }
      List<TaskSnapshot> all = new ArrayList<>();
      for (Future<List<TaskSnapshot>> f : puts) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      assertTrue(small.growths() > 0, "growths " + small.growths());
      for (TaskSnapshot s : all) {
        assertEquals(Optional.of(s), small.get(JOB, 0, s.key()));
      }
      small.markComplete(JOB, Fixtures.metadata(JOB, 0, 0, all));
    } finally {
      pool.shutdownNow();
      small.close();
    }
  }
}
