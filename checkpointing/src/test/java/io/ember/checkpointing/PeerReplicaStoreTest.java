package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.EmberRuntimeException;
import io.ember.operators.state.ChunkedBytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replicas on peers without actors: three nodes' stores in one process ({@link InProcessTransport}), tasks putting
 * through a store of their own node, the coordinator completing, pruning and restoring through its store and
 * directory, as the runtime wires them.
 */
class PeerReplicaStoreTest {
  private static final String JOB = "job-1";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final List<String> NODES = List.of("n0", "n1", "n2");

  private final InProcessTransport transport = new InProcessTransport(NODES);
  private final ReplicaDirectory directory = new ReplicaDirectory();

  @AfterEach
  void close() {
    transport.close();
  }

  /** The coordinator's store: its tasks' holders come from the directory the placement filled. */
  private PeerReplicaStore coordinator(int replicas) {
    return new PeerReplicaStore("driver", transport.nodes(), replicas, directory, transport, TIMEOUT);
  }

  /** Places task {@code key} on {@code node} as the runtime's placement does, and gives it its node's store. */
  private PeerReplicaStore place(TaskStateKey key, String node, int replicas) {
    List<String> holders = ReplicaPeers.choose(key, node, transport.liveNodes(), replicas);
    directory.assign(JOB, key, holders);
    return new PeerReplicaStore(node, () -> holders, replicas, new ReplicaDirectory(), transport, TIMEOUT);
  }

  /** One task per node, each snapshot put from its node; returns the metadata of the epoch. */
  private EpochMetadata epoch(long epoch, Map<StatefulTask, PeerReplicaStore> tasks, Random random, boolean full) {
    List<EpochMetadata.TaskEntry> entries = new ArrayList<>();
    for (Map.Entry<StatefulTask, PeerReplicaStore> t : tasks.entrySet()) {
      TaskSnapshot s = t.getKey().change(random, epoch == 0 ? 300 : 20, 400).snapshot(epoch, full);
      entries.add(t.getValue().put(JOB, s));
    }
    return new EpochMetadata(JOB, epoch, epoch * 10, entries, new TreeMap<>(), new TreeMap<>(), 1_000 + epoch);
  }

  @Test
  void snapshotsAndMetadataLiveOnPeersAreRestoredFromThemAndPrunedThere() {
    Random random = new Random(7);
    PeerReplicaStore coordinator = coordinator(1);
    Map<StatefulTask, PeerReplicaStore> tasks = new LinkedHashMap<>();
    for (int i = 0; i < NODES.size(); i++) {
      tasks.put(new StatefulTask(new TaskStateKey(1, i)), place(new TaskStateKey(1, i), NODES.get(i), 1));
    }
    EpochMetadata last = null;
    for (long e = 0; e < 6; e++) {
      last = epoch(e, tasks, random, e == 3);
      coordinator.markComplete(JOB, last);
      coordinator.prune(JOB, e);
    }
    for (int i = 0; i < NODES.size(); i++) {
      TaskStateKey key = new TaskStateKey(1, i);
      List<String> holders = directory.holders(JOB, key);
      assertEquals(1, holders.size());
      String holder = holders.get(0);
      assertNotEquals(NODES.get(i), holder, "never the task's own node");
      assertTrue(transport.store(holder).getStored(JOB, 5, key).isPresent(), "on the peer");
      assertEquals(Optional.empty(), transport.store(NODES.get(i)).getStored(JOB, 5, key), "not on the task's node");
      assertEquals(Optional.of(last), transport.store(holder).latestComplete(JOB), "the whole metadata on the peer");
      assertEquals(Optional.empty(), transport.store(holder).getStored(JOB, 2, key), "pruned on the peer");
      assertTrue(transport.store(holder).getStored(JOB, 3, key).isPresent(), "the full snapshot the chain needs");
    }
    long held = NODES.stream().mapToLong(n -> transport.store(n).memoryBytes()).sum();
    assertEquals(held, coordinator.memoryBytes(), "the peers' memory, as they reported it");
    assertTrue(coordinator.snapshotBytes() >= last.snapshotBytes());

    transport.lose("n0"); // the node of task 0, and the holder of another task's replica
    StatefulTask first = tasks.keySet().iterator().next();
    TaskSnapshot restored = coordinator.get(JOB, 5, first.key).orElseThrow();
    assertFalse(restored.isDelta());
    assertEquals(first.state(), StatefulTask.restored(restored), "task 0 restored from its peer's copy");
    TaskStateKey lostKey = null;
    for (int i = 0; i < NODES.size(); i++) {
      if (directory.holders(JOB, new TaskStateKey(1, i)).equals(List.of("n0"))) {
        lostKey = new TaskStateKey(1, i);
      }
    }
    assertEquals(new TaskStateKey(1, 1), lostKey, "the task on n1 copies to n0");
    TaskStateKey heldOnlyByLost = lostKey;
    EmberRuntimeException unavailable = assertThrows(EmberRuntimeException.class,
        () -> coordinator.get(JOB, 5, heldOnlyByLost));
    assertTrue(unavailable.getMessage().contains("n0 is not live"), unavailable.getMessage());

    PeerReplicaStore newCoordinator = new PeerReplicaStore("driver2", transport.nodes(), 1, directory, transport,
        TIMEOUT);
    assertEquals(Optional.of(last), newCoordinator.latestComplete(JOB), "the metadata survives on the peers");
    coordinator.close();
    newCoordinator.close();
  }

