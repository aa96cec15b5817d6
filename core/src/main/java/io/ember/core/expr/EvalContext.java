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
 */
public record EvalContext(boolean ansi, ZoneId zone, long queryStartMicros) {
  /** ANSI on, UTC, started now. */
  public static EvalContext defaults() {
    return new EvalContext(true, ZoneOffset.UTC, System.currentTimeMillis() * 1000L);
  }
}
