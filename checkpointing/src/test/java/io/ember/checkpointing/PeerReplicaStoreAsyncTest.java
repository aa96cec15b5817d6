package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.EmberRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PeerReplicaStore#putAsync} without actors: the task's thread gets the stage back while the holders have not
 * stored the copy yet, a task's copies are made one after the other (a delta after its base), and a failed copy fails
 * its stage with the reason. Holders answer only when the test opens their gate, so nothing depends on timing.
 */
class PeerReplicaStoreAsyncTest {
  private static final String JOB = "job-async";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> NODES = List.of("n0", "n1", "n2");

  private final InProcessTransport inner = new InProcessTransport(NODES);
  private final GatedTransport transport = new GatedTransport(inner);

  @AfterEach
  void close() {
    inner.close();
  }

  /** Puts wait for the gate; everything else goes straight through. */
  private static class GatedTransport extends ForwardingTransport {
    final CompletableFuture<Void> gate = new CompletableFuture<>();
    final AtomicInteger putsStarted = new AtomicInteger();
    /** Completes once the first snapshot's two holders were asked. */
    final CompletableFuture<Void> twoPutsStarted = new CompletableFuture<>();

    GatedTransport(ReplicaTransport inner) {
      super(inner);
    }

    @Override
    public CompletionStage<EpochMetadata.TaskEntry> put(String holder, String jobId, TaskSnapshot snapshot,
          int attempt) {
      if (putsStarted.incrementAndGet() == 2) {
        twoPutsStarted.complete(null);
      }
      return gate.thenCompose(v -> inner.put(holder, jobId, snapshot, attempt));
    }
  }