  @Test
  void withTwoReplicasLosingOneHolderLosesNothingAndNewPutsGoToLiveNodes() {
    Random random = new Random(11);
    PeerReplicaStore coordinator = coordinator(2);
    TaskStateKey key = new TaskStateKey(2, 0);
    StatefulTask task = new StatefulTask(key);
    directory.assign(JOB, key, ReplicaPeers.choose(key, "n0", NODES, 2));
    PeerReplicaStore taskStore = new PeerReplicaStore("n0", transport.nodes(), 2, directory, transport, TIMEOUT);
    Map<StatefulTask, PeerReplicaStore> tasks = Map.of(task, taskStore);
    coordinator.markComplete(JOB, epoch(0, tasks, random, false));
    assertEquals(List.of("n1", "n2"), directory.holders(JOB, key).stream().sorted().toList());

    transport.lose("n1");
    assertEquals(task.state(), StatefulTask.restored(coordinator.get(JOB, 0, key).orElseThrow()));
    EpochMetadata next = epoch(1, tasks, random, true); // n1 is gone: the task's holders are chosen again
    assertEquals(List.of("n2"), directory.current(JOB, key), "only one live node besides the task's");
    coordinator.markComplete(JOB, next);
    assertEquals(Optional.of(next), transport.store("n2").latestComplete(JOB));
    assertEquals(task.state(), StatefulTask.restored(coordinator.get(JOB, 1, key).orElseThrow()));

    coordinator.removeJob(JOB);
    assertEquals(Optional.empty(), transport.store("n2").latestComplete(JOB), "removed on the peers");
    assertEquals(0, transport.store("n2").snapshotBytes());
    coordinator.close();
  }

  @Test
  void aLocalCopyOutlivesTheLossOfTheOnlyPeer() {
    Random random = new Random(13);
    TaskStateKey key = new TaskStateKey(4, 1);
    StatefulTask task = new StatefulTask(key);
    PeerReplicaStore onN0 = new PeerReplicaStore("n0", transport.nodes(), 1, directory, transport, TIMEOUT, true);
    onN0.markComplete(JOB, epoch(0, Map.of(task, onN0), random, false));
    List<String> holders = directory.current(JOB, key);
    assertEquals(2, holders.size());
    assertNotEquals("n0", holders.get(0), "the peer first");
    assertEquals("n0", holders.get(1), "the local copy last");
    transport.lose(holders.get(0));
    assertEquals(task.state(), StatefulTask.restored(onN0.get(JOB, 0, key).orElseThrow()), "from the local copy");
    onN0.close();
  }

