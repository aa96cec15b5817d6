package io.ember.runtime;

import io.ember.checkpointing.CheckpointDirectory;
import io.ember.checkpointing.CheckpointedEpoch;
import io.ember.checkpointing.EpochMetadata;
import io.ember.checkpointing.QueryFingerprint;
import io.ember.operators.OperatorSpec;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The checkpoint location of a streaming job and what it resumes from ({@link StreamingSettings#checkpoint()}).
 * Every streaming job checkpoints its epochs in memory; this adds the query id they carry, the durable location
 * and the resumed epoch.
 *
 * <p>At barrier {@code N} every task of the job snapshots its operators (after their
 * {@code endOfEpoch(N)}, before the watermark of epoch {@code N + 1}) and, for a source task, its reader's offsets,
 * into the job's in-memory replica store. When every task acknowledged {@code N}, the coordinator builds the
 * epoch's {@link io.ember.checkpointing.EpochMetadata} (snapshots, source offsets, the sinks' pre-commits when they
 * are {@link java.io.Serializable}, the watermark of epoch {@code N + 1}) and, on the commit thread: writes the epoch
 * to {@code directory} (when there is one), marks it complete in the replica store, and only then commits the
 * sinks' epoch {@code N}; then older epochs are pruned from the replica store.
 *
 * <p>With {@code restoreFrom} (complete epoch {@code E}), the job starts at epoch {@code E + 1}
 * ({@link StreamingSettings#firstEpoch()} must say so): before anything else the commit thread commits epoch
 * {@code E} again in every sink whose pre-commits the metadata holds (sinks are idempotent per epoch, so an epoch
 * checkpointed but not committed in the sinks before the process died is not lost; a sink whose commit messages
 * are not serializable cannot be re-committed, and such an epoch's output is then missing from it); every task
 * restores its operators' states and its reader's offsets (before the first poll) from its snapshot of {@code E};
 * then every task applies the epoch's watermark (operators hear {@code onWatermark}, whose output belongs to epoch
 * {@code E + 1}, as it did after barrier {@code E}), and the coordinator starts with that watermark.
 *
 * <p>With {@code replay} (epoch {@code N}, {@code restoreFrom} then being {@code N - 1} or null for {@code N = 0}),
 * the job's first epoch {@code N} reads exactly the offset range epoch {@code N} read before: every source task's
 * reader stops at its offsets of {@code replay} ({@link io.ember.connectors.source.SourceReader#replayUntil}) and the
 * coordinator cuts epoch {@code N} only once every source task reached them; epoch {@code N} then goes to the sinks
 * again with the same id and the same rows, as Spark re-runs a batch whose offsets were logged but whose commit was
 * not. {@link #resume} decides when a restart replays.
 *
 * @param queryId the id the epochs' metadata carries (the checkpoint location's query id)
 * @param directory the durable checkpoint location each complete epoch is written to before its sinks commit;
 *     null to keep the epochs only in memory
 * @param restoreFrom the complete epoch to resume from; null to start afresh
 * @param replay the metadata of the epoch after {@code restoreFrom} (epoch 0 without it) to replay exactly; null for
 *     none
 */
public record StreamingCheckpoint(String queryId, CheckpointDirectory directory, CheckpointedEpoch restoreFrom,
    EpochMetadata replay) {
  private static final System.Logger LOG = System.getLogger(StreamingCheckpoint.class.getName());

  public StreamingCheckpoint {
    if (queryId == null || queryId.isEmpty()) {
      throw new IllegalArgumentException("A checkpointed job needs its query id");
    }
    if (restoreFrom != null && !restoreFrom.metadata().queryId().equals(queryId)) {
      throw new IllegalArgumentException("Epoch " + restoreFrom.epoch() + " belongs to query "
          + restoreFrom.metadata().queryId() + ", not to query " + queryId);
    }
    long next = restoreFrom == null ? 0 : restoreFrom.epoch() + 1;
    if (replay != null && (replay.epoch() != next || !replay.queryId().equals(queryId))) {
      throw new IllegalArgumentException("Epoch " + replay.epoch() + " of query " + replay.queryId()
          + " cannot be replayed by query " + queryId + " resuming at epoch " + next);
    }
  }

  /** A checkpoint that replays no epoch. */
  public StreamingCheckpoint(String queryId, CheckpointDirectory directory, CheckpointedEpoch restoreFrom) {
    this(queryId, directory, restoreFrom, null);
  }

  /** The first epoch of a job with this checkpoint: after the restored one, else 0. */
  public long firstEpoch() {
    return restoreFrom == null ? 0 : restoreFrom.epoch() + 1;
  }

  /**
   * How the job of {@code graph} resumes from {@code directory} (opened to write): from a replay a killed process
   * left ({@link CheckpointDirectory#pendingReplay}); else, when the latest complete epoch {@code N} is not in the
   * sink commit log ({@link CheckpointDirectory#sinksCommitted}) and some sink of {@code graph} has no pre-commit
   * stored in {@code N}'s metadata (a driver-local sink: memory, foreachBatch), by replaying {@code N} from
   * {@code N - 1} ({@link CheckpointDirectory#beginReplay}); else from {@code N} (sinks with stored pre-commits
   * commit it again), or from scratch. A replay needs epoch {@code N - 1}: when retention removed it
   * ({@code minBatchesToRetain} 1) the job resumes from {@code N} and logs that {@code N} may be missing from the
   * sinks.
   */
  public static StreamingCheckpoint resume(CheckpointDirectory directory, JobGraph graph) {
    Optional<EpochMetadata> pending = directory.pendingReplay();
    if (pending.isPresent()) {
      return new StreamingCheckpoint(directory.queryId(), directory, directory.readLatest().orElse(null),
          pending.get());
    }
    CheckpointedEpoch latest = directory.readLatest().orElse(null);
    if (latest == null || directory.sinksCommitted(latest.epoch()) || !lacksSinkCommits(graph, latest.metadata())) {
      return new StreamingCheckpoint(directory.queryId(), directory, latest);
    }
    long n = latest.epoch();
    if (n > 0 && !directory.completeEpochs().contains(n - 1)) {
      LOG.log(System.Logger.Level.WARNING, "Epoch " + n + " of " + directory.location() + " may not have reached"
          + " the sinks, but epoch " + (n - 1) + " was removed by retention (" + CheckpointDirectory.MIN_BATCHES_TO_RETAIN_KEY
          + "), so it cannot be replayed; resuming after it");
      return new StreamingCheckpoint(directory.queryId(), directory, latest);
    }
    EpochMetadata replay = directory.beginReplay(n);
    LOG.log(System.Logger.Level.INFO, "Epoch " + n + " of " + directory.location() + " was checkpointed but its"
        + " sinks did not commit it; replaying its offset range");
    return new StreamingCheckpoint(directory.queryId(), directory, n == 0 ? null : directory.read(n - 1), replay);
  }

  /** Whether a sink vertex of {@code graph} has no pre-commit in {@code epoch}: it cannot commit it again. */
  private static boolean lacksSinkCommits(JobGraph graph, EpochMetadata epoch) {
    for (Vertex v : graph.vertices()) {
      if (v instanceof Vertex.SinkVertex && epoch.sinkCommits().keySet().stream()
          .noneMatch(k -> k.vertexId() == v.id())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The shape of {@code graph} as its checkpoints depend on it: per streaming source vertex, the source and its
   * parallelism; per operator vertex, its operators' kinds in chain order, each stateful one with its output schema,
   * and its parallelism; per sink vertex, its parallelism. Task snapshots are named by vertex id and task index, so
   * a graph whose vertices, operators or parallelism changed cannot be served by the stored state.
   */
  public static QueryFingerprint fingerprint(JobGraph graph, Set<Integer> streamingSources) {
    TreeMap<String, String> parts = new TreeMap<>();
    for (Vertex v : graph.vertices()) {
      if (v instanceof Vertex.SourceVertex s) {
        String kind = streamingSources.contains(s.id()) ? "stream " : "static ";
        parts.put("source " + s.id(), kind + s.source().explain() + ", parallelism " + s.parallelism());
      } else if (v instanceof Vertex.OperatorVertex o) {
        StringBuilder sb = new StringBuilder();
        for (OperatorSpec spec : o.chain()) {
          sb.append(sb.length() == 0 ? "" : " -> ").append(spec.getClass().getSimpleName());
          if (spec.isStateful()) {
            sb.append(spec.outputSchema().toString());
          }
        }
        parts.put("operators " + o.id(), sb + ", parallelism " + o.parallelism());
      } else if (v instanceof Vertex.SinkVertex k) {
        parts.put("sink " + k.id(), "parallelism " + k.parallelism());
      }
    }
    return QueryFingerprint.of(parts);
  }
}
