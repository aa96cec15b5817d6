package io.ember.operators;

/**
 * An operator that defines an event-time watermark ({@code withWatermark(column, delay)}): it watches the
 * event times of the rows that pass through it. At each epoch barrier the task reads
 * {@link #candidateWatermarkMicros()} and carries it downstream with the barrier; a task that aligned the
 * barrier on all its inputs takes, per {@link #watermarkId()}, the maximum over the instances, then the
 * minimum over the ids (Spark's default {@code multipleWatermarkPolicy=min}), and never lets its watermark
 * go back.
 */
public interface EventTimeTracker {
  /** Identifies the {@code withWatermark} this operator implements, the same for all its instances. */
  int watermarkId();

  /**
   * The largest event time seen so far minus the delay, in microseconds; {@link Long#MIN_VALUE} while no row
   * with a non-null event time was seen (this instance then does not hold the watermark back).
   */
  long candidateWatermarkMicros();

  /** Event times of the rows seen since the last call (the epoch's), then starts over. */
  EventTimeStats takeEpochStats();

  /**
   * Event times seen in an epoch, for the {@code eventTime} of a progress report.
   *
   * @param count rows with a non-null event time; min, max and sum are meaningless when zero
   */
  record EventTimeStats(long count, long minMicros, long maxMicros, double sumMicros) {
    public static final EventTimeStats EMPTY = new EventTimeStats(0, Long.MAX_VALUE, Long.MIN_VALUE, 0);

    /** Both epochs' rows together. */
    public EventTimeStats merge(EventTimeStats o) {
      return new EventTimeStats(count + o.count, Math.min(minMicros, o.minMicros), Math.max(maxMicros, o.maxMicros),
          sumMicros + o.sumMicros);
    }
  }
}