  @Test
  void aRefusedPutOrAnEpochWithoutLiveHolderFailsWithTheNodesReason() {
    PeerReplicaStore coordinator = coordinator(1);
    TaskStateKey key = new TaskStateKey(1, 1);
    PeerReplicaStore taskStore = place(key, "n1", 1);
    TaskSnapshot delta = new TaskSnapshot(key, 4, 3, List.of(ChunkedBytes.wrap(new byte[] {1})), null);
    EmberRuntimeException refused = assertThrows(EmberRuntimeException.class, () -> taskStore.put(JOB, delta));
    assertEquals("REPLICA_PUT_FAILED", refused.errorClass());
    assertTrue(refused.getMessage().contains("which no live holder of its replicas has"), refused.getMessage());

    TaskSnapshot full = new TaskSnapshot(key, 4, List.of(ChunkedBytes.wrap(new byte[] {1})), null);
    EpochMetadata metadata = new EpochMetadata(JOB, 4, 0, List.of(taskStore.put(JOB, full)), new TreeMap<>(),
        new TreeMap<>(), 1);
    transport.lose(directory.holders(JOB, key).get(0));
    EmberRuntimeException noHolder = assertThrows(EmberRuntimeException.class,
        () -> coordinator.markComplete(JOB, metadata));
    assertEquals("REPLICA_UNAVAILABLE", noHolder.errorClass());
    assertEquals(Optional.empty(), coordinator.latestComplete(JOB), "the epoch did not complete");
    assertThrows(IllegalStateException.class, () -> coordinator.markComplete(JOB, new EpochMetadata(JOB, 5, 0,
        List.of(new EpochMetadata.TaskEntry(new TaskStateKey(9, 9), 1, 1)), new TreeMap<>(), new TreeMap<>(), 1)),
        "a task never put");
    coordinator.close();
  }
  @Test
  void aNewHolderAfterTheLossOfTheOldOneGetsTheFullSnapshotMaterializedFromTheLocalCopyAndRestoresTheTaskAlone() {
    List<String> nodes = List.of("n0", "n1", "n2", "n3");
    try (InProcessTransport net = new InProcessTransport(nodes)) {
      Random random = new Random(17);
      TaskStateKey key = new TaskStateKey(3, 2);
      StatefulTask task = new StatefulTask(key);
      ReplicaDirectory shared = new ReplicaDirectory();
      PeerReplicaStore coordinator = new PeerReplicaStore("driver", net.nodes(), 1, shared, net, TIMEOUT);
      PeerReplicaStore onN0 = new PeerReplicaStore("n0", net.nodes(), 1, shared, net, TIMEOUT, true);
      for (long e = 0; e < 3; e++) {
        coordinator.markComplete(JOB, put(onN0, task, e, random));
        coordinator.prune(JOB, e);
      }
      String oldHolder = ReplicaPeers.choose(key, "n0", nodes, 1).get(0);
      assertEquals(List.of(oldHolder, "n0"), shared.current(JOB, key));
      assertTrue(net.store(oldHolder).getStored(JOB, 2, key).orElseThrow().isDelta());

      net.lose(oldHolder);
      EpochMetadata third = put(onN0, task, 3, random); // a delta on epoch 2, which the new holder lacks
      String newHolder = ReplicaPeers.choose(key, "n0", net.liveNodes(), 1).get(0);
      assertEquals(List.of(newHolder, "n0"), shared.current(JOB, key), "the live node ReplicaPeers orders first");
      TaskSnapshot stored = net.store(newHolder).getStored(JOB, 3, key).orElseThrow();
      assertFalse(stored.isDelta(), "the new holder lacks the base: it gets the full snapshot");
      assertEquals(third.task(key), EpochMetadata.TaskEntry.of(key, stored.encode()), "the copy the metadata lists");
      assertEquals(task.state(), StatefulTask.restored(stored));
      coordinator.markComplete(JOB, third);
      coordinator.prune(JOB, 3);

      EpochMetadata fourth = put(onN0, task, 4, random);
      assertTrue(net.store(newHolder).getStored(JOB, 4, key).orElseThrow().isDelta(), "deltas again once it holds"
          + " the base");
      coordinator.markComplete(JOB, fourth);
      net.lose("n0");
      assertEquals(Optional.of(fourth), net.store(newHolder).latestComplete(JOB));
      assertEquals(task.state(), StatefulTask.restored(coordinator.get(JOB, 4, key).orElseThrow()),
          "restored from the new holder alone, the old one and the task's node lost");
      coordinator.close();
      onN0.close();
    }
  }

