package io.ember.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.sink.Sink;
import io.ember.connectors.source.Source;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberArithmeticException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.expr.EvalContext;
import io.ember.core.types.StructType;
import io.ember.operators.OperatorSpec;
import io.ember.operators.memory.MemoryBudget;
import io.ember.runtime.TestOperators.AddSpec;
import io.ember.runtime.TestOperators.FailSpec;
import io.ember.runtime.TestOperators.SemiJoinSpec;
import io.ember.runtime.TestOperators.TagSpec;
import io.ember.runtime.TestSources.ListSource;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A deadlock in the runtime fails a test after {@code @Timeout} instead of hanging the build. */
@Timeout(60)
class LocalRuntimeTest {
  private static LocalRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = LocalRuntime.start(4);
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  static JobConfig config(int credits) {
    return new JobConfig(EvalContext.defaults(), 1024, MemoryBudget.DEFAULT_BYTES, credits);
  }

  static Vertex source(int id, int p, Source s) {
    return new Vertex.SourceVertex(id, p, s);
  }

  static Vertex op(int id, int p, OperatorSpec... chain) {
    return new Vertex.OperatorVertex(id, p, List.of(chain));
  }

  static Vertex sink(int id, int p, Sink s, StructType schema) {
    return new Vertex.SinkVertex(id, p, s, schema);
  }

  static Edge edge(int from, int to, Exchange exchange) {
    return new Edge(from, to, 0, exchange);
  }

