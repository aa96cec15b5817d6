package io.ember.connectors.file.csv;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import io.ember.connectors.file.FileEntry;
import io.ember.connectors.file.FileFormatReader;
import io.ember.connectors.file.FileSplit;
import io.ember.connectors.file.LineRangeInputStream;
import io.ember.connectors.file.ReadRequest;
import io.ember.connectors.file.SplitReader;
import io.ember.core.text.Temporal;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StringType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CSV reading with FastCSV: the schema (from the user, from the header and inference, or {@code _c0..})
 * and the split readers (UTF-8 lines without quotes are split straight from their bytes, see
 * {@link UnquotedCsvSplitReader}). Without {@code multiLine} files are read in byte ranges; a quoted value holding
 * a line break is then only safe when the file is not split (as in Spark).
 */
public final class CsvFormat implements FileFormatReader {
  private final CsvOptions options;
  private final ZoneId zone;

  /** @param zone the {@code timeZone} option, or null to use the session zone of the reader context */
  public CsvFormat(CsvOptions options, ZoneId zone) {
    this.options = options;
    this.zone = zone;
  }

  @Override
  public String name() {
    return "csv";
  }

  @Override
  public boolean isSplittable() {
    return !options.multiLine();
  }

  @Override
  public SplitReader open(FileSplit split, ReadRequest request) throws IOException {
    int corrupt = corruptIndex(request.dataSchema(), options);
    Temporal temporal = new Temporal(options.dateFormat(), options.timestampFormat(), zone != null ? zone : request.zone());
    CsvRowHandler handler = new CsvRowHandler(
        options, request.dataSchema(), corrupt, request.columns(), temporal, split.path(), split.start());
    return UnquotedCsvSplitReader.supports(options)
        ? new UnquotedCsvSplitReader(options, split, isSplittable(), handler)
        : new CsvSplitReader(options, split, isSplittable(), handler);
  }

  /**
   * The index of the corrupt-record column in {@code schema}, or -1.
   *
   * @throws AnalysisException when that column is not a string
   */
  static int corruptIndex(StructType schema, CsvOptions o) {
    int i = schema.indexOf(o.columnNameOfCorruptRecord());
    if (i >= 0 && !(schema.field(i).dataType() instanceof StringType)) {
      throw new AnalysisException("INVALID_CORRUPT_RECORD_TYPE",
          "The column `" + o.columnNameOfCorruptRecord() + "` for corrupt records must have the nullable STRING type,"
              + " but got " + schema.field(i).dataType().simpleString().toUpperCase(Locale.ROOT) + ".");
    }
    return i;
  }

  /** The characters FastCSV reads: decoded, then passed through {@link EscapeTranslatingReader} when quoting is on. */
  static java.io.Reader chars(java.io.InputStream in, CsvOptions o) {
    java.io.Reader r = new java.io.InputStreamReader(in, o.charset());
    if (o.quote() == '\0') {
      return r;
    }
    return new EscapeTranslatingReader(r, o.quote(), o.escape(), o.sep());
  }

  static CsvReader.CsvReaderBuilder readerBuilder(CsvOptions o) {
    CsvReader.CsvReaderBuilder b = CsvReader.builder()
        .fieldSeparator(o.sep())
        .quoteCharacter(o.quote() == '\0' ? '\u0001' : o.quote())
        .skipEmptyLines(true)
        .allowExtraFields(true)
        .allowMissingFields(true)
        .allowExtraCharsAfterClosingQuote(!(o.ignoreLeadingWhiteSpace() || o.ignoreTrailingWhiteSpace()))
        .trimWhitespacesAroundQuotes(o.ignoreLeadingWhiteSpace() || o.ignoreTrailingWhiteSpace())
        .detectBomHeader(false);
    if (o.comment() != '\0') {
      b.commentStrategy(CommentStrategy.SKIP).commentCharacter(o.comment());
    }
    return b;
  }

  /**
   * The schema to read {@code files} with: the user's when given, else the header names (or
   * {@code _c0, _c1, ...}) typed by inference over all files when {@code inferSchema}, else strings.
   */
  public StructType resolveSchema(List<FileEntry> files, StructType userSchema) {
    if (userSchema != null) {
      corruptIndex(userSchema, options);
      return userSchema;
    }
    if (files.isEmpty()) {
      throw new AnalysisException("UNABLE_TO_INFER_SCHEMA",
          "Unable to infer schema for CSV. It must be specified manually.");
    }
    CsvInferHandler h = new CsvInferHandler(
        options, new Temporal(options.dateFormat(), options.timestampFormat(), zone != null ? zone : ZoneOffset.UTC));
    for (FileEntry f : files) {
      h.startFile(options.header());
      try (InputStream in = new LineRangeInputStream(f.path(), 0, Long.MAX_VALUE).skipUtf8Bom();
          CsvReader<Object> r = readerBuilder(options).build(h, chars(in, options))) {
        for (Object ignored : r) {
          if (!options.inferSchema() && h.haveNames()) {
            break;
          }
        }
      } catch (IOException | RuntimeException e) {
        if (e.getCause() instanceof io.ember.core.errors.EmberException ee) {
          throw ee;
        }
        throw new EmberRuntimeException("FILE_READ_FAILED", "Cannot read " + f.path() + ": " + e.getMessage(), e);
      }
    }
    return h.schema();
  }

  /** Names as Spark makes them from a header: empty -> {@code _c<i>}, case-insensitive duplicates get their index. */
  static List<String> headerNames(List<String> raw) {
    Map<String, Integer> counts = new HashMap<>();
    for (String n : raw) {
      counts.merge(n.toLowerCase(Locale.ROOT), 1, Integer::sum);
    }
    List<String> out = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      String n = raw.get(i);
      if (n == null || n.isEmpty()) {
        out.add("_c" + i);
      } else if (counts.get(n.toLowerCase(Locale.ROOT)) > 1) {
        out.add(n + i);
      } else {
        out.add(n);
      }
    }
    return out;
  }

  static StructType finish(List<String> names, List<DataType> types) {
    List<StructField> fields = new ArrayList<>(names.size());
    for (int i = 0; i < names.size(); i++) {
      DataType t = i < types.size() ? types.get(i) : DataTypes.STRING;
      fields.add(new StructField(names.get(i), t.equals(DataTypes.NULL) ? DataTypes.STRING : t, true));
    }
    return new StructType(fields);
  }
}
