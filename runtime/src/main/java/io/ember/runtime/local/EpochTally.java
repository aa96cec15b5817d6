package io.ember.runtime.local;

import io.ember.checkpointing.EpochMetadata;
import io.ember.checkpointing.TaskStateKey;
import io.ember.connectors.sink.CommitMessage;
import io.ember.operators.EventTimeTracker.EventTimeStats;
import io.ember.operators.StateMetrics;
import io.ember.runtime.EpochReport;
import io.ember.runtime.graph.Vertex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The acknowledgements of one epoch, summed up: sink commit messages, rows, event-time statistics, candidate
 * watermarks, state metrics, source offsets and task snapshot entries. Owned by the streaming coordinator until
 * every task acked; then handed, unchanged, to the commit thread, which builds the {@link EpochReport} (and, in a
 * checkpointed job, the epoch's {@link EpochMetadata}).
 */
final class EpochTally {
  private final long epoch;
  private final long startedAtMillis;
  private final long cutAtMillis;
  private final long watermarkMicros;
  private final boolean finalEpoch;
  private final boolean checkpoint;
  private final Map<Integer, Long> rows = new LinkedHashMap<>();
  private final Map<Integer, List<CommitMessage>> commits = new HashMap<>();
  private final Map<Integer, EventTimeStats> eventTime = new HashMap<>();
  private final Map<Integer, Long> candidates = new HashMap<>();
  private final Map<Integer, StateMetrics> stateMetrics = new HashMap<>();
  private final Map<Integer, String[]> offsetsJson = new HashMap<>();
  private final Map<Integer, byte[][]> offsets = new HashMap<>();
  private final List<EpochMetadata.TaskEntry> snapshots = new ArrayList<>();
  private final Map<TaskStateKey, CommitMessage> commitByTask = new HashMap<>();
  private final Set<Integer> trackerTasks = new HashSet<>();
  private EmissionWatch.Emission emission = EmissionWatch.Emission.NONE;
  private int acks;

  /**
   * An epoch cut at {@code cutAtMillis} whose data started at {@code startedAtMillis}, run under watermark
   * {@code watermarkMicros}.
   */
  EpochTally(long epoch, long startedAtMillis, long cutAtMillis, long watermarkMicros, boolean finalEpoch) {
    this(epoch, startedAtMillis, cutAtMillis, watermarkMicros, finalEpoch, true);
  }

  /** As above; {@code checkpoint} false for an epoch whose tasks take no snapshot. */
  EpochTally(long epoch, long startedAtMillis, long cutAtMillis, long watermarkMicros, boolean finalEpoch,
      boolean checkpoint) {
    this.checkpoint = checkpoint;
    this.epoch = epoch;
    this.startedAtMillis = startedAtMillis;
    this.cutAtMillis = cutAtMillis;
    this.watermarkMicros = watermarkMicros;
    this.finalEpoch = finalEpoch;
  }

  long epoch() {
    return epoch;
  }

  boolean finalEpoch() {
    return finalEpoch;
  }

  /** True when the epoch's tasks snapshot their state (the epoch becomes a complete epoch to recover from). */
  boolean checkpoint() {
    return checkpoint;
  }

  long watermarkMicros() {
    return watermarkMicros;
  }

  /** Acknowledgements added so far. */
  int acks() {
    return acks;
  }

  /** Adds task {@code task}'s acknowledgement. */
  void add(StreamingCoordinator.EpochAck ack, TaskSpec task) {
    acks++;
    ack.rowsByVertex().forEach((vertex, n) -> rows.merge(vertex, n, Long::sum));
    if (ack.commit() != null) {
      commits.computeIfAbsent(task.chain().tail().id(), k -> new ArrayList<>()).add(ack.commit());
      commitByTask.put(new TaskStateKey(task.chain().tail().id(), task.index()), ack.commit());
    }
    if (ack.snapshot() != null) {
      snapshots.add(ack.snapshot());
    }
    ack.eventTime().forEach((id, stats) -> eventTime.merge(id, stats, EventTimeStats::merge));
    ack.candidates().forEach((id, w) -> candidates.merge(id, w, Math::min));
    if (!ack.candidates().isEmpty()) {
      trackerTasks.add(ack.taskId());
    }
    emission = emission.merge(ack.emission());
    ack.stateMetrics().forEach((vertex, m) -> stateMetrics.merge(vertex, m, StateMetrics::plus));
    if (task.chain().head() instanceof Vertex.SourceVertex sv) {
      int parallelism = task.chain().parallelism();
      offsetsJson.computeIfAbsent(sv.id(), k -> new String[parallelism])[task.index()] = ack.offsetsJson();
      offsets.computeIfAbsent(sv.id(), k -> new byte[parallelism][])[task.index()] = ack.offsets();
    }
  }

  /** The sink commit messages of sink vertex {@code sinkVertex}. */
  List<CommitMessage> commitsOf(int sinkVertex) {
    return commits.getOrDefault(sinkVertex, List.of());
  }

  /**
   * The watermark for the next epoch: per watermark id the smallest candidate of its instances (input
   * partitions), the smallest over the ids, but never below this epoch's.
   */
  long nextWatermarkMicros() {
    if (candidates.isEmpty()) {
      return watermarkMicros;
    }
    long min = candidates.values().stream().mapToLong(Long::longValue).min().getAsLong();
    return Math.max(watermarkMicros, min);
  }

  /**
   * Whether the tasks emitted at the epoch's watermark step, and the smallest watermark at which they would emit what
   * they hold after it ({@link StreamingCoordinator.EpochAck#emission()}).
   */
  EmissionWatch.Emission emission() {
    return emission;
  }

  /** The tasks whose event-time trackers had a candidate watermark at the barrier. */
  Set<Integer> trackerTasks() {
    return Collections.unmodifiableSet(trackerTasks);
  }

  /** Each source task's offsets at the barrier, by source vertex and task index (for checkpoints). */
  Map<Integer, byte[][]> sourceOffsets() {
    return Collections.unmodifiableMap(offsets);
  }

  /**
   * The epoch's checkpoint metadata for query {@code queryId}: the acknowledged snapshots, each source task's
   * offsets (keyed by source vertex and task index), the sink commit messages keyed by sink vertex and task index
   * (only for sink vertices whose messages are all serializable), and the next epoch's watermark.
   */
  EpochMetadata metadata(String queryId, long completedAtMillis) {
    SortedMap<TaskStateKey, byte[]> sourceOffsets = new TreeMap<>();
    offsets.forEach((vertex, byTask) -> {
      for (int i = 0; i < byTask.length; i++) {
        if (byTask[i] != null) {
          sourceOffsets.put(new TaskStateKey(vertex, i), byTask[i]);
        }
      }
    });
    SortedMap<TaskStateKey, byte[]> sinkCommits = new TreeMap<>();
    for (int vertex : commits.keySet()) {
      boolean storable = commits.get(vertex).stream().allMatch(CommitMessages::storable);
      if (storable) {
        commitByTask.forEach((key, message) -> {
          if (key.vertexId() == vertex) {
            sinkCommits.put(key, CommitMessages.encode(message));
          }
        });
      }
    }
    return new EpochMetadata(queryId, epoch, nextWatermarkMicros(), snapshots, sourceOffsets, sinkCommits,
        completedAtMillis);
  }

  /** The encoded bytes of the acknowledged task snapshots. */
  long snapshotBytes() {
    return snapshots.stream().mapToLong(EpochMetadata.TaskEntry::sizeBytes).sum();
  }

  /** Wall-clock time the epoch was cut. */
  long cutAtMillis() {
    return cutAtMillis;
  }

  /**
   * The report of the epoch, committed at {@code committedAtMillis}; inputs are {@code streamingSources}; with its
   * checkpoint's figures and the recoveries since the previous report.
   */
  EpochReport report(long committedAtMillis, Set<Integer> streamingSources, EpochReport.Checkpoint checkpoint,
      List<EpochReport.Recovery> recoveries) {
    Map<Integer, Long> input = new LinkedHashMap<>();
    for (int source : streamingSources) {
      input.put(source, rows.getOrDefault(source, 0L));
    }
    Map<Integer, List<String>> described = new LinkedHashMap<>();
    for (int source : streamingSources) {
      String[] json = offsetsJson.get(source);
      described.put(source, json == null ? List.of() : Collections.unmodifiableList(Arrays.asList(json.clone())));
    }
    return new EpochReport(epoch, cutAtMillis, startedAtMillis, committedAtMillis,
        Collections.unmodifiableMap(input), Collections.unmodifiableMap(new LinkedHashMap<>(rows)),
        Collections.unmodifiableMap(described), watermarkMicros, nextWatermarkMicros(), Map.copyOf(eventTime),
        Map.copyOf(stateMetrics), finalEpoch, checkpoint, recoveries);
  }
}
