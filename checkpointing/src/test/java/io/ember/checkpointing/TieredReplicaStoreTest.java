package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.operators.state.ChunkedBytes;
import java.util.Random;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The replica store contract with every snapshot in native memory (a heap budget of 0). */
class TieredReplicaStoreTest extends ReplicaStoreContract {
  @Override
  ReplicaStore newStore() {
    return new TieredReplicaStore(0, CompactionPolicy.DEFAULT, null);
  }

  @Override
  ReplicaStore newStore(int minDeltasForSnapshot, Executor compactor) {
    return new TieredReplicaStore(0, CompactionPolicy.everyDeltas(minDeltasForSnapshot), compactor);
  }

  @Test
  void snapshotsPastTheHeapBudgetGoToNativeMemoryAndItIsFreedWhenTheyAreRemoved() {
    TieredReplicaStore tiered = new TieredReplicaStore(10_000, CompactionPolicy.DEFAULT, Runnable::run);
    try {
      Random random = new Random(3);
      TaskSnapshot small = Fixtures.snapshot(random, new TaskStateKey(0, 0), 0, 2_000);
      tiered.put(JOB, small);
      assertEquals(0, tiered.nativeBytes(), "a small snapshot stays on the heap");
      TaskSnapshot large = new TaskSnapshot(new TaskStateKey(0, 1), 0, java.util.List.of(ChunkedBytes.wrap(new byte[50_000])),
          new byte[] {1});
      tiered.put(JOB, large);
      assertTrue(tiered.nativeBytes() >= 50_000, "past the budget: native, " + tiered.nativeBytes());
      assertEquals(large, tiered.getStored(JOB, 0, large.key()).orElseThrow());
      assertEquals(small, tiered.getStored(JOB, 0, small.key()).orElseThrow());
      tiered.removeJob(JOB);
      assertEquals(0, tiered.nativeBytes());
      assertEquals(0, tiered.memoryBytes());
    } finally {
      tiered.close();
    }
  }

  @Test
  void theDefaultBudgetIsAShareOfTheHeap() {
    TieredReplicaStore tiered = new TieredReplicaStore();
    try {
      assertEquals(Runtime.getRuntime().maxMemory() / TieredReplicaStore.HEAP_SHARE_DIVISOR,
          tiered.heapBudgetBytes());
    } finally {
      tiered.close();
    }
  }
}
