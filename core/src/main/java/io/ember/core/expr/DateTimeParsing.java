package io.ember.core.expr;

import io.ember.core.types.DataTypes;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Parses strings into dates (days since 1970-01-01) and timestamps (microseconds since the epoch) the
 * way Spark's {@code CAST(s AS DATE)} and {@code CAST(s AS TIMESTAMP)} do. Leading and trailing white
 * space is ignored.
 *
 * <p>Dates: {@code yyyy}, {@code yyyy-[m]m}, {@code yyyy-[m]m-[d]d}, optionally followed by a space or
 * {@code T} and anything (the time part is ignored). Years have 4 to 7 digits and may carry a sign.
 *
 * <p>Timestamps: the date forms above, optionally followed by a space or {@code T} and
 * {@code [h]h:[m]m[:[s]s[.fraction]]} (fraction up to 9 digits, truncated to microseconds), then an
 * optional zone: {@code Z}, an offset ({@code +hh}, {@code +hh:mm}, {@code +hhmm}), {@code UTC}/{@code GMT}
 * with or without an offset, or a region id such as {@code Europe/Paris}. A timestamp without a zone is
 * read in the given session zone.
 *
 * <p>Thread-safe; no state.
 */
public final class DateTimeParsing {
  /** Returned by the internal parsers for input that is not a date or timestamp. */
  private static final long INVALID = Long.MIN_VALUE;
  private static final long MICROS_PER_SECOND = 1_000_000L;

  private DateTimeParsing() {}

  /**
   * The date {@code s} names, as days since 1970-01-01.
   *
   * @throws io.ember.core.errors.EmberDateTimeException {@code CAST_INVALID_INPUT} when {@code s} is not a date
   */
  public static int parseDate(String s) {
    long d = parseDateOrInvalid(s);
    if (d == INVALID) {
      throw ExpressionErrors.castInvalidInput(s, DataTypes.STRING, DataTypes.DATE);
    }
    return (int) d;
  }

  /** The date {@code s} names as days since 1970-01-01, or null when it is not a date (or is null). */
  public static Integer tryParseDate(String s) {
    long d = s == null ? INVALID : parseDateOrInvalid(s);
    return d == INVALID ? null : (int) d;
  }

  /**
   * The instant {@code s} names, in microseconds since the epoch; a zone-less {@code s} is read in {@code zone}.
   *
   * @throws io.ember.core.errors.EmberDateTimeException {@code CAST_INVALID_INPUT} when {@code s} is not a timestamp
   */
  public static long parseTimestamp(String s, ZoneId zone) {
    long t = parseTimestampOrInvalid(s, zone);
    if (t == INVALID) {
      throw ExpressionErrors.castInvalidInput(s, DataTypes.STRING, DataTypes.TIMESTAMP);
    }
    return t;
  }

  /** As {@link #parseTimestamp}, but null when {@code s} is not a timestamp (or is null). */
  public static Long tryParseTimestamp(String s, ZoneId zone) {
    long t = s == null ? INVALID : parseTimestampOrInvalid(s, zone);
    return t == INVALID ? null : t;
  }

  /** Spark's rendering of a date: {@code yyyy-MM-dd}. */
  public static String formatDate(int days) {
    return LocalDate.ofEpochDay(days).toString();
  }

  /**
   * Spark's rendering of a timestamp in {@code zone}: {@code yyyy-MM-dd HH:mm:ss} followed by the
   * fraction of a second without trailing zeros, if it is not zero.
   */
  public static String formatTimestamp(long micros, ZoneId zone) {
    long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
    int microOfSecond = (int) Math.floorMod(micros, MICROS_PER_SECOND);
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, zone.getRules().getOffset(
        java.time.Instant.ofEpochSecond(seconds)));
    StringBuilder sb = new StringBuilder(26);
    sb.append(t.toLocalDate()).append(' ');
    pad2(sb, t.getHour());
    sb.append(':');
    pad2(sb, t.getMinute());
    sb.append(':');
    pad2(sb, t.getSecond());
    if (microOfSecond != 0) {
      String frac = Integer.toString(1_000_000 + microOfSecond).substring(1);
      int end = frac.length();
      while (frac.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(frac, 0, end);
    }
    return sb.toString();
  }

  private static void pad2(StringBuilder sb, int v) {
    if (v < 10) {
      sb.append('0');
    }
    sb.append(v);
  }

  /** A cursor over the trimmed input. */
  private static final class Cursor {
    final String s;
    int pos;
    final int end;

    Cursor(String s) {
      int from = 0;
      int to = s.length();
      while (from < to && s.charAt(from) <= ' ') {
        from++;
      }
      while (to > from && s.charAt(to - 1) <= ' ') {
        to--;
      }
      this.s = s;
      this.pos = from;
      this.end = to;
    }

    boolean atEnd() {
      return pos >= end;
    }

    char peek() {
      return s.charAt(pos);
    }

