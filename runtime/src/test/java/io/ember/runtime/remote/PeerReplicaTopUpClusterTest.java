package io.ember.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.checkpointing.PeerReplicaStore;
import io.ember.checkpointing.TaskStateKey;
import io.ember.connectors.memory.MemoryTableSink;
import io.ember.core.data.Row;
import io.ember.core.expr.EvalContext;
import io.ember.operators.memory.MemoryBudget;
import io.ember.runtime.EpochReport;
import io.ember.runtime.JobConfig;
import io.ember.runtime.LocalRuntime;
import io.ember.runtime.StreamingJob;
import io.ember.runtime.StreamingSettings;
import io.ember.runtime.cluster.ClusterRuntime;
import io.ember.runtime.cluster.HostPort;
import io.ember.runtime.cluster.JobPlacement;
import io.ember.runtime.cluster.testkit.ClusterExtension;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The top-up of a task's replica holders on node JVMs. A stateful streaming query runs as one task on a node (source
 * and running sums fused; the sink in the driver), its snapshots copied to one peer node and to its own node.
 * {@code kill -9} of the peer, which runs no task of the query, loses no task: the task tops its holders back up to
 * the configured count with another live node, records them with the driver, and copies its next snapshots there.
 * Then {@code kill -9} of the task's own node: only the new peer has the task's snapshots, and the query recovers from
 * it to commit exactly the rows of a failure-free run.
 *
 * <p>Four nodes, so that the cluster keeps a majority of its nodes through both losses: the test waits for the first
 * lost node to be removed before the second kill.
 */
@Timeout(300)
class PeerReplicaTopUpClusterTest {
  private static final int ROWS_PER_CHUNK = 100;
  private static final Duration EPOCH_INTERVAL = Duration.ofMillis(100);
  private static final Duration WAIT = Duration.ofSeconds(120);
  /** Long enough that a live member that missed heartbeats on a busy machine is not downed. */
  private static final Duration STABLE_AFTER = Duration.ofSeconds(10);

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.builder().nodes(4).cores(2).stableAfter(STABLE_AFTER)
      .startTimeout(Duration.ofSeconds(180)).build();

  /** One partition, one chunk of rows per epoch, fused with a running sum of v per k → a sink in the driver. */
  private static JobGraph graph(int chunks, MemoryTableSink sink) {
    RunningSum sums = new RunningSum(7);
    return new JobGraph(
        List.of(new Vertex.SourceVertex(1, 1, new ChunkSource(1, chunks, ROWS_PER_CHUNK)),
            new Vertex.OperatorVertex(2, 1, List.of(sums)), new Vertex.SinkVertex(3, 1, sink, sums.outputSchema())),
        List.of(new Edge(1, 2, 0, new Exchange.Forward()), new Edge(2, 3, 0, new Exchange.Gather())));
  }

  /** A memory sink, which stays in the driver: the query's only task on a node is its fused source and sums. */
  private static MemoryTableSink sink() {
    return new MemoryTableSink("top-up", RunningSum.OUT, MemoryTableSink.Mode.APPEND);
  }

  private static List<Row> sorted(MemoryTableSink sink) {
    return sink.rows().stream().sorted(Comparator.comparing(Row::toString)).toList();
  }

  private static JobConfig config() {
    return new JobConfig(EvalContext.defaults(), 64, MemoryBudget.DEFAULT_BYTES, 1);
  }

