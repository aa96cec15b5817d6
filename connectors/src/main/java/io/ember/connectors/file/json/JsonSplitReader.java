package io.ember.connectors.file.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.ember.connectors.file.FileSplit;
import io.ember.connectors.file.LineReader;
import io.ember.connectors.file.Malformed;
import io.ember.connectors.file.ParseMode;
import io.ember.connectors.file.SplitReader;
import io.ember.core.json.JsonValueReader;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one JSON-lines split; a record is a line. Fields that do not convert become null and mark the
 * record malformed (Spark's partial results); a line that is not a JSON object is malformed as a whole.
 */
final class JsonSplitReader implements SplitReader {
  private final LineReader lines;
  private final JsonFactory factory;
  private final JsonValueReader values;
  private final JsonOptions options;
  private final StructType dataSchema;
  private final int corruptPosition;
  private final int[] columns;
  private final int[] positionOfDataIndex;
  private final FileSplit split;
  private final Object[] row;
  private long consumed;

  JsonSplitReader(LineReader lines, JsonFactory factory, JsonValueReader values, JsonOptions options, StructType dataSchema,
      int corruptIndex, int[] columns, FileSplit split) {
    this.lines = lines;
    this.factory = factory;
    this.values = values;
    this.options = options;
    this.dataSchema = dataSchema;
    this.columns = columns;
    this.split = split;
    this.positionOfDataIndex = new int[dataSchema.size()];
    Arrays.fill(positionOfDataIndex, -1);
    int cp = -1;
    for (int j = 0; j < columns.length; j++) {
      positionOfDataIndex[columns[j]] = j;
      if (columns[j] == corruptIndex) {
        cp = j;
      }
    }
    this.corruptPosition = cp;
    this.row = new Object[columns.length];
  }

  @Override
  public int read(VectorBuilder[] builders, int maxRows) throws IOException {
    int n = 0;
    while (n < maxRows && lines.next()) {
      consumed++;
      if (JsonFormat.isBlank(lines.line(), lines.length())) {
        continue;
      }
      String reason = parse();
      if (reason != null) {
        if (options.mode() == ParseMode.FAILFAST) {
          String where = split.start() == 0 ? "line " + consumed : "line " + consumed + " after byte " + split.start();
          throw Malformed.failFast(text(), split.path(), where, reason);
        }
        if (options.mode() == ParseMode.DROPMALFORMED) {
          continue;
        }
        if (corruptPosition >= 0) {
          row[corruptPosition] = text();
        }
      }
      for (int j = 0; j < builders.length; j++) {
        builders[j].append(row[j]);
      }
      n++;
    }
    return n;
  }

  private String text() {
    return new String(lines.line(), 0, lines.length(), StandardCharsets.UTF_8);
  }

  /** Fills {@link #row}; returns why the record is malformed, or null. */
  private String parse() throws IOException {
    Arrays.fill(row, null);
    String reason = null;
    try (JsonParser p = factory.createParser(lines.line(), 0, lines.length())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return "the record is not a JSON object";
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        int d = JsonValueReader.fieldIndex(dataSchema, name);
        int pos = d < 0 ? -1 : positionOfDataIndex[d];
        if (pos < 0 || pos == corruptPosition) {
          p.skipChildren();
          continue;
        }
        try {
          row[pos] = values.convert(p, dataSchema.field(d).dataType());
        } catch (JsonValueReader.BadValue e) {
          reason = reason == null ? "field " + name + ": " + e.getMessage() : reason;
        }
      }
      if (p.nextToken() != null) {
        reason = "unexpected data after the object";
      }
    } catch (JsonProcessingException e) {
      Arrays.fill(row, null);
      return e.getOriginalMessage();
    }
    return reason;
  }

  @Override
  public long consumed() {
    return consumed;
  }

  @Override
  public void skip(long records) throws IOException {
    while (consumed < records && lines.next()) {
      consumed++;
    }
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
