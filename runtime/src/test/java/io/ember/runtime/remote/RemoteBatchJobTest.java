package io.ember.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.memory.CollectSink;
import io.ember.connectors.memory.RangeSource;
import io.ember.core.errors.EmberArithmeticException;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expressions;
import io.ember.operators.calc.CalcSpec;
import io.ember.operators.memory.MemoryBudget;
import io.ember.runtime.JobConfig;
import io.ember.runtime.JobResult;
import io.ember.runtime.LocalRuntime;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import io.ember.runtime.local.PlannedTask;
import io.ember.runtime.local.TaskActor;
import io.ember.runtime.local.TaskPlacement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Batch jobs whose tasks are spread over two actor systems (two nodes on loopback, Artery, Kryo on the wire) give
 * the local runtime's answer; a remote task's failure surfaces with its type; tasks are gone after the job.
 */
@Timeout(120)
class RemoteBatchJobTest {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
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

  static JobConfig config(int batchSize) {
    return new JobConfig(EvalContext.defaults(), batchSize, MemoryBudget.DEFAULT_BYTES, 2);
  }

  /** Runs {@code graph} with its tasks dealt over the worker and the driver in turn. */
  static JobResult runSpread(String job, JobGraph graph, JobConfig config, Map<Integer, Address> placedOn) {
    Function<PlannedTask, ActorRef<TaskHost.Command>> assignment =
        RemoteJobs.roundRobin(List.of(nodes.workerHost, nodes.driverHost));
    ShellPlacement placement = RemoteJobs.reserve(nodes.driver, job, graph, assignment,
        TaskPlacement.local(new AtomicInteger()), nodes.driverHost, TIMEOUT).toCompletableFuture().join();
    placement.unused().forEach((task, shell) -> placedOn.put(task, shell.path().address()));
    JobResult result = RemoteJobs.run(nodes.driver, job, graph, config, placement).orTimeout(60, TimeUnit.SECONDS)
        .join();
    assertTrue(placement.unused().isEmpty(), "every reserved shell was started");
    return result;
  }

  @Test
  void aShuffledAggregateOverTwoNodesEqualsTheLocalRun() {
    CollectSink expected = new CollectSink();
    local.run(Plans.aggregate(40_000, 101, 2, 2, expected), config(500));
    CollectSink actual = new CollectSink();
    Map<Integer, Address> placedOn = new java.util.HashMap<>();
    JobResult result = runSpread("aggregate", Plans.aggregate(40_000, 101, 2, 2, actual), config(500), placedOn);

    assertEquals(PlanCodecTest.sortedRows(expected), PlanCodecTest.sortedRows(actual));
    assertEquals(101, PlanCodecTest.sortedRows(actual).size());
    assertEquals(40_000L, result.rowsOutByVertex().get(1));
    Address worker = Cluster.get(nodes.worker).selfMember().address();
    assertTrue(placedOn.containsValue(worker), "some tasks ran on the worker: " + placedOn);
    assertTrue(placedOn.values().stream().anyMatch(Address::hasLocalScope), "some on the driver: " + placedOn);
    nodes.awaitNoTasks(nodes.workerHost);
  }

  @Test
  void aBroadcastJoinOverTwoNodesEqualsTheLocalRun() {
    CollectSink expected = new CollectSink();
    local.run(Plans.join(2, expected), config(64));
    CollectSink actual = new CollectSink();
    runSpread("join", Plans.join(2, actual), config(64), new java.util.HashMap<>());
    assertFalse(PlanCodecTest.sortedRows(expected).isEmpty());
    assertEquals(PlanCodecTest.sortedRows(expected), PlanCodecTest.sortedRows(actual));
    nodes.awaitNoTasks(nodes.workerHost);
  }

  @Test
  void aRemoteTaskFailureFailsTheJobWithItsOwnType() {
    EvalContext ansi = new EvalContext(true, ZoneOffset.UTC, 0);
    var id = Plans.col(RangeSource.SCHEMA, 0);
    CalcSpec divide = CalcSpec.project(RangeSource.SCHEMA,
        List.of(Expressions.divide(id, Expressions.subtract(id, Plans.lit(500)))), List.of("q"));
    JobGraph graph = new JobGraph(
        List.of(new Vertex.SourceVertex(1, 2, new RangeSource(0, 1000, 1, 2)),
            new Vertex.OperatorVertex(2, 2, List.of(divide)),
            new Vertex.SinkVertex(3, 1, new CollectSink(), divide.outputSchema())),
        List.of(new Edge(1, 2, 0, new Exchange.RoundRobin()), new Edge(2, 3, 0, new Exchange.Gather())));
    JobConfig config = new JobConfig(ansi, 100, MemoryBudget.DEFAULT_BYTES, 2);
    CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
        () -> runSpread("divide", graph, config, new java.util.HashMap<>()));
    EmberArithmeticException error = assertInstanceOf(EmberArithmeticException.class, e.getCause());
    assertEquals("DIVIDE_BY_ZERO", error.errorClass());
    nodes.awaitNoTasks(nodes.workerHost);
  }

}
