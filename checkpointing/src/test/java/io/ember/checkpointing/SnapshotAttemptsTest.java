package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.EmberRuntimeException;
import org.junit.jupiter.api.Test;

/** A holder's record of the tasks' attempts: newer and equal attempts pass, older ones are refused, per task. */
class SnapshotAttemptsTest {
  private static final TaskStateKey A = new TaskStateKey(1, 0);
  private static final TaskStateKey B = new TaskStateKey(1, 1);

  @Test
  void anOlderAttemptOfATaskIsRefusedOnceANewerOneStoredACopy() {
    SnapshotAttempts attempts = new SnapshotAttempts();
    attempts.admit("job", A, 3, 0);
    attempts.admit("job", A, 4, 0);
    attempts.admit("job", A, 4, 2); // the recovery's task, at the epoch the old one put already
    assertEquals(2, attempts.newest("job", A));
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> attempts.admit("job", A, 5, 1));
    assertEquals("REPLICA_STALE_ATTEMPT", e.errorClass());
    assertTrue(e.getMessage().contains("attempt 1") && e.getMessage().contains("attempt 2")
        && e.getMessage().contains("epoch 5") && e.getMessage().contains(A.toString()), e.getMessage());
    assertEquals(2, attempts.newest("job", A), "a refused copy changes nothing");
    attempts.admit("job", A, 5, 2);
  }

  @Test
  void tasksAndJobsAreFencedApartAndUnknownAttemptsAlwaysPass() {
    SnapshotAttempts attempts = new SnapshotAttempts();
    attempts.admit("job", A, 1, 3);
    attempts.admit("job", B, 1, 0); // another task of the job: its own attempts
    attempts.admit("other", A, 1, 0); // the same task name in another job
    attempts.admit("job", A, 2, SnapshotAttempts.UNKNOWN);
    assertEquals(3, attempts.newest("job", A));
    assertEquals(SnapshotAttempts.UNKNOWN, attempts.newest("job", new TaskStateKey(9, 9)));
    assertThrows(IllegalArgumentException.class, () -> attempts.admit("job", A, 1, -2));

    attempts.removeJob("job");
    assertEquals(SnapshotAttempts.UNKNOWN, attempts.newest("job", A));
    attempts.admit("job", A, 1, 0);
    assertEquals(0, attempts.newest("other", A));
  }
}
