package io.ember.connectors.file;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * Date and timestamp conversion for the file formats. Without a user pattern, parsing is Spark's lenient
 * default ({@code yyyy}, {@code yyyy-[m]m}, {@code yyyy-[m]m-[d]d}, optionally followed by
 * {@code ' '} or {@code 'T'} and {@code [h]h:[m]m[:[s]s[.fraction]]} and a zone such as {@code Z},
 * {@code +01:00} or {@code America/New_York}); with a pattern ({@code dateFormat}, {@code timestampFormat})
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
      throw FileOptions.invalid("dateFormat/timestampFormat", pattern, "a valid datetime pattern (" + e.getMessage() + ")");
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

  /** Spark's lenient date parsing: {@code yyyy[-[m]m[-[d]d]]} then optionally {@code ' '} or {@code 'T'} and anything. */
  public static long parseDateLenient(String text) {
    String s = text.trim();
    int[] parts = new int[3];
    int n = parseDateParts(s, parts);
    if (n < 0 || (n < s.length() && s.charAt(n) != ' ' && s.charAt(n) != 'T')) {
      return FAIL;
    }
    try {
      return LocalDate.of(parts[0], parts[1], parts[2]).toEpochDay();
    } catch (DateTimeException e) {
      return FAIL;
    }
  }

  /** Parses {@code yyyy[-[m]m[-[d]d]]} into {@code parts}; returns the index after it or -1. */
  private static int parseDateParts(String s, int[] parts) {
    parts[1] = 1;
    parts[2] = 1;
    int i = 0;
    int sign = 1;
    if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      sign = s.charAt(i) == '-' ? -1 : 1;
      i++;
    }
    for (int seg = 0; seg < 3; seg++) {
      int startDigits = i;
      int v = 0;
      while (i < s.length() && Character.isDigit(s.charAt(i)) && i - startDigits < 9) {
        v = v * 10 + (s.charAt(i++) - '0');
      }
      int len = i - startDigits;
      if (seg == 0 ? len < 4 : len < 1 || len > 2) {
        return -1;
      }
      parts[seg] = seg == 0 ? sign * v : v;
      if (seg < 2) {
        if (i < s.length() && s.charAt(i) == '-') {
          i++;
        } else {
          return i;
        }
      }
    }
    return i;
  }

  /** Spark's lenient timestamp parsing (see the class comment); {@link #FAIL} when it does not parse. */
  public static long parseTimestampLenient(String s, ZoneId defaultZone) {
    int[] d = new int[3];
    int i = parseDateParts(s, d);
    if (i < 0) {
      return FAIL;
    }
    int h = 0;
    int mi = 0;
    int sec = 0;
    int nanos = 0;
    if (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == 'T')) {
      i++;
      int[] t = new int[3];
      int k = 0;
      while (k < 3) {
        int st = i;
        int v = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i)) && i - st < 2) {
          v = v * 10 + (s.charAt(i++) - '0');
        }
        if (i == st) {
          if (k == 0 && i == s.length()) {
            break; // "2020-01-01 " or "2020-01-01T"
          }
          return FAIL;
        }
        t[k++] = v;
        if (k < 3 && i < s.length() && s.charAt(i) == ':') {
          i++;
        } else {
          break;
        }
      }
      if (k == 1) {
        return FAIL;
      }
      h = t[0];
      mi = t[1];
      sec = t[2];
      if (k == 3 && i < s.length() && s.charAt(i) == '.') {
        i++;
        int digits = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
          if (digits < 9) {
            nanos = nanos * 10 + (s.charAt(i) - '0');
            digits++;
          }
          i++;
        }
        for (; digits < 9; digits++) {
          nanos *= 10;
        }
      }
    }
    ZoneId zone = defaultZone;
    if (i < s.length()) {
      String z = s.substring(i).trim();
      try {
        zone = z.equals("Z") ? ZoneOffset.UTC : ZoneId.of(z.startsWith("+") || z.startsWith("-") ? normalizeOffset(z) : z);
      } catch (DateTimeException e) {
        return FAIL;
      }
    }
    try {
      LocalDateTime ldt = LocalDateTime.of(d[0], d[1], d[2], h, mi, sec, nanos);
      return micros(ZonedDateTime.of(ldt, zone).toInstant());
    } catch (DateTimeException | ArithmeticException e) {
      return FAIL;
    }
  }

  private static String normalizeOffset(String z) {
    String digits = z.substring(1).replace(":", "");
    if (digits.length() == 1) {
      digits = "0" + digits;
    }
    if (digits.length() == 2) {
      return z.charAt(0) + digits + ":00";
    }
    if (digits.length() == 4) {
      return z.charAt(0) + digits.substring(0, 2) + ":" + digits.substring(2);
    }
    return z;
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
