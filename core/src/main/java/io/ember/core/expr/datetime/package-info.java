/**
 * Spark's date/time functions as vectorized {@link io.ember.core.expr.Expression}s, registered by name in
 * {@link io.ember.core.expr.DateTimeFunctions}.
 *
 * <p>Dates are {@link io.ember.core.data.IntVector}s of days since 1970-01-01, timestamps
 * {@link io.ember.core.data.LongVector}s of microseconds since the epoch (UTC). Wall-clock fields,
 * formatting and zone-less parsing use the session zone {@link io.ember.core.expr.EvalContext#zone()};
 * {@code current_date}/{@code current_timestamp} are the query start
 * {@link io.ember.core.expr.EvalContext#queryStartMicros()}. Patterns are Spark 3+ datetime patterns
 * ({@link io.ember.core.expr.datetime.DateTimePatterns}).
 */
package io.ember.core.expr.datetime;
