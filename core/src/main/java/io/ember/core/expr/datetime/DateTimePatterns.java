package io.ember.core.expr.datetime;

import io.ember.core.errors.EmberIllegalArgumentException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spark 3+ datetime patterns ({@code yyyy-MM-dd HH:mm:ss}, {@code EEE}, {@code MMM}, {@code a}, ...)
 * as {@link DateTimeFormatter}s: English names, strict resolution (no 30th of February), and the
 * week-based letters Spark rejects ({@code Y w W u e c}) rejected. Fields missing from a parsed
 * value default as in Spark: year 1970, month and day 1, time 00:00:00, the session zone.
 * Formatters are cached per pattern; thread-safe.
 */
public final class DateTimePatterns {
  /** Spark's default pattern of {@code from_unixtime} and {@code unix_timestamp}. */
  public static final String DEFAULT_TIMESTAMP = "yyyy-MM-dd HH:mm:ss";

  private static final int MAX_CACHED = 256;
  private static final ConcurrentHashMap<String, DateTimeFormatter> CACHE = new ConcurrentHashMap<>();

  private DateTimePatterns() {}

  /**
   * The formatter for Spark pattern {@code pattern}, for formatting.
   *
   * @throws EmberIllegalArgumentException {@code INVALID_DATETIME_PATTERN} for a pattern Spark rejects
   */
  public static DateTimeFormatter formatter(String pattern) {
    return cached(pattern, false);
  }

  /**
   * The formatter for parsing with {@code pattern}: as {@link #formatter}, except that a run of
   * {@code n} {@code S} letters accepts 1 to {@code n} fraction digits, as Spark's parser does.
   */
  public static DateTimeFormatter parser(String pattern) {
    return cached(pattern, true);
  }

  private static DateTimeFormatter cached(String pattern, boolean parsing) {
    String key = (parsing ? 'p' : 'f') + pattern;
    DateTimeFormatter f = CACHE.get(key);
    if (f == null) {
      f = build(pattern, parsing);
      if (CACHE.size() >= MAX_CACHED) {
        CACHE.clear();
      }
      CACHE.put(key, f);
    }
    return f;
  }

  private static DateTimeFormatter build(String pattern, boolean parsing) {
    DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive();
    StringBuilder segment = new StringBuilder(pattern.length());
    boolean quoted = false;
    try {
      for (int i = 0; i < pattern.length(); i++) {
        char c = pattern.charAt(i);
        if (c == '\'') {
          quoted = !quoted;
        } else if (!quoted && "YwWuec".indexOf(c) >= 0) {
          throw weekBased(pattern, c);
        } else if (!quoted && c == 'y') {
          c = 'u'; // proleptic year, so strict parsing needs no era
        } else if (!quoted && c == 'S' && parsing) {
          int run = 1;
          while (i + run < pattern.length() && pattern.charAt(i + run) == 'S') {
            run++;
          }
          builder.appendPattern(segment.toString());
          segment.setLength(0);
          builder.appendFraction(ChronoField.NANO_OF_SECOND, 1, run, false);
          i += run - 1;
          continue;
        }
        segment.append(c);
      }
      return builder.appendPattern(segment.toString())
          .toFormatter(Locale.US)
          .withChronology(IsoChronology.INSTANCE)
          .withResolverStyle(ResolverStyle.STRICT);
    } catch (IllegalArgumentException e) {
      throw new EmberIllegalArgumentException(
          "INVALID_DATETIME_PATTERN",
          "Unrecognized datetime pattern: '" + pattern + "' (" + e.getMessage() + "). See Spark's datetime"
              + " pattern reference for the supported letters.",
          e);
    }
  }

  private static EmberIllegalArgumentException weekBased(String pattern, char c) {
    return new EmberIllegalArgumentException(
        "INVALID_DATETIME_PATTERN",
        "Unrecognized datetime pattern: '" + pattern + "'. All week-based patterns are unsupported since"
            + " Spark 3.0, detected: " + c + ". Please use the SQL function EXTRACT instead.");
  }

  /** {@code micros} (since the epoch) rendered with {@code pattern} in {@code zone}. */
  public static String format(long micros, String pattern, ZoneId zone) {
    Instant i = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    return formatter(pattern).format(i.atZone(zone));
  }

  /**
   * {@code text} read with {@code pattern}, as microseconds since the epoch; a value without a zone is
   * read in {@code zone}.
   *
   * @throws DateTimeException when {@code text} does not match the pattern or names no valid time
   */
  public static long parse(String text, String pattern, ZoneId zone) {
    TemporalAccessor t = parser(pattern).parse(text);
    LocalDate date = t.query(TemporalQueries.localDate());
    if (date == null) {
      date = LocalDate.of(field(t, ChronoField.YEAR, 1970), field(t, ChronoField.MONTH_OF_YEAR, 1),
          field(t, ChronoField.DAY_OF_MONTH, 1));
    }
    int hour;
    if (t.isSupported(ChronoField.HOUR_OF_DAY)) {
      hour = t.get(ChronoField.HOUR_OF_DAY);
    } else {
      hour = field(t, ChronoField.HOUR_OF_AMPM, 0) + 12 * field(t, ChronoField.AMPM_OF_DAY, 0);
    }
    LocalDateTime ldt = date.atTime(hour, field(t, ChronoField.MINUTE_OF_HOUR, 0),
        field(t, ChronoField.SECOND_OF_MINUTE, 0), field(t, ChronoField.NANO_OF_SECOND, 0));
    ZoneId parsedZone = t.query(TemporalQueries.zone());
    Instant i = ldt.atZone(parsedZone != null ? parsedZone : zone).toInstant();
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000);
  }

  private static int field(TemporalAccessor t, ChronoField f, int dflt) {
    return t.isSupported(f) ? t.get(f) : dflt;
  }
}
