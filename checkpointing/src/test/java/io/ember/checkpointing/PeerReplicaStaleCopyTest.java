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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Without actors: the copies of a task that a recovery replaced (the old task of a paused node, which runs on until its
 * coordinator's stop reaches it) never take the place of the new attempt's on a holder, and the coordinator's
 * completions and prunes leave out a holder that is lost while they wait for it instead of failing.
 */
class PeerReplicaStaleCopyTest {
  private static final String JOB = "job-stale";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final TaskStateKey KEY = new TaskStateKey(3, 0);

  private final InProcessTransport transport = new InProcessTransport(List.of("n0", "n1", "n2", "n3"));
  private final ReplicaDirectory coordinatorDirectory = new ReplicaDirectory();

  @AfterEach
  void close() {
    transport.close();
  }

  /** The store of the task on {@code node}, copying to its peer {@code peer} and to its own node. */
  private PeerReplicaStore taskStore(String node, String peer) {
    ReplicaDirectory own = new ReplicaDirectory();
    own.assign(JOB, KEY, List.of(peer, node));
    return new PeerReplicaStore(node, transport.nodes(), 1, own, transport, TIMEOUT, true);
  }

  private static EpochMetadata metadata(long epoch, EpochMetadata.TaskEntry entry) {
    return new EpochMetadata(JOB, epoch, 0, List.of(entry), new TreeMap<>(), new TreeMap<>(), 1_000 + epoch);
  }

  @Test
  void aReplacedTasksCopiesNeverTakeThePlaceOfTheNewAttemptsOnAHolder() {
    Random random = new Random(61);
    PeerReplicaStore coordinator = new PeerReplicaStore("driver", transport.nodes(), 1, coordinatorDirectory,
        transport, TIMEOUT);
    coordinatorDirectory.assign(JOB, KEY, List.of("n2", "n0"));
    StatefulTask old = new StatefulTask(KEY);
    PeerReplicaStore onN0 = taskStore("n0", "n2");
    coordinator.markComplete(JOB, metadata(0, onN0.put(JOB, old.change(random, 100, 200).snapshot(0, true), 0)));

    // n0 looked lost: the task starts again on n1 in attempt 1, with the same peer n2; the old one runs on
    coordinatorDirectory.assign(JOB, KEY, List.of("n2", "n1"));
    StatefulTask replacement = new StatefulTask(KEY);
    PeerReplicaStore onN1 = taskStore("n1", "n2");
    // the old task reaches epoch 1 before the new attempt copied anything: taken, and replaced below
    onN0.put(JOB, old.change(random, 50, 200).snapshot(1, true), 0);
    EpochMetadata.TaskEntry e1 = onN1.put(JOB, replacement.change(random, 70, 200).snapshot(1, true), 1);
    assertEquals(e1, EpochMetadata.TaskEntry.of(KEY, transport.store("n2").getStored(JOB, 1, KEY).orElseThrow()
        .encode()), "the new attempt's copy replaced the old one's");

    // from now on n2 refuses the old task's copies, of the same epoch as of later ones
    for (long epoch : new long[] {1, 2}) {
      TaskSnapshot stale = old.change(random, 10, 200).snapshot(epoch, true);
      EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> onN0.put(JOB, stale, 0));
      assertEquals("REPLICA_PUT_FAILED", e.errorClass());
      assertTrue(e.getMessage().contains("REPLICA_STALE_ATTEMPT") && e.getMessage().contains("n2"), e.getMessage());
    }
    assertEquals(e1, EpochMetadata.TaskEntry.of(KEY, transport.store("n2").getStored(JOB, 1, KEY).orElseThrow()
        .encode()));

    // n0 keeps the old task's own copy of epoch 1; completing the epoch drops it there and restores the new state
    coordinator.markComplete(JOB, metadata(1, e1));
    assertEquals(Optional.empty(), transport.store("n0").getStored(JOB, 1, KEY));
    assertEquals(replacement.state(), StatefulTask.restored(coordinator.get(JOB, 1, KEY).orElseThrow()));
    transport.lose("n1");
    assertEquals(replacement.state(), StatefulTask.restored(coordinator.get(JOB, 1, KEY).orElseThrow()),
        "from the peer alone");
  }

  /** Completions and prunes to {@code stuck} wait until the test loses it, then fail as a lost holder's would. */
  private static final class StuckHolder extends ForwardingTransport {
    final InProcessTransport transport;
    final String stuck;
    final CompletableFuture<Void> waiting = new CompletableFuture<>();

    StuckHolder(InProcessTransport transport, String stuck) {
      super(transport);
      this.transport = transport;
      this.stuck = stuck;
    }

    private <T> CompletionStage<T> orStuck(String holder, CompletionStage<T> op) {
      if (!holder.equals(stuck)) {
        return op;
      }
      waiting.complete(null);
      return transport.lostSignal(stuck).thenCompose(lost -> CompletableFuture.failedFuture(
          new EmberRuntimeException("REPLICA_UNAVAILABLE", stuck + " stopped being live")));
    }

    @Override
    public CompletionStage<Usage> complete(String holder, String jobId, EpochMetadata metadata) {
      return orStuck(holder, inner.complete(holder, jobId, metadata));
    }

    @Override
    public CompletionStage<Integer> prune(String holder, String jobId, long epoch) {
      return orStuck(holder, inner.prune(holder, jobId, epoch));
    }
  }

  @Test
  void aHolderLostWhileTheCoordinatorCompletesOrPrunesIsLeftOutUnlessATaskLosesEveryHolder() throws Exception {
    Random random = new Random(62);
    StuckHolder stuck = new StuckHolder(transport, "n3");
    PeerReplicaStore coordinator = new PeerReplicaStore("driver", transport.nodes(), 1, coordinatorDirectory, stuck,
        TIMEOUT);
    TaskStateKey other = new TaskStateKey(4, 0);
    coordinatorDirectory.assign(JOB, KEY, List.of("n2", "n0"));
    coordinatorDirectory.assign(JOB, other, List.of("n3", "n1"));
    PeerReplicaStore onN0 = taskStore("n0", "n2");
    ReplicaDirectory n1Directory = new ReplicaDirectory();
    n1Directory.assign(JOB, other, List.of("n3", "n1"));
    PeerReplicaStore onN1 = new PeerReplicaStore("n1", transport.nodes(), 1, n1Directory, transport, TIMEOUT, true);
    StatefulTask a = new StatefulTask(KEY);
    StatefulTask b = new StatefulTask(other);
    EpochMetadata epoch0 = new EpochMetadata(JOB, 0, 0, List.of(onN0.put(JOB, a.change(random, 40, 100)
        .snapshot(0, true), 0), onN1.put(JOB, b.change(random, 40, 100).snapshot(0, true), 0)), new TreeMap<>(),
        new TreeMap<>(), 1_000);

    CompletableFuture<Void> completing = CompletableFuture.runAsync(() -> coordinator.markComplete(JOB, epoch0));
    stuck.waiting.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertFalse(completing.isDone(), "waits for n3 while it is live");
    transport.lose("n3");
    completing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(0, coordinator.latestComplete(JOB).orElseThrow().epoch());
    assertEquals(b.state(), StatefulTask.restored(coordinator.get(JOB, 0, other).orElseThrow()), "from n1's copy");

    // every current holder of a task lost by the end of the completion (n3 before, n1 during): it cannot complete
    StuckHolder both = new StuckHolder(transport, "n1");
    PeerReplicaStore second = new PeerReplicaStore("driver", transport.nodes(), 1, coordinatorDirectory, both,
        TIMEOUT);
    EpochMetadata epoch1 = new EpochMetadata(JOB, 1, 0, List.of(onN0.put(JOB, a.change(random, 5, 100)
        .snapshot(1, true), 0), onN1.put(JOB, b.change(random, 5, 100).snapshot(1, true), 0)), new TreeMap<>(),
        new TreeMap<>(), 1_001);
    CompletableFuture<Void> failing = CompletableFuture.runAsync(() -> second.markComplete(JOB, epoch1));
    both.waiting.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    transport.lose("n1");
    Exception e = assertThrows(Exception.class, () -> failing.get(TIMEOUT.toSeconds(),
        TimeUnit.SECONDS));
    EmberRuntimeException unavailable = assertInstanceOf(EmberRuntimeException.class, e.getCause());
    assertEquals("REPLICA_UNAVAILABLE", unavailable.errorClass());
    assertTrue(unavailable.getMessage().contains(other.toString()) && unavailable.getMessage().contains("n1"),
        unavailable.getMessage());

    // a prune waiting for a holder that is lost meanwhile counts the others' and returns
    StuckHolder pruneStuck = new StuckHolder(transport, "n2");
    PeerReplicaStore third = new PeerReplicaStore("driver", transport.nodes(), 1, coordinatorDirectory, pruneStuck,
        TIMEOUT);
    CompletableFuture<Integer> pruning = CompletableFuture.supplyAsync(() -> third.prune(JOB, 1));
    pruneStuck.waiting.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    transport.lose("n2");
    assertTrue(pruning.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS) >= 0);
  }
}
