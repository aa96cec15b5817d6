package io.ember.connectors.file.sink;

import io.ember.core.text.TextValues;
import io.ember.connectors.file.FileOptions;
import io.ember.core.text.Temporal;
import io.ember.connectors.file.csv.CsvOptions;
import io.ember.connectors.spi.DataSourceProviders;
import io.ember.connectors.spi.FileFormatSupport;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/** The format half of a file sink: checks the schema and opens {@link RecordWriter}s. Immutable. */
public final class WriteFormat {
  private final String name;
  private final FileOptions options;
  /** The provider's file format (parquet), or null for csv, json and text. */
  private final FileFormatSupport plugin;

  /**
   * @param format {@code csv}, {@code json}, {@code text}, or a file format of a
   *     {@link io.ember.connectors.spi.DataSourceProvider} on the class path (parquet)
   * @throws EmberIllegalArgumentException {@code DATA_SOURCE_NOT_FOUND} for any other name
   */
  public WriteFormat(String format, FileOptions options) {
    this.name = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
    this.options = options;
    if (!name.equals("csv") && !name.equals("json") && !name.equals("text")) {
      this.plugin = DataSourceProviders.fileFormat(name).orElseThrow(() -> new EmberIllegalArgumentException(
          "DATA_SOURCE_NOT_FOUND", "Failed to find the data source: " + format + ". Supported file formats: csv, json, text."));
    } else {
      this.plugin = null;
    }
  }

  public String name() {
    return name;
  }

  /** Whether a write of no rows leaves one part file ({@link FileFormatSupport#writesEmptyFile()}). */
  public boolean writesEmptyFile() {
    return plugin != null && plugin.writesEmptyFile();
  }

  /** The part-file extension. */
  public String extension() {
    if (plugin != null) {
      return plugin.extension(options);
    }
    return name.equals("text") ? "txt" : name;
  }

  /**
   * Checks that the format can hold the columns being written.
   *
   * @throws AnalysisException as Spark: CSV cannot hold arrays or structs, text needs one string column
   */
  public void validate(StructType dataSchema) {
    if (plugin != null) {
      plugin.validateWrite(dataSchema, options);
    } else if (name.equals("csv")) {
      CsvOptions.forWrite(options);
      String sep = options.getAny(",", "sep", "delimiter");
      if (sep.length() != 1 && !sep.equals("\\t")) {
        throw FileOptions.invalid("sep", sep, "a single character when writing CSV");
      }
      for (var f : dataSchema.fields()) {
        if (f.dataType() instanceof ArrayType || f.dataType() instanceof StructType) {
          throw new AnalysisException("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
              "The CSV datasource doesn't support the column `" + f.name() + "` of the type \""
                  + f.dataType().simpleString().toUpperCase(Locale.ROOT) + "\".");
        }
      }
    } else if (name.equals("text")) {
      if (dataSchema.size() != 1 || !dataSchema.field(0).dataType().equals(DataTypes.STRING)) {
        throw new AnalysisException("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
            "Text data source supports only a single column of string type, but the data has "
                + dataSchema.size() + " columns: " + dataSchema.simpleString() + ".");
      }
    }
  }

  /** A writer of {@code columns} of {@code schema} to {@code out}. */
  public RecordWriter open(OutputStream out, StructType schema, int[] columns) throws IOException {
    if (plugin != null) {
      return plugin.openWriter(out, schema, columns, options);
    }
    ZoneId zone = options.getZone(ZoneOffset.UTC);
    TextValues values = new TextValues(
        Temporal.writeDateFormat(options.get("dateFormat", null)),
        Temporal.writeTimestampFormat(options.get("timestampFormat", null), zone));
    switch (name) {
      case "csv":
        return new CsvRecordWriter(out, CsvOptions.forWrite(options), values, schema, columns);
      case "json":
        return new JsonRecordWriter(out, schema, values, options.getBoolean("ignoreNullFields", true));
      default:
        return new TextRecordWriter(out, options.get("lineSep", "\n").getBytes(StandardCharsets.UTF_8));
    }
  }
}
