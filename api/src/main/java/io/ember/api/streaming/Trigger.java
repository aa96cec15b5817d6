package io.ember.api.streaming;

import io.ember.api.internal.IntervalStrings;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.concurrent.TimeUnit;

/**
 * When a streaming query cuts its epochs (Spark's micro-batches), as Spark's {@code Trigger}. Rows flow through
 * stateless stages as they arrive whatever the trigger; the trigger decides how often epochs end, which is when
 * sinks commit, watermarks advance and progress is reported.
 *
 * <ul>
 *   <li>no trigger (the default): the next epoch as soon as the previous one committed, at most every
 *       {@code ember.streaming.epochInterval};
 *   <li>{@link #ProcessingTime(long)}: at most one epoch per interval;
 *   <li>{@link #Once()}: everything available at start in a single epoch, then the query ends;
 *   <li>{@link #AvailableNow()}: everything available at start, in as many epochs as the sources' limits
 *       (e.g. {@code maxFilesPerTrigger}) call for, then the query ends;
 *   <li>{@link #Continuous(long)}: Spark's continuous processing, for queries of projections and filters only:
 *       rows flow from source to sink as they arrive, and an epoch (a checkpoint) is cut every interval.
 * </ul>
 */
public sealed interface Trigger {
  /** Epochs at most every {@code intervalMs} milliseconds (0: as soon as possible). */
  record ProcessingTimeTrigger(long intervalMs) implements Trigger {
    public ProcessingTimeTrigger {
      if (intervalMs < 0) {
        throw new EmberIllegalArgumentException(
            "INVALID_TRIGGER_INTERVAL", "The trigger interval must not be negative, got " + intervalMs + " ms.");
      }
    }
  }

  /** One epoch over what is available at start; Spark's deprecated {@code Trigger.Once()}. */
  record OnceTrigger() implements Trigger {}

  /** Everything available at start, possibly in several epochs, then the query ends. */
  record AvailableNowTrigger() implements Trigger {}

  /**
   * Continuous processing with a checkpoint every {@code intervalMs} milliseconds, as Spark's
   * {@code Trigger.Continuous}. Only map-like queries run with it: projections and filters over rate, socket,
   * memory and kafka streams, written to console, memory, foreach, kafka or noop sinks; anything else is refused at
   * {@code start()} with Spark's message ("Continuous processing does not support Aggregate operations.", ...).
   *
   * <p>Ember runs such a query as it runs every stream, its rows flowing through long-lived tasks as they arrive,
   * with epochs cut every interval. Sinks that write per row (a Java foreach writer, kafka) get each row as soon as
   * it is processed, without waiting for the epoch; the console and memory sinks show an epoch's rows when it
   * commits, and a Python foreach writer gets a partition's rows of an epoch when the epoch ends, so these at most
   * about one interval after the rows arrived. Each epoch is checkpointed (with a checkpoint location, there);
   * rows are delivered at least once, as in Spark (an epoch run again after a failure writes its rows again to
   * the per-row sinks). As in Spark, a continuous query reports no progress: {@code lastProgress()} is null and
   * {@code recentProgress()} empty.
   */
  record ContinuousTrigger(long intervalMs) implements Trigger {
    public ContinuousTrigger {
      if (intervalMs < 0) {
        throw new EmberIllegalArgumentException(
            "INVALID_TRIGGER_INTERVAL", "The trigger interval must not be negative, got " + intervalMs + " ms.");
      }
    }
  }

  /**
   * Epochs at most every {@code intervalMs} milliseconds.
   *
   * @throws EmberIllegalArgumentException {@code INVALID_TRIGGER_INTERVAL} for a negative interval
   */
  static Trigger ProcessingTime(long intervalMs) {
    return new ProcessingTimeTrigger(intervalMs);
  }

  /** Epochs at most every {@code interval} {@code unit}s. */
  static Trigger ProcessingTime(long interval, TimeUnit unit) {
    return new ProcessingTimeTrigger(unit.toMillis(interval));
  }

  /** Epochs at most every {@code interval}. */
  static Trigger ProcessingTime(java.time.Duration interval) {
    return new ProcessingTimeTrigger(interval.toMillis());
  }

  /**
   * Epochs at most every {@code interval}, written as Spark writes intervals: {@code "1 second"},
   * {@code "10 seconds"}, {@code "1 minute 30 seconds"}, {@code "interval 500 milliseconds"}; units from
   * microsecond to week, singular or plural, case-insensitive.
   *
   * @throws EmberIllegalArgumentException {@code INVALID_TRIGGER_INTERVAL} for a blank, malformed or negative
   *     interval, or one in months or years (which have no fixed length)
   */
  static Trigger ProcessingTime(String interval) {
    IntervalStrings.Interval parsed;
    try {
      parsed = IntervalStrings.parse(interval);
    } catch (AnalysisException e) {
      throw invalidInterval(interval, "expected an interval such as '10 seconds' or '1 minute 30 seconds'.");
    }
    if (parsed.months() != 0) {
      throw invalidInterval(interval, "Doesn't support month or year interval: " + interval);
    }
    long micros = Math.addExact(Math.multiplyExact((long) parsed.days(), 86_400_000_000L), parsed.micros());
    if (micros < 0) {
      throw invalidInterval(interval, "the trigger interval must not be negative.");
    }
    return new ProcessingTimeTrigger(micros / 1000);
  }

  /** Continuous processing, checkpointing every {@code intervalMs} milliseconds ({@link ContinuousTrigger}). */
  static Trigger Continuous(long intervalMs) {
    return new ContinuousTrigger(intervalMs);
  }

  /** Continuous processing, checkpointing every {@code interval} {@code unit}s. */
  static Trigger Continuous(long interval, TimeUnit unit) {
    return new ContinuousTrigger(unit.toMillis(interval));
  }

  /** Continuous processing, checkpointing every {@code interval}. */
  static Trigger Continuous(java.time.Duration interval) {
    return new ContinuousTrigger(interval.toMillis());
  }

  /**
   * Continuous processing, checkpointing every {@code interval} written as Spark writes intervals
   * ({@code "1 second"}), as {@link #ProcessingTime(String)} reads it.
   *
   * @throws EmberIllegalArgumentException {@code INVALID_TRIGGER_INTERVAL} as {@link #ProcessingTime(String)}
   */
  static Trigger Continuous(String interval) {
    return new ContinuousTrigger(((ProcessingTimeTrigger) ProcessingTime(interval)).intervalMs());
  }

  private static EmberIllegalArgumentException invalidInterval(String interval, String why) {
    return new EmberIllegalArgumentException(
        "INVALID_TRIGGER_INTERVAL", "Invalid trigger interval '" + interval + "': " + why);
  }

  /** One epoch over everything available at start, then the query ends. */
  static Trigger Once() {
    return new OnceTrigger();
  }

  /** Everything available at start, in one or more epochs, then the query ends. */
  static Trigger AvailableNow() {
    return new AvailableNowTrigger();
  }
}
