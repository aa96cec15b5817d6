package io.ember.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.checkpointing.EpochMetadata;
import io.ember.checkpointing.PeerReplicaStore;
import io.ember.checkpointing.ReplicaDirectory;
import io.ember.checkpointing.ReplicaTransport;
import io.ember.checkpointing.TaskSnapshot;
import io.ember.checkpointing.TaskStateKey;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.operators.state.ChunkedBytes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A pending replica operation fails as soon as its holder stops being live, and passes results through before. */
class ReachableHoldersTest {
  private static final ActorTestKit KIT = ActorTestKit.create();
  private static final TaskStateKey KEY = new TaskStateKey(2, 0);
  private static final TaskSnapshot SNAPSHOT = new TaskSnapshot(KEY, 4, TaskSnapshot.FULL, List.of(ChunkedBytes.wrap(new byte[] {1})),
      new byte[0]);

  /** This member's own failure detector hears no holder (as for one it does not monitor). */
  private static final Predicate<String> NOT_HEARD = holder -> false;

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  /** A transport whose operations complete only when the test says so, with holders live until taken away. */
  private static final class Pending implements ReplicaTransport {
    final Set<String> dead = ConcurrentHashMap.newKeySet();
    /** Holders that complete epochs at once; the others never answer. */
    final Set<String> answering = ConcurrentHashMap.newKeySet();
    final CompletableFuture<EpochMetadata.TaskEntry> put = new CompletableFuture<>();
    final CompletableFuture<Integer> prune = new CompletableFuture<>();

    @Override
    public CompletionStage<EpochMetadata.TaskEntry> put(String holder, String jobId, TaskSnapshot snapshot,
        int attempt) {
      return put;
    }

    @Override
    public CompletionStage<Usage> complete(String holder, String jobId, EpochMetadata metadata) {
      return answering.contains(holder) ? CompletableFuture.completedFuture(new Usage(1, 1))
          : new CompletableFuture<>();
    }

    @Override
    public CompletionStage<Integer> prune(String holder, String jobId, long epoch) {
      return prune;
    }

    @Override
    public CompletionStage<Void> removeJob(String holder, String jobId) {
      return new CompletableFuture<>();
    }

    @Override
    public CompletionStage<Optional<TaskSnapshot>> fetch(String holder, String jobId, long epoch, TaskStateKey key,
        boolean materialized) {
      return new CompletableFuture<>();
    }

    @Override
    public CompletionStage<Optional<EpochMetadata>> latestComplete(String holder, String jobId) {
      return new CompletableFuture<>();
    }

    @Override
    public boolean isLive(String holder) {
      return !dead.contains(holder);
    }
  }

  @Test
  void aCopyWaitingForAHolderThatStopsBeingLiveFailsWithReplicaUnavailable() {
    Pending inner = new Pending();
    ReachableHolders transport = new ReachableHolders(inner, KIT.system(), NOT_HEARD);
    CompletableFuture<EpochMetadata.TaskEntry> put = transport.put("node-b", "job", SNAPSHOT, 0).toCompletableFuture();
    CompletableFuture<Optional<TaskSnapshot>> fetch = transport.fetch("node-b", "job", 4, KEY, true)
        .toCompletableFuture();
    CompletableFuture<Integer> prune = transport.prune("node-c", "job", 3).toCompletableFuture();
    assertTrue(!put.isDone() && !fetch.isDone(), "pending while the holder is live");

    inner.dead.add("node-b");
    ExecutionException e = assertThrows(ExecutionException.class, () -> put.get(30, TimeUnit.SECONDS));
    EmberRuntimeException error = assertInstanceOf(EmberRuntimeException.class, e.getCause());
    assertEquals("REPLICA_UNAVAILABLE", error.errorClass());
    assertTrue(error.getMessage().contains("node-b") && error.getMessage().contains("epoch 4")
        && error.getMessage().contains("job job"), error.getMessage());
    assertThrows(ExecutionException.class, () -> fetch.get(30, TimeUnit.SECONDS));

    // another holder's operation is not affected, and completes with its own result
    assertTrue(!prune.isDone());
    inner.prune.complete(7);
    assertEquals(7, prune.join());
  }

