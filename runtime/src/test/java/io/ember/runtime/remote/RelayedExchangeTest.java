package io.ember.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.memory.CollectSink;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expressions;
import io.ember.operators.calc.CalcSpec;
import io.ember.operators.memory.MemoryBudget;
import io.ember.runtime.JobConfig;
import io.ember.runtime.LocalRuntime;
import io.ember.runtime.StreamingJob;
import io.ember.runtime.StreamingSettings;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import io.ember.runtime.local.ExchangeRelay;
import io.ember.runtime.local.PlannedTask;
import io.ember.runtime.local.TaskPlacement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several receiving tasks of an edge on one node (the worker) and their senders on another (the driver): a broadcast
 * batch and the hash partitions of a batch travel once to the worker's {@link ExchangeRelay}, which hands them to
 * each task; answers equal the local run's, barriers keep their place (a stream commits every epoch once, with the
 * local run's rows), and the relay's counts show the messages went through it.
 */
@Timeout(120)
class RelayedExchangeTest {
  private static TwoNodes nodes;
  private static LocalRuntime local;
  private static ActorRef<ExchangeRelay.Command> workerRelay;

  @BeforeAll
  static void start() {
    nodes = new TwoNodes();
    local = LocalRuntime.start(2);
    String host = ActorRefResolver.get(nodes.driver).toSerializationFormat(nodes.workerHost);
    workerRelay = ActorRefResolver.get(nodes.driver).resolveActorRef(
        host.substring(0, host.indexOf('#') < 0 ? host.length() : host.indexOf('#'))
            .replace(TaskHost.NAME, ExchangeRelay.NAME));
  }

  @AfterAll
  static void stop() {
    local.close();
    nodes.close();
  }

  private static ExchangeRelay.Forwarded relayed() {
    return AskPattern.<ExchangeRelay.Command, ExchangeRelay.Forwarded>ask(workerRelay, ExchangeRelay.Stats::new,
        RemoteBatchJobTest.TIMEOUT, nodes.driver.scheduler()).toCompletableFuture().join();
  }

  /** The tasks of {@code workerVertices} on the worker, the others on the driver. */
  private static Function<PlannedTask, ActorRef<TaskHost.Command>> onWorker(Set<Integer> workerVertices) {
    return task -> task.vertexIds().stream().anyMatch(workerVertices::contains) ? nodes.workerHost : nodes.driverHost;
  }

  private static ShellPlacement reserve(String job, JobGraph graph, Set<Integer> workerVertices) {
    return RemoteJobs.reserve(nodes.driver, job, graph, onWorker(workerVertices),
        TaskPlacement.local(new AtomicInteger()), nodes.driverHost, RemoteBatchJobTest.TIMEOUT).toCompletableFuture()
        .join();
  }

  @Test
  void theRelayKnowsTheTaskHostByItsName() {
    assertEquals(TaskHost.NAME, ExchangeRelay.HOST_NAME, "a relay finds its node's tasks under the task host");
  }

  @Test
  void aBroadcastBatchCrossesOnceForAllJoinTasksOfTheNode() {
    CollectSink expected = new CollectSink();
    local.run(Plans.join(3, expected), RemoteBatchJobTest.config(64));
    ExchangeRelay.Forwarded before = relayed();
    CollectSink actual = new CollectSink();
    JobGraph graph = Plans.join(3, actual);
    RemoteJobs.run(nodes.driver, "relay-join", graph, RemoteBatchJobTest.config(64),
        reserve("relay-join", graph, Set.of(3, 4))).orTimeout(60, TimeUnit.SECONDS).join();
    ExchangeRelay.Forwarded after = relayed();

    assertTrue(!PlanCodecTest.sortedRows(expected).isEmpty());
    assertEquals(PlanCodecTest.sortedRows(expected), PlanCodecTest.sortedRows(actual));
    long messages = after.messages() - before.messages();
    long deliveries = after.deliveries() - before.deliveries();
    // the build side's batch and its end of input, each once for the node's three join tasks
    assertTrue(messages >= 2, "forwards through the relay: " + messages);
    assertEquals(3 * messages, deliveries, "every broadcast forward reached all three tasks");
    nodes.awaitNoTasks(nodes.workerHost);
  }