  static List<Row> sorted(List<Row> rows) {
    List<Row> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(Row::toString));
    return out;
  }

  static List<Row> plus(List<Row> rows, long addend) {
    return rows.stream().map(r -> Row.of(r.get(0), r.getLong(1) + addend)).collect(Collectors.toList());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void sourceOperatorSinkPipelineDeliversEveryRowOnce(int p) {
    ListSource src = new ListSource(6, 5, 10, 7, 0);
    TestSink out = new TestSink();
    JobGraph graph = new JobGraph(
        List.of(source(1, p, src), op(2, p, new AddSpec(100), new AddSpec(1)), sink(3, p, out, TestSources.KV)),
        List.of(edge(1, 2, new Exchange.Forward()), edge(2, 3, new Exchange.Forward())));

    JobResult result = runtime.run(graph, config(2));

    assertEquals(sorted(plus(src.allRows(), 101)), sorted(out.committed));
    assertEquals(Map.of(1, 300L, 2, 300L, 3, 300L), result.rowsOutByVertex());
    assertEquals(1, out.setups.get());
    assertEquals(1, out.commits.get());
    assertEquals(0, out.aborts.get());
    assertEquals(p, out.closedWriters.get());
    assertEquals(0, out.writerAborts.get());
    assertEquals(p, src.closedReaders.get());
    assertTrue(result.durationNanos() > 0);
  }

  @Test
  void hashExchangeRoutesEqualKeysToOneTask() {
    ListSource src = new ListSource(5, 4, 25, 13, 0);
    TestSink out = new TestSink();
    JobGraph graph = new JobGraph(
        List.of(source(1, 3, src), op(2, 4, new TagSpec()), sink(3, 1, out, TestOperators.TAGGED)),
        List.of(edge(1, 2, new Exchange.Hash(new int[] {0})), edge(2, 3, new Exchange.Gather())));

    runtime.run(graph, config(2));

    assertEquals(500, out.committed.size());
    Map<Integer, Set<Integer>> tasksByKey = out.committed.stream()
        .collect(Collectors.groupingBy(r -> r.getInt(0), Collectors.mapping(r -> r.getInt(2), Collectors.toSet())));
    assertEquals(13, tasksByKey.size());
    tasksByKey.forEach((key, tasks) -> assertEquals(1, tasks.size(), "key " + key + " went to tasks " + tasks));
    assertTrue(tasksByKey.values().stream().flatMap(Set::stream).distinct().count() > 1, "all keys in one task");
  }

  @Test
  void broadcastSendsEveryRowToEveryTask() {
    ListSource src = new ListSource(2, 3, 5, 100, 0);
    TestSink out = new TestSink();
    JobGraph graph = new JobGraph(
        List.of(source(1, 2, src), op(2, 3, new TagSpec()), sink(3, 1, out, TestOperators.TAGGED)),
        List.of(edge(1, 2, new Exchange.Broadcast()), edge(2, 3, new Exchange.Gather())));

    runtime.run(graph, config(2));

    List<Row> expected = new ArrayList<>();
    for (Row r : src.allRows()) {
      for (int task = 0; task < 3; task++) {
        expected.add(Row.of(r.get(0), r.get(1), task));
      }
    }
    assertEquals(sorted(expected), sorted(out.committed));
  }

  @Test
  void roundRobinDealsBatchesEvenlyAndGatherCollectsThem() {
    ListSource src = new ListSource(1, 9, 4, 100, 0);
    TestSink out = new TestSink();
    JobGraph graph = new JobGraph(
        List.of(source(1, 1, src), op(2, 3, new TagSpec()), sink(3, 1, out, TestOperators.TAGGED)),
        List.of(edge(1, 2, new Exchange.RoundRobin()), edge(2, 3, new Exchange.Gather())));

    JobResult result = runtime.run(graph, config(1));

    Map<Integer, Long> rowsPerTask = out.committed.stream()
        .collect(Collectors.groupingBy(r -> r.getInt(2), Collectors.counting()));
    assertEquals(Map.of(0, 12L, 1, 12L, 2, 12L), rowsPerTask);
    assertEquals(36L, result.rowsOutByVertex().get(3));
  }

  @Test
  void twoEdgesIntoOneInputAreAUnion() {
    ListSource left = new ListSource(2, 2, 3, 5, 0);
    ListSource right = new ListSource(3, 1, 4, 5, 1);
    TestSink out = new TestSink();
    JobGraph graph = new JobGraph(
        List.of(source(1, 2, left), source(2, 3, right), op(3, 2, new AddSpec(0)), sink(4, 1, out, TestSources.KV)),
        List.of(edge(1, 3, new Exchange.Forward()), edge(2, 3, new Exchange.RoundRobin()),
            edge(3, 4, new Exchange.Gather())));

    JobResult result = runtime.run(graph, config(2));

    List<Row> expected = new ArrayList<>(left.allRows());
    expected.addAll(right.allRows());
    assertEquals(sorted(expected), sorted(out.committed));
    assertEquals(24L, result.rowsOutByVertex().get(3));
  }

  @Test
  void twoInputOperatorSeesTheWholeBuildSideBeforeAnyProbeBatch() {
    ListSource build = new ListSource(2, 3, 4, 50, 3);
    ListSource probe = new ListSource(4, 20, 10, 100, 0);
    AtomicBoolean probedEarly = new AtomicBoolean();
    TestSink out = new TestSink();
    JobGraph graph = new JobGraph(
        List.of(source(1, 2, build), source(2, 4, probe), op(3, 2, new SemiJoinSpec(probedEarly)),
            sink(4, 2, out, TestSources.KV)),
        List.of(new Edge(1, 3, 0, new Exchange.Hash(new int[] {0})), new Edge(2, 3, 1, new Exchange.Hash(new int[] {0})),
            edge(3, 4, new Exchange.Forward())));

    runtime.run(graph, config(2));

    assertFalse(probedEarly.get());
    Set<Integer> builtKeys = build.allRows().stream().map(r -> r.getInt(0)).collect(Collectors.toSet());
    List<Row> expected = probe.allRows().stream().filter(r -> builtKeys.contains(r.getInt(0))).toList();
    assertEquals(sorted(expected), sorted(out.committed));
  }

  @Test
  void selfJoinFedByOneSourceOnBothInputsDoesNotDeadlock() {
    ListSource both = new ListSource(2, 30, 5, 20, 0);
    AtomicBoolean probedEarly = new AtomicBoolean();
    TestSink out = new TestSink();
    JobGraph graph = new JobGraph(
        List.of(source(1, 2, both), op(2, 2, new SemiJoinSpec(probedEarly)), sink(3, 1, out, TestSources.KV)),
        List.of(new Edge(1, 2, 0, new Exchange.Hash(new int[] {0})), new Edge(1, 2, 1, new Exchange.Hash(new int[] {0})),
            edge(2, 3, new Exchange.Gather())));

    runtime.run(graph, config(1));

    assertFalse(probedEarly.get());
    assertEquals(sorted(both.allRows()), sorted(out.committed));
  }

  @Test
  void fastSourceIntoSlowSinkKeepsInFlightBatchesBounded() {
    int credits = 2;
    ListSource src = new ListSource(1, 150, 8, 10, 0);
    TestSink out = new TestSink(1, src.inFlight);
    JobGraph graph = new JobGraph(
        List.of(source(1, 1, src), sink(2, 1, out, TestSources.KV)),
        List.of(edge(1, 2, new Exchange.RoundRobin())));

    runtime.run(graph, config(credits));

    assertEquals(1200, out.committed.size());
    assertTrue(out.maxInFlight.get() <= credits + 1, "in flight: " + out.maxInFlight.get());
    assertTrue(out.maxInFlight.get() >= 1);
  }

  @Test
  void backPressureCrossesAnOperatorTask() {
    int credits = 2;
    ListSource src = new ListSource(1, 150, 8, 10, 0);
    TestSink out = new TestSink(1, src.inFlight);
    JobGraph graph = new JobGraph(
        List.of(source(1, 1, src), op(2, 1, new AddSpec(0)), sink(3, 1, out, TestSources.KV)),
        List.of(edge(1, 2, new Exchange.RoundRobin()), edge(2, 3, new Exchange.Hash(new int[] {1}))));

    runtime.run(graph, config(credits));

    assertEquals(1200, out.committed.size());
    assertTrue(out.maxInFlight.get() <= 2 * (credits + 1), "in flight: " + out.maxInFlight.get());
  }

  @Test
  void throwingOperatorFailsTheJobWithItsOwnExceptionAndStopsEveryTask() {
    ListSource src = new ListSource(4, 50, 10, 7, 0);
    TestSink out = new TestSink();
    AtomicInteger closes = new AtomicInteger();
    FailSpec fail = new FailSpec(3,
        () -> new EmberArithmeticException("DIVIDE_BY_ZERO", "Division by zero. Use `try_divide` to tolerate it."),
        closes);
    JobGraph graph = new JobGraph(
        List.of(source(1, 2, src), op(2, 2, fail), sink(3, 2, out, TestSources.KV)),
        List.of(edge(1, 2, new Exchange.Hash(new int[] {0})), edge(2, 3, new Exchange.Forward())));

    EmberArithmeticException e = assertThrows(EmberArithmeticException.class, () -> runtime.run(graph, config(2)));

    assertEquals("[DIVIDE_BY_ZERO] Division by zero. Use `try_divide` to tolerate it.", e.getMessage());
    assertEquals(0, runtime.liveTasks());
    assertEquals(2, closes.get());
    assertEquals(2, src.closedReaders.get());
    assertEquals(2, out.closedWriters.get());
    assertEquals(1, out.aborts.get());
    assertEquals(0, out.commits.get());
    assertTrue(out.committed.isEmpty());
  }

  @Test
  void nonEmberErrorIsWrappedNamingTheTask() {
    ListSource src = new ListSource(1, 3, 10, 7, 0);
    AtomicInteger closes = new AtomicInteger();
    IllegalStateException boom = new IllegalStateException("boom");
    JobGraph graph = new JobGraph(
        List.of(source(1, 1, src), op(2, 1, new FailSpec(1, () -> boom, closes)), sink(3, 1, new TestSink(), TestSources.KV)),
        List.of(edge(1, 2, new Exchange.Forward()), edge(2, 3, new Exchange.Forward())));

    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> runtime.run(graph, config(2)));

    assertEquals("TASK_FAILED", e.errorClass());
    assertEquals("[TASK_FAILED] Task v1+v2+v3[0] failed: java.lang.IllegalStateException: boom", e.getMessage());
    assertSame(boom, e.getCause());
    assertEquals(0, runtime.liveTasks());
  }

  @Test
  void failingReaderFailsTheJobAndTheRuntimeRunsTheNextJob() {
    ListSource broken = new ListSource(2, 3, 10, 7, 0);
    broken.failOnPoll = new EmberRuntimeException("FILE_READ_ERROR", "Cannot read /data/x.csv");
    TestSink out1 = new TestSink();
    JobGraph failing = new JobGraph(
        List.of(source(1, 2, broken), sink(2, 1, out1, TestSources.KV)), List.of(edge(1, 2, new Exchange.Gather())));

    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> runtime.run(failing, config(2)));
    assertEquals("[FILE_READ_ERROR] Cannot read /data/x.csv", e.getMessage());
    assertEquals(0, runtime.liveTasks());
    assertEquals(1, out1.aborts.get());

    ListSource src = new ListSource(2, 3, 10, 7, 0);
    TestSink out2 = new TestSink();
    runtime.run(new JobGraph(List.of(source(1, 2, src), sink(2, 1, out2, TestSources.KV)),
        List.of(edge(1, 2, new Exchange.Gather()))), config(2));
    assertEquals(sorted(src.allRows()), sorted(out2.committed));
  }

  @Test
  void sinkSetupErrorFailsBeforeAnyTaskStarts() {
    ListSource src = new ListSource(1, 1, 1, 1, 0);
    TestSink out = new TestSink() {
      @Override
      public void setup(StructType schema) {
        throw new io.ember.core.errors.AnalysisException("PATH_ALREADY_EXISTS", "Path /out already exists.");
      }
    };
    JobGraph graph = new JobGraph(List.of(source(1, 1, src), sink(2, 1, out, TestSources.KV)),
        List.of(edge(1, 2, new Exchange.Forward())));

    var e = assertThrows(io.ember.core.errors.AnalysisException.class, () -> runtime.run(graph, config(2)));
    assertTrue(e.getMessage().contains("Path /out already exists."), e.getMessage());
    assertEquals(0, src.createdReaders.get());
  }

  @Test
  void closeStopsEveryThreadAndLaterRunsAreRejected() throws Exception {
    Set<Thread> before = nonDaemonThreads();
    LocalRuntime local = LocalRuntime.start(2);
    ListSource src = new ListSource(2, 2, 5, 3, 0);
    TestSink out = new TestSink();
    JobGraph graph = new JobGraph(List.of(source(1, 2, src), sink(2, 2, out, TestSources.KV)),
        List.of(edge(1, 2, new Exchange.Forward())));
    local.run(graph, config(2));
    assertEquals(20, out.committed.size());

    local.close();

    Set<Thread> after = nonDaemonThreads();
    after.removeAll(before);
    assertEquals(Set.of(), after);
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> local.run(graph, config(2)));
    assertEquals("RUNTIME_CLOSED", e.errorClass());
    local.close();
  }

  @Test
  void closeCancelsARunningJobAndClosesItsReaders() throws Exception {
    LocalRuntime local = LocalRuntime.start(2);
    ListSource endless = new ListSource(2, 1, 1, 1, Integer.MAX_VALUE);
    TestSink out = new TestSink();
    JobGraph graph = new JobGraph(List.of(source(1, 2, endless), sink(2, 1, out, TestSources.KV)),
        List.of(edge(1, 2, new Exchange.Gather())));
    java.util.concurrent.CompletableFuture<Throwable> failure = new java.util.concurrent.CompletableFuture<>();
    Thread caller = new Thread(() -> {
      try {
        local.run(graph, config(2));
        failure.complete(null);
      } catch (Throwable t) {
        failure.complete(t);
      }
    });
    caller.start();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (endless.createdReaders.get() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(2, endless.createdReaders.get(), "both readers run before the runtime closes");

    local.close();

    Throwable t = failure.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertTrue(t instanceof EmberRuntimeException, String.valueOf(t));
    assertEquals("RUNTIME_CLOSED", ((EmberRuntimeException) t).errorClass());
    assertEquals(2, endless.closedReaders.get());
    assertEquals(0, local.liveTasks());
    assertEquals(1, out.aborts.get());
    assertEquals(0, out.commits.get());
  }

  private static Set<Thread> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !t.isDaemon())
        .collect(Collectors.toCollection(java.util.HashSet::new));
  }

  @Test
  void rowsPerVertexCountEveryVertexOfTheJob() {
    ListSource src = new ListSource(3, 2, 10, 4, 0);
    TestSink out = new TestSink();
    JobGraph graph = new JobGraph(
        List.of(source(1, 3, src), op(2, 2, new AddSpec(1)), sink(3, 2, out, TestSources.KV)),
        List.of(edge(1, 2, new Exchange.Hash(new int[] {0})), edge(2, 3, new Exchange.Forward())));

    JobResult result = runtime.run(graph, config(3));

    Map<Integer, Long> expected = new HashMap<>();
    expected.put(1, 60L);
    expected.put(2, 60L);
    expected.put(3, 60L);
    assertEquals(expected, result.rowsOutByVertex());
  }
}
