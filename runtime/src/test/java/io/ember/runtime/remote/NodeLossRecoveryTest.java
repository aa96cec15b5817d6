package io.ember.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.memory.CollectSink;
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
import io.ember.runtime.cluster.testkit.ClusterExtension;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kill -9} of a node JVM in the middle of a stateful streaming query on three nodes: the driver treats the
 * node's tasks as failed as soon as the failure detector marks it unreachable, reserves them on the two live nodes,
 * restores them from the last complete epoch's snapshots (keyed running sums; a source task rewinds to its offsets)
 * while the tasks on the live nodes roll back in place, and the query goes on to commit exactly the rows of a
 * failure-free run (every running sum included).
 */
@Timeout(240)
class NodeLossRecoveryTest {
  /**
   * A replayable stream of one partition, one chunk of 100 rows per epoch: each running-sum task gets its keys' rows
   * in one order, so its sums are the same in every run.
   */
  private static final ChunkSource SOURCE = new ChunkSource(1, 60, 100);
  /** Epochs this far apart: the 60 chunks take at least 6 s, so the stream is still running when a node dies. */
  private static final Duration EPOCH_INTERVAL = Duration.ofMillis(100);

  /**
   * The default stable-after: the job reacts to unreachability, not to downing, and on a busy machine a short one
   * could down a live member (the driver too) that only missed heartbeats for a few seconds. Three JVMs can take
   * long to start on a busy machine.
   */
  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.builder().nodes(3).cores(2)
      .stableAfter(Duration.ofSeconds(20)).startTimeout(Duration.ofSeconds(180)).build();

  /** The source → hash on k → running sum of v per k (keyed state) on 3 tasks → gather → sink. */
  private static JobGraph graph(CollectSink sink) {
    RunningSum sums = new RunningSum(7);
    return new JobGraph(
        List.of(new Vertex.SourceVertex(1, 1, SOURCE), new Vertex.OperatorVertex(2, 3, List.of(sums)),
            new Vertex.SinkVertex(3, 1, sink, sums.outputSchema())),
        List.of(new Edge(1, 2, 0, new Exchange.Hash(new int[] {0})), new Edge(2, 3, 0, new Exchange.Gather())));
  }

  @Test
  void aNodeKilledMidStreamLosesNoRowAndDuplicatesNone() throws Exception {
    JobConfig config = new JobConfig(EvalContext.defaults(), 64, MemoryBudget.DEFAULT_BYTES, 3);
    StreamingSettings settings = new StreamingSettings(EPOCH_INTERVAL, true, 0);

    CollectSink expected = new CollectSink();
    try (LocalRuntime local = LocalRuntime.start(2)) {
      // epochs as fast as they come: the committed rows do not depend on how the epochs were cut
      local.startStreaming(graph(expected), Set.of(1), config, new StreamingSettings(Duration.ZERO, true, 0), r -> {})
          .termination().get(120, TimeUnit.SECONDS);
    }
    List<Row> failureFree = PlanCodecTest.sortedRows(expected);
    assertEquals(SOURCE.allRows().size(), failureFree.size());

    HostPort victim = CLUSTER.member(3).address();
    CollectSink actual = new CollectSink();
    ConcurrentLinkedQueue<EpochReport> reports = new ConcurrentLinkedQueue<>();
    CountDownLatch threeCommitted = new CountDownLatch(1);
    CountDownLatch resumed = new CountDownLatch(1);
    AtomicLong killedAt = new AtomicLong();
    AtomicLong resumedAt = new AtomicLong();
    AtomicInteger driverTasksAfterRecovery = new AtomicInteger(-1);
    try (ClusterRuntime cluster = ClusterRuntime.connect(HostPort.parseMasterUrl(CLUSTER.masterUrl()),
        CLUSTER.secret(), Duration.ofSeconds(60))) {
      StreamingJob job = cluster.startStreaming(graph(actual), Set.of(1), config,
          settings, report -> {
            reports.add(report);
            if (report.epoch() >= 3) {
              threeCommitted.countDown();
            }
            if (killedAt.get() > 0 && !report.recoveries().isEmpty() && resumedAt.get() == 0) {
              resumedAt.set(System.currentTimeMillis());
              driverTasksAfterRecovery.set(cluster.driverTasks());
              resumed.countDown();
            }
          });
      assertTrue(cluster.tasksPlacedByNode().keySet().stream().anyMatch(a -> a.endsWith("@" + victim)),
          "the job has tasks on the node to kill: " + cluster.tasksPlacedByNode());
      assertTrue(threeCommitted.await(120, TimeUnit.SECONDS), "epochs commit before the kill");
      int driverTasksBefore = cluster.driverTasks();

      CLUSTER.kill(3);
      killedAt.set(System.currentTimeMillis());

      assertTrue(resumed.await(120, TimeUnit.SECONDS), () -> "an epoch commits after the recovery; job ended: "
          + job.termination().isDone() + " " + job.termination().handle((v, e) -> String.valueOf(e)).getNow("running"));
      job.termination().get(120, TimeUnit.SECONDS);

      assertEquals(failureFree, PlanCodecTest.sortedRows(actual));
      List<EpochReport.Recovery> recoveries = reports.stream().flatMap(r -> r.recoveries().stream()).toList();
      assertFalse(recoveries.isEmpty());
      // a node that only looked unreachable on a busy machine would cost a recovery of its own, never rows
      assertTrue(recoveries.stream().anyMatch(r -> r.error().contains("NODE_LOST") && r.error().contains(victim.toString())),
          recoveries.toString());
      if (recoveries.size() == 1) {
        // a live node that missed heartbeats on a busy machine would have lost its tasks too, and with every node
        // looking lost the driver rightly takes them; with the victim's loss alone they go to the live nodes
        assertEquals(driverTasksBefore, driverTasksAfterRecovery.get(), "the lost tasks run on the live nodes");
      }
      System.out.printf("node loss: kill -9 to the first epoch committed after the recovery %d ms (recovery %d ms,"
              + " from epoch %d, tasks %s)%n", resumedAt.get() - killedAt.get(), recoveries.get(0).durationMs(),
          recoveries.get(0).fromEpoch(), recoveries.get(0).failedTasks());
    }
  }
}
