package io.ember.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.ember.checkpointing.EpochMetadata;
import io.ember.checkpointing.PeerReplicaStore;
import io.ember.checkpointing.ReplicaTransport;
import io.ember.checkpointing.TaskSnapshot;
import io.ember.checkpointing.TaskStateKey;
import io.ember.connectors.memory.CollectSink;
import io.ember.core.expr.EvalContext;
import io.ember.operators.memory.MemoryBudget;
import io.ember.operators.state.ChunkedBytes;
import io.ember.runtime.JobConfig;
import io.ember.runtime.StreamingJob;
import io.ember.runtime.StreamingSettings;
import io.ember.runtime.cluster.ClusterRuntime;
import io.ember.runtime.cluster.HostPort;
import io.ember.runtime.cluster.MemberView;
import io.ember.runtime.cluster.testkit.ClusterExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replicas on peers across three node JVMs, with a driver in this JVM: each task's snapshots land in the off-heap
 * store of another node than the task's (and in its own node's, the local copy), the nodes report that memory in the cluster status, the epoch metadata is
 * on the holders too, older epochs leave them once a newer one completes, and after {@code kill -9} of a task's node
 * its state comes back from its peer, also for a snapshot larger than an Artery frame (sent and fetched in chunks).
 * First a streaming job across the nodes runs with its snapshots on peers; the
 * kill comes last: it changes the cluster.
 */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeerReplicasClusterTest {
  private static final String JOB = "replica-test-job";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.builder().nodes(3).stableAfter(Duration.ofSeconds(3))
      .build();

  private static ClusterRuntime runtime;

  @BeforeAll
  static void connect() {
    runtime = ClusterRuntime.connect(HostPort.parseMasterUrl(CLUSTER.masterUrl()), CLUSTER.secret(), WAIT,
        ConfigFactory.empty(), 1);
  }

  @AfterAll
  static void close() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private static String node(int index) {
    return CLUSTER.member(index).address().pekkoAddress();
  }

  private static TaskSnapshot snapshot(TaskStateKey key, long epoch, Random random) {
    byte[] state = new byte[2_000 + random.nextInt(2_000)];
    random.nextBytes(state);
    return new TaskSnapshot(key, epoch, List.of(ChunkedBytes.wrap(state)), new byte[] {(byte) epoch});
  }

  @Test
  @Order(2)
  void snapshotsLandOnPeersAreReportedPrunedAndRestoredAfterTheTasksNodeIsKilled() throws Exception {
    ClusterReplicas replicas = runtime.replicas();
    PeerReplicaStore store = replicas.store();
    ReplicaTransport transport = replicas.transport();
    assertInstanceOf(ReachableHolders.class, transport, "the driver gives up on holders that stop being live");
    Map<TaskStateKey, String> taskNode = new HashMap<>();
    Map<TaskStateKey, String> holder = new HashMap<>();
    for (int i = 1; i <= 3; i++) {
      TaskStateKey key = new TaskStateKey(1, i - 1);
      taskNode.put(key, node(i));
      assertEquals(2, replicas.assign(JOB, key, node(i)).size(), "one peer and the local copy");
      List<String> current = store.directory().current(JOB, key);
      holder.put(key, current.get(0));
      assertNotEquals(node(i), holder.get(key), "the peer is another node than the task's");
      assertEquals(node(i), current.get(1), "the local copy comes last");
    }

    Random random = new Random(5);
    Map<TaskStateKey, TaskSnapshot> last = new TreeMap<>();
    EpochMetadata metadata = null;
    for (long epoch = 0; epoch < 3; epoch++) {
      List<EpochMetadata.TaskEntry> entries = new ArrayList<>();
      for (TaskStateKey key : holder.keySet()) {
        TaskSnapshot s = snapshot(key, epoch, random);
        entries.add(store.put(JOB, s));
        last.put(key, s);
      }
      metadata = new EpochMetadata(JOB, epoch, 0, entries, new TreeMap<>(), new TreeMap<>(), 1_000 + epoch);
      store.markComplete(JOB, metadata);
      store.prune(JOB, epoch);
    }
    for (TaskStateKey key : holder.keySet()) {
      String h = holder.get(key);
      assertEquals(Optional.of(last.get(key)), get(transport.fetch(h, JOB, 2, key, false)), "on the peer");
      assertEquals(Optional.of(last.get(key)), get(transport.fetch(taskNode.get(key), JOB, 2, key, false)),
          "the local copy");
      assertEquals(Optional.empty(), get(transport.fetch(h, JOB, 1, key, false)), "epoch 1 pruned on the peer");
      assertEquals(Optional.of(metadata), get(transport.latestComplete(h, JOB)), "the epoch's metadata");
    }
    assertTrue(store.memoryBytes() > 0, "the holders' memory as they reported it");
    Set<String> holders = Set.copyOf(holder.values());
    CLUSTER.awaitStatus(status -> status.members().stream()
        .filter(m -> holders.contains(m.address()))
        .filter(PeerReplicasClusterTest::holdsReplicas).count() == holders.size(), WAIT,
        "every holder reports replica memory");

    // a snapshot larger than an Artery frame (16 MiB) travels in chunks, to its peer and back
    TaskStateKey large = new TaskStateKey(2, 0);
    replicas.assign(JOB, large, node(3));
    String largeHolder = store.directory().current(JOB, large).get(0);
    assertNotEquals(node(3), largeHolder);
    TaskSnapshot big = new TaskSnapshot(large, 3, List.of(ChunkedBytes.wrap(randomBytes(random, 21_000_000)),
        ChunkedBytes.wrap(randomBytes(random, 12_345_679))), new byte[] {3});
    store.put(JOB, big); // epoch 3, the next one; no epoch completes with it
    assertEquals(Optional.of(big), get(transport.fetch(largeHolder, JOB, 3, large, false)), "on the peer, whole");

    TaskStateKey onNode3 = new TaskStateKey(1, 2);
    CLUSTER.kill(3);
    assertFalse(CLUSTER.member(3).process().isAlive());
    assertEquals(Optional.of(last.get(onNode3)), store.get(JOB, 2, onNode3),
        "the killed node's task restored from its peer's copy");
    assertEquals(Optional.of(metadata), store.latestComplete(JOB));
    assertEquals(Optional.of(big), store.get(JOB, 3, large), "the large snapshot restored from its peer");
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static boolean holdsReplicas(MemberView m) {
    return m.info() != null && m.info().replicaMemoryBytes() > 0;
  }

  private static <T> T get(java.util.concurrent.CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  @Order(1)
  void aStreamingJobAcrossTheLiveNodesCommitsWhatItReadsWithItsSnapshotsOnPeers() throws Exception {
    ChunkSource source = new ChunkSource(2, 6, 150);
    CollectSink sink = new CollectSink();
    JobConfig config = new JobConfig(EvalContext.defaults(), 64, MemoryBudget.DEFAULT_BYTES, 2);
    StreamingJob job = runtime.startStreaming(RemoteStreamingJobTest.graph(source, sink), Set.of(1), config,
        new StreamingSettings(Duration.ZERO, true, 0), report -> {});
    job.termination().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(source.allRows().size(), PlanCodecTest.sortedRows(sink).size());
    assertTrue(runtime.replicas().store().memoryBytes() > 0, "the job's epochs completed on the holders");
  }
}
