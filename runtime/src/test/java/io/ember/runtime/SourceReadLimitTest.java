package io.ember.runtime;

import static io.ember.runtime.StreamingRuntimeTest.assertRowsInTheirEpoch;
import static io.ember.runtime.StreamingRuntimeTest.await;
import static io.ember.runtime.StreamingRuntimeTest.config;
import static io.ember.runtime.StreamingRuntimeTest.edge;
import static io.ember.runtime.StreamingRuntimeTest.op;
import static io.ember.runtime.StreamingRuntimeTest.range;
import static io.ember.runtime.StreamingRuntimeTest.sink;
import static io.ember.runtime.StreamingRuntimeTest.source;
import static io.ember.runtime.StreamingRuntimeTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.source.ForwardingSourceReader;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Row;
import io.ember.core.types.StructType;
import io.ember.runtime.StreamOperators.PassSpec;
import io.ember.runtime.StreamOperators.WatermarkSpec;
import io.ember.runtime.StreamingRuntimeTest.Reports;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A streaming source task reads a backlog in epochs of bounded size ({@link SourceReadLimit}): the limits force the
 * cuts, so every assertion holds however fast the machine is.
 */
@Timeout(60)
class SourceReadLimitTest {
  private static LocalRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = LocalRuntime.start(2);
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  /** Cuts as soon as the epoch before committed, at most {@code maxRows} rows per source task and epoch. */
  private static StreamingSettings limited(long maxRows) {
    return new StreamingSettings(Duration.ZERO, true, 0, null, StreamingSettings.DEFAULT_MAX_TASK_FAILURES,
        Duration.ZERO, true, maxRows);
  }

  @Test
  void aBacklogIsReadInEpochsOfAtMostTheLimitAndTheWatermarkAdvancesBetweenThem() throws Exception {
    QueueSource in = new QueueSource(2, 5, 0);
    in.add(0, 0, 300);
    in.add(1, 1000, 300);
    in.end(); // a bounded backlog, as a source's AvailableNow view: everything is there before the job starts
    EpochSink out = new EpochSink();
    Reports reports = new Reports();
    JobGraph graph = new JobGraph(List.of(source(1, 2, in), op(2, 2, new WatermarkSpec(1, 0)), sink(3, 2, out)),
        List.of(edge(1, 2, new Exchange.Forward()), edge(2, 3, new Exchange.Forward())));

    StreamingJob job = runtime.startStreaming(graph, Set.of(1), config(10, 4), limited(30), reports);
    await(job.termination());

    List<Long> expected = new java.util.ArrayList<>(range(0, 300));
    expected.addAll(range(1000, 1300));
    assertEquals(expected, values(out.allRows()), "every row once");
    assertRowsInTheirEpoch(out);
    out.committed().forEach((epoch, rows) -> {
      long low = rows.stream().filter(r -> r.getInt(0) >= 0 && r.getLong(1) < 1000).count();
      long high = rows.stream().filter(r -> r.getInt(0) >= 0 && r.getLong(1) >= 1000).count();
      assertTrue(low <= 30 && high <= 30, "epoch " + epoch + " read " + low + " and " + high + " rows");
    });
    List<EpochReport> rs = reports.snapshot();
    assertTrue(rs.stream().filter(r -> r.numInputRows() > 0).count() >= 10,
        "300 rows per task at most 30 per epoch need ten epochs, got " + rs.size());
    TreeSet<Long> watermarks = new TreeSet<>();
    for (int i = 1; i < rs.size(); i++) {
      assertTrue(rs.get(i).watermarkMicros() >= rs.get(i - 1).watermarkMicros());
      watermarks.add(rs.get(i).watermarkMicros());
    }
    assertTrue(watermarks.size() >= 9, "the watermark moves with every epoch of the backlog: " + watermarks);
    assertEquals(0, runtime.liveTasks());
  }

