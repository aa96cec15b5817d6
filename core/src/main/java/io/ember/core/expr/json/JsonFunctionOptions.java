package io.ember.core.expr.json;

import io.ember.core.errors.AnalysisException;
import io.ember.core.text.Temporal;
import io.ember.core.text.TextValues;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The options of {@code from_json}/{@code to_json}/{@code schema_of_json} that Ember honours, named as Spark's JSON
 * options (case-insensitive keys); others are accepted and ignored, as Spark ignores unknown options.
 *
 * @param failFast {@code mode} FAILFAST: a malformed record raises {@code MALFORMED_RECORD_IN_PARSING}; else
 *     PERMISSIVE (Spark's default)
 * @param columnNameOfCorruptRecord the string field of a struct schema that receives a malformed record's text
 * @param dateFormat a datetime pattern for dates or null (lenient parse, {@code yyyy-MM-dd} on write)
 * @param timestampFormat a pattern for timestamps or null (lenient parse, Spark's ISO pattern on write)
 * @param timeZone the {@code timeZone} option or null for the session time zone
 * @param ignoreNullFields {@code to_json} leaves out null struct fields (default true)
 * @param primitivesAsString {@code schema_of_json} infers every primitive as a string
 */
public record JsonFunctionOptions(boolean failFast, String columnNameOfCorruptRecord, String dateFormat,
    String timestampFormat, String timeZone, boolean ignoreNullFields, boolean primitivesAsString) {

  /** Spark's defaults. */
  public static final JsonFunctionOptions DEFAULTS = of("from_json", Map.of());

  /**
   * Reads {@code options} for function {@code function}.
   *
   * @throws AnalysisException {@code PARSE_MODE_UNSUPPORTED} for {@code mode} DROPMALFORMED, as Spark
   */
  public static JsonFunctionOptions of(String function, Map<String, String> options) {
    Map<String, String> o = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    o.putAll(options);
    String mode = o.getOrDefault("mode", "PERMISSIVE").trim().toUpperCase(Locale.ROOT);
    if (mode.equals("DROPMALFORMED")) {
      throw new AnalysisException("PARSE_MODE_UNSUPPORTED", "The function `" + function + "` doesn't support the"
          + " DROPMALFORMED mode. Acceptable modes are PERMISSIVE and FAILFAST.");
    }
    return new JsonFunctionOptions(mode.equals("FAILFAST"), o.getOrDefault("columnNameOfCorruptRecord",
        "_corrupt_record"), o.get("dateFormat"), o.get("timestampFormat"), o.get("timeZone"),
        !"false".equalsIgnoreCase(o.getOrDefault("ignoreNullFields", "true").trim()),
        "true".equalsIgnoreCase(o.getOrDefault("primitivesAsString", "false").trim()));
  }

  /** The zone dates and timestamps are read and written in: the option's, else the session's. */
  ZoneId zone(ZoneId session) {
    return timeZone == null ? session : ZoneId.of(timeZone, ZoneId.SHORT_IDS);
  }

  /** Parsing of dates and timestamps for {@code from_json}. */
  Temporal temporal(ZoneId session) {
    return new Temporal(dateFormat, timestampFormat, zone(session));
  }

  /** Text of primitive values for {@code to_json}. */
  TextValues textValues(ZoneId session) {
    return new TextValues(Temporal.writeDateFormat(dateFormat), Temporal.writeTimestampFormat(timestampFormat,
        zone(session)));
  }
}