  @Test
  void aHolderThatThisMemberStillHearsIsWaitedForThoughTheClusterTakesItForUnreachable() throws Exception {
    Pending inner = new Pending();
    Set<String> heard = ConcurrentHashMap.newKeySet();
    heard.add("node-b");
    ReachableHolders transport = new ReachableHolders(inner, KIT.system(), heard::contains);
    inner.dead.add("node-b"); // another member's view, gossiped: a node just resumed from a pause
    CompletableFuture<EpochMetadata.TaskEntry> put = transport.put("node-b", "job", SNAPSHOT, 0).toCompletableFuture();
    // several checks pass while this member hears it; then it answers
    TimeUnit.MILLISECONDS.sleep(3 * ReachableHolders.CHECK_INTERVAL.toMillis());
    assertTrue(!put.isDone(), "still waiting");
    EpochMetadata.TaskEntry entry = EpochMetadata.TaskEntry.of(KEY, SNAPSHOT.encode());
    inner.put.complete(entry);
    assertSame(entry, put.get(30, TimeUnit.SECONDS));

    CompletableFuture<Integer> prune = transport.prune("node-b", "job", 1).toCompletableFuture();
    heard.remove("node-b"); // now this member's detector agrees
    ExecutionException e = assertThrows(ExecutionException.class, () -> prune.get(30, TimeUnit.SECONDS));
    assertEquals("REPLICA_UNAVAILABLE", assertInstanceOf(EmberRuntimeException.class, e.getCause()).errorClass());
  }

  /**
   * The driver's store ({@link ClusterReplicas}) over this transport: a holder that froze is left out of an epoch's
   * completion once it stops being live, long before the store's own timeout, and the epoch completes on the others.
   */
  @Test
  @Timeout(60)
  void anEpochCompletesWithoutAHolderThatFrozeOnceItStopsBeingLive() throws Exception {
    Pending inner = new Pending();
    inner.answering.addAll(List.of("node-a", "node-b"));
    ReplicaDirectory directory = new ReplicaDirectory();
    TaskStateKey other = new TaskStateKey(3, 0);
    directory.assign("job", KEY, List.of("node-a", "node-b"));
    directory.assign("job", other, List.of("node-c", "node-b"));
    PeerReplicaStore driver = new PeerReplicaStore("driver", () -> List.of("node-a", "node-b", "node-c"), 1,
        directory, new ReachableHolders(inner, KIT.system(), NOT_HEARD), Duration.ofHours(1));
    EpochMetadata epoch = new EpochMetadata("job", 4, 0, List.of(EpochMetadata.TaskEntry.of(KEY, SNAPSHOT.encode()),
        new EpochMetadata.TaskEntry(other, 5, 6)), new TreeMap<>(), new TreeMap<>(), 1_000);
    CompletableFuture<Void> completing = CompletableFuture.runAsync(() -> driver.markComplete("job", epoch));
    TimeUnit.MILLISECONDS.sleep(3 * ReachableHolders.CHECK_INTERVAL.toMillis());
    assertTrue(!completing.isDone(), "waits for node-c while it is live");
    inner.dead.add("node-c"); // frozen, and now unreachable
    completing.get(30, TimeUnit.SECONDS);
    assertEquals(4, driver.latestComplete("job").orElseThrow().epoch());
  }

  @Test
  void resultsAndFailuresOfLiveHoldersPassThrough() throws Exception {
    Pending inner = new Pending();
    ReachableHolders transport = new ReachableHolders(inner, KIT.system(), NOT_HEARD);
    CompletableFuture<EpochMetadata.TaskEntry> put = transport.put("node-b", "job", SNAPSHOT, 0).toCompletableFuture();
    EpochMetadata.TaskEntry entry = EpochMetadata.TaskEntry.of(KEY, SNAPSHOT.encode());
    inner.put.complete(entry);
    assertSame(entry, put.get(30, TimeUnit.SECONDS));
    inner.dead.add("node-b"); // after the answer: nothing changes
    assertSame(entry, put.join());

    Pending failing = new Pending();
    CompletableFuture<Integer> prune = new ReachableHolders(failing, KIT.system(), NOT_HEARD).prune("node-b", "job", 1)
        .toCompletableFuture();
    IllegalStateException refused = new IllegalStateException("refused");
    failing.prune.completeExceptionally(refused);
    ExecutionException e = assertThrows(ExecutionException.class, () -> prune.get(30, TimeUnit.SECONDS));
    assertSame(refused, e.getCause());
    assertTrue(transport.isLive("node-c") && !transport.isLive("node-b"));
  }
}
