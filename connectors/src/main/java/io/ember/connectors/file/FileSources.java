package io.ember.connectors.file;

import io.ember.connectors.file.csv.CsvFormat;
import io.ember.connectors.file.csv.CsvOptions;
import io.ember.connectors.file.json.JsonFormat;
import io.ember.connectors.file.json.JsonOptions;
import io.ember.connectors.file.text.TextFormat;
import io.ember.connectors.source.Source;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.StructType;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The entry point for reading files: {@code spark.read().format(f).options(o).schema(s).load(paths)}.
 * Lists the paths now (a missing path fails here with {@code PATH_NOT_FOUND}) and, when no schema is
 * given, infers it now by reading the data, as Spark does. Option keys are case-insensitive.
 *
 * <p>Common options: {@code maxPartitionBytes} (split size, default {@link FileSplitter#DEFAULT_MAX_PARTITION_BYTES}),
 * {@code timeZone} (for timestamps without a zone, default UTC). Format options: see {@link CsvOptions},
 * {@link JsonOptions} and {@link TextFormat}.
 */
public final class FileSources {
  private FileSources() {}

  /**
   * A bounded source over the files of {@code paths} (files, directories, globs).
   *
   * @param format {@code csv}, {@code json}, {@code text} (case-insensitive), or a file format of a
   *     {@link io.ember.connectors.spi.DataSourceProvider} on the class path (parquet)
   * @param userSchema the schema to read with, or null to infer it (CSV: header names and
   *     {@code inferSchema}; JSON: always inferred; text: {@code value string}; a provider's format: its
   *     {@link io.ember.connectors.spi.FileFormatSupport#resolveSchema})
   * @throws AnalysisException {@code PATH_NOT_FOUND} for a path that does not exist
   * @throws EmberIllegalArgumentException for an unknown format or a bad option value
   */
  public static Source create(String format, List<String> paths, Map<String, String> options, StructType userSchema) {
    FileOptions o = new FileOptions(options);
    String f = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
    if (paths == null || paths.isEmpty()) {
      throw new EmberIllegalArgumentException("PATH_REQUIRED", "'path' is not specified: give at least one path to read.");
    }
    ZoneId zone = o.contains("timeZone") ? o.getZone(ZoneOffset.UTC) : null;
    long maxPartitionBytes = o.getBytes("maxPartitionBytes", FileSplitter.DEFAULT_MAX_PARTITION_BYTES);
    List<FileEntry> files = FileLister.list(paths);
    FileFormatReader reader;
    StructType dataSchema;
    switch (f) {
      case "csv": {
        CsvFormat csv = new CsvFormat(CsvOptions.forRead(o), zone);
        dataSchema = csv.resolveSchema(files, userSchema);
        reader = csv;
        break;
      }
      case "json": {
        JsonFormat json = new JsonFormat(JsonOptions.of(o), zone);
        dataSchema = json.resolveSchema(files, userSchema);
        reader = json;
        break;
      }
      case "text": {
        dataSchema = TextFormat.SCHEMA;
        if (userSchema != null && !(userSchema.size() == 1
            && userSchema.field(0).dataType().equals(io.ember.core.types.DataTypes.STRING))) {
          throw new AnalysisException("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
              "Text data source supports only a single column of string type, but the schema is "
                  + userSchema.simpleString() + ".");
        }
        if (userSchema != null) {
          dataSchema = userSchema;
        }
        reader = new TextFormat(o);
        break;
      }
      default: {
        var plugin = io.ember.connectors.spi.DataSourceProviders.fileFormat(f).orElseThrow(() ->
            new EmberIllegalArgumentException("DATA_SOURCE_NOT_FOUND",
                "Failed to find the data source: " + format + ". Supported file formats: csv, json, text."));
        dataSchema = plugin.resolveSchema(files, userSchema, o);
        reader = plugin.reader(o);
        break;
      }
    }
    PartitionColumns partitions = PartitionColumns.discover(files, dataSchema);
    return FileSource.of(reader, paths, files, dataSchema, partitions, maxPartitionBytes);
  }
}
