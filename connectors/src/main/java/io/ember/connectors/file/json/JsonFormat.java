package io.ember.connectors.file.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.ember.connectors.file.FileEntry;
import io.ember.connectors.file.FileFormatReader;
import io.ember.connectors.file.FileSplit;
import io.ember.connectors.file.LineRangeInputStream;
import io.ember.connectors.file.LineReader;
import io.ember.connectors.file.Malformed;
import io.ember.connectors.file.ParseMode;
import io.ember.connectors.file.ReadRequest;
import io.ember.connectors.file.SplitReader;
import io.ember.core.json.JsonValueReader;
import io.ember.core.json.JsonInference;
import io.ember.core.text.Temporal;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StringType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * JSON lines with Jackson's streaming parser: one JSON object per line (blank lines are skipped).
 * The schema is the user's or inferred over every line of every file ({@link JsonInference}); in
 * PERMISSIVE mode inference adds the corrupt-record column when some line is malformed, as Spark does.
 */
public final class JsonFormat implements FileFormatReader {
  private static final JsonFactory FACTORY = new JsonFactory();
  private final JsonOptions options;
  private final ZoneId zone;

  /** @param zone the {@code timeZone} option, or null to use the session zone of the reader context */
  public JsonFormat(JsonOptions options, ZoneId zone) {
    this.options = options;
    this.zone = zone;
  }

  @Override
  public String name() {
    return "json";
  }

  @Override
  public boolean isSplittable() {
    return options.lineSep() == null;
  }

  @Override
  public SplitReader open(FileSplit split, ReadRequest request) throws IOException {
    long end = isSplittable() ? split.end() : Long.MAX_VALUE;
    LineReader lines = new LineReader(new LineRangeInputStream(split.path(), split.start(), end), options.lineSep());
    JsonValueReader values = new JsonValueReader(new Temporal(options.dateFormat(), options.timestampFormat(), zone != null ? zone : request.zone()), FACTORY);
    int corrupt = corruptIndex(request.dataSchema());
    return new JsonSplitReader(lines, FACTORY, values, options, request.dataSchema(), corrupt, request.columns(), split);
  }

  private int corruptIndex(StructType schema) {
    int i = schema.indexOf(options.columnNameOfCorruptRecord());
    if (i >= 0 && !(schema.field(i).dataType() instanceof StringType)) {
      throw new AnalysisException("INVALID_CORRUPT_RECORD_TYPE",
          "The column `" + options.columnNameOfCorruptRecord() + "` for corrupt records must have the nullable"
              + " STRING type, but got " + schema.field(i).dataType().simpleString() + ".");
    }
    return i;
  }

  /** The user's schema, or the schema inferred from every line of {@code files}. */
  public StructType resolveSchema(List<FileEntry> files, StructType userSchema) {
    if (userSchema != null) {
      corruptIndex(userSchema);
      return userSchema;
    }
    if (files.isEmpty()) {
      throw new AnalysisException("UNABLE_TO_INFER_SCHEMA",
          "Unable to infer schema for JSON. It must be specified manually.");
    }
    JsonInference inference = new JsonInference(options.primitivesAsString());
    DataType root = new StructType(List.of());
    boolean corrupt = false;
    for (FileEntry f : files) {
      try (LineReader lines = new LineReader(new LineRangeInputStream(f.path(), 0, Long.MAX_VALUE), options.lineSep())) {
        long lineNo = 0;
        while (lines.next()) {
          lineNo++;
          if (isBlank(lines.line(), lines.length())) {
            continue;
          }
          try (JsonParser p = FACTORY.createParser(lines.line(), 0, lines.length())) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
              throw new MalformedLine("the record is not a JSON object");
            }
            DataType type = inference.infer(p);
            if (p.nextToken() != null) {
              throw new MalformedLine("unexpected data after the object");
            }
            root = JsonInference.merge(root, type);
          } catch (JsonProcessingException | MalformedLine e) {
            if (options.mode() == ParseMode.FAILFAST) {
              throw Malformed.failFast(new String(lines.line(), 0, lines.length(), StandardCharsets.UTF_8),
                  f.path(), "line " + lineNo, e.getMessage());
            }
            corrupt |= options.mode() == ParseMode.PERMISSIVE;
          }
        }
      } catch (IOException e) {
        throw new EmberRuntimeException("FILE_READ_FAILED", "Cannot read " + f.path() + ": " + e.getMessage(), e);
      }
    }
    StructType schema = (StructType) JsonInference.canonical(root);
    if (corrupt && schema.indexOf(options.columnNameOfCorruptRecord()) < 0) {
      List<StructField> fields = new ArrayList<>(schema.fields());
      fields.add(new StructField(options.columnNameOfCorruptRecord(), DataTypes.STRING, true));
      fields.sort(Comparator.comparing(StructField::name));
      schema = new StructType(fields);
    }
    return schema;
  }

  static boolean isBlank(byte[] b, int len) {
    for (int i = 0; i < len; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n') {
        return false;
      }
    }
    return true;
  }

  /** A line that is valid JSON but not a record. */
  static final class MalformedLine extends Exception {
    MalformedLine(String message) {
      super(message, null, false, false);
    }
  }
}
