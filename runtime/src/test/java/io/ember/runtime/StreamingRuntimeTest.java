package io.ember.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.core.errors.EmberArithmeticException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.expr.EvalContext;
import io.ember.operators.EventTimeTracker.EventTimeStats;
import io.ember.operators.OperatorSpec;
import io.ember.operators.memory.MemoryBudget;
import io.ember.runtime.StreamOperators.InterleavedUnionSpec;
import io.ember.runtime.StreamOperators.PassSpec;
import io.ember.runtime.StreamOperators.ProbeSpec;
import io.ember.runtime.StreamOperators.WatermarkSpec;
import io.ember.runtime.TestOperators.FailSpec;
import io.ember.runtime.TestOperators.SemiJoinSpec;
import io.ember.runtime.TestSources.ListSource;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Streaming jobs on the local runtime: epochs, alignment, watermarks, commit, stop and failure. */
@Timeout(60)
class StreamingRuntimeTest {
  private static final long WAIT_SECONDS = 30;
  private static LocalRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = LocalRuntime.start(4);
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  /** Records every report; optionally throws from the listener. */
  static final class Reports implements EpochListener {
    final List<EpochReport> reports = Collections.synchronizedList(new ArrayList<>());
    final List<String> threads = Collections.synchronizedList(new ArrayList<>());
    volatile RuntimeException failWith;

    @Override
    public void onEpochCommitted(EpochReport report) {
      threads.add(Thread.currentThread().getName());
      if (failWith != null) {
        throw failWith;
      }
      reports.add(report);
    }

    List<EpochReport> snapshot() {
      synchronized (reports) {
        return List.copyOf(reports);
      }
    }
  }

  static JobConfig config(int batchSize, int credits) {
    return new JobConfig(EvalContext.defaults(), batchSize, MemoryBudget.DEFAULT_BYTES, credits);
  }

  static StreamingSettings every(Duration interval, long firstEpoch) {
    return new StreamingSettings(interval, true, firstEpoch);
  }

  static Vertex source(int id, int p, io.ember.connectors.source.Source s) {
    return new Vertex.SourceVertex(id, p, s);
  }

  static Vertex op(int id, int p, OperatorSpec... chain) {
    return new Vertex.OperatorVertex(id, p, List.of(chain));
  }

  static Vertex sink(int id, int p, EpochSink s) {
    return new Vertex.SinkVertex(id, p, s, QueueSource.KVE);
  }

  static Edge edge(int from, int to, Exchange exchange) {
    return new Edge(from, to, 0, exchange);
  }

  static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  static List<Long> values(List<Row> rows) {
    return rows.stream().filter(r -> r.getInt(0) >= 0).map(r -> r.getLong(1)).sorted().collect(Collectors.toList());
  }

  static List<Long> range(long from, long to) {
    return LongStream.range(from, to).boxed().collect(Collectors.toList());
  }

