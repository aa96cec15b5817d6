package io.ember.runtime.local;

import java.util.HashSet;
import java.util.Set;

/**
 * Decides when a streaming coordinator may cut the next epoch before its epoch interval passed, so that output a
 * watermark closes (an append mode window) leaves as soon as the sources' watermark passes it, instead of waiting
 * for the next interval.
 *
 * <p>Why: a task applies a watermark only at a barrier, from the candidates the barrier carries. A window whose
 * closing event was read just after a cut waits for the next cut, up to the epoch interval; a shorter interval
 * costs every query more epochs all the time. Instead, when an epoch completes, its acknowledgements say the
 * smallest watermark at which an operator would emit ({@link io.ember.operators.Operator#nextEmissionWatermarkMicros()},
 * after that epoch's watermark step) and which tasks hold event-time trackers with a candidate. The coordinator
 * asks those tasks to tell it when their candidate reaches that watermark ({@link TaskActor.WatchWatermark}); a
 * candidate never decreases, so once every one of them reported ({@link Reached}), the barrier of an epoch cut now
 * carries a watermark at or past it, and the coordinator cuts at once (still one epoch in flight, after the previous
 * one committed). Every epoch cut this way is an ordinary epoch (barriers, snapshots, commits): exactly-once holds as
 * for any other cut, and a wrong guess costs only an epoch or the interval's wait, never output.
 *
 * <p>What an operator emits at the watermark step of epoch {@code N} belongs to epoch {@code N + 1}, which sinks that
 * commit per epoch (memory, files) publish only when it commits. So when an acknowledgement says its task emitted at
 * the watermark step ({@link Emission#emitted()}), epoch {@code N + 1} is cut at once too (a flush).
 *
 * <p>Bounds: every early cut is for a watermark not cut early for before, or flushes an epoch that emitted, so
 * there are at most two per distinct emission: once an early cut was made for a watermark, a later epoch that still
 * reports that watermark or an earlier one (the cut did not emit it, e.g. an operator that hears the watermark an
 * epoch later) is not watched again, so nothing loops. And two early cuts are at least {@link #MIN_EARLY_GAP_MILLIS}
 * apart, so a query whose windows close very often (tiny windows, event time far ahead of the clock) cuts at most
 * as often as an epoch interval of that length would, which costs no throughput measurably at saturation.
 *
 * <p>Owned by the coordinator; not thread-safe. Watch ids grow for the coordinator's life (across recoveries), so a
 * report of a watch that was replaced or dropped is recognised and ignored.
 */
final class EmissionWatch {
  /** The shortest time between two early cuts. */
  static final long MIN_EARLY_GAP_MILLIS = 10;

  /** Task {@code taskId}'s trackers' candidate watermark reached the watermark of watch {@code watch}. */
  public record Reached(int taskId, long watch) implements JobCoordinator.Command {}

  /**
   * A task's part of an epoch, in its acknowledgement: whether its operators {@code emitted} output at the
   * epoch's watermark step, and the smallest watermark at which they would emit what they hold after it
   * ({@link Long#MAX_VALUE}: none).
   */
  public record Emission(boolean emitted, long nextWatermarkMicros) {
    /** Nothing emitted, nothing waiting for a watermark. */
    public static final Emission NONE = new Emission(false, Long.MAX_VALUE);

    /** Both tasks' parts of the epoch together. */
    public Emission merge(Emission o) {
      return new Emission(emitted || o.emitted, Math.min(nextWatermarkMicros, o.nextWatermarkMicros));
    }
  }

  /** Ask each task of {@code tasks} to report {@link Reached} for {@code watch} once its candidate reaches {@code watermarkMicros}. */
  record Start(long watch, long watermarkMicros, Set<Integer> tasks) {}

  private long lastWatch;
  /** The watch in progress; -1 for none. */
  private long current = -1;
  private long threshold;
  private Set<Integer> watched = Set.of();
  private final Set<Integer> waiting = new HashSet<>();
  private boolean due;
  /** The last completed epoch emitted at its watermark step: cut the next at once. */
  private boolean flush;
  private long lastEarlyCutMillis = Long.MIN_VALUE / 2;
  private long lastEarlyThreshold = Long.MIN_VALUE;

  /**
   * An epoch completed: every acknowledgement is in. {@code emission} is what its tasks emitted and wait for
   * ({@link Emission#merge}), {@code trackerTasks} the tasks whose event-time trackers have a candidate.
   *
   * @return the watch to send to its tasks; null when none is needed or the one in progress still stands
   */
  Start epochCompleted(Emission emission, Set<Integer> trackerTasks) {
    flush = emission.emitted();
    long nextEmissionMicros = emission.nextWatermarkMicros();
    if (nextEmissionMicros == Long.MAX_VALUE || trackerTasks.isEmpty() || nextEmissionMicros <= lastEarlyThreshold) {
      cancel();
      return null;
    }
    if (current >= 0 && threshold == nextEmissionMicros && watched.equals(trackerTasks)) {
      return null;
    }
    current = ++lastWatch;
    threshold = nextEmissionMicros;
    watched = Set.copyOf(trackerTasks);
    waiting.clear();
    waiting.addAll(trackerTasks);
    due = false;
    return new Start(current, threshold, watched);
  }

  /**
   * Task {@code taskId} reported watch {@code watch} reached.
   *
   * @return true when this made an early cut due (every watched task reported)
   */
  boolean reached(int taskId, long watch) {
    if (watch != current || due || !waiting.remove(taskId) || !waiting.isEmpty()) {
      return false;
    }
    due = true;
    return true;
  }

  /** True when the next epoch should be cut before the interval: the watch is due or the last epoch emitted. */
  boolean wantsCut() {
    return due || flush;
  }

  /** How long from {@code nowMillis} until an early cut may come ({@link #MIN_EARLY_GAP_MILLIS}); 0 for now. */
  long earlyWaitMillis(long nowMillis) {
    return Math.max(0, lastEarlyCutMillis + MIN_EARLY_GAP_MILLIS - nowMillis);
  }

  /**
   * The coordinator cut an epoch at {@code nowMillis}; {@code early} when it cut before the interval because of
   * {@link #wantsCut()}. A due watch and a flush end with any cut (its barrier carries the watermark, its epoch the
   * output); a watch still waiting goes on.
   */
  void cut(boolean early, long nowMillis) {
    if (early) {
      lastEarlyCutMillis = nowMillis;
      if (due) {
        lastEarlyThreshold = threshold;
      }
    }
    flush = false;
    if (due) {
      cancel();
    }
  }

  /** A recovery starts over: no watch, no memory of early cuts (the tasks forget their watches when rolled back). */
  void reset() {
    cancel();
    flush = false;
    lastEarlyThreshold = Long.MIN_VALUE;
  }

  private void cancel() {
    current = -1;
    due = false;
    watched = Set.of();
    waiting.clear();
  }
}
