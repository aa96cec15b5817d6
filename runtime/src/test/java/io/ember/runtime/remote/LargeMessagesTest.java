package io.ember.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.memory.CollectSink;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.expr.EvalContext;
import io.ember.operators.memory.MemoryBudget;
import io.ember.runtime.JobConfig;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import io.ember.runtime.local.FrameSplitter;
import io.ember.runtime.local.PlannedTask;
import io.ember.runtime.local.TaskPlacement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Messages larger than one Artery frame (16 MiB) between two nodes on loopback: a batch to a task on the other node
 * arrives whole, cut into pieces; a task's collected result reaches the driver in parts; a row that cannot fit any
 * message fails the job with {@code MESSAGE_TOO_LARGE} instead of leaving it waiting.
 */
@Timeout(120)
class LargeMessagesTest {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** 20,000 rows of 1,000 characters: about 20 MB in one batch (batches of up to 2^20 rows are not cut). */
  static final int ROWS = 20_000;
  static final int CHARS = 1_000;
  private static TwoNodes nodes;

  @BeforeAll
  static void start() {
    nodes = new TwoNodes();
  }

  @AfterAll
  static void stop() {
    nodes.close();
  }

  static JobGraph sourceToCollect(WideRowsSource source, CollectSink sink) {
    return new JobGraph(
        List.of(new Vertex.SourceVertex(1, 1, source),
            new Vertex.SinkVertex(2, 1, sink, WideRowsSource.SCHEMA)),
        List.of(new Edge(1, 2, 0, new Exchange.Gather())));
  }

  /** Runs {@code graph} with the source's task on the worker, and the sink's on {@code sinkHost}. */
  static void run(String job, JobGraph graph, ActorRef<TaskHost.Command> sinkHost) {
    Function<PlannedTask, ActorRef<TaskHost.Command>> assignment =
        task -> task.vertexIds().contains(1) ? nodes.workerHost : sinkHost;
    ShellPlacement placement = RemoteJobs.reserve(nodes.driver, job, graph, assignment,
        TaskPlacement.local(new AtomicInteger()), nodes.driverHost, TIMEOUT).toCompletableFuture().join();
    JobConfig config = new JobConfig(EvalContext.defaults(), 1 << 20, MemoryBudget.DEFAULT_BYTES, 2);
    try {
      RemoteJobs.run(nodes.driver, job, graph, config, placement).orTimeout(60, TimeUnit.SECONDS).join();
    } finally {
      nodes.awaitNoTasks(nodes.workerHost);
    }
  }

  /**
   * Fails unless {@code sink} holds rows {@code 0 .. ROWS - 1} of {@link WideRowsSource#text}, each once, in more
   * than one batch: the source's single batch was cut to cross nodes.
   */
  static void assertComplete(CollectSink sink) {
    assertTrue(sink.batches().size() > 1, "the batch was not cut: " + sink.batches().size());
    boolean[] seen = new boolean[ROWS];
    long rows = 0;
    long checksum = 0;
    long expectedChecksum = 0;
    for (int id = 0; id < ROWS; id++) {
      expectedChecksum += 31L * id + WideRowsSource.text(id, CHARS).hashCode();
    }
    for (Batch batch : sink.batches()) {
      ColumnVector ids = batch.column(0);
      ColumnVector texts = batch.column(1);
      for (int r = 0; r < batch.numRows(); r++) {
        long id = (Long) ids.get(r);
        assertTrue(!seen[(int) id], "row " + id + " arrived twice");
        seen[(int) id] = true;
        checksum += 31L * id + texts.get(r).hashCode();
        rows++;
      }
    }
    assertEquals(ROWS, rows);
    assertEquals(expectedChecksum, checksum);
  }

  @Test
  void aBatchLargerThanAFrameCrossesNodesWhole() {
    WideRowsSource source = new WideRowsSource(ROWS, CHARS);
    assertTrue(FrameSplitter.estimateBytes(oneBatchOf(source)) > FrameSplitter.DEFAULT_FRAME_BYTES);
    CollectSink sink = new CollectSink();
    run("wide-batch", sourceToCollect(source, sink), nodes.driverHost);
    assertComplete(sink);
  }

  @Test
  void aCollectedResultLargerThanAFrameReachesTheDriver() {
    CollectSink sink = new CollectSink();
    run("wide-collect", sourceToCollect(new WideRowsSource(ROWS, CHARS), sink), nodes.workerHost);
    assertComplete(sink);
  }

  @Test
  void aRowLargerThanAFrameFailsTheJobWithATypedError() {
    int chars = (int) FrameSplitter.DEFAULT_FRAME_BYTES + 1024;
    for (ActorRef<TaskHost.Command> sinkHost : List.of(nodes.driverHost, nodes.workerHost)) {
      CollectSink sink = new CollectSink();
      CompletionException e = assertThrows(CompletionException.class,
          () -> run("wide-row", sourceToCollect(new WideRowsSource(1, chars), sink), sinkHost));
      EmberRuntimeException error = assertInstanceOf(EmberRuntimeException.class, e.getCause());
      assertEquals("MESSAGE_TOO_LARGE", error.errorClass());
      assertTrue(error.getMessage().contains(FrameSplitter.FRAME_SIZE_KEY), error.getMessage());
      assertTrue(error.getMessage().contains(String.valueOf(FrameSplitter.DEFAULT_FRAME_BYTES)), error.getMessage());
    }
  }

  private static Batch oneBatchOf(WideRowsSource source) {
    Batch[] out = new Batch[1];
    source.createReader(source.planSplits(1), null).pollNext(b -> out[0] = b);
    return out[0];
  }
}