    /** Reads {@code min..max} digits; -1 when there are fewer than {@code min} or more than {@code max}. */
    long digits(int min, int max) {
      long v = 0;
      int n = 0;
      while (pos < end && Character.isDigit(s.charAt(pos))) {
        if (n == max) {
          return -1;
        }
        v = v * 10 + (s.charAt(pos++) - '0');
        n++;
      }
      return n < min ? -1 : v;
    }
  }

  /** Year, month, day read from the cursor, or null. */
  private static LocalDate readDate(Cursor c) {
    if (c.atEnd()) {
      return null;
    }
    int sign = 1;
    if (c.peek() == '-' || c.peek() == '+') {
      sign = c.peek() == '-' ? -1 : 1;
      c.pos++;
    }
    long year = c.digits(4, 7);
    long month = 1;
    long day = 1;
    if (year < 0) {
      return null;
    }
    if (!c.atEnd() && c.peek() == '-') {
      c.pos++;
      month = c.digits(1, 2);
      if (month < 0) {
        return null;
      }
      if (!c.atEnd() && c.peek() == '-') {
        c.pos++;
        day = c.digits(1, 2);
        if (day < 0) {
          return null;
        }
      }
    }
    try {
      return LocalDate.of((int) (sign * year), (int) month, (int) day);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static long parseDateOrInvalid(String s) {
    Cursor c = new Cursor(s);
    LocalDate d = readDate(c);
    if (d == null) {
      return INVALID;
    }
    if (!c.atEnd() && c.peek() != ' ' && c.peek() != 'T') {
      return INVALID;
    }
    return d.toEpochDay();
  }

  private static long parseTimestampOrInvalid(String s, ZoneId sessionZone) {
    Cursor c = new Cursor(s);
    LocalDate date = readDate(c);
    if (date == null) {
      return INVALID;
    }
    long nanoOfDay = 0;
    ZoneId zone = sessionZone;
    if (!c.atEnd()) {
      char sep = c.peek();
      if (sep != ' ' && sep != 'T') {
        return INVALID;
      }
      c.pos++;
      if (!c.atEnd()) {
        nanoOfDay = readTime(c);
        if (nanoOfDay < 0) {
          return INVALID;
        }
        if (!c.atEnd()) {
          zone = readZone(c.s.substring(c.pos, c.end));
          if (zone == null) {
            return INVALID;
          }
        }
      }
    }
    try {
      LocalDateTime ldt = date.atStartOfDay().plusNanos(nanoOfDay);
      java.time.Instant i = ldt.atZone(zone).toInstant();
      return Math.addExact(Math.multiplyExact(i.getEpochSecond(), MICROS_PER_SECOND), i.getNano() / 1000);
    } catch (DateTimeException | ArithmeticException e) {
      return INVALID;
    }
  }

  /** {@code h:m[:s[.f]]} as nanoseconds of the day, or -1. */
  private static long readTime(Cursor c) {
    long h = c.digits(1, 2);
    if (h < 0 || h > 23 || c.atEnd() || c.peek() != ':') {
      return -1;
    }
    c.pos++;
    long m = c.digits(1, 2);
    if (m < 0 || m > 59) {
      return -1;
    }
    long sec = 0;
    long nanos = 0;
    if (!c.atEnd() && c.peek() == ':') {
      c.pos++;
      sec = c.digits(1, 2);
      if (sec < 0 || sec > 59) {
        return -1;
      }
      if (!c.atEnd() && c.peek() == '.') {
        c.pos++;
        int start = c.pos;
        long f = c.digits(1, 9);
        if (f < 0) {
          return -1;
        }
        int n = c.pos - start;
        for (int k = n; k < 9; k++) {
          f *= 10;
        }
        nanos = f / 1000 * 1000; // truncated to microseconds, as Spark
      }
    }
    return ((h * 60 + m) * 60 + sec) * 1_000_000_000L + nanos;
  }

  /** A zone id or offset following the time, or null. */
  private static ZoneId readZone(String text) {
    String z = text.strip();
    if (z.isEmpty()) {
      return null;
    }
    if (z.equals("Z") || z.equals("z")) {
      return ZoneOffset.UTC;
    }
    try {
      char first = z.charAt(0);
      if (first == '+' || first == '-') {
        return ZoneOffset.of(normalizeOffset(z));
      }
      for (String prefix : new String[] {"UTC", "GMT", "UT"}) {
        if (z.regionMatches(true, 0, prefix, 0, prefix.length())) {
          String rest = z.substring(prefix.length());
          if (rest.isEmpty()) {
            return ZoneOffset.UTC;
          }
          if (rest.charAt(0) == '+' || rest.charAt(0) == '-') {
            return ZoneOffset.of(normalizeOffset(rest));
          }
        }
      }
      return ZoneId.of(z);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** {@code +h}, {@code +hh}, {@code +hhmm}, {@code +hh:mm}, {@code +h:mm} into a form ZoneOffset reads. */
  private static String normalizeOffset(String o) {
    char sign = o.charAt(0);
    String body = o.substring(1);
    if (body.matches("\\d")) {
      return sign + "0" + body;
    }
    if (body.matches("\\d:\\d\\d")) {
      return sign + "0" + body;
    }
    return o;
  }
}