  @Test
  void theHashPartitionsOfABatchCrossTogetherAndAreSplitOnArrival() {
    CollectSink expected = new CollectSink();
    local.run(Plans.aggregate(40_000, 101, 2, 3, expected), RemoteBatchJobTest.config(500));
    ExchangeRelay.Forwarded before = relayed();
    CollectSink actual = new CollectSink();
    JobGraph graph = Plans.aggregate(40_000, 101, 2, 3, actual);
    RemoteJobs.run(nodes.driver, "relay-agg", graph, RemoteBatchJobTest.config(500),
        reserve("relay-agg", graph, Set.of(3))).orTimeout(60, TimeUnit.SECONDS).join();
    ExchangeRelay.Forwarded after = relayed();

    assertEquals(101, PlanCodecTest.sortedRows(actual).size());
    assertEquals(PlanCodecTest.sortedRows(expected), PlanCodecTest.sortedRows(actual));
    long messages = after.messages() - before.messages();
    long deliveries = after.deliveries() - before.deliveries();
    assertTrue(messages > 0, "the partitions went through the relay");
    assertTrue(deliveries > messages, "a forward carries the partitions of several tasks: " + deliveries + " from "
        + messages);
    nodes.awaitNoTasks(nodes.workerHost);
  }

  /** ChunkSource (2 partitions) → hash on k → project on 3 tasks (the worker) → gather → sink (the driver). */
  private static JobGraph stream(ChunkSource source, CollectSink sink) {
    CalcSpec project = CalcSpec.project(Plans.KV,
        List.of(Plans.col(Plans.KV, 0), Expressions.multiply(Plans.col(Plans.KV, 1), Plans.lit(2))),
        List.of("k", "v2"));
    return new JobGraph(
        List.of(new Vertex.SourceVertex(1, 2, source), new Vertex.OperatorVertex(2, 3, List.of(project)),
            new Vertex.SinkVertex(3, 1, sink, project.outputSchema())),
        List.of(new Edge(1, 2, 0, new Exchange.Hash(new int[] {0})), new Edge(2, 3, 0, new Exchange.Gather())));
  }

  @Test
  void barriersThroughTheRelayKeepTheirPlaceAndEveryEpochCommitsOnce() throws Exception {
    ChunkSource source = new ChunkSource(2, 6, 150);
    JobConfig config = new JobConfig(EvalContext.defaults(), 64, MemoryBudget.DEFAULT_BYTES, 2);
    StreamingSettings settings = new StreamingSettings(Duration.ZERO, true, 0);
    CollectSink expected = new CollectSink();
    local.startStreaming(stream(source, expected), Set.of(1), config, settings, r -> {})
        .termination().get(60, TimeUnit.SECONDS);

    ExchangeRelay.Forwarded before = relayed();
    CollectSink actual = new CollectSink();
    JobGraph graph = stream(source, actual);
    StreamingJob job = RemoteJobs.startStreaming(nodes.driver, "relay-stream", graph, Set.of(1), config, settings,
        r -> {}, nodes.driverReplicas, reserve("relay-stream", graph, Set.of(2))).get(30, TimeUnit.SECONDS);
    job.termination().get(60, TimeUnit.SECONDS);
    ExchangeRelay.Forwarded after = relayed();

    assertEquals(source.allRows().size(), PlanCodecTest.sortedRows(actual).size());
    assertEquals(PlanCodecTest.sortedRows(expected), PlanCodecTest.sortedRows(actual));
    List<Long> epochs = actual.committedEpochs();
    assertEquals(epochs.size(), new HashSet<>(epochs).size(), "no epoch committed twice: " + epochs);
    assertTrue(after.messages() > before.messages(), "data and barriers went through the relay");
    nodes.awaitNoTasks(nodes.workerHost);
  }
}
