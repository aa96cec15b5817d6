package io.ember.core.expr.datetime;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Conversions between dates (days since 1970-01-01), timestamps (microseconds since the epoch) and zones. */
public final class DateTimeMath {
  public static final long MICROS_PER_SECOND = 1_000_000L;
  public static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

  private DateTimeMath() {}

  /** The instant of {@code micros}. */
  public static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND), Math.floorMod(micros, MICROS_PER_SECOND) * 1000L);
  }

  /** The wall-clock time of {@code micros} in {@code zone}. */
  public static LocalDateTime local(long micros, ZoneId zone) {
    if (zone instanceof ZoneOffset offset) {
      long local = micros + offset.getTotalSeconds() * MICROS_PER_SECOND;
      return LocalDateTime.ofEpochSecond(
          Math.floorDiv(local, MICROS_PER_SECOND), (int) Math.floorMod(local, MICROS_PER_SECOND) * 1000, ZoneOffset.UTC);
    }
    return LocalDateTime.ofInstant(instant(micros), zone);
  }

  /** The date of {@code micros} in {@code zone}, as days since 1970-01-01. */
  public static int toDays(long micros, ZoneId zone) {
    return (int) local(micros, zone).toLocalDate().toEpochDay();
  }

  /** The instant {@code local} names in {@code zone}, in microseconds. */
  public static long toMicros(LocalDateTime local, ZoneId zone) {
    Instant i = local.atZone(zone).toInstant();
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), MICROS_PER_SECOND), i.getNano() / 1000);
  }

  /**
   * Spark's {@code months_between(t1, t2)}: whole months when both have the same day of month or are
   * both the last day of their month; otherwise the difference with 31-day months, including the time
   * of day, rounded to 8 digits when {@code roundOff}.
   */
  public static double monthsBetween(long micros1, long micros2, boolean roundOff, ZoneId zone) {
    LocalDateTime t1 = local(micros1, zone);
    LocalDateTime t2 = local(micros2, zone);
    LocalDate d1 = t1.toLocalDate();
    LocalDate d2 = t2.toLocalDate();
    double monthDiff = (d1.getYear() * 12 + d1.getMonthValue()) - (d2.getYear() * 12 + d2.getMonthValue());
    boolean bothLast = d1.getDayOfMonth() == d1.lengthOfMonth() && d2.getDayOfMonth() == d2.lengthOfMonth();
    if (d1.getDayOfMonth() == d2.getDayOfMonth() || bothLast) {
      return monthDiff;
    }
    long seconds1 = t1.toLocalTime().toSecondOfDay();
    long seconds2 = t2.toLocalTime().toSecondOfDay();
    long secondsDiff = (d1.getDayOfMonth() - d2.getDayOfMonth()) * 86_400L + seconds1 - seconds2;
    double diff = monthDiff + secondsDiff / (31 * 86_400.0);
    return roundOff ? Math.round(diff * 1e8) / 1e8 : diff;
  }
}
