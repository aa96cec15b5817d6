package io.ember.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.ember.connectors.memory.CollectSink;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.expr.EvalContext;
import io.ember.operators.memory.MemoryBudget;
import io.ember.runtime.EpochReport;
import io.ember.runtime.JobConfig;
import io.ember.runtime.JobResult;
import io.ember.runtime.LocalRuntime;
import io.ember.runtime.StreamingJob;
import io.ember.runtime.StreamingSettings;
import io.ember.runtime.cluster.ClusterRuntime;
import io.ember.runtime.cluster.HostPort;
import io.ember.runtime.cluster.MemberView;
import io.ember.runtime.cluster.StatusReply;
import io.ember.runtime.cluster.testkit.ClusterExtension;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node that the driver took for lost but was only paused ({@code kill -STOP}, as in a very long GC pause) and
 * comes back ({@code kill -CONT}) after the driver recovered its tasks on the other nodes. The old tasks on the
 * resumed node ("zombies") run on from where they froze: they still hold barriers, rows and snapshots of the attempt
 * before the recovery, and send them on. What they send belongs to that earlier attempt, and every receiver that
 * could act on it drops or refuses it (the coordinator its reports, the tasks its data and credits, the replica
 * holders its snapshots: see {@link TaskHost.StoreSnapshot}); the coordinator's stop reaches them and they end.
 *
 * <p>The split-brain resolver's stable-after is far longer than the pause, so the node is not downed: it becomes
 * reachable again and stays a member.
 */
@Timeout(300)
class NodePauseRecoveryTest {
  private static final int ROWS_PER_CHUNK = 100;
  /** Epochs this far apart; the stream is stopped by the test, long before its chunks run out. */
  private static final Duration EPOCH_INTERVAL = Duration.ofMillis(100);
  /** Epochs committed after the node resumed, before the stream is stopped: what the zombies send has come by then. */
  private static final int EPOCHS_AFTER_RESUME = 5;
  private static final Duration WAIT = Duration.ofSeconds(120);

  /**
   * Far longer than the pause (failure detection, then the recovery, which on a loaded machine took over 90 s once,
   * the driver's epoch completion waiting for the frozen holder): the resolver leaves the paused node a member, which
   * is the case under test (a node it downs leaves the cluster and its tasks with it).
   */
  private static final Duration STABLE_AFTER = Duration.ofMinutes(10);

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.builder().nodes(3).cores(2)
      .stableAfter(STABLE_AFTER).startTimeout(Duration.ofSeconds(180)).build();

  /** One partition, one chunk of rows per epoch → hash on k → running sum of v per k on 3 tasks → gather → sink. */
  private static JobGraph streamGraph(int chunks, CollectSink sink) {
    RunningSum sums = new RunningSum(7);
    return new JobGraph(
        List.of(new Vertex.SourceVertex(1, 1, new ChunkSource(1, chunks, ROWS_PER_CHUNK)),
            new Vertex.OperatorVertex(2, 3, List.of(sums)), new Vertex.SinkVertex(3, 1, sink, sums.outputSchema())),
        List.of(new Edge(1, 2, 0, new Exchange.Hash(new int[] {0})), new Edge(2, 3, 0, new Exchange.Gather())));
  }

  private static JobConfig config() {
    return new JobConfig(EvalContext.defaults(), 64, MemoryBudget.DEFAULT_BYTES, 3);
  }

  /**
   * A driver with the nodes' stable-after: the split-brain resolver decides on the cluster's leader, the member with
   * the lowest address, which can be the driver (with its default of 20 s it would down a node paused longer).
   */
  private static ClusterRuntime connect() {
    return ClusterRuntime.connect(HostPort.parseMasterUrl(CLUSTER.masterUrl()), CLUSTER.secret(),
        Duration.ofSeconds(60), ConfigFactory.parseString("pekko.cluster.split-brain-resolver.stable-after = "
            + STABLE_AFTER.toSeconds() + "s"));
  }

