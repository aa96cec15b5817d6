package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.EmberRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A task running on a node (not in its coordinator's process) whose replica holder dies: its node's store sees the
 * live nodes, tops the holders up to the replica count and records them with the coordinator's directory before the
 * copy, so the coordinator restores the task from the new holder even once the task's own node is lost too. Without
 * actors: four nodes' stores in one process ({@link InProcessTransport}).
 */
class PeerReplicaTopUpTest {
  private static final String JOB = "job-top-up";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final InProcessTransport transport = new InProcessTransport(List.of("n0", "n1", "n2", "n3"));
  /** The coordinator's directory (the driver's). */
  private final ReplicaDirectory coordinatorDirectory = new ReplicaDirectory();
  private final List<List<String>> recorded = new ArrayList<>();

  @AfterEach
  void close() {
    transport.close();
  }

  /** The store of a task on {@code node}, as its node builds it: live nodes, a local copy, the recorder. */
  private PeerReplicaStore taskStore(String node, TaskStateKey key, int replicas,
      PeerReplicaStore.HolderRecorder recorder) {
    List<String> holders = new ArrayList<>(ReplicaPeers.choose(key, node, transport.liveNodes(), replicas));
    holders.add(node);
    coordinatorDirectory.assign(JOB, key, holders); // the placement's choice
    ReplicaDirectory own = new ReplicaDirectory();
    own.assign(JOB, key, holders);
    return new PeerReplicaStore(node, transport.nodes(), replicas, own, transport, TIMEOUT, true, recorder);
  }

  private PeerReplicaStore.HolderRecorder toCoordinator() {
    return (jobId, key, holders) -> {
      recorded.add(holders);
      coordinatorDirectory.assign(jobId, key, holders);
      return CompletableFuture.completedFuture(null);
    };
  }

  private static EpochMetadata metadata(long epoch, EpochMetadata.TaskEntry entry) {
    return new EpochMetadata(JOB, epoch, 0, List.of(entry), new TreeMap<>(), new TreeMap<>(), 1_000 + epoch);
  }

  @Test
  void aLostPeerIsReplacedUpToTheReplicaCountAndTheCoordinatorRestoresFromTheNewOne() {
    TaskStateKey key = new TaskStateKey(1, 0);
    StatefulTask task = new StatefulTask(key);
    Random random = new Random(21);
    PeerReplicaStore onNode = taskStore("n0", key, 2, toCoordinator());
    PeerReplicaStore coordinator = new PeerReplicaStore("driver", transport.nodes(), 2, coordinatorDirectory,
        transport, TIMEOUT);
    List<String> placed = coordinatorDirectory.current(JOB, key);
    assertEquals(3, placed.size(), "two peers and the local copy");
    coordinator.markComplete(JOB, metadata(0, onNode.put(JOB, task.change(random, 100, 300).snapshot(0, false))));
    assertTrue(recorded.isEmpty(), "holders unchanged: nothing to record");

    String lostPeer = placed.get(0);
    transport.lose(lostPeer);
    TaskSnapshot delta = task.change(random, 10, 300).snapshot(1, false);
    assertTrue(delta.isDelta());
    coordinator.markComplete(JOB, metadata(1, onNode.put(JOB, delta)));
    List<String> now = coordinatorDirectory.current(JOB, key);
    assertEquals(List.of(now), recorded, "the new holders were recorded with the coordinator once");
    assertEquals(3, now.size(), "topped up to two peers again, and the local copy");
    assertFalse(now.contains(lostPeer));
    assertEquals(placed.get(1), now.get(0), "the surviving peer stays");
    String newPeer = now.get(1);
    assertFalse(placed.contains(newPeer));
    assertFalse(transport.store(newPeer).getStored(JOB, 1, key).orElseThrow().isDelta(),
        "the new peer has no base: it got the full snapshot");

    // the task's node and the peer that survived the first loss die too: only the new peer has the snapshot
    transport.lose("n0");
    transport.lose(placed.get(1));
    assertEquals(task.state(), StatefulTask.restored(coordinator.get(JOB, 1, key).orElseThrow()));
    assertEquals(1, coordinator.latestComplete(JOB).orElseThrow().epoch());
  }

  @Test
  void aCoordinatorThatCannotBeToldFailsTheCopyAndTheNextCopyTriesAgain() {
    TaskStateKey key = new TaskStateKey(2, 3);
    StatefulTask task = new StatefulTask(key);
    Random random = new Random(22);
    boolean[] reachable = {true};
    PeerReplicaStore onNode = taskStore("n1", key, 1, (jobId, k, holders) -> reachable[0]
        ? toCoordinator().record(jobId, k, holders)
        : CompletableFuture.failedFuture(new IllegalStateException("driver unreachable")));
    onNode.put(JOB, task.change(random, 50, 100).snapshot(0, true));
    String peer = coordinatorDirectory.current(JOB, key).get(0);
    transport.lose(peer);
    reachable[0] = false;
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class,
        () -> onNode.put(JOB, task.change(random, 5, 100).snapshot(1, true)));
    assertEquals("REPLICA_PUT_FAILED", e.errorClass());
    assertTrue(e.getMessage().contains("driver unreachable"), e.getMessage());
    reachable[0] = true;
    onNode.put(JOB, task.change(random, 5, 100).snapshot(2, true));
    List<String> now = coordinatorDirectory.current(JOB, key);
    assertEquals(2, now.size());
    assertFalse(now.contains(peer));
    assertTrue(transport.store(now.get(0)).getStored(JOB, 2, key).isPresent());
  }
}
