package io.ember.operators.stream.watermark;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.StructType;
import io.ember.core.types.TimestampType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import java.math.BigDecimal;

/**
 * {@code withWatermark(eventTime, delay)}: passes every batch through unchanged (the same batch object, no
 * copy) and watches the event-time column, so that the task can read its {@link
 * io.ember.operators.EventTimeTracker candidate watermark} at each epoch barrier. Late rows are not dropped
 * here; the stateful operators downstream drop them, as in Spark.
 *
 * <p>As Spark does, event times count in whole milliseconds: the candidate is
 * {@code (max over rows of eventTime / 1000 - delay / 1000) * 1000} microseconds (integer division), so a
 * watermark is always a whole millisecond.
 *
 * @param schema the schema of the input, which is also the output
 * @param eventTimeColumn the index of the event-time column, of type TIMESTAMP
 * @param delayMicros the delay threshold, at least 0 (months count as 31 days, as in Spark)
 * @param watermarkId identifies the {@code withWatermark} in the query; all instances share it
 */
public record EventTimeWatermarkSpec(StructType schema, int eventTimeColumn, long delayMicros, int watermarkId)
    implements OperatorSpec {
  private static final long MICROS_PER_MINUTE = 60_000_000L;
  private static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;

  public EventTimeWatermarkSpec {
    if (eventTimeColumn < 0 || eventTimeColumn >= schema.size()) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR",
          "Event-time column " + eventTimeColumn + " is outside " + schema.simpleString() + ".");
    }
    if (!(schema.field(eventTimeColumn).dataType() instanceof TimestampType)) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR", "The event-time column `"
          + schema.field(eventTimeColumn).name() + "` must be a TIMESTAMP, not "
          + schema.field(eventTimeColumn).dataType().simpleString() + ".");
    }
    if (delayMicros < 0) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR",
          "The watermark delay must not be negative, got " + delayMicros + " microseconds.");
    }
  }

  /** The name of the event-time column. */
  public String eventTimeName() {
    return schema.field(eventTimeColumn).name();
  }

  @Override
  public Operator create() {
    return new EventTimeWatermarkOperator(this);
  }

  @Override
  public StructType outputSchema() {
    return schema;
  }

  /** Spark's form: {@code EventTimeWatermark eventTime, 10 minutes}. */
  @Override
  public String explain() {
    return "EventTimeWatermark " + eventTimeName() + ", " + formatDelay(delayMicros);
  }

  /**
   * A delay as Spark prints an interval ({@code CalendarInterval.toString} without months or days): hours,
   * minutes, then seconds with their fraction, each unit only when not zero; {@code 0 seconds} for none.
   */
  public static String formatDelay(long micros) {
    if (micros == 0) {
      return "0 seconds";
    }
    StringBuilder sb = new StringBuilder();
    long rest = micros;
    appendUnit(sb, rest / MICROS_PER_HOUR, "hours");
    rest %= MICROS_PER_HOUR;
    appendUnit(sb, rest / MICROS_PER_MINUTE, "minutes");
    rest %= MICROS_PER_MINUTE;
    if (rest != 0) {
      sb.append(BigDecimal.valueOf(rest, 6).stripTrailingZeros().toPlainString()).append(" seconds ");
    }
    sb.setLength(sb.length() - 1);
    return sb.toString();
  }

  private static void appendUnit(StringBuilder sb, long value, String unit) {
    if (value != 0) {
      sb.append(value).append(' ').append(unit).append(' ');
    }
  }
}
