package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An epoch taken from a replica store ({@link CheckpointedEpoch#inReplicaStore}) hands out each task's snapshot as
 * stored (a delta stays a delta) or materialized, the latter equal to what a task restored from the whole chain holds.
 */
class CheckpointedEpochTest {
  private static final String JOB = "job";

  @Test
  void anEpochInAReplicaStoreReadsStoredAndMaterializedSnapshotsOnDemand() {
    Seeds.of("checkpointed-epoch-in-replica-store", 8).forEach(seed -> Seeds.check(seed, random -> {
      try (HeapReplicaStore store = new HeapReplicaStore()) {
        StatefulTask a = new StatefulTask(new TaskStateKey(2, 0));
        StatefulTask b = new StatefulTask(new TaskStateKey(2, 1));
        int epochs = 2 + random.nextInt(5);
        List<TaskSnapshot> last = List.of();
        for (long e = 0; e < epochs; e++) {
          last = List.of(a.change(random, 40, 100).snapshot(e, false), b.change(random, 40, 100).snapshot(e, false));
          last.forEach(s -> store.put(JOB, s));
          store.markComplete(JOB, Fixtures.metadata(JOB, e, e * 10, last));
        }
        EpochMetadata metadata = store.latestComplete(JOB).orElseThrow();
        CheckpointedEpoch epoch = CheckpointedEpoch.inReplicaStore(store, JOB, metadata);
        assertEquals(epochs - 1, epoch.epoch());
        for (TaskSnapshot stored : last) {
          TaskSnapshot asStored = epoch.storedSnapshot(stored.key());
          assertEquals(stored.baseEpoch(), asStored.baseEpoch());
          assertEquals(epochs > 1, asStored.isDelta(), "a later snapshot stays a delta");
          assertArrayEquals(stored.encode(), asStored.encode());
          TaskSnapshot full = epoch.snapshot(stored.key());
          assertFalse(full.isDelta());
          assertArrayEquals(stored.sourceOffsets(), full.sourceOffsets());
          StatefulTask task = stored.key().equals(a.key) ? a : b;
          assertEquals(task.state(), StatefulTask.restored(full), "materialized on demand");
        }
        assertEquals(new ArrayList<>(List.of(a.key, b.key)), new ArrayList<>(epoch.snapshots().keySet()));
        assertNull(epoch.snapshot(new TaskStateKey(9, 0)), "a task the epoch does not list");
        assertNull(epoch.storedSnapshot(new TaskStateKey(9, 0)));
      }
    }));
  }

  @Test
  void aSnapshotTheStoreNoLongerHoldsIsAnInternalError() {
    HeapReplicaStore store = new HeapReplicaStore();
    StatefulTask a = new StatefulTask(new TaskStateKey(2, 0));
    TaskSnapshot s = a.change(new Random(1), 10, 50).snapshot(0, true);
    store.put(JOB, s);
    store.markComplete(JOB, Fixtures.metadata(JOB, 0, 0, List.of(s)));
    CheckpointedEpoch epoch = CheckpointedEpoch.inReplicaStore(store, JOB, store.latestComplete(JOB).orElseThrow());
    store.removeJob(JOB);
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> epoch.storedSnapshot(a.key));
    assertTrue(e.getMessage().contains("lost the snapshot of " + a.key), e.getMessage());
    assertThrows(EmberRuntimeException.class, () -> epoch.snapshot(a.key));
    store.close();
  }
}
