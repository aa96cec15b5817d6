package io.ember.runtime.local;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.checkpointing.CompactionPolicy;
import io.ember.checkpointing.TaskSnapshot;
import io.ember.checkpointing.TaskStateKey;
import io.ember.operators.state.ChunkedBytes;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotScheduleTest {
  private static final TaskStateKey KEY = new TaskStateKey(1, 0);

  private static TaskSnapshot snapshot(long epoch, long base, int bytes) {
    return new TaskSnapshot(KEY, epoch, base, List.of(ChunkedBytes.wrap(new byte[bytes])), null);
  }

  @Test
  void theSnapshotBeforeTheStoreWouldCompactTheChainIsFull() {
    SnapshotSchedule schedule = new SnapshotSchedule(new CompactionPolicy(2, 0.5, 100));
    schedule.taken(snapshot(0, TaskSnapshot.FULL, 1_000));
    schedule.taken(snapshot(1, 0, 200));
    assertFalse(schedule.nextIsFull(), "two deltas of 200 bytes are less than half of the base");
    schedule.taken(snapshot(2, 1, 200));
    assertTrue(schedule.nextIsFull(), "a third of 200 bytes would reach half of the base");
    schedule.taken(snapshot(3, TaskSnapshot.FULL, 1_000));
    assertFalse(schedule.nextIsFull(), "a full snapshot starts a new chain");
  }

  @Test
  void aDeltaLargerThanItsBaseMakesTheNextFull() {
    SnapshotSchedule schedule = new SnapshotSchedule(new CompactionPolicy(10, 0.5, 100));
    schedule.taken(snapshot(0, TaskSnapshot.FULL, 100));
    assertFalse(schedule.nextIsFull());
    schedule.taken(snapshot(1, 0, 60));
    assertTrue(schedule.nextIsFull(), "two such deltas would outweigh the base");
  }

  @Test
  void afterARestoreTheBaseIsUnknownAndOnlyTheCountOfDeltasCounts() {
    SnapshotSchedule schedule = new SnapshotSchedule(new CompactionPolicy(3, 0.5, 100));
    schedule.taken(snapshot(0, TaskSnapshot.FULL, 10));
    schedule.taken(snapshot(1, 0, 1_000));
    assertTrue(schedule.nextIsFull());
    schedule.reset();
    schedule.taken(snapshot(5, 4, 1_000));
    assertFalse(schedule.nextIsFull(), "two deltas on an unknown base are fewer than the minimum");
    schedule.taken(snapshot(6, 5, 1_000));
    assertTrue(schedule.nextIsFull(), "a third would reach it");
  }

  @Test
  void tasksOfOneVertexReachTheirFullSnapshotsAtDifferentBarriers() {
    SnapshotSchedule first = SnapshotSchedule.forTask(0);
    SnapshotSchedule second = SnapshotSchedule.forTask(1);
    int[] fullAt = new int[2];
    SnapshotSchedule[] both = {first, second};
    for (int t = 0; t < 2; t++) {
      both[t].taken(snapshot(0, TaskSnapshot.FULL, 10_000));
      for (int e = 1; fullAt[t] == 0; e++) {
        if (both[t].nextIsFull()) {
          fullAt[t] = e;
        } else {
          both[t].taken(snapshot(e, e - 1, 300));
        }
      }
    }
    assertTrue(fullAt[0] > fullAt[1], "task 1 writes its full snapshot earlier: " + fullAt[0] + ", " + fullAt[1]);
    assertTrue(fullAt[1] >= CompactionPolicy.DEFAULT_MIN_DELTAS, "never before the store's minimum of deltas");
  }
}