  @Test
  void aPausedNodeThatComesBackAfterTheRecoveryChangesNoCommittedRow() throws Exception {
    CollectSink actual = new CollectSink();
    ConcurrentLinkedQueue<EpochReport> reports = new ConcurrentLinkedQueue<>();
    CountDownLatch threeCommitted = new CountDownLatch(1);
    CountDownLatch recovered = new CountDownLatch(1);
    AtomicInteger committedAfterResume = new AtomicInteger(-1);
    CountDownLatch enoughAfterResume = new CountDownLatch(1);
    int victim;
    String victimAddress;
    try (ClusterRuntime cluster = connect()) {
      StreamingJob job = cluster.startStreaming(streamGraph(1_000_000, actual), Set.of(1), config(),
          new StreamingSettings(EPOCH_INTERVAL, true, 0), report -> {
            reports.add(report);
            if (report.epoch() >= 3) {
              threeCommitted.countDown();
            }
            if (!report.recoveries().isEmpty()) {
              recovered.countDown();
            }
            if (committedAfterResume.get() >= 0 && committedAfterResume.incrementAndGet() >= EPOCHS_AFTER_RESUME) {
              enoughAfterResume.countDown();
            }
          });
      victim = nodeWithTasks(cluster);
      victimAddress = CLUSTER.member(victim).address().toString();
      assertTrue(threeCommitted.await(WAIT.toSeconds(), TimeUnit.SECONDS), "epochs commit before the pause");

      CLUSTER.pause(victim);
      try {
        // the driver takes the node for lost, recovers its tasks on the others and commits an epoch after that
        assertTrue(recovered.await(WAIT.toSeconds(), TimeUnit.SECONDS), () -> "an epoch commits after the recovery;"
            + " job ended: " + job.termination().isDone());
      } finally {
        CLUSTER.resume(victim);
      }
      committedAfterResume.set(0);

      StatusReply.ClusterStatus back = awaitVictim(victim, m -> m.reachable() && m.status().equals("Up"),
          "to be an Up member that every node reaches again");
      assertTrue(CLUSTER.member(victim).process().isAlive(), "the resumed node was not downed");
      // its old tasks stop at the coordinator's request (the recovery placed none of the job's tasks on it, as it
      // was lost then) unless a later recovery placed some there again
      awaitVictim(victim, m -> m.info() != null && m.info().runningTasks() == 0
          || recoveries(reports).size() > 1, "to run none of the old tasks");
      assertTrue(enoughAfterResume.await(WAIT.toSeconds(), TimeUnit.SECONDS), () -> "epochs commit after the resume ("
          + committedAfterResume.get() + " did); job ended: " + job.termination().isDone() + " "
          + job.termination().handle((v, e) -> String.valueOf(e)).getNow("running") + "; recoveries "
          + recoveries(reports));
      assertFalse(job.termination().isDone(), () -> "the job runs on: " + job.termination().handle((v, e) -> e).join());
      job.stop();
      job.termination().get(WAIT.toSeconds(), TimeUnit.SECONDS);

      List<EpochReport.Recovery> recoveries = recoveries(reports);
      assertTrue(recoveries.stream().anyMatch(r -> r.error().contains("NODE_LOST")
          && r.error().contains(victimAddress)), recoveries.toString());
      System.out.printf("node pause: recoveries %s; the node is back (%s)%n", recoveries, back.members().size());
    }

    // the committed rows are whole chunks 0..n-1, each once, every running sum as in a failure-free run of n chunks
    List<Row> committed = PlanCodecTest.sortedRows(actual);
    long maxValue = committed.stream().mapToLong(r -> r.getLong(2)).max().orElse(-1);
    int chunks = (int) (maxValue / ROWS_PER_CHUNK) + 1;
    assertTrue(chunks > 3, "chunks committed: " + chunks);
    assertEquals(failureFree(chunks), committed);
  }

