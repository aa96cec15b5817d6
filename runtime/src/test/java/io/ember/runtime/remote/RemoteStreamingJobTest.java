package io.ember.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.checkpointing.HeapReplicaStore;
import io.ember.connectors.memory.CollectSink;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expressions;
import io.ember.operators.calc.CalcSpec;
import io.ember.operators.memory.MemoryBudget;
import io.ember.runtime.EpochReport;
import io.ember.runtime.JobConfig;
import io.ember.runtime.LocalRuntime;
import io.ember.runtime.StreamingJob;
import io.ember.runtime.StreamingSettings;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import io.ember.runtime.local.TaskPlacement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A streaming job whose tasks are spread over two actor systems: epoch barriers travel with the data from the
 * source tasks through a hash exchange and a gather across nodes, and every epoch commits what the local run
 * commits.
 */
@Timeout(120)
class RemoteStreamingJobTest {
  private static TwoNodes nodes;
  private static LocalRuntime local;

  @BeforeAll
  static void start() {
    nodes = new TwoNodes();
    local = LocalRuntime.start(2);
  }

  @AfterAll
  static void stop() {
    local.close();
    nodes.close();
  }

  /** ChunkSource (2 partitions) → hash on k → project (k, v * 2) on 2 tasks → gather → sink. */
  static JobGraph graph(ChunkSource source, CollectSink sink) {
    CalcSpec project = CalcSpec.project(Plans.KV,
        List.of(Plans.col(Plans.KV, 0), Expressions.multiply(Plans.col(Plans.KV, 1), Plans.lit(2))), List.of("k", "v2"));
    return new JobGraph(
        List.of(new Vertex.SourceVertex(1, 2, source), new Vertex.OperatorVertex(2, 2, List.of(project)),
            new Vertex.SinkVertex(3, 1, sink, project.outputSchema())),
        List.of(new Edge(1, 2, 0, new Exchange.Hash(new int[] {0})), new Edge(2, 3, 0, new Exchange.Gather())));
  }

  @Test
  void barriersCrossNodesAndEveryEpochCommitsWhatTheLocalRunCommits() throws Exception {
    ChunkSource source = new ChunkSource(2, 6, 150);
    JobConfig config = new JobConfig(EvalContext.defaults(), 64, MemoryBudget.DEFAULT_BYTES, 2);
    StreamingSettings settings = new StreamingSettings(Duration.ZERO, true, 0);

    CollectSink expected = new CollectSink();
    ConcurrentLinkedQueue<EpochReport> localReports = new ConcurrentLinkedQueue<>();
    StreamingJob localJob = local.startStreaming(graph(source, expected), Set.of(1), config, settings,
        localReports::add);
    localJob.termination().get(60, TimeUnit.SECONDS);

    CollectSink actual = new CollectSink();
    JobGraph graph = graph(source, actual);
    ShellPlacement placement = RemoteJobs.reserve(nodes.driver, "stream", graph,
        RemoteJobs.roundRobin(List.of(nodes.workerHost, nodes.driverHost)), TaskPlacement.local(new AtomicInteger()),
        nodes.driverHost, RemoteBatchJobTest.TIMEOUT).toCompletableFuture().get(30, TimeUnit.SECONDS);
    assertTrue(placement.unused().values().stream().anyMatch(shell -> !shell.path().address().hasLocalScope()));
    ConcurrentLinkedQueue<EpochReport> reports = new ConcurrentLinkedQueue<>();
    StreamingJob job = RemoteJobs.startStreaming(nodes.driver, "stream", graph, Set.of(1), config, settings,
        reports::add, nodes.driverReplicas, placement).get(30, TimeUnit.SECONDS);
    job.termination().get(60, TimeUnit.SECONDS);

    assertEquals(PlanCodecTest.sortedRows(expected), PlanCodecTest.sortedRows(actual));
    assertEquals(source.allRows().size(), PlanCodecTest.sortedRows(actual).size());
    assertTrue(actual.committedEpochs().size() > 1, "several epochs: " + actual.committedEpochs());
    long rowsInReports = reports.stream().mapToLong(r -> r.inputRowsBySource().values().stream().mapToLong(Long::longValue)
        .sum()).sum();
    assertEquals(source.allRows().size(), rowsInReports);
    nodes.awaitNoTasks(nodes.workerHost);
  }
}
