package io.ember.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.checkpointing.CheckpointDirectory;
import io.ember.checkpointing.CheckpointedEpoch;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.StructType;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import io.ember.runtime.remote.RunningSum;
import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpointed streaming jobs: a job stopped after some epochs (its uncommitted epoch lost) and started again from
 * its checkpoint location produces, together with what the first run committed, exactly the output of a run
 * without interruption: operator state and source offsets come back from the last complete epoch, and an epoch
 * checkpointed but not committed in its sink is committed on restart.
 */
@Timeout(180)
class CheckpointRestoreTest {
  static final int PARTITIONS = 2;
  /** A multiple of {@link #PARTITIONS}: each key comes from one reader, in order, so running sums are deterministic. */
  private static final int KEYS = 8;
  static final int TOTAL = 4000;
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
   * A replayable stream: partition {@code p} holds values {@code p, p + PARTITIONS, ...} below {@link #TOTAL}, of
   * which those below {@code available} can be read; rows are {@code (v % KEYS, v, 0)}. Offsets are the number
   * of values a reader emitted; it ends once {@code ended} and everything is read. It tells whether a barrier came
   * after given rows ({@link #barrierAfter}), so that a test can have epochs cut where it needs them. When made
   * with {@code replaysExactly}, its readers replay an epoch exactly ({@link SourceReader#replayUntil}).
   */
  static final class ReplayableSource implements Source {
    record Partition(String splitId, int index) implements SourceSplit {}

    final AtomicLong available = new AtomicLong();
    volatile boolean ended;
    private final boolean replaysExactly;
    /** Per partition, the readers created so far: one when the job starts, one more in each recovery. */
    private final AtomicIntegerArray readers = new AtomicIntegerArray(PARTITIONS);
    /** Per partition, how many values the newest reader had emitted at its last barrier; -1 before its first. */
    private final AtomicLongArray emittedAtBarrier = new AtomicLongArray(PARTITIONS);

    ReplayableSource() {
      this(false);
    }

    ReplayableSource(boolean replaysExactly) {
      this.replaysExactly = replaysExactly;
    }

    /**
     * Whether every partition has had at least {@code readersEach} readers and its newest one passed a barrier
     * after emitting every value of the partition below {@code upTo}.
     */
    boolean barrierAfter(long upTo, int readersEach) {
      for (int p = 0; p < PARTITIONS; p++) {
        long values = Math.max(0, (upTo - p + PARTITIONS - 1) / PARTITIONS);
        if (readers.get(p) < readersEach || emittedAtBarrier.get(p) < values) {
          return false;
        }
      }
      return true;
    }

    @Override
    public StructType schema() {
      return QueueSource.KVE;
    }

    @Override
    public boolean isBounded() {
      return false;
    }

    @Override
    public int fixedParallelism() {
      return PARTITIONS;
    }

    @Override
    public List<SourceSplit> planSplits(int hint) {
      List<SourceSplit> out = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        out.add(new Partition("p" + p, p));
      }
      return out;
    }

    @Override
    public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
      int partition = ((Partition) splits.get(0)).index();
      emittedAtBarrier.set(partition, -1);
      int generation = readers.incrementAndGet(partition);
      return new SourceReader() {
        long emitted;
        /** The offset a replayed epoch ends at; -1 when not replaying. */
        long end = -1;

        @Override
        public Status pollNext(Consumer<Batch> out) {
          if (end >= 0 && emitted >= end) {
            return Status.WAITING_FOR_EPOCH;
          }
          List<Row> rows = new ArrayList<>();
          long v;
          while (rows.size() < context.batchSize() && (end < 0 || emitted < end)
              && (v = partition + emitted * PARTITIONS) < available.get()) {
            rows.add(Row.of((int) (v % KEYS), v, 0L));
            emitted++;
          }
          if (!rows.isEmpty()) {
            out.accept(Batch.fromRows(QueueSource.KVE, rows));
            return Status.MORE_AVAILABLE;
          }
          return ended && partition + emitted * PARTITIONS >= TOTAL ? Status.END_OF_INPUT : Status.NOTHING_AVAILABLE;
        }

        @Override
        public byte[] snapshotOffsets(long epoch) {
          end = -1;
          if (readers.get(partition) == generation) {
            emittedAtBarrier.set(partition, emitted);
          }
          return ByteBuffer.allocate(8).putLong(emitted).array();
        }

        @Override
        public void restoreOffsets(byte[] offsets) {
          emitted = ByteBuffer.wrap(offsets).getLong();
        }

        @Override
        public boolean replayUntil(byte[] endOffsets) {
          if (!replaysExactly) {
            return false;
          }
          end = ByteBuffer.wrap(endOffsets).getLong();
          return true;
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public String explain() {
      return "ReplayableSource";
    }
  }

  /** Per key of {@link QueueSource#KVE} rows, the running sum of {@code v}, emitted as {@code KVE} rows. */
  static RunningSum runningSum() {
    return new RunningSum(KEYS, QueueSource.KVE);
  }

  /**
   * A sink whose commit messages are serializable (so a checkpoint holds them): rows as {@code k,sum,v} strings;
   * commits are idempotent per epoch; the commit of epoch {@code failAt} fails once, as if the process died
   * between the epoch's checkpoint and its sink commit.
   */
  static final class StringSink implements Sink {
    record Staged(long epoch, int task, List<String> rows) implements CommitMessage, Serializable {
      Staged {
        rows = List.copyOf(rows);
      }
    }

    final Map<Long, List<String>> committed = new TreeMap<>();
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
          Staged s = new Staged(epoch, taskIndex, staged);
          staged.clear();
          return s;
        }

        @Override
        public void abort() {}
      };
    }

    @Override
    public synchronized void commit(long epoch, List<CommitMessage> messages) {
      if (epoch == failAt) {
        failAt = -1;
        throw new IllegalStateException("the commit of epoch " + epoch + " is lost");
      }
      if (!committed.containsKey(epoch)) {
        List<String> rows = new ArrayList<>();
        messages.forEach(m -> rows.addAll(((Staged) m).rows()));
        committed.put(epoch, rows);
      }
    }

    synchronized List<String> rows() {
      return committed.values().stream().flatMap(List::stream).sorted().collect(Collectors.toList());
    }

    @Override
    public String explain() {
      return "StringSink";
    }
  }

  private static JobGraph graph(ReplayableSource in, Sink out) {
    return new JobGraph(
        List.of(new Vertex.SourceVertex(1, PARTITIONS, in), new Vertex.OperatorVertex(2, 3, List.of(runningSum())),
            new Vertex.SinkVertex(3, 3, out, QueueSource.KVE)),
        List.of(new Edge(1, 2, 0, new Exchange.Hash(new int[] {0})), new Edge(2, 3, 0, new Exchange.Forward())));
  }

  private static StreamingSettings settings(StreamingCheckpoint checkpoint) {
    return new StreamingSettings(Duration.ofMillis(1), true, checkpoint == null ? 0 : checkpoint.firstEpoch(),
        checkpoint);
  }

  private static final EpochListener IGNORE = report -> {};

  /** {@code (k, running sum, v)} rows as strings, sorted. */
  private static List<String> rows(EpochSink out) {
    return out.allRows().stream().map(r -> r.getInt(0) + "," + r.getLong(1) + "," + r.getLong(2)).sorted()
        .collect(Collectors.toList());
  }

  private static List<String> failureFree() throws Exception {
    ReplayableSource in = new ReplayableSource();
    EpochSink out = new EpochSink();
    in.available.set(TOTAL);
    in.ended = true;
    StreamingJob job = runtime.startStreaming(graph(in, out), Set.of(1), StreamingRuntimeTest.config(64, 2),
        settings(null), IGNORE);
    job.termination().get(60, TimeUnit.SECONDS);
    return rows(out);
  }

  @Test
  void anEpochCheckpointedButNotCommittedInTheSinkIsCommittedOnRestart(@TempDir Path dir) throws Exception {
    List<String> expected = failureFree();
    ReplayableSource in = new ReplayableSource();
    StringSink out = new StringSink();
    JobGraph graph = graph(in, out);
    CheckpointDirectory first = CheckpointDirectory.open(dir, StreamingCheckpoint.fingerprint(graph, Set.of(1)), 100);
    StreamingJob job = runtime.startStreaming(graph, Set.of(1), StreamingRuntimeTest.config(64, 2),
        settings(new StreamingCheckpoint(first.queryId(), first, null)), IGNORE);
    in.available.set(1500);
    job.awaitAllAvailable().get(60, TimeUnit.SECONDS);
    long lost = job.lastCommittedEpoch() + 1;
    out.failAt = lost;
    in.available.set(2600);
    assertThrows(ExecutionException.class, () -> job.termination().get(60, TimeUnit.SECONDS));
    assertFalse(out.committed.containsKey(lost));
    CheckpointDirectory again = CheckpointDirectory.open(dir, StreamingCheckpoint.fingerprint(graph, Set.of(1)), 100);
    CheckpointedEpoch latest = again.readLatest().orElseThrow();
    assertEquals(lost, latest.epoch(), "the epoch was checkpointed before its sink commit failed");
    assertEquals(3, latest.metadata().sinkCommits().size(), "one pre-commit per sink task");

    in.available.set(TOTAL);
    in.ended = true;
    StreamingJob resumed = runtime.startStreaming(graph, Set.of(1), StreamingRuntimeTest.config(64, 2),
        settings(new StreamingCheckpoint(again.queryId(), again, latest)), IGNORE);
    resumed.termination().get(60, TimeUnit.SECONDS);
    assertTrue(out.committed.containsKey(lost), "the restored epoch is committed again");
    List<String> actual = out.rows();
    assertEquals(expected.size(), actual.size(), "no row lost or repeated");
    assertTrue(expected.equals(actual), "the sums continue from the checkpoint");
  }

  @Test
  void aJobStartedFromItsCheckpointContinuesWithItsStateAndOffsets(@TempDir Path dir) throws Exception {
    List<String> expected = failureFree();
    assertEquals(TOTAL, expected.size());
    ReplayableSource in = new ReplayableSource();
    EpochSink out = new EpochSink();
    JobGraph graph = graph(in, out);
    CheckpointDirectory first = CheckpointDirectory.open(dir, StreamingCheckpoint.fingerprint(graph, Set.of(1)), 100);
    StreamingJob job = runtime.startStreaming(graph, Set.of(1), StreamingRuntimeTest.config(64, 2),
        settings(new StreamingCheckpoint(first.queryId(), first, null)), IGNORE);
    in.available.set(1000);
    job.awaitAllAvailable().get(60, TimeUnit.SECONDS);
    // a second committed epoch that changes every task's sums, so that each has a delta after its full snapshot
    in.available.set(1500);
    job.awaitAllAvailable().get(60, TimeUnit.SECONDS);
    in.available.set(2600); // read in part, in an epoch that the stop aborts
    job.stop();
    long committed = job.lastCommittedEpoch();
    assertTrue(committed >= 0);
    assertEquals(committed, first.latestCompleteEpoch().getAsLong(), "the sinks commit only checkpointed epochs");

    CheckpointDirectory again = CheckpointDirectory.open(dir, StreamingCheckpoint.fingerprint(graph, Set.of(1)), 100);
    assertEquals(first.queryId(), again.queryId());
    CheckpointedEpoch latest = again.readLatest().orElseThrow();
    assertEquals(committed, latest.epoch());
    assertEquals(PARTITIONS + 3, latest.snapshots().size(), "every task's snapshot");
    try (Stream<Path> state = Files.walk(dir.resolve("state/2"))) {
      assertTrue(state.anyMatch(f -> f.getFileName().toString().endsWith(".delta")), "the sums are checkpointed as"
          + " deltas after each task's first full snapshot");
    }
    in.available.set(TOTAL);
    in.ended = true;
    StreamingJob resumed = runtime.startStreaming(graph, Set.of(1), StreamingRuntimeTest.config(64, 2),
        settings(new StreamingCheckpoint(again.queryId(), again, latest)), IGNORE);
    resumed.termination().get(60, TimeUnit.SECONDS);

    List<String> actual = rows(out);
    assertEquals(expected.size(), actual.size(), "no row lost or repeated");
    assertTrue(expected.equals(actual), "the sums continue from the checkpoint");
    List<Long> epochs = List.copyOf(out.commitOrder);
    for (int i = 0; i < epochs.size(); i++) {
      assertEquals(i, epochs.get(i), "the resumed job goes on with the epoch after the checkpoint: " + epochs);
    }
    assertTrue(epochs.size() > committed + 1, "the resumed job committed epochs: " + epochs);
    assertEquals(resumed.lastCommittedEpoch(), again.latestCompleteEpoch().getAsLong());
    assertEquals(0, runtime.liveTasks());
  }
}