  @Test
  void aBatchJobOnAPausedNodeFailsWithNodeLostAndTheNextJobRuns() throws Exception {
    try (ClusterRuntime cluster = connect()) {
      // far more rows than the job gets to: it runs while a node is paused
      JobGraph endless = Plans.aggregate(1_000_000_000_000L, 101, 3, 3, new CollectSink());
      CompletableFuture<JobResult> result = CompletableFuture.supplyAsync(() -> cluster.run(endless, config()));
      int victim = awaitNodeRunningTasks();
      CLUSTER.pause(victim);
      CompletionException e;
      try {
        e = assertThrows(CompletionException.class,
            () -> result.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join());
      } finally {
        CLUSTER.resume(victim);
      }
      EmberRuntimeException error = assertInstanceOf(EmberRuntimeException.class, e.getCause());
      assertEquals("NODE_LOST", error.errorClass(), error.getMessage());
      assertTrue(error.getMessage().contains(CLUSTER.member(victim).address().toString()), error.getMessage());

      awaitVictim(victim, m -> m.reachable() && m.status().equals("Up") && m.info() != null
          && m.info().runningTasks() == 0, "to be reachable again, its old tasks stopped");
      assertTrue(CLUSTER.member(victim).process().isAlive(), "the resumed node was not downed");
      // the next job runs on the nodes the driver sees reachable; right after the resume, the resumed node's own
      // failure detector can still take the others for unreachable for a moment (it heard nothing while frozen),
      // which fails a batch job placed then with NODE_LOST, as documented, or (when the node answering the
      // driver's status request is the resumed one) finds no node it sees reachable, CLUSTER_NO_NODES: run it again
      CollectSink again = null;
      for (int attempt = 1; again == null; attempt++) {
        CollectSink sink = new CollectSink();
        try {
          cluster.run(Plans.aggregate(10_000, 101, 3, 3, sink), config());
          again = sink;
        } catch (EmberRuntimeException lost) {
          if (!Set.of("NODE_LOST", "CLUSTER_NO_NODES").contains(lost.errorClass()) || attempt == 5) {
            throw lost;
          }
          System.out.println("node pause: the job after the resume ran again after " + lost.getMessage());
          Thread.sleep(1_000); // the members' views of reachability converge within a gossip round or two
        }
      }
      CollectSink local = new CollectSink();
      try (LocalRuntime runtime = LocalRuntime.start(2)) {
        runtime.run(Plans.aggregate(10_000, 101, 3, 3, local), config());
      }
      assertEquals(PlanCodecTest.sortedRows(local), PlanCodecTest.sortedRows(again));
    }
  }

  /** A node (2 or 3: node 1 answers the status) running tasks of the job just started. */
  private static int nodeWithTasks(ClusterRuntime cluster) {
    Map<String, Integer> placed = cluster.tasksPlacedByNode();
    for (int i = CLUSTER.members().size(); i >= 2; i--) {
      String address = CLUSTER.member(i).address().toString();
      if (placed.keySet().stream().anyMatch(a -> a.endsWith("@" + address))) {
        return i;
      }
    }
    throw new AssertionError("no task on nodes 2 or 3: " + placed);
  }

  /** Waits until node 2 or 3 runs tasks; returns it. */
  private static int awaitNodeRunningTasks() {
    StatusReply.ClusterStatus status = CLUSTER.awaitStatus(s -> busyNode(s).isPresent(), WAIT,
        "node 2 or 3 to run tasks of the batch job");
    return busyNode(status).orElseThrow();
  }

  private static Optional<Integer> busyNode(StatusReply.ClusterStatus status) {
    for (int i = 2; i <= CLUSTER.members().size(); i++) {
      Optional<MemberView> m = view(status, i);
      if (m.isPresent() && m.get().info() != null && m.get().info().runningTasks() > 0) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  private static StatusReply.ClusterStatus awaitVictim(int victim, Predicate<MemberView> done, String what) {
    return CLUSTER.awaitStatus(s -> view(s, victim).filter(done).isPresent(), WAIT, "node " + victim + " " + what);
  }

  private static Optional<MemberView> view(StatusReply.ClusterStatus status, int index) {
    String address = CLUSTER.member(index).address().toString();
    return status.members().stream().filter(m -> m.address().endsWith("@" + address)).findFirst();
  }

  private static List<EpochReport.Recovery> recoveries(ConcurrentLinkedQueue<EpochReport> reports) {
    return reports.stream().flatMap(r -> r.recoveries().stream()).toList();
  }

  /** The rows of a failure-free local run of the first {@code chunks} chunks, sorted. */
  private static List<Row> failureFree(int chunks) throws Exception {
    CollectSink expected = new CollectSink();
    try (LocalRuntime local = LocalRuntime.start(2)) {
      local.startStreaming(streamGraph(chunks, expected), Set.of(1), config(),
          new StreamingSettings(Duration.ZERO, true, 0), r -> {}).termination().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    List<Row> rows = PlanCodecTest.sortedRows(expected);
    assertEquals(chunks * ROWS_PER_CHUNK, rows.size());
    return rows;
  }
}