  @Test
  void aTaskReadsForAtMostTwiceTheEpochIntervalBetweenBarriers() throws Exception {
    QueueSource queue = new QueueSource(1, 5, 0);
    queue.add(0, 0, 80);
    queue.end();
    // every poll of this reader takes longer than twice the 1 ms interval: each epoch gets one batch
    Source slow = new SlowSource(queue, Duration.ofMillis(3));
    EpochSink out = new EpochSink();
    Reports reports = new Reports();
    JobGraph graph = new JobGraph(List.of(source(1, 1, slow), op(2, 1, new PassSpec()), sink(3, 1, out)),
        List.of(edge(1, 2, new Exchange.Forward()), edge(2, 3, new Exchange.Forward())));

    StreamingJob job = runtime.startStreaming(graph, Set.of(1), config(10, 4),
        new StreamingSettings(Duration.ofMillis(1), true, 0), reports);
    await(job.termination());

    assertEquals(range(0, 80), values(out.allRows()));
    assertRowsInTheirEpoch(out);
    out.committed().forEach((epoch, rows) -> assertTrue(rows.size() <= 10, "epoch " + epoch + ": " + rows.size()));
    assertTrue(reports.snapshot().stream().filter(r -> r.numInputRows() > 0).count() >= 8);
  }

  @Test
  void withoutTheClockTheLimitIsIgnoredAndTheJobHasOneEpoch() throws Exception {
    QueueSource in = new QueueSource(2, 5, 0);
    in.addSpread(0, 400);
    in.end();
    EpochSink out = new EpochSink();
    Reports reports = new Reports();
    StreamingSettings once = new StreamingSettings(Duration.ZERO, false, 0, null,
        StreamingSettings.DEFAULT_MAX_TASK_FAILURES, Duration.ZERO, false, 30);
    assertEquals(SourceReadLimit.NONE, once.sourceReadLimit());
    StreamingJob job = runtime.startStreaming(
        new JobGraph(List.of(source(1, 2, in), sink(2, 2, out)), List.of(edge(1, 2, new Exchange.Forward()))),
        Set.of(1), config(10, 4), once, reports);
    await(job.termination());

    List<EpochReport> rs = reports.snapshot();
    assertEquals(1, rs.size());
    assertEquals(400, rs.get(0).numInputRows());
    assertEquals(range(0, 400), values(out.committed().get(0L)));
  }

  @Test
  void limitsAreValidatedAndZeroMeansNoLimit() {
    assertFalse(SourceReadLimit.NONE.reached(Long.MAX_VALUE, Long.MAX_VALUE));
    assertTrue(new SourceReadLimit(10, 0).reached(10, 0));
    assertFalse(new SourceReadLimit(10, 0).reached(9, Long.MAX_VALUE));
    assertTrue(new SourceReadLimit(0, 5).reached(0, 5));
    assertEquals(new SourceReadLimit(7, 200_000_000L),
        new StreamingSettings(Duration.ofMillis(100), true, 0, null, 1, Duration.ZERO, true, 7).sourceReadLimit());
    assertThrows(IllegalArgumentException.class, () -> new SourceReadLimit(-1, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new StreamingSettings(Duration.ZERO, true, 0, null, 1, Duration.ZERO, true, -1));
  }

  /** {@code inner}, each poll taking at least {@code pause}. */
  private record SlowSource(Source inner, Duration pause) implements Source {
    @Override
    public StructType schema() {
      return inner.schema();
    }

    @Override
    public boolean isBounded() {
      return inner.isBounded();
    }

    @Override
    public int fixedParallelism() {
      return inner.fixedParallelism();
    }

    @Override
    public List<SourceSplit> planSplits(int parallelismHint) {
      return inner.planSplits(parallelismHint);
    }

    @Override
    public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
      return new ForwardingSourceReader(inner.createReader(splits, context)) {
        @Override
        public Status pollNext(Consumer<io.ember.core.data.Batch> out) {
          long until = System.nanoTime() + pause.toNanos();
          while (System.nanoTime() < until) {
            LockSupport.parkNanos(until - System.nanoTime());
          }
          return delegate.pollNext(out);
        }
      };
    }

    @Override
    public String explain() {
      return "Slow(" + inner.explain() + ")";
    }
  }
}
