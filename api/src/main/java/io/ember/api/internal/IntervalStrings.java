package io.ember.api.internal;

import io.ember.core.errors.AnalysisException;

/**
 * Spark's interval strings where the API takes a duration as a string ({@code withWatermark}'s delay, a
 * trigger's interval): parsed by core's {@link io.ember.core.expr.datetime.IntervalStrings} (the syntax
 * {@code window()} takes), reported as Spark reports a string it cannot parse there
 * ({@code CANNOT_PARSE_INTERVAL}), and turned into a duration as Spark's watermark delay counts it.
 */
public final class IntervalStrings {
  /** Days a month counts as when an interval becomes a duration, as Spark's watermark delay counts them. */
  public static final int DAYS_PER_MONTH = 31;

  private IntervalStrings() {}

  /** An interval: months and days kept apart from the exact time part, as Spark's {@code CalendarInterval}. */
  public record Interval(int months, int days, long micros) {
    /** The interval as a duration in microseconds, a month counting {@link #DAYS_PER_MONTH} days. */
    public long durationMicros() {
      long monthDays = Math.multiplyExact((long) months, DAYS_PER_MONTH);
      return Math.addExact(Math.multiplyExact(Math.addExact(monthDays, days),
          io.ember.core.expr.datetime.IntervalStrings.MICROS_PER_DAY), micros);
    }
  }

  /**
   * Parses {@code text}.
   *
   * @throws AnalysisException {@code CANNOT_PARSE_INTERVAL} when it is not an interval string (the cause says
   *     what is wrong with it)
   */
  public static Interval parse(String text) {
    io.ember.core.expr.datetime.IntervalStrings.Interval parsed;
    try {
      parsed = io.ember.core.expr.datetime.IntervalStrings.parse(text);
    } catch (AnalysisException e) {
      throw new AnalysisException("CANNOT_PARSE_INTERVAL", "Unable to parse '" + text + "'. Please ensure that the"
          + " value provided is in a valid format for defining an interval, such as '10 seconds' or '1 hour 30"
          + " minutes'. If the issue persists, please double check that the input value is not null or empty. "
          + e.getMessage(), e);
    }
    return new Interval(parsed.months(), parsed.days(), parsed.micros());
  }
}