  @Test
  void aTaskWhosePeerDiesTopsUpAndIsRestoredFromTheNewPeerWhenItsOwnNodeDies() throws Exception {
    MemoryTableSink actual = sink();
    ConcurrentLinkedQueue<EpochReport> reports = new ConcurrentLinkedQueue<>();
    CountDownLatch threeCommitted = new CountDownLatch(1);
    AtomicBoolean taskNodeKilled = new AtomicBoolean();
    AtomicInteger committedAfterRecovery = new AtomicInteger(-1);
    CountDownLatch enoughAfterRecovery = new CountDownLatch(1);
    try (ClusterRuntime cluster = ClusterRuntime.connect(HostPort.parseMasterUrl(CLUSTER.masterUrl()),
        CLUSTER.secret(), Duration.ofSeconds(60))) {
      // the driver's split-brain resolver decides as the nodes' do (it can be the cluster's leader)
      assertEquals(STABLE_AFTER, cluster.splitBrainStableAfter());
      StreamingJob job = cluster.startStreaming(graph(1_000_000, actual), Set.of(1), config(),
          new StreamingSettings(EPOCH_INTERVAL, true, 0), report -> {
            reports.add(report);
            if (report.epoch() >= 3) {
              threeCommitted.countDown();
            }
            if (taskNodeKilled.get() && !report.recoveries().isEmpty() && committedAfterRecovery.get() < 0) {
              committedAfterRecovery.set(0);
            }
            if (committedAfterRecovery.get() >= 0 && committedAfterRecovery.incrementAndGet() >= 5) {
              enoughAfterRecovery.countDown();
            }
          });
      JobPlacement placement = cluster.lastPlacement();
      List<JobPlacement.Task> onNodes = placement.onNodes();
      assertEquals(1, onNodes.size(), "source and sums fused into one task on a node: " + placement);
      String taskNode = onNodes.get(0).node();
      String jobId = "job-" + TaskHost.actorName(placement.job());
      TaskStateKey key = new TaskStateKey(1, 0);
      PeerReplicaStore store = cluster.replicas().store();
      await(() -> !store.directory().current(jobId, key).isEmpty(), "the task's holders to be chosen");
      List<String> placed = store.directory().current(jobId, key);
      assertEquals(List.of(placed.get(0), taskNode), placed, "one peer, then the local copy");
      String peer = placed.get(0);
      assertFalse(placed.get(0).equals(taskNode));
      assertTrue(threeCommitted.await(WAIT.toSeconds(), TimeUnit.SECONDS), "epochs commit before the first kill");

      // the peer runs no task of the query: its loss costs no recovery, only a new peer
      CLUSTER.kill(index(peer));
      await(() -> {
        List<String> now = store.directory().current(jobId, key);
        return now.size() == 2 && !now.contains(peer) && now.get(1).equals(taskNode);
      }, "the task to top its holders up with another node, recorded with the driver");
      String newPeer = store.directory().current(jobId, key).get(0);
      // the snapshot of the latest complete epoch is on the new peer (every later one goes there too)
      await(() -> onNewPeer(cluster, store, jobId, key, newPeer), "a complete epoch's snapshot on " + newPeer);
      String peerHostPort = CLUSTER.member(index(peer)).address().toString();
      CLUSTER.awaitStatus(s -> s.members().stream().noneMatch(m -> m.address().endsWith("@" + peerHostPort)), WAIT,
          "the lost peer to be removed, so that the next loss leaves a majority");

      taskNodeKilled.set(true);
      CLUSTER.kill(index(taskNode));
      assertTrue(enoughAfterRecovery.await(WAIT.toSeconds(), TimeUnit.SECONDS), () -> "epochs commit after the"
          + " recovery; job ended: " + job.termination().isDone() + " "
          + job.termination().handle((v, e) -> String.valueOf(e)).getNow("running"));
      job.stop();
      job.termination().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      List<EpochReport.Recovery> recoveries = reports.stream().flatMap(r -> r.recoveries().stream()).toList();
      assertTrue(recoveries.stream().anyMatch(r -> r.error().contains("NODE_LOST") && r.error().contains(taskNode)),
          recoveries.toString());
      System.out.printf("top-up: peer %s lost, new peer %s; task node %s lost; recoveries %s%n", peer, newPeer,
          taskNode, recoveries);
    }

    // the committed rows are whole chunks 0..n-1, each once, every running sum as in a failure-free run of n chunks
    List<Row> committed = sorted(actual);
    long maxValue = committed.stream().mapToLong(r -> r.getLong(2)).max().orElse(-1);
    int chunks = (int) (maxValue / ROWS_PER_CHUNK) + 1;
    assertTrue(chunks > 3, "chunks committed: " + chunks);
    assertEquals(failureFree(chunks), committed);
  }

  /** Whether {@code newPeer} holds the snapshot of {@code key} at the job's latest complete epoch. */
  private static boolean onNewPeer(ClusterRuntime cluster, PeerReplicaStore store, String jobId, TaskStateKey key,
      String newPeer) {
    Optional<Long> epoch = store.latestComplete(jobId).map(m -> m.epoch());
    if (epoch.isEmpty()) {
      return false;
    }
    try {
      return cluster.replicas().transport().fetch(newPeer, jobId, epoch.get(), key, false).toCompletableFuture()
          .get(30, TimeUnit.SECONDS).isPresent();
    } catch (Exception e) {
      return false; // pruned meanwhile: ask again about the newer epoch
    }
  }

  /** The test index of the node at Pekko address {@code address}. */
  private static int index(String address) {
    for (int i = 1; i <= CLUSTER.members().size(); i++) {
      if (address.endsWith("@" + CLUSTER.member(i).address())) {
        return i;
      }
    }
    throw new AssertionError("no node at " + address);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + WAIT.toSeconds() + " s waiting for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  /** The rows of a failure-free local run of the first {@code chunks} chunks, sorted. */
  private static List<Row> failureFree(int chunks) throws Exception {
    MemoryTableSink expected = sink();
    try (LocalRuntime local = LocalRuntime.start(2)) {
      local.startStreaming(graph(chunks, expected), Set.of(1), config(),
          new StreamingSettings(Duration.ZERO, true, 0), r -> {}).termination().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    List<Row> rows = sorted(expected);
    assertEquals(chunks * ROWS_PER_CHUNK, rows.size());
    return rows;
  }
}
