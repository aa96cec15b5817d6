package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.operators.state.ChunkedBytes;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tables whose states span many chunks (values from a few bytes to more than a chunk,
 * {@link ChunkedBytes#CHUNK_BYTES}, so that entries straddle chunk ends) go through chains of full snapshots and
 * deltas in the stores (tiered with a random heap budget, so in both tiers, and on the heap), are materialized,
 * compacted and restored, and come back equal to the tables taken, at every complete epoch.
 */
class ChunkedStateChainPropertyTest {
  static Stream<Long> seeds() {
    return Seeds.of("chunked-state-chain", 12);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void statesInChunksSurviveChainsOfDeltas(long seed) {
    Seeds.check(seed, random -> {
      try (TieredReplicaStore tiered = new TieredReplicaStore(Gen.between(random, 0, 4 << 20),
              CompactionPolicy.everyDeltas(Gen.between(random, 1, 4)), Runnable::run);
          HeapReplicaStore heap = new HeapReplicaStore(CompactionPolicy.everyDeltas(Gen.between(random, 1, 4)),
              Runnable::run)) {
        run(random, List.of(tiered, heap));
      }
    });
  }

  private static void run(Random random, List<ReplicaStore> stores) {
    StatefulTask task = new StatefulTask(new TaskStateKey(1, 0));
    int epochs = Gen.between(random, 2, 8);
    for (long e = 0; e < epochs; e++) {
      int maxValue = Gen.oneOf(random, 24, 2_000, 40_000, ChunkedBytes.CHUNK_BYTES + 100);
      int changes = maxValue > 40_000 ? Gen.between(random, 0, 6) : Gen.between(random, 0, 300);
      task.change(random, changes, 200, maxValue, Gen.between(random, 2, 6));
      TaskSnapshot s = task.snapshot(e, e == 0 || random.nextInt(5) == 0);
      EpochMetadata metadata = Fixtures.metadata("job", e, e, List.of(s));
      for (ReplicaStore store : stores) {
        store.put("job", s);
        store.markComplete("job", metadata);
        TaskSnapshot got = store.get("job", e, task.key).orElseThrow();
        assertEquals(task.state(), StatefulTask.restored(got), store + " at epoch " + e);
        assertTrue(got.operatorStates().get(1).largestChunk() <= ChunkedBytes.CHUNK_BYTES,
            "a chunk of " + got.operatorStates().get(1).largestChunk());
      }
    }
  }
}
