package io.ember.connectors.file.stream;

import io.ember.connectors.file.FileFormatReader;
import io.ember.connectors.file.FileLister;
import io.ember.connectors.file.FileOptions;
import io.ember.connectors.file.csv.CsvFormat;
import io.ember.connectors.file.csv.CsvOptions;
import io.ember.connectors.file.json.JsonFormat;
import io.ember.connectors.file.json.JsonOptions;
import io.ember.connectors.file.text.TextFormat;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.connectors.source.UnboundedSource;
import io.ember.connectors.stream.Durations;
import io.ember.connectors.stream.SystemUtcClock;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.nio.file.Files;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spark's streaming file source: {@code spark.readStream.format("csv"|"json"|"text").schema(s).load(dir)}.
 * Reads the files that appear under a directory (listed recursively) or match a glob, each file once and
 * whole, with the batch readers' parsers and all their options (including {@code mode}: PERMISSIVE,
 * DROPMALFORMED, FAILFAST). One reader task ({@link #fixedParallelism()} 1) lists and reads.
 *
 * <p><b>Only complete files.</b> A file is read as it is when it is first listed, so it must be complete
 * when it appears: write it elsewhere (or under a hidden name) and move or rename it into the directory,
 * which is atomic on one file system. Names starting with {@code _} or {@code .} (and ending in
 * {@code ._COPYING_}) are hidden, as in Spark, at any depth below the path. The option {@code minFileAge}
 * (an Ember extension, a duration, default 0) additionally defers files modified less than that long ago,
 * for writers that cannot rename.
 *
 * <p><b>Order and rate.</b> New files are taken in modification-time order, then by path; newest first with
 * {@code latestFirst}. {@code maxFilesPerTrigger} caps the files taken per epoch: the budget is renewed at
 * each barrier ({@link SourceReader#snapshotOffsets}). {@code maxFileAge} (default 7d) ignores files older
 * than the newest file seen minus that age, except in the first listing, and not at all when both
 * {@code latestFirst} and {@code maxFilesPerTrigger} are set (Spark's rule); it bounds the remembered
 * files. {@code fileNameOnly} identifies files by name instead of path. The directory is listed at most
 * once per {@link #LIST_INTERVAL_MILLIS}, and only when the reader has nothing left to read.
 *
 * <p>Files matched by a glob or listed in the directory carry no partition columns: declare them in the data.
 */
public final class FileStreamSource implements UnboundedSource {
  /** The least time between two listings of the directory, since readers are polled often. */
  public static final long LIST_INTERVAL_MILLIS = 100;
  /** Spark's default {@code maxFileAge}. */
  public static final String DEFAULT_MAX_FILE_AGE = "7d";

  private final FileFormatReader format;
  private final String path;
  private final StructType schema;
  private final StreamOptions options;
  private final Clock clock;
  private final List<StreamFile> availableNow;

  FileStreamSource(FileFormatReader format, String path, StructType schema, StreamOptions options, Clock clock,
      List<StreamFile> availableNow) {
    this.format = format;
    this.path = path;
    this.schema = schema;
    this.options = options;
    this.clock = clock;
    this.availableNow = availableNow == null ? null : List.copyOf(availableNow);
  }

  /** A listed file: its path, size in bytes and modification time (epoch ms). */
  record StreamFile(String path, long size, long modifiedMillis) {}

  /** The stream options; durations in milliseconds, 0 for "no limit" where noted. */
  record StreamOptions(int maxFilesPerTrigger, boolean latestFirst, long maxFileAgeMillis, boolean fileNameOnly,
      long minFileAgeMillis) {}

  /**
   * {@code spark.readStream.format(format).options(options).schema(userSchema).load(path)}, with
   * {@code spark.sql.streaming.schemaInference} off (Spark's default), on the {@link SystemUtcClock} (so the
   * source can be sent to another node and reads that node's clock there).
   *
   * @see #create(String, String, Map, StructType, boolean, Clock)
   */
  public static FileStreamSource create(String format, String path, Map<String, String> options, StructType userSchema) {
    return create(format, path, options, userSchema, false, SystemUtcClock.INSTANCE);
  }

  /**
   * A streaming source over the files under {@code path}. Lists nothing yet, except to check that a path
   * without glob characters exists, and to infer the schema when asked to.
   *
   * @param format {@code csv}, {@code json}, {@code text} (case-insensitive), or a file format of a
   *     {@link io.ember.connectors.spi.DataSourceProvider} on the class path (parquet; its schema is required too)
   * @param path a directory or a glob
   * @param options the format's options, and {@code maxFilesPerTrigger}, {@code latestFirst},
   *     {@code maxFileAge}, {@code fileNameOnly}, {@code minFileAge} (keys are case-insensitive)
   * @param userSchema the schema; required for csv and json unless {@code schemaInference}
   * @param schemaInference Spark's {@code spark.sql.streaming.schemaInference}: infer a missing schema
   *     from the files present now
   * @param clock the clock for {@code minFileAge} and the listing interval: {@link SystemUtcClock#INSTANCE} for a
   *     source that can run on any node of a cluster; another clock (tests) keeps the source on the JVM that made it
   * @throws EmberIllegalArgumentException Spark's "Schema must be specified ..." when a csv or json schema
   *     is missing; for an unknown format or a bad option value
   * @throws AnalysisException {@code PATH_NOT_FOUND} when a path without glob characters does not exist
   */
  public static FileStreamSource create(String format, String path, Map<String, String> options, StructType userSchema,
      boolean schemaInference, Clock clock) {
    FileOptions o = new FileOptions(options);
    if (path == null || path.isBlank()) {
      throw new EmberIllegalArgumentException("PATH_REQUIRED", "'path' is not specified");
    }
    if (!hasGlob(path) && !Files.exists(FileLister.toPath(path))) {
      throw AnalysisException.pathNotFound(FileLister.qualified(FileLister.toPath(path)));
    }
    String f = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
    if (userSchema == null && !schemaInference && (f.equals("csv") || f.equals("json"))) {
      throw schemaRequired();
    }
    StreamOptions stream = streamOptions(o);
    ZoneId zone = o.contains("timeZone") ? o.getZone(ZoneOffset.UTC) : null;
    FileFormatReader reader;
    StructType schema;
    switch (f) {
      case "csv" -> {
        CsvFormat csv = new CsvFormat(CsvOptions.forRead(o), zone);
        schema = csv.resolveSchema(userSchema == null ? FileLister.list(List.of(path)) : List.of(), userSchema);
        reader = csv;
      }
      case "json" -> {
        JsonFormat json = new JsonFormat(JsonOptions.of(o), zone);
        schema = json.resolveSchema(userSchema == null ? FileLister.list(List.of(path)) : List.of(), userSchema);
        reader = json;
      }
      case "text" -> {
        if (userSchema != null && !(userSchema.size() == 1 && userSchema.field(0).dataType().equals(DataTypes.STRING))) {
          throw new AnalysisException("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
              "Text data source supports only a single column of string type, but the schema is "
                  + userSchema.simpleString() + ".");
        }
        schema = userSchema != null ? userSchema : TextFormat.SCHEMA;
        reader = new TextFormat(o);
      }
      default -> {
        var plugin = io.ember.connectors.spi.DataSourceProviders.fileFormat(f).orElseThrow(() ->
            new EmberIllegalArgumentException("DATA_SOURCE_NOT_FOUND",
                "Failed to find the data source: " + format + ". Supported streaming file formats: csv, json, text."));
        if (userSchema == null && !schemaInference) {
          throw schemaRequired();
        }
        schema = plugin.resolveSchema(userSchema == null ? FileLister.list(List.of(path)) : List.of(), userSchema, o);
        reader = plugin.reader(o);
      }
    }
    return new FileStreamSource(reader, path, schema, stream, clock, null);
  }

  private static EmberIllegalArgumentException schemaRequired() {
    return new EmberIllegalArgumentException(null, "Schema must be specified when creating a streaming source"
        + " DataFrame. If some files already exist in the directory, then depending on the file format you may be"
        + " able to create a static DataFrame on that directory with 'spark.read.load(directory)' and infer schema"
        + " from it.");
  }

  private static StreamOptions streamOptions(FileOptions o) {
    int maxFiles = 0;
    if (o.contains("maxFilesPerTrigger")) {
      String v = o.get("maxFilesPerTrigger", "");
      try {
        maxFiles = Integer.parseInt(v.trim());
      } catch (NumberFormatException e) {
        maxFiles = -1;
      }
      if (maxFiles <= 0) {
        throw new EmberIllegalArgumentException(null,
            "Invalid value '" + v + "' for option 'maxFilesPerTrigger', must be a positive integer");
      }
    }
    String lf = o.get("latestFirst", "false").trim();
    if (!lf.equalsIgnoreCase("true") && !lf.equalsIgnoreCase("false")) {
      throw new EmberIllegalArgumentException(null, "Invalid value '" + lf + "' for option 'latestFirst', must be 'true' or 'false'");
    }
    boolean latestFirst = lf.equalsIgnoreCase("true");
    String fn = o.get("fileNameOnly", "false").trim();
    if (!fn.equalsIgnoreCase("true") && !fn.equalsIgnoreCase("false")) {
      throw new EmberIllegalArgumentException(null, "Invalid value '" + fn + "' for option 'fileNameOnly', must be 'true' or 'false'");
    }
    long maxAge = Durations.toMillis("maxFileAge", o.get("maxFileAge", DEFAULT_MAX_FILE_AGE));
    if (latestFirst && maxFiles > 0) {
      maxAge = Long.MAX_VALUE; // Spark: the newest files come first, so the age limit would only drop files
    }
    long minAge = Durations.toMillis("minFileAge", o.get("minFileAge", "0"));
    if (minAge < 0) {
      throw FileOptions.invalid("minFileAge", o.get("minFileAge", ""), "a duration that is not negative");
    }
    String clean = o.get("cleanSource", "off").trim();
    if (!clean.equalsIgnoreCase("off")) {
      throw FileOptions.invalid("cleanSource", clean, "'off' (archiving or deleting read files is not supported)");
    }
    return new StreamOptions(maxFiles, latestFirst, maxAge, fn.equalsIgnoreCase("true"), minAge);
  }

  static boolean hasGlob(String p) {
    return p.indexOf('*') >= 0 || p.indexOf('?') >= 0 || p.indexOf('[') >= 0 || p.indexOf('{') >= 0;
  }

  /** The single split: the whole stream of files. */
  public record Split(String path) implements SourceSplit {
    @Override
    public String splitId() {
      return "files-" + path;
    }
  }

  public String path() {
    return path;
  }

  public String formatName() {
    return format.name();
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public boolean isBounded() {
    return availableNow != null;
  }

  @Override
  public int fixedParallelism() {
    return 1;
  }

  /**
   * The files under the path now, then the end: a bounded source for {@code Trigger.AvailableNow} and
   * {@code Trigger.Once} that still honours {@code maxFilesPerTrigger} per epoch. Its offsets are those of
   * the unbounded source: files recorded as read in restored offsets are skipped.
   */
  @Override
  public Source availableNow() {
    return new FileStreamSource(format, path, schema, options, clock, FileStreamReader.listNow(path, options, key -> false));
  }

  @Override
  public List<SourceSplit> planSplits(int parallelismHint) {
    return List.of(new Split(path));
  }

  @Override
  public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
    return new FileStreamReader(format, path, schema, options, clock, availableNow, !splits.isEmpty(), context);
  }

  @Override
  public String explain() {
    StringBuilder sb = new StringBuilder("FileStreamScan ").append(format.name()).append(" [").append(path).append(']');
    if (availableNow != null) {
      sb.append(" availableNow=").append(availableNow.size()).append(" files");
    }
    if (options.maxFilesPerTrigger() > 0) {
      sb.append(" maxFilesPerTrigger=").append(options.maxFilesPerTrigger());
    }
    if (options.latestFirst()) {
      sb.append(" latestFirst");
    }
    return sb.append(" schema=").append(schema.simpleString()).toString();
  }
}
