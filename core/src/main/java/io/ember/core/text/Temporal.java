package io.ember.core.text;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.expr.DateTimeParsing;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * Date and timestamp conversion for the file formats and the JSON functions. Without a user pattern, parsing is Spark's lenient
 * default, shared with casts ({@link DateTimeParsing}); with a pattern ({@code dateFormat}, {@code timestampFormat})
 * the value must match it. Formatting uses Spark's file defaults. Failures return {@link #FAIL}.
 */
public final class Temporal {
  /** Returned when a value does not parse. */
  public static final long FAIL = Long.MIN_VALUE;
  /** Spark's default timestamp pattern for CSV and JSON output. */
  public static final String DEFAULT_TIMESTAMP_WRITE_PATTERN = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";
  /** Spark's default date pattern. */
  public static final String DEFAULT_DATE_PATTERN = "yyyy-MM-dd";

  private final DateTimeFormatter dateFormat;
  private final DateTimeFormatter timestampFormat;
  private final ZoneId zone;

  /** @param datePattern a user {@code dateFormat} or null; @param timestampPattern likewise */
  public Temporal(String datePattern, String timestampPattern, ZoneId zone) {
    this.dateFormat = datePattern == null ? null : formatter(datePattern);
    this.timestampFormat = timestampPattern == null ? null : formatter(timestampPattern);
    this.zone = zone;
  }

  /** A formatter for a Spark datetime pattern ({@code y} years are proleptic, parsing is case-insensitive). */
  public static DateTimeFormatter formatter(String pattern) {
    try {
      return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
          .parseDefaulting(ChronoField.ERA, 1).toFormatter(Locale.US);
    } catch (IllegalArgumentException e) {
      throw new EmberIllegalArgumentException("INVALID_OPTION_VALUE", "Invalid value '" + pattern
          + "' for option 'dateFormat/timestampFormat': expected a valid datetime pattern (" + e.getMessage() + ").");
    }
  }

  public ZoneId zone() {
    return zone;
  }

  public boolean hasDateFormat() {
    return dateFormat != null;
  }

  public boolean hasTimestampFormat() {
    return timestampFormat != null;
  }

  /** Days since the epoch, or {@link #FAIL}. With a user pattern it must match; else lenient. */
  public long parseDate(String s) {
    if (dateFormat != null) {
      try {
        return LocalDate.from(dateFormat.parse(s.trim())).toEpochDay();
      } catch (DateTimeException e) {
        return FAIL;
      }
    }
    return parseDateLenient(s);
  }

  /** True when {@code s} is a date in the inference pattern: the user's {@code dateFormat} or exactly {@code yyyy-MM-dd}. */
  public boolean isInferableDate(String s) {
    if (dateFormat != null) {
      return parseDate(s) != FAIL;
    }
    if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return false;
    }
    for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9}) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return parseDateLenient(s) != FAIL;
  }

  /** Microseconds since the epoch, or {@link #FAIL}; values without a zone are in the session zone. */
  public long parseTimestamp(String s) {
    if (timestampFormat != null) {
      try {
        return fromAccessor(timestampFormat.parse(s.trim()));
      } catch (DateTimeException | ArithmeticException e) {
        return FAIL;
      }
    }
    return parseTimestampLenient(s.trim(), zone);
  }

  private long fromAccessor(TemporalAccessor t) {
    LocalDate date = t.query(TemporalQueries.localDate());
    if (date == null) {
      return FAIL;
    }
    LocalTime time = t.query(TemporalQueries.localTime());
    LocalDateTime ldt = LocalDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time);
    ZoneId z = t.query(TemporalQueries.zone());
    return micros(ZonedDateTime.of(ldt, z == null ? zone : z).toInstant());
  }

  private static long micros(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
  }

  /** Spark's lenient date parsing (as {@code CAST(s AS DATE)}), or {@link #FAIL}. */
  public static long parseDateLenient(String text) {
    Integer days = DateTimeParsing.tryParseDate(text);
    return days == null ? FAIL : days;
  }

  /** Spark's lenient timestamp parsing (as {@code CAST(s AS TIMESTAMP)}), or {@link #FAIL}. */
  public static long parseTimestampLenient(String s, ZoneId defaultZone) {
    Long micros = DateTimeParsing.tryParseTimestamp(s, defaultZone);
    return micros == null ? FAIL : micros;
  }

  /**
   * Days since the epoch of a plain {@code yyyy-MM-dd} slice, or {@link #FAIL} when the slice has another
   * shape (the caller then parses it in full); a fast path for the default date format.
   */
  public static long isoDate(char[] c, int off, int len) {
    if (len != 10 || c[off + 4] != '-' || c[off + 7] != '-') {
      return FAIL;
    }
    int y = 0;
    int m = 0;
    int d = 0;
    for (int i = 0; i < 10; i++) {
      if (i == 4 || i == 7) {
        continue;
      }
      int digit = c[off + i] - '0';
      if (digit < 0 || digit > 9) {
        return FAIL;
      }
      if (i < 4) {
        y = y * 10 + digit;
      } else if (i < 7) {
        m = m * 10 + digit;
      } else {
        d = d * 10 + digit;
      }
    }
    if (m < 1 || m > 12 || d < 1 || d > 28 && d > java.time.YearMonth.of(y, m).lengthOfMonth()) {
      return FAIL;
    }
    return LocalDate.of(y, m, d).toEpochDay();
  }

  /** A date written with {@code pattern} (or {@code yyyy-MM-dd}). */
  public static DateTimeFormatter writeDateFormat(String pattern) {
    return DateTimeFormatter.ofPattern(pattern == null ? DEFAULT_DATE_PATTERN : pattern, Locale.US);
  }

  /** A timestamp formatter for output in {@code zone} (default pattern {@link #DEFAULT_TIMESTAMP_WRITE_PATTERN}). */
  public static DateTimeFormatter writeTimestampFormat(String pattern, ZoneId zone) {
    return DateTimeFormatter.ofPattern(pattern == null ? DEFAULT_TIMESTAMP_WRITE_PATTERN : pattern, Locale.US)
        .withZone(zone);
  }

  /** An instant from microseconds since the epoch. */
  public static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }
}
