package io.ember.connectors.file.csv;

import io.ember.core.text.Temporal;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads column names (the first record of the first file, when {@code header}) and, with
 * {@code inferSchema}, the type of every column over all records. The column count is the first
 * record's; records with more fields do not add columns, as in Spark.
 */
final class CsvInferHandler extends CsvFields {
  private final CsvOptions o;
  private final CsvTypeInference inference;
  private List<String> names;
  private final List<DataType> types = new ArrayList<>();
  private boolean skipHeader;

  CsvInferHandler(CsvOptions o, Temporal temporal) {
    this.o = o;
    this.inference = new CsvTypeInference(o, temporal);
  }

  void startFile(boolean header) {
    skipHeader = header;
  }

  boolean haveNames() {
    return names != null;
  }

  @Override
  void onRecord() {
    if (names == null) {
      List<String> raw = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        raw.add(o.header() ? field(i) : "_c" + i);
        types.add(DataTypes.NULL);
      }
      names = CsvFormat.headerNames(raw);
      if (o.header()) {
        skipHeader = false;
        return;
      }
    }
    if (skipHeader) {
      skipHeader = false;
      return;
    }
    if (!o.inferSchema()) {
      return;
    }
    for (int i = 0; i < Math.min(count, types.size()); i++) {
      int off = starts[i];
      int len = lengths[i];
      if (!quoted[i]) {
        if (o.ignoreLeadingWhiteSpace()) {
          while (len > 0 && chars[off] <= ' ') {
            off++;
            len--;
          }
        }
        if (o.ignoreTrailingWhiteSpace()) {
          while (len > 0 && chars[off + len - 1] <= ' ') {
            len--;
          }
        }
      }
      if (len == 0 || CharNumbers.equals(chars, off, len, o.nullValue())) {
        continue;
      }
      types.set(i, inference.infer(types.get(i), chars, off, len));
    }
  }

  StructType schema() {
    if (names == null) {
      return new StructType(List.of());
    }
    return CsvFormat.finish(names, types);
  }
}
