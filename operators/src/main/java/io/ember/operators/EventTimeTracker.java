package io.ember.operators;

/**
 * An operator that defines an event-time watermark ({@code withWatermark(column, delay)}): it watches the
 * event times of the rows that pass through it. At each epoch barrier the task reads
 * {@link #candidateWatermarkMicros()} and carries it downstream with the barrier; a task that aligned the
 * barrier on all its inputs takes, per {@link #watermarkId()}, the minimum over the instances (the input
 * partitions), then the minimum over the ids (Spark's default {@code multipleWatermarkPolicy=min}), and never
 * lets its watermark go back.
 *
 * <p>Why the minimum over partitions, where Spark takes the maximum: Spark's partitions advance in lockstep,
 * one offset range per micro-batch, while Ember's source tasks read independently. A partition that runs
 * ahead must not make a slower partition's rows late; with the minimum, a row is late only when every
 * partition has moved past it (by more than the delay). With one partition, as in most tests, both agree.
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