  private static <T> T get(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Completes epoch 1 with {@code entry} alone, checks that restoring {@code key} gives the task's state, closes. */
  private static void assertEpochOneRestoresTheTask(PeerReplicaStore store, EpochMetadata.TaskEntry entry,
      StatefulTask task, TaskStateKey key) {
    store.markComplete(JOB, new EpochMetadata(JOB, 1, 0, List.of(entry), new java.util.TreeMap<>(),
        new java.util.TreeMap<>(), 1_000));
    assertEquals(task.state(), StatefulTask.restored(store.get(JOB, 1, key).orElseThrow()));
    store.close();
  }

  @Test
  void theTaskGoesOnWhileItsCopiesAreMadeInOrderAndAStoredDeltaStaysADelta() throws Exception {
    TaskStateKey key = new TaskStateKey(1, 0);
    StatefulTask task = new StatefulTask(key);
    Random random = new Random(7);
    ReplicaDirectory directory = new ReplicaDirectory();
    directory.assign(JOB, key, List.of("n1", "n0"));
    PeerReplicaStore store = new PeerReplicaStore("n0", inner.nodes(), 1, directory, transport, TIMEOUT);

    TaskSnapshot full = task.change(random, 200, 400).snapshot(0, false);
    TaskSnapshot delta = task.change(random, 20, 400).snapshot(1, false);
    assertTrue(delta.isDelta());
    CompletableFuture<EpochMetadata.TaskEntry> first = store.putAsync(JOB, full).toCompletableFuture();
    CompletableFuture<EpochMetadata.TaskEntry> second = store.putAsync(JOB, delta).toCompletableFuture();
    get(transport.twoPutsStarted);
    assertFalse(first.isDone(), "returned before the holders stored it");
    assertFalse(second.isDone());
    assertEquals(2, transport.putsStarted.get(), "the first snapshot goes to its two holders, the delta waits");

    transport.gate.complete(null);
    EpochMetadata.TaskEntry e0 = get(first);
    EpochMetadata.TaskEntry e1 = get(second);
    assertEquals(4, transport.putsStarted.get());
    assertEquals(TaskSnapshot.decode(full.encode()).encode().length, e0.sizeBytes());
    assertEquals(key, e1.key());
    for (String holder : List.of("n1", "n0")) {
      assertTrue(inner.store(holder).getStored(JOB, 1, key).orElseThrow().isDelta(), "on " + holder
          + ": the delta came after its base");
    }
    assertEpochOneRestoresTheTask(store, e1, task, key);
  }

  @Test
  void aHolderLostDuringTheCopyDoesNotFailItTheLiveHoldersGetTheFullSnapshot() throws Exception {
    TaskStateKey key = new TaskStateKey(3, 0);
    StatefulTask task = new StatefulTask(key);
    Random random = new Random(9);
    ReplicaDirectory directory = new ReplicaDirectory();
    directory.assign(JOB, key, List.of("n1", "n0"));
    // n1 dies while it is sent the second snapshot
    ReplicaTransport dying = new GatedTransport(inner) {
      @Override
      public CompletionStage<EpochMetadata.TaskEntry> put(String holder, String jobId, TaskSnapshot snapshot,
          int attempt) {
        if (holder.equals("n1") && snapshot.epoch() == 1) {
          PeerReplicaStoreAsyncTest.this.inner.lose("n1");
          return CompletableFuture.failedFuture(new IllegalStateException("n1 stopped answering"));
        }
        return inner.put(holder, jobId, snapshot, attempt);
      }
    };
    PeerReplicaStore store = new PeerReplicaStore("n0", inner.nodes(), 1, directory, dying, TIMEOUT, true);
    get(store.putAsync(JOB, task.change(random, 100, 300).snapshot(0, false)));
    TaskSnapshot delta = task.change(random, 10, 300).snapshot(1, false);
    assertTrue(delta.isDelta());
    EpochMetadata.TaskEntry e1 = get(store.putAsync(JOB, delta));
    assertEquals(List.of("n2", "n0"), directory.current(JOB, key), "n1 replaced by the live n2, then the local copy");
    for (String holder : List.of("n2", "n0")) {
      TaskSnapshot stored = inner.store(holder).getStored(JOB, 1, key).orElseThrow();
      assertFalse(stored.isDelta(), "on " + holder + ": the new holder lacks the base, every holder gets it full");
      assertEquals(e1.sizeBytes(), stored.encode().length);
    }
    assertEpochOneRestoresTheTask(store, e1, task, key);
  }

  @Test
  void aCopyThatAHolderRefusesFailsItsStageAndTheNextCopyStillRuns() throws Exception {
    TaskStateKey key = new TaskStateKey(2, 1);
    StatefulTask task = new StatefulTask(key);
    Random random = new Random(8);
    ReplicaDirectory directory = new ReplicaDirectory();
    directory.assign(JOB, key, List.of("n2"));
    PeerReplicaStore store = new PeerReplicaStore("n0", () -> List.of("n2"), 1, directory, transport, TIMEOUT);
    transport.gate.complete(null);
    EpochMetadata.TaskEntry e0 = get(store.putAsync(JOB, task.change(random, 50, 100).snapshot(0, true)));
    store.markComplete(JOB, new EpochMetadata(JOB, 0, 0, List.of(e0), new java.util.TreeMap<>(),
        new java.util.TreeMap<>(), 1_000));
    // epoch 0 is complete: the holder refuses it again
    ExecutionException refused = assertThrows(ExecutionException.class,
        () -> get(store.putAsync(JOB, task.snapshot(0, true))));
    EmberRuntimeException cause = assertInstanceOf(EmberRuntimeException.class, refused.getCause());
    assertEquals("REPLICA_PUT_FAILED", cause.errorClass());
    assertTrue(cause.getMessage().contains("n2"), cause.getMessage());
    TaskSnapshot next = task.change(random, 5, 100).snapshot(1, true);
    assertEquals(next.encode().length, get(store.putAsync(JOB, next)).sizeBytes());
    assertEquals(Optional.of(next), inner.store("n2").getStored(JOB, 1, key));
    store.close();
  }
}
