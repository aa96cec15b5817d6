package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.operators.state.ChunkedBytes;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A task whose keyed state holds {@link #STATE_BYTES} is snapshotted, stored, materialized from a chain and restored
 * without an array of the state's size on the heap (each such array would be a "humongous" allocation of G1, which
 * needs that many contiguous free regions): the largest byte array any of these allocates is a chunk
 * ({@link ChunkedBytes#CHUNK_BYTES}), and a put allocates next to nothing on the heap, whether the store keeps the
 * snapshot on the heap (its chunks as they are) or in native memory (written there chunk by chunk).
 */
class LargeStateHeapTest {
  private static final int VALUE_BYTES = 4096;
  private static final int KEYS = 16_384;
  /** The state's size: {@link #KEYS} values of {@link #VALUE_BYTES}, 64 MiB. */
  private static final long STATE_BYTES = (long) KEYS * VALUE_BYTES;
  /** What a put may allocate on the heap besides the snapshot it stores: bookkeeping, not the state. */
  private static final long PUT_BYTES = 2 << 20;
  /** The largest byte array allowed: a chunk and its array header. */
  private static final long LARGEST_ARRAY = ChunkedBytes.CHUNK_BYTES + 64;
  private static final String JOB = "job";

  @Test
  void theMeasureSeesAnArrayOfTheStatesSize() {
    Allocations<byte[]> a = Allocations.of(() -> new byte[(int) STATE_BYTES]);
    assertTrue(a.largestByteArray() >= STATE_BYTES, "largest " + a.largestByteArray());
    assertTrue(a.bytes() >= STATE_BYTES, "allocated " + a.bytes());
  }

  @Test
  void aFullSnapshotIsTakenAndPutInChunks() {
    StatefulTask task = new StatefulTask(new TaskStateKey(0, 0)).fill(new Random(1), KEYS, VALUE_BYTES);
    Allocations<TaskSnapshot> taken = Allocations.of(() -> task.snapshot(0, true));
    assertChunked("take", taken);
    TaskSnapshot snapshot = taken.result();
    assertTrue(snapshot.stateBytes() > STATE_BYTES, "state of " + snapshot.stateBytes());
    for (ReplicaStore store : List.of(new TieredReplicaStore(0, CompactionPolicy.DEFAULT, Runnable::run),
        new HeapReplicaStore(CompactionPolicy.DEFAULT, Runnable::run))) {
      try (store) {
        Allocations<EpochMetadata.TaskEntry> put = Allocations.of(() -> store.put(JOB, snapshot));
        assertTrue(put.bytes() < PUT_BYTES, store + ": a put allocated " + put.bytes() + " bytes");
        assertChunked("put into " + store, put);
      }
    }
  }

  @Test
  void aChainIsMaterializedAndRestoredInChunks() {
    Random random = new Random(2);
    StatefulTask task = new StatefulTask(new TaskStateKey(0, 0)).fill(random, KEYS, VALUE_BYTES);
    try (TieredReplicaStore store = new TieredReplicaStore(0, CompactionPolicy.everyDeltas(1000), Runnable::run)) {
      long epoch = 0;
      for (; epoch < 3; epoch++) {
        task.change(random, 2_000, KEYS * 2, VALUE_BYTES, 3);
        TaskSnapshot s = task.snapshot(epoch, epoch == 0);
        store.put(JOB, s);
        store.markComplete(JOB, Fixtures.metadata(JOB, epoch, epoch, List.of(s)));
      }
      long last = epoch - 1;
      Allocations<TaskSnapshot> got = Allocations.of(() -> store.get(JOB, last, task.key).orElseThrow());
      assertChunked("get", got);
      // the native copies read (the full snapshot and the deltas) and the compacted state, each once
      assertTrue(got.bytes() < 3 * STATE_BYTES, "a get allocated " + got.bytes() + " bytes");
      assertEquals(3, store.chainLength(JOB, last, task.key) + 1, "the get materialized the chain");

      Allocations<StatefulTask> restored = Allocations.of(() -> StatefulTask.restoredTask(got.result()));
      assertChunked("restore", restored);
      assertEquals(task.state(), restored.result().state());
    }
  }

  private static void assertChunked(String what, Allocations<?> a) {
    assertTrue(a.largestByteArray() <= LARGEST_ARRAY, what + ": largest byte array "
        + a.largestByteArray() + " bytes");
  }
}
