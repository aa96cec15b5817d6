package io.ember.core.expr;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * What evaluating an expression may depend on besides its input.
 *
 * @param ansi Spark's {@code spark.sql.ansi.enabled}: true (the default) raises errors on overflow,
 *     invalid cast and division by zero; false returns null
 * @param zone the session time zone ({@code spark.sql.session.timeZone}, UTC by default)
 * @param queryStartMicros the instant the query started, in microseconds since the epoch; what
 *     {@code current_timestamp()} and {@code current_date()} return for the whole query, as in Spark
 * @param mapKeyLastWin Spark's {@code spark.sql.mapKeyDedupPolicy} LAST_WIN: a map building function given a key
 *     twice keeps the key where it first came with the last value; false (EXCEPTION, the default) raises
 *     {@code DUPLICATED_MAP_KEY}
 */
public record EvalContext(boolean ansi, ZoneId zone, long queryStartMicros, boolean mapKeyLastWin) {
  /** The context with Spark's default {@code spark.sql.mapKeyDedupPolicy} (EXCEPTION). */
  public EvalContext(boolean ansi, ZoneId zone, long queryStartMicros) {
    this(ansi, zone, queryStartMicros, false);
  }

  /** ANSI on, UTC, started now. */
  public static EvalContext defaults() {
    return new EvalContext(true, ZoneOffset.UTC, System.currentTimeMillis() * 1000L);
  }
}