  @Test
  void holdersLostAreReplacedUpToTheReplicaCountFromTheLiveNodes() {
    List<String> nodes = List.of("n0", "n1", "n2", "n3", "n4");
    try (InProcessTransport net = new InProcessTransport(nodes)) {
      Random random = new Random(19);
      TaskStateKey key = new TaskStateKey(5, 1);
      StatefulTask task = new StatefulTask(key);
      ReplicaDirectory shared = new ReplicaDirectory();
      PeerReplicaStore coordinator = new PeerReplicaStore("driver", net.nodes(), 2, shared, net, TIMEOUT);
      PeerReplicaStore onN0 = new PeerReplicaStore("n0", net.nodes(), 2, shared, net, TIMEOUT, true);
      coordinator.markComplete(JOB, put(onN0, task, 0, random));
      coordinator.markComplete(JOB, put(onN0, task, 1, random));
      List<String> first = ReplicaPeers.choose(key, "n0", nodes, 2);
      assertEquals(List.of(first.get(0), first.get(1), "n0"), shared.current(JOB, key));

      net.lose(first.get(0));
      EpochMetadata second = put(onN0, task, 2, random);
      String added = next(key, net.liveNodes(), List.of(first.get(1)));
      assertEquals(List.of(first.get(1), added, "n0"), shared.current(JOB, key),
          "the surviving peer, one more live node, the local copy");
      for (String h : shared.current(JOB, key)) {
        assertFalse(net.store(h).getStored(JOB, 2, key).orElseThrow().isDelta(), "one full copy on every holder");
      }
      coordinator.markComplete(JOB, second);

      net.lose(first.get(1)); // both first peers are gone now
      EpochMetadata third = put(onN0, task, 3, random);
      String addedAgain = next(key, net.liveNodes(), List.of(added));
      assertEquals(List.of(added, addedAgain, "n0"), shared.current(JOB, key), "topped up to two peers again");
      assertFalse(net.store(addedAgain).getStored(JOB, 3, key).orElseThrow().isDelta());
      coordinator.markComplete(JOB, third);

      net.lose("n0");
      net.lose(added);
      assertEquals(List.of(addedAgain), net.liveNodes().stream().filter(n -> !n.equals(first.get(0))
          && !n.equals(first.get(1))).filter(n -> net.store(n).latestComplete(JOB).isPresent()).toList());
      assertEquals(task.state(), StatefulTask.restored(coordinator.get(JOB, 3, key).orElseThrow()),
          "restored from the last holder added, every earlier one and the task's node lost");
      coordinator.close();
      onN0.close();
    }
  }

  /** The task's snapshot of {@code epoch} (full only the first time) put through {@code store}; its epoch's metadata. */
  private static EpochMetadata put(PeerReplicaStore store, StatefulTask task, long epoch, Random random) {
    TaskSnapshot s = task.change(random, epoch == 0 ? 300 : 20, 400).snapshot(epoch, false);
    assertEquals(epoch > 0, s.isDelta());
    EpochMetadata.TaskEntry entry = store.put(JOB, s);
    return new EpochMetadata(JOB, epoch, epoch * 10, List.of(entry), new TreeMap<>(), new TreeMap<>(), 1_000 + epoch);
  }

  /** The first node {@link ReplicaPeers} orders for a task on n0 over {@code live} that is not in {@code taken}. */
  private static String next(TaskStateKey key, List<String> live, List<String> taken) {
    return ReplicaPeers.choose(key, "n0", live, live.size()).stream().filter(n -> !taken.contains(n)).findFirst()
        .orElseThrow();
  }
}
