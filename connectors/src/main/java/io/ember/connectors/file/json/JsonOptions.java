package io.ember.connectors.file.json;

import io.ember.connectors.file.FileOptions;
import io.ember.connectors.file.ParseMode;
import java.nio.charset.StandardCharsets;

/**
 * The JSON lines options, named and defaulted as Spark's.
 *
 * @param primitivesAsString infer every primitive value as a string
 * @param dateFormat a datetime pattern for dates or null (lenient default), @param timestampFormat likewise
 * @param mode what to do with malformed records
 * @param columnNameOfCorruptRecord the string column that receives malformed lines in PERMISSIVE mode
 * @param lineSep a custom record separator or null for {@code \n}, {@code \r\n}, {@code \r}
 * @param ignoreNullFields (write) omit null fields, Spark's default
 */
public record JsonOptions(
    boolean primitivesAsString,
    String dateFormat,
    String timestampFormat,
    ParseMode mode,
    String columnNameOfCorruptRecord,
    byte[] lineSep,
    boolean ignoreNullFields) {

  public static JsonOptions of(FileOptions o) {
    String sep = o.get("lineSep", null);
    return new JsonOptions(
        o.getBoolean("primitivesAsString", false),
        o.get("dateFormat", null),
        o.get("timestampFormat", null),
        ParseMode.fromOption(o.get("mode", null)),
        o.get("columnNameOfCorruptRecord", "_corrupt_record"),
        sep == null ? null : sep.getBytes(StandardCharsets.UTF_8),
        o.getBoolean("ignoreNullFields", true));
  }
}
