package io.ember.runtime.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.checkpointing.EpochMetadata;
import io.ember.checkpointing.TaskStateKey;
import io.ember.core.errors.EmberRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A task's acknowledgements waiting for its snapshot copies, without actors: order, failure, rollback, bound. */
class EpochAcksTest {
  private static final TaskStateKey KEY = new TaskStateKey(1, 0);

  private static EpochMetadata.TaskEntry entry(long size) {
    return new EpochMetadata.TaskEntry(KEY, size, size * 7);
  }

  private static StreamingCoordinator.EpochAck ack(long epoch, EpochMetadata.TaskEntry entry) {
    return new StreamingCoordinator.EpochAck(0, epoch, Map.of(), null, Map.of(), Map.of(), Map.of(), null, null,
        entry);
  }

  @Test
  void acknowledgementsLeaveInEpochOrderOnceTheirCopiesAndAllEarlierOnesAreStored() {
    EpochAcks acks = new EpochAcks();
    List<JobCoordinator.Command> reported = new ArrayList<>();
    CompletableFuture<EpochMetadata.TaskEntry> copy0 = new CompletableFuture<>();
    CompletableFuture<EpochMetadata.TaskEntry> copy2 = new CompletableFuture<>();
    acks.add(0, copy0, e -> ack(0, e));
    acks.add(1, null, e -> ack(1, e)); // an epoch without a checkpoint waits behind epoch 0
    acks.add(2, copy2, e -> ack(2, e));
    acks.release(reported::add);
    assertEquals(List.of(), reported, "nothing before epoch 0's copy is stored");
    assertEquals(2, acks.copiesInFlight());

    copy2.complete(entry(20));
    acks.release(reported::add);
    assertEquals(List.of(), reported, "epoch 2 stored, but epoch 0 not yet");
    copy0.complete(entry(10));
    acks.release(reported::add);
    assertEquals(List.of(ack(0, entry(10)), ack(1, null), ack(2, entry(20))), reported);
    assertTrue(acks.isEmpty());
    assertEquals(0, acks.copiesInFlight());
  }

  @Test
  void aFailedCopyFailsTheTaskWithItsReasonAndNothingAfterItIsAcknowledged() {
    EpochAcks acks = new EpochAcks();
    List<JobCoordinator.Command> reported = new ArrayList<>();
    EmberRuntimeException lost = new EmberRuntimeException("REPLICA_PUT_FAILED", "node n1 lost");
    acks.add(0, CompletableFuture.completedFuture(entry(1)), e -> ack(0, e));
    acks.add(1, CompletableFuture.failedFuture(lost), e -> ack(1, e));
    acks.add(2, null, e -> ack(2, e));
    assertSame(lost, assertThrows(EmberRuntimeException.class, () -> acks.release(reported::add)));
    assertEquals(List.of(ack(0, entry(1))), reported);
    assertTrue(acks.isEmpty(), "the task fails: the rest is dropped");
  }

  @Test
  void aRollbackForgetsTheAcknowledgementsOfTheAttemptThatEnded() {
    EpochAcks acks = new EpochAcks();
    CompletableFuture<EpochMetadata.TaskEntry> copy = new CompletableFuture<>();
    acks.add(4, copy, e -> ack(4, e));
    acks.clear();
    copy.complete(entry(3));
    List<JobCoordinator.Command> reported = new ArrayList<>();
    acks.release(reported::add);
    assertEquals(List.of(), reported);
    assertTrue(acks.isEmpty());
  }

  @Test
  void waitingForTheOldestCopyReturnsWhenItEndsAndFailsTypedWhenItDoesNotInTime() throws Exception {
    EpochAcks acks = new EpochAcks();
    CompletableFuture<EpochMetadata.TaskEntry> slow = new CompletableFuture<>();
    acks.add(0, CompletableFuture.completedFuture(entry(1)), e -> ack(0, e));
    acks.add(1, slow, e -> ack(1, e));
    assertEquals(1, acks.copiesInFlight());
    EmberRuntimeException timeout = assertThrows(EmberRuntimeException.class,
        () -> acks.awaitOldestCopy(Duration.ofMillis(1)));
    assertEquals("REPLICA_TIMEOUT", timeout.errorClass());
    Thread storer = new Thread(() -> slow.complete(entry(5)));
    storer.start();
    acks.awaitOldestCopy(Duration.ofSeconds(60));
    assertTrue(slow.isDone());
    assertEquals(0, acks.copiesInFlight());
    storer.join();
    List<JobCoordinator.Command> reported = new ArrayList<>();
    acks.release(reported::add);
    assertEquals(List.of(ack(0, entry(1)), ack(1, entry(5))), reported);
    assertFalse(!acks.isEmpty());
  }
}
