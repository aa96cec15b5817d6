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
 *       (e.g. {@code maxFilesPerTrigger}) call for, then the query ends.
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
