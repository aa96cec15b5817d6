package io.ember.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.checkpointing.CheckpointDirectory;
import io.ember.runtime.CheckpointRestoreTest.ReplayableSource;
import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.StructType;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once restart for sinks that cannot store a pre-commit (memory, foreachBatch): a job whose process dies
 * after epoch {@code N} was checkpointed but before its sink committed it is resumed with
 * {@link StreamingCheckpoint#resume}, which replays {@code N} from {@code N - 1}: the sink gets epoch {@code N}
 * again with the same rows, and the output equals a run without failures.
 */
@Timeout(90)
class EpochReplayTest {
  /** The source's partitions and values ({@link ReplayableSource}'s). */
  private static final int PARTITIONS = CheckpointRestoreTest.PARTITIONS;
  private static final int TOTAL = CheckpointRestoreTest.TOTAL;
  private static LocalRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = LocalRuntime.start(4);
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  /**
   * A sink like foreachBatch: its commit messages hold the rows and are not serializable, so a checkpoint cannot
   * hold them; it records every delivery of an epoch (a failed one too) and ignores an epoch it committed. The
   * commit of epoch {@code failAt} fails, as if the process died between the epoch's checkpoint and its commit.
   */
  static final class DeliverySink implements Sink {
    record Staged(List<String> rows) implements CommitMessage {}

    final Map<Long, List<String>> committed = new TreeMap<>();
    final Map<Long, List<List<String>>> deliveries = new TreeMap<>();
    volatile long failAt = -1;

    @Override
    public SinkWriter createWriter(int taskIndex, int parallelism, StructType schema) {
      return new SinkWriter() {
        final List<String> staged = new ArrayList<>();

        @Override
        public void write(Batch batch) {
          for (Row r : batch.toRows()) {
            staged.add(r.getInt(0) + "," + r.getLong(1) + "," + r.getLong(2));
          }
        }

        @Override
        public CommitMessage prepareCommit(long epoch) {
          Staged s = new Staged(List.copyOf(staged));
          staged.clear();
          return s;
        }

        @Override
        public void abort() {}
      };
    }

    @Override
    public synchronized void commit(long epoch, List<CommitMessage> messages) {
      if (committed.containsKey(epoch)) {
        return;
      }
      List<String> rows = new ArrayList<>();
      messages.forEach(m -> rows.addAll(((Staged) m).rows()));
      rows.sort(null);
      deliveries.computeIfAbsent(epoch, e -> new ArrayList<>()).add(rows);
      if (epoch == failAt) {
        failAt = -1;
        throw new IllegalStateException("the process died before the commit of epoch " + epoch);
      }
      committed.put(epoch, rows);
    }

    synchronized List<String> rows() {
      return committed.values().stream().flatMap(List::stream).sorted().collect(Collectors.toList());
    }

    @Override
    public String explain() {
      return "DeliverySink";
    }
  }

  private static JobGraph graph(ReplayableSource in, Sink out) {
    return new JobGraph(
        List.of(new Vertex.SourceVertex(1, PARTITIONS, in),
            new Vertex.OperatorVertex(2, 3, List.of(CheckpointRestoreTest.runningSum())),
            new Vertex.SinkVertex(3, 3, out, QueueSource.KVE)),
        List.of(new Edge(1, 2, 0, new Exchange.Hash(new int[] {0})), new Edge(2, 3, 0, new Exchange.Forward())));
  }

  private static StreamingSettings settings(StreamingCheckpoint checkpoint) {
    return new StreamingSettings(Duration.ofMillis(1), true, checkpoint == null ? 0 : checkpoint.firstEpoch(),
        checkpoint);
  }

  private static final EpochListener IGNORE = report -> {};

  private static StreamingJob run(JobGraph graph, StreamingCheckpoint checkpoint) {
    return runtime.startStreaming(graph, Set.of(1), StreamingRuntimeTest.config(64, 2), settings(checkpoint), IGNORE);
  }

  private static CheckpointDirectory open(Path dir, JobGraph graph) {
    return CheckpointDirectory.open(dir, StreamingCheckpoint.fingerprint(graph, Set.of(1)), 100);
  }

  private static List<String> failureFree() throws Exception {
    ReplayableSource in = new ReplayableSource(true);
    DeliverySink out = new DeliverySink();
    in.available.set(TOTAL);
    in.ended = true;
    run(graph(in, out), null).termination().get(60, TimeUnit.SECONDS);
    return out.rows();
  }

  /** Runs until epoch {@code lost} (with rows) was checkpointed and its sink commit failed; returns {@code lost}. */
  private static long runUntilACommitIsLost(ReplayableSource in, DeliverySink out, JobGraph graph, Path dir)
      throws Exception {
    CheckpointDirectory first = open(dir, graph);
    StreamingJob job = run(graph, StreamingCheckpoint.resume(first, graph));
    in.available.set(1500);
    job.awaitAllAvailable().get(60, TimeUnit.SECONDS);
    long lost = job.lastCommittedEpoch() + 1;
    out.failAt = lost;
    in.available.set(2600);
    assertThrows(ExecutionException.class, () -> job.termination().get(60, TimeUnit.SECONDS));
    assertFalse(out.committed.containsKey(lost));
    assertEquals(lost, first.latestCompleteEpoch().getAsLong(), "checkpointed before the sink commit failed");
    assertFalse(first.sinksCommitted(lost));
    assertTrue(first.sinksCommitted(lost - 1), "the sink commit log holds the epochs the sink committed");
    return lost;
  }

  @Test
  void anEpochCheckpointedButNotCommittedIsReplayedWithTheSameIdAndRows(@TempDir Path dir) throws Exception {
    List<String> expected = failureFree();
    ReplayableSource in = new ReplayableSource(true);
    DeliverySink out = new DeliverySink();
    JobGraph graph = graph(in, out);
    long lost = runUntilACommitIsLost(in, out, graph, dir);
    List<String> firstDelivery = out.deliveries.get(lost).get(0);
    assertFalse(firstDelivery.isEmpty(), "the lost epoch had rows");

    // the replay itself is cut short the same way: the next start replays the epoch again
    out.failAt = lost;
    CheckpointDirectory second = open(dir, graph);
    StreamingCheckpoint replaying = StreamingCheckpoint.resume(second, graph);
    assertNotNull(replaying.replay());
    assertEquals(lost, replaying.firstEpoch());
    assertEquals(lost - 1, replaying.restoreFrom().epoch());
    StreamingJob again = run(graph, replaying);
    in.available.set(3000);
    assertThrows(ExecutionException.class, () -> again.termination().get(60, TimeUnit.SECONDS));

    in.available.set(TOTAL);
    in.ended = true;
    CheckpointDirectory third = open(dir, graph);
    StreamingCheckpoint resumed = StreamingCheckpoint.resume(third, graph);
    assertEquals(lost, resumed.replay().epoch());
    run(graph, resumed).termination().get(60, TimeUnit.SECONDS);

    assertEquals(List.of(firstDelivery, firstDelivery, firstDelivery), out.deliveries.get(lost),
        "every delivery of the epoch has the same rows");
    assertEquals(firstDelivery, out.committed.get(lost));
    List<Long> epochs = new ArrayList<>(out.committed.keySet());
    for (int i = 0; i < epochs.size(); i++) {
      assertEquals(i, epochs.get(i), "epochs " + epochs + " are consecutive from 0");
    }
    assertEquals(expected, out.rows(), "no row lost or repeated; the sums continue from the checkpoint");
    assertTrue(third.sinksCommitted(third.latestCompleteEpoch().getAsLong()));
    assertTrue(third.pendingReplay().isEmpty());
    assertNull(StreamingCheckpoint.resume(open(dir, graph), graph).replay(), "nothing left to replay");
  }

  @Test
  void aReaderThatCannotReplayGetsTheEpochIdAgainWithWhatItReads(@TempDir Path dir) throws Exception {
    List<String> expected = failureFree();
    ReplayableSource in = new ReplayableSource(false);
    DeliverySink out = new DeliverySink();
    JobGraph graph = graph(in, out);
    long lost = runUntilACommitIsLost(in, out, graph, dir);
    in.available.set(TOTAL);
    in.ended = true;
    StreamingCheckpoint resumed = StreamingCheckpoint.resume(open(dir, graph), graph);
    assertEquals(lost, resumed.replay().epoch());
    run(graph, resumed).termination().get(60, TimeUnit.SECONDS);
    assertTrue(out.committed.containsKey(lost), "the epoch id is delivered again");
    assertEquals(expected, out.rows(), "the rows still arrive once: the epoch goes on from the epoch before");
  }
}
