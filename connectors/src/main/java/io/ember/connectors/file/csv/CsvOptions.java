package io.ember.connectors.file.csv;

import io.ember.connectors.file.FileOptions;
import io.ember.connectors.file.ParseMode;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.nio.charset.Charset;

/**
 * The CSV options, named and defaulted as Spark's ({@code DataFrameReader.csv} / {@code DataFrameWriter.csv}).
 *
 * @param header the first line holds column names (read) / write one (write)
 * @param sep the field separator ({@code sep} or {@code delimiter}), one or more characters
 * @param quote the quote character; {@code '\0'} turns quoting off
 * @param escape the escape character for quotes inside quoted values ({@code '"'} means doubled quotes)
 * @param comment lines starting with it are skipped; {@code '\0'} = none
 * @param nullValue the text of a null value
 * @param emptyValue what a quoted empty value ({@code ""}) reads as before the null check
 * @param nanValue the text of NaN, @param positiveInf likewise, @param negativeInf likewise
 * @param inferSchema infer types by reading the data once
 * @param ignoreLeadingWhiteSpace trim unquoted values at the start, @param ignoreTrailingWhiteSpace at the end
 * @param dateFormat a datetime pattern or null for the default, @param timestampFormat likewise
 * @param charset the file encoding ({@code encoding} or {@code charset})
 * @param lineSep the record separator when set ({@code \n}, {@code \r} or {@code \r\n}); null = any
 * @param mode what to do with malformed records
 * @param columnNameOfCorruptRecord the string column that receives malformed records' text in PERMISSIVE mode
 * @param multiLine a quoted value may span lines; files are then not split
 * @param quoteAll (write) quote every value
 */
public record CsvOptions(
    boolean header,
    String sep,
    char quote,
    char escape,
    char comment,
    String nullValue,
    String emptyValue,
    String nanValue,
    String positiveInf,
    String negativeInf,
    boolean inferSchema,
    boolean ignoreLeadingWhiteSpace,
    boolean ignoreTrailingWhiteSpace,
    String dateFormat,
    String timestampFormat,
    Charset charset,
    String lineSep,
    ParseMode mode,
    String columnNameOfCorruptRecord,
    boolean multiLine,
    boolean quoteAll) {

  /** Options for reading. */
  public static CsvOptions forRead(FileOptions o) {
    return parse(o, false);
  }

  /** Options for writing (Spark trims values by default when writing). */
  public static CsvOptions forWrite(FileOptions o) {
    return parse(o, true);
  }

  private static CsvOptions parse(FileOptions o, boolean write) {
    String sep = o.getAny(",", "sep", "delimiter");
    if (sep.isEmpty()) {
      throw FileOptions.invalid("sep", sep, "a non-empty separator");
    }
    if (sep.equals("\\t")) {
      sep = "\t";
    }
    String lineSep = o.get("lineSep", null);
    if (lineSep != null && !lineSep.equals("\n") && !lineSep.equals("\r") && !lineSep.equals("\r\n")) {
      throw new EmberIllegalArgumentException("INVALID_OPTION_VALUE",
          "Invalid value for option 'lineSep': CSV records can be separated by \\n, \\r or \\r\\n only.");
    }
    return new CsvOptions(
        o.getBoolean("header", false),
        sep,
        o.getChar("quote", '"'),
        o.getChar("escape", '\\'),
        o.getChar("comment", '\0'),
        o.get("nullValue", ""),
        o.get("emptyValue", ""),
        o.get("nanValue", "NaN"),
        o.get("positiveInf", "Inf"),
        o.get("negativeInf", "-Inf"),
        o.getBoolean("inferSchema", false),
        o.getBoolean("ignoreLeadingWhiteSpace", write),
        o.getBoolean("ignoreTrailingWhiteSpace", write),
        o.get("dateFormat", null),
        o.get("timestampFormat", null),
        o.getCharset("UTF-8", "encoding", "charset"),
        lineSep,
        ParseMode.fromOption(o.get("mode", null)),
        o.get("columnNameOfCorruptRecord", "_corrupt_record"),
        o.getBoolean("multiLine", false),
        o.getBoolean("quoteAll", false));
  }
}