  /** Every committed row was read in the epoch it is committed in. */
  static void assertRowsInTheirEpoch(EpochSink out) {
    out.committed().forEach((epoch, rows) -> {
      for (Row r : rows) {
        if (r.getInt(0) >= 0) {
          assertEquals(epoch, r.getLong(2), "row " + r + " committed in epoch " + epoch);
        }
      }
    });
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 4})
  void everyRowIsCommittedOnceInTheEpochItWasReadIn(int p) throws Exception {
    long first = p == 2 ? 7 : 0;
    QueueSource in = new QueueSource(p, 13, first);
    EpochSink out = new EpochSink();
    Reports reports = new Reports();
    JobGraph graph = new JobGraph(
        List.of(source(1, p, in), op(2, p, new PassSpec()), sink(3, p, out)),
        List.of(edge(1, 2, new Exchange.Hash(new int[] {0})), edge(2, 3, new Exchange.Forward())));
    in.addSpread(0, 3000);

    StreamingJob job = runtime.startStreaming(graph, Set.of(1), config(16, 2), every(Duration.ofMillis(1), first),
        reports);
    await(job.awaitAllAvailable());
    in.addSpread(3000, 2000);
    in.end();
    await(job.termination());

    assertEquals(range(0, 5000), values(out.allRows()));
    assertRowsInTheirEpoch(out);
    List<EpochReport> rs = reports.snapshot();
    assertTrue(rs.size() >= 2, "epochs: " + rs.size());
    for (int i = 0; i < rs.size(); i++) {
      assertEquals(first + i, rs.get(i).epoch());
    }
    assertEquals(out.commitOrder, rs.stream().map(EpochReport::epoch).collect(Collectors.toList()));
    assertEquals(5000, rs.stream().mapToLong(EpochReport::numInputRows).sum());
    assertEquals(5000, rs.stream().mapToLong(r -> r.rowsOutByVertex().getOrDefault(3, 0L)).sum());
    assertTrue(rs.get(rs.size() - 1).finalEpoch());
    assertEquals(p, rs.get(0).sourceOffsets().get(1).size());
    assertEquals(first + rs.size() - 1, job.lastCommittedEpoch());
    assertEquals((long) p * rs.size(), in.snapshots.get(), "one offset snapshot per reader and barrier");
    assertTrue(reports.threads.stream().allMatch(t -> t.startsWith("ember-commit-")), reports.threads.toString());
    assertEquals(0, runtime.liveTasks());
    assertEquals(p, in.closedReaders.get());
    assertEquals(p, out.closedWriters.get());
  }

  @Test
  void watermarkIsTheMinimumOverIdsAndOverInstances() throws Exception {
    QueueSource a = new QueueSource(2, 5, 0);
    QueueSource b = new QueueSource(1, 5, 0);
    EpochSink out = new EpochSink();
    Reports reports = new Reports();
    List<Long> heard = Collections.synchronizedList(new ArrayList<>());
    JobGraph graph = new JobGraph(
        List.of(source(1, 2, a), op(2, 2, new WatermarkSpec(1, 10)), source(3, 1, b), op(4, 1, new WatermarkSpec(2, 10)),
            op(5, 2, new ProbeSpec(true, heard)), sink(6, 2, out)),
        List.of(edge(1, 2, new Exchange.Forward()), edge(3, 4, new Exchange.Forward()),
            edge(2, 5, new Exchange.Hash(new int[] {0})), edge(4, 5, new Exchange.Hash(new int[] {0})),
            edge(5, 6, new Exchange.Forward())));
    // Each stage is one batch per reader, so every epoch sees a stage whole.
    StreamingJob job = runtime.startStreaming(graph, Set.of(1, 3), config(4096, 2), every(Duration.ZERO, 0),
        reports);
    await(job.awaitAllAvailable());
    assertEquals(List.of(), heard, "no event time, no watermark");

    a.add(0, 0, 1001); // id 1: instance 0 at 1000, instance 1 unseen (does not hold back); id 2 unseen
    await(job.awaitAllAvailable());
    a.add(1, 2000, 501); // id 1: instance 1 at 2500, but instance 0 is still at 1000
    await(job.awaitAllAvailable());
    b.add(0, 5000, 301); // id 2 at 5300: the minimum stays with id 1
    await(job.awaitAllAvailable());
    b.add(0, 100, 10); // older event times move nothing
    await(job.awaitAllAvailable());
    a.add(0, 9000, 1); // id 1: instance 0 at 9000, so instance 1's 2500 holds it
    await(job.awaitAllAvailable());
    a.add(1, 12000, 1); // id 1: min(9000, 12000); id 2 at 5300 now holds it back
    await(job.awaitAllAvailable());
    b.add(0, 20000, 1); // id 2 at 20000: id 1's 9000 rules
    await(job.awaitAllAvailable());
    job.stop();

    assertEquals(List.of(990L, 990L, 2490L, 2490L, 5290L, 5290L, 8990L, 8990L), heard.stream().sorted().toList());
    List<EpochReport> rs = reports.snapshot();
    assertEquals(Long.MIN_VALUE, rs.get(0).watermarkMicros());
    Map<Long, List<Row>> committed = out.committed();
    for (int i = 1; i < rs.size(); i++) {
      assertEquals(rs.get(i - 1).nextWatermarkMicros(), rs.get(i).watermarkMicros());
      assertTrue(rs.get(i).watermarkMicros() >= rs.get(i - 1).watermarkMicros());
    }
    for (EpochReport r : rs) {
      List<Long> markers = committed.getOrDefault(r.epoch(), List.of()).stream()
          .filter(row -> row.getInt(0) < 0).map(row -> row.getLong(1)).toList();
      if (r.epoch() > 0 && rs.get((int) r.epoch() - 1).nextWatermarkMicros() > rs.get((int) r.epoch() - 1).watermarkMicros()) {
        assertEquals(List.of(r.watermarkMicros(), r.watermarkMicros()), markers, "epoch " + r.epoch());
        assertEquals(0, r.numInputRows(), "a no-data epoch carries the watermark's output");
      } else {
        assertEquals(List.of(), markers, "epoch " + r.epoch());
      }
      assertEquals(2, r.stateMetrics().get(2).numRowsTotal(), "two tracker instances summed");
      assertEquals(1, r.stateMetrics().get(4).numRowsTotal());
    }
    EventTimeStats stats1 = rs.stream().map(r -> r.eventTime().get(1)).filter(x -> x != null)
        .reduce(EventTimeStats.EMPTY, EventTimeStats::merge);
    assertEquals(1504, stats1.count());
    assertEquals(0, stats1.minMicros());
    assertEquals(12000, stats1.maxMicros());
    assertRowsInTheirEpoch(out);
    assertEquals(0, runtime.liveTasks());
  }

  @Test
  void aWatermarkAdvanceCutsANoDataEpochOnlyWithAStatefulOperator() throws Exception {
    QueueSource in = new QueueSource(1, 5, 0);
    EpochSink out = new EpochSink();
    Reports reports = new Reports();
    List<Long> heard = Collections.synchronizedList(new ArrayList<>());
    JobGraph graph = new JobGraph(
        List.of(source(1, 1, in), op(2, 1, new WatermarkSpec(1, 0), new ProbeSpec(false, heard)), sink(3, 1, out)),
        List.of(edge(1, 2, new Exchange.Forward()), edge(2, 3, new Exchange.Forward())));
    StreamingJob job = runtime.startStreaming(graph, Set.of(1), config(4096, 2), every(Duration.ZERO, 0),
        reports);

    in.add(0, 0, 100);
    await(job.awaitAllAvailable());
    long epochs = job.lastCommittedEpoch() + 1;
    assertEquals(List.of(99L), heard);
    CompletableFuture<Void> t = job.termination();
    assertThrows(java.util.concurrent.TimeoutException.class, () -> t.get(100, TimeUnit.MILLISECONDS));
    assertEquals(epochs, job.lastCommittedEpoch() + 1, "no epoch without data");
    assertTrue(reports.snapshot().stream().allMatch(r -> r.numInputRows() > 0));
    job.stop();
    assertEquals(List.of(), out.aborted);
  }

  @Test
  void awaitAllAvailableCutsAtOnceAndAnIdleJobCutsNothing() throws Exception {
    QueueSource in = new QueueSource(2, 5, 0);
    EpochSink out = new EpochSink();
    Reports reports = new Reports();
    JobGraph graph = new JobGraph(List.of(source(1, 2, in), sink(2, 2, out)),
        List.of(edge(1, 2, new Exchange.Forward())));
    StreamingJob job = runtime.startStreaming(graph, Set.of(1), config(64, 2), every(Duration.ofHours(1), 0),
        reports);

    await(job.awaitAllAvailable());
    assertEquals(-1, job.lastCommittedEpoch(), "nothing available, nothing cut");
    in.addSpread(0, 500);
    await(job.awaitAllAvailable());
    assertEquals(range(0, 500), values(out.allRows()));
    long committed = job.lastCommittedEpoch();
    assertTrue(committed >= 0);
    in.addSpread(500, 10);
    await(job.awaitAllAvailable()); // the hour-long interval does not hold a waited-for epoch back
    assertEquals(range(0, 510), values(out.allRows()));
    assertEquals(committed + 1, job.lastCommittedEpoch());
    job.stop();
    assertEquals(committed + 1, reports.snapshot().size() - 1);
  }

  @Test
  void awaitAllAvailableCutsEpochsUntilInputHeldBackForLaterEpochsIsCommitted() throws Exception {
    QueueSource in = new QueueSource(2, 5, 0).perEpochLimit(10);
    EpochSink out = new EpochSink();
    Reports reports = new Reports();
    JobGraph graph = new JobGraph(List.of(source(1, 2, in), sink(2, 2, out)),
        List.of(edge(1, 2, new Exchange.Forward())));
    StreamingJob job = runtime.startStreaming(graph, Set.of(1), config(4, 2), every(Duration.ofHours(1), 0), reports);

    in.add(0, 0, 35);
    in.add(1, 100, 12);
    await(job.awaitAllAvailable());
    List<Long> expected = new ArrayList<>(range(0, 35));
    expected.addAll(range(100, 112));
    assertEquals(expected, values(out.allRows()), "everything held back was committed before the await completed");
    long first = job.lastCommittedEpoch();
    assertTrue(first >= 3, "35 rows of partition 0 need four epochs of at most ten, got " + (first + 1));
    assertRowsInTheirEpoch(out);
    assertAtMostTenPerPartitionAndEpoch(out);

    in.add(0, 35, 25);
    await(job.awaitAllAvailable());
    expected.addAll(range(35, 60));
    Collections.sort(expected);
    assertEquals(expected, values(out.allRows()));
    assertTrue(job.lastCommittedEpoch() >= first + 3, "25 more rows need three more epochs");
    assertRowsInTheirEpoch(out);
    assertAtMostTenPerPartitionAndEpoch(out);
    job.stop();
    assertEquals(List.of(), out.aborted);
  }

  private static void assertAtMostTenPerPartitionAndEpoch(EpochSink out) {
    out.committed().forEach((epoch, rows) -> {
      long first = rows.stream().filter(r -> r.getLong(1) < 100).count();
      assertTrue(first <= 10 && rows.size() - first <= 10, "epoch " + epoch + ": " + rows);
    });
  }

  @Test
  void idleStreamCutsNoEpochs() throws Exception {
    QueueSource in = new QueueSource(1, 5, 0);
    Reports reports = new Reports();
    StreamingJob job = runtime.startStreaming(
        new JobGraph(List.of(source(1, 1, in), sink(2, 1, new EpochSink())), List.of(edge(1, 2, new Exchange.Forward()))),
        Set.of(1), config(64, 2), every(Duration.ofMillis(1), 3), reports);
    CompletableFuture<Void> t = job.termination();
    assertThrows(java.util.concurrent.TimeoutException.class, () -> t.get(200, TimeUnit.MILLISECONDS));
    assertEquals(2, job.lastCommittedEpoch());
    assertEquals(List.of(), reports.snapshot());
    job.stop();
    await(t);
    job.stop(); // a second stop does nothing
  }

  @Test
  void stopEndsTheTasksAndAbortsTheUncommittedEpoch() throws Exception {
    // The static side never ends, so the stream side's barrier waits behind it and epoch 0 never commits.
    QueueSource never = new QueueSource(1, 5, 0);
    QueueSource stream = new QueueSource(1, 5, 0);
    EpochSink out = new EpochSink();
    JobGraph graph = new JobGraph(
        List.of(source(1, 1, never), source(2, 1, stream), op(3, 1, new SemiJoinSpec(new AtomicBoolean())),
            sink(4, 1, out)),
        List.of(new Edge(1, 3, 0, new Exchange.Forward()), new Edge(2, 3, 1, new Exchange.Forward()),
            edge(3, 4, new Exchange.Forward())));
    stream.add(0, 0, 10);
    StreamingJob job = runtime.startStreaming(graph, Set.of(2), config(64, 2), every(Duration.ZERO, 0), new Reports());
    assertEquals(0L, await(stream.firstBarrier));
    CompletableFuture<Void> waiting = job.awaitAllAvailable();
    assertThrows(java.util.concurrent.TimeoutException.class, () -> waiting.get(100, TimeUnit.MILLISECONDS));

    job.stop();

    assertTrue(job.termination().isDone());
    await(job.termination());
    await(waiting);
    assertEquals(0, runtime.liveTasks());
    assertEquals(List.of(0L), out.aborted);
    assertEquals(List.of(), out.commitOrder);
    assertEquals(-1, job.lastCommittedEpoch());
  }

  @Test
  void withoutRecoveryAFailingOperatorFailsTheJobWithItsErrorAfterStoppingEveryTask() throws Exception {
    QueueSource in = new QueueSource(2, 5, 0);
    EpochSink out = new EpochSink();
    AtomicInteger closes = new AtomicInteger();
    FailSpec failing = new FailSpec(3,
        () -> new EmberArithmeticException("DIVIDE_BY_ZERO", "Division by zero."), closes);
    JobGraph graph = new JobGraph(
        List.of(source(1, 2, in), op(2, 2, failing), sink(3, 1, out)),
        List.of(edge(1, 2, new Exchange.Hash(new int[] {0})), edge(2, 3, new Exchange.Gather())));
    StreamingJob job = runtime.startStreaming(graph, Set.of(1), config(8, 2),
        new StreamingSettings(Duration.ofMillis(1), true, 0, null, 0), new Reports());
    in.addSpread(0, 1000);

    ExecutionException e = assertThrows(ExecutionException.class,
        () -> job.termination().get(WAIT_SECONDS, TimeUnit.SECONDS));
    assertInstanceOf(EmberArithmeticException.class, e.getCause());
    assertEquals(0, runtime.liveTasks());
    assertEquals(2, closes.get());
    assertThrows(ExecutionException.class, () -> job.awaitAllAvailable().get(WAIT_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void aListenerErrorFailsTheJob() throws Exception {
    QueueSource in = new QueueSource(1, 5, 0);
    Reports reports = new Reports();
    EmberRuntimeException boom = new EmberRuntimeException("LISTENER_FAILED", "boom");
    reports.failWith = boom;
    StreamingJob job = runtime.startStreaming(
        new JobGraph(List.of(source(1, 1, in), sink(2, 1, new EpochSink())), List.of(edge(1, 2, new Exchange.Forward()))),
        Set.of(1), config(64, 2), every(Duration.ZERO, 0), reports);
    in.add(0, 0, 5);

    ExecutionException e = assertThrows(ExecutionException.class,
        () -> job.termination().get(WAIT_SECONDS, TimeUnit.SECONDS));
    assertSame(boom, e.getCause());
    assertEquals(0, runtime.liveTasks());
  }

  @Test
  void aSinkCommitErrorFailsTheJobAndAbortsTheEpoch() throws Exception {
    QueueSource in = new QueueSource(1, 5, 0);
    EpochSink out = new EpochSink();
    EmberRuntimeException boom = new EmberRuntimeException("COMMIT_FAILED", "disk full");
    out.failCommit = boom;
    Reports reports = new Reports();
    StreamingJob job = runtime.startStreaming(
        new JobGraph(List.of(source(1, 1, in), sink(2, 1, out)), List.of(edge(1, 2, new Exchange.Forward()))),
        Set.of(1), config(64, 2), every(Duration.ZERO, 0), reports);
    in.add(0, 0, 5);

    ExecutionException e = assertThrows(ExecutionException.class,
        () -> job.termination().get(WAIT_SECONDS, TimeUnit.SECONDS));
    assertSame(boom, e.getCause());
    assertEquals(List.of(0L), out.aborted);
    assertEquals(List.of(), reports.snapshot());
    assertEquals(0, runtime.liveTasks());
  }

  @Test
  void boundedStreamsEndWithAFinalEpochAndOnlyThatOneWithoutTheClock() throws Exception {
    QueueSource in = new QueueSource(2, 5, 0);
    EpochSink out = new EpochSink();
    Reports reports = new Reports();
    in.addSpread(0, 700);
    in.end();
    StreamingJob job = runtime.startStreaming(
        new JobGraph(List.of(source(1, 2, in), op(2, 2, new PassSpec()), sink(3, 1, out)),
            List.of(edge(1, 2, new Exchange.Forward()), edge(2, 3, new Exchange.Gather()))),
        Set.of(1), config(16, 2), new StreamingSettings(Duration.ZERO, false, 0), reports);

    await(job.termination());

    List<EpochReport> rs = reports.snapshot();
    assertEquals(1, rs.size());
    assertTrue(rs.get(0).finalEpoch());
    assertEquals(700, rs.get(0).numInputRows());
    assertEquals(Map.of(1, 700L), rs.get(0).inputRowsBySource());
    assertEquals(range(0, 700), values(out.committed().get(0L)));
    assertEquals(0, job.lastCommittedEpoch());
    await(job.awaitAllAvailable());
  }

  @Test
  void aStaticSideIsReadOnceAsInABatchJob() throws Exception {
    ListSource statics = new ListSource(2, 2, 5, 100, 0); // keys 0..19
    QueueSource stream = new QueueSource(2, 50, 0);
    EpochSink out = new EpochSink();
    AtomicBoolean probedEarly = new AtomicBoolean();
    JobGraph graph = new JobGraph(
        List.of(source(1, 2, statics), source(2, 2, stream), op(3, 2, new SemiJoinSpec(probedEarly)), sink(4, 2, out)),
        List.of(new Edge(1, 3, 0, new Exchange.Broadcast()), new Edge(2, 3, 1, new Exchange.Hash(new int[] {0})),
            edge(3, 4, new Exchange.Forward())));
    StreamingJob job = runtime.startStreaming(graph, Set.of(2), config(16, 2), every(Duration.ofMillis(1), 0),
        new Reports());
    stream.addSpread(0, 200);
    await(job.awaitAllAvailable());
    stream.addSpread(200, 100);
    stream.end();
    await(job.termination());

    List<Long> expected = range(0, 300).stream().filter(v -> v % 50 < 20).toList();
    assertEquals(expected, values(out.allRows()));
    assertFalse(probedEarly.get());
    assertRowsInTheirEpoch(out);
    assertEquals(2, statics.closedReaders.get());
  }

  @Test
  void anInterleavedOperatorReadsTwoStreamsAtOnce() throws Exception {
    QueueSource left = new QueueSource(1, 7, 0);
    QueueSource right = new QueueSource(2, 7, 0);
    EpochSink out = new EpochSink();
    JobGraph graph = new JobGraph(
        List.of(source(1, 1, left), source(2, 2, right), op(3, 2, new InterleavedUnionSpec()), sink(4, 1, out)),
        List.of(new Edge(1, 3, 0, new Exchange.Hash(new int[] {0})), new Edge(2, 3, 1, new Exchange.Hash(new int[] {0})),
            edge(3, 4, new Exchange.Gather())));
    StreamingJob job = runtime.startStreaming(graph, Set.of(1, 2), config(16, 2), every(Duration.ofMillis(1), 0),
        new Reports());
    left.add(0, 0, 300);
    right.addSpread(1000, 300);
    await(job.awaitAllAvailable());
    Set<Long> expected = new HashSet<>(range(0, 300));
    expected.addAll(range(1000, 1300));
    assertEquals(expected.stream().sorted().toList(), values(out.allRows()));
    right.addSpread(2000, 50);
    await(job.awaitAllAvailable());
    assertEquals(650, out.allRows().size());
    assertRowsInTheirEpoch(out);
    job.stop();
    assertEquals(0, runtime.liveTasks());
  }

  @Test
  void anInvalidStreamingGraphFailsAtStart() {
    QueueSource in = new QueueSource(1, 5, 0);
    JobGraph graph = new JobGraph(List.of(source(1, 1, in), sink(2, 1, new EpochSink())),
        List.of(edge(1, 2, new Exchange.Forward())));
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class,
        () -> runtime.startStreaming(graph, Set.of(2), config(64, 2), every(Duration.ZERO, 0), new Reports()));
    assertEquals("INVALID_JOB_GRAPH", e.errorClass());
  }
}
