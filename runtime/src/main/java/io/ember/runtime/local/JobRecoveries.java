package io.ember.runtime.local;

import io.ember.runtime.EpochReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;

/**
 * The books a {@link StreamingCoordinator} keeps on its job's recoveries: the recovery in progress (from a task
 * failure until every task reported its state restored), a recovery that ended but waits for a source's first rows
 * after it before it is reported (so its timeline shows {@code firstBatch}), and the recoveries reported since the
 * last epoch report, for the next one ({@link EpochReport#recoveries()}). A recovery is logged when it is reported.
 *
 * <p>Whether a failure is recovered at all ({@link io.ember.runtime.StreamingSettings#maxTaskFailures()}) and what the
 * tasks are told is the coordinator's; this class only records what happened. Owned by the coordinator actor; not
 * thread-safe.
 */
final class JobRecoveries {
  private final String jobName;
  private final List<TaskSpec> tasks;
  private final Logger log;
  /** The recovery in progress; null when none. */
  private Recovery current;
  /** A recovery whose tasks all restored, awaiting a source's first rows after it before it is reported; or null. */
  private Recovery awaitingBatch;
  /** Recoveries reported since the last epoch report. */
  private final List<EpochReport.Recovery> reported = new ArrayList<>();

  /** The recoveries of job {@code jobName}, whose tasks (by task id) are {@code tasks}; logged to {@code log}. */
  JobRecoveries(String jobName, List<TaskSpec> tasks, Logger log) {
    this.jobName = jobName;
    this.tasks = tasks;
    this.log = log;
  }

  /** Whether a recovery is in progress (started, and not every task restored yet). */
  boolean inProgress() {
    return current != null;
  }

  /**
   * A recovery starts from the failure of task {@code taskId} with {@code error}, which is the job's task failure
   * number {@code failureNumber}; a recovery still in progress ends, cut short by it.
   */
  void start(int taskId, RuntimeException error, int failureNumber) {
    if (current != null) {
      end("was cut short by task failure " + failureNumber + " before every task restored its state");
    }
    current = new Recovery(error, System.currentTimeMillis(), System.nanoTime());
    current.failed.add(taskId);
  }

  /**
   * Task {@code taskId} failed (or stopped) during the recovery in progress and belongs to it; false when it was
   * counted already.
   */
  boolean addFailed(int taskId) {
    return current.failed.add(taskId);
  }

  /** The tasks that failed in the recovery in progress, by id. */
  Set<Integer> failed() {
    return Set.copyOf(current.failed);
  }

  /**
   * Every task was told to roll back to epoch {@code fromEpoch} ({@code -1}: the start) or started anew;
   * {@code sourceTasks} of them are source tasks, and {@code restoring} tasks are to report they restored.
   */
  void rollBackSent(int sourceTasks, long fromEpoch, int restoring) {
    current.timeline.rollBackSent(sourceTasks);
    current.fromEpoch = fromEpoch;
    current.restoring = restoring;
  }

  /**
   * Task {@code taskId} (a source task when {@code source}) restored its state after {@code restoreNanos} of its
   * own work; when it was the last one, the recovery ends.
   */
  void restored(int taskId, boolean source, long restoreNanos) {
    current.timeline.restored(tasks.get(taskId).name(), source, restoreNanos);
    if (--current.restoring > 0) {
      return;
    }
    end("ended");
  }

  /** A source emitted rows: a phase of the recovery in progress, or what an ended recovery waited for. */
  void sourceRows() {
    if (current != null) {
      current.timeline.sourceRows();
    } else if (awaitingBatch != null) {
      awaitingBatch.timeline.sourceRows();
      reportAwaitingBatch();
    }
  }

  /**
   * The recoveries for the epoch report about to be made, oldest first: those reported since the last one and the
   * ended recovery still awaiting its first batch (reported now); the list starts empty again.
   */
  List<EpochReport.Recovery> takeForReport() {
    reportAwaitingBatch();
    List<EpochReport.Recovery> out = List.copyOf(reported);
    reported.clear();
    return out;
  }

  /**
   * Ends the recovery in progress with its time so far; it is reported once a source emitted its first rows after
   * it (or the report is due, or another recovery ends) when none did yet, at once when it did not end normally.
   */
  private void end(String outcome) {
    reportAwaitingBatch();
    current.durationMs = (System.nanoTime() - current.startNanos) / 1_000_000;
    current.outcome = outcome;
    awaitingBatch = current;
    current = null;
    if (!"ended".equals(outcome) || awaitingBatch.timeline.sawFirstBatch()) {
      reportAwaitingBatch();
    }
  }

  /** Logs the ended recovery awaiting its first batch, if any, with its phases and lists it for the next report. */
  private void reportAwaitingBatch() {
    Recovery r = awaitingBatch;
    if (r == null) {
      return;
    }
    awaitingBatch = null;
    List<String> failedTasks = r.failed.stream().sorted().map(id -> tasks.get(id).name()).toList();
    Map<String, Long> phases = r.timeline.phasesMs();
    log.info("Job {}: the recovery from the failure of {} at {} {} in {} ms (the failed tasks"
        + " started anew, every other task rolled back to {}); phases in ms since the failure: {}", jobName,
        failedTasks, Instant.ofEpochMilli(r.startedAtMillis), r.outcome, r.durationMs,
        r.fromEpoch < 0 ? "the start" : "epoch " + r.fromEpoch, phases);
    reported.add(new EpochReport.Recovery(failedTasks, r.fromEpoch, r.startedAtMillis, r.durationMs,
        String.valueOf(r.error.getMessage()), phases));
  }

  /** A recovery from the failure until every task restored its state. */
  private static final class Recovery {
    final RuntimeException error;
    final long startedAtMillis;
    final long startNanos;
    final Set<Integer> failed = new TreeSet<>();
    final RecoveryTimeline timeline;
    long fromEpoch;
    int restoring;
    long durationMs;
    String outcome;

    Recovery(RuntimeException error, long startedAtMillis, long startNanos) {
      this.error = error;
      this.startedAtMillis = startedAtMillis;
      this.startNanos = startNanos;
      this.timeline = new RecoveryTimeline(startNanos);
    }
  }
}
