package io.ember.connectors.file;

import io.ember.connectors.file.sink.FileSink;
import io.ember.connectors.file.sink.FileStreamSink;
import io.ember.connectors.file.sink.WriteFormat;
import io.ember.connectors.sink.Sink;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The entry point for writing files: {@code df.write().format(f).mode(m).options(o).partitionBy(cols).save(path)}.
 * Option keys are case-insensitive. CSV: {@code header, sep, quote, nullValue, quoteAll,
 * ignoreLeadingWhiteSpace, ignoreTrailingWhiteSpace, dateFormat, timestampFormat, encoding}; JSON:
 * {@code ignoreNullFields, dateFormat, timestampFormat}; text: {@code lineSep}; all: {@code timeZone}, {@code ember.sinkId} (see {@link FileSink}).
 */
public final class FileSinks {
  private FileSinks() {}

  /**
   * A sink writing {@code format} files under {@code path}.
   *
   * @param partitionBy column names for Hive-style {@code col=value/} directories; those columns are not
   *     written into the files
   * @throws EmberIllegalArgumentException for an unknown format, a missing path or bad options
   */
  public static Sink create(String format, String path, SaveMode mode, Map<String, String> options, List<String> partitionBy) {
    if (path == null || path.isBlank()) {
      throw new EmberIllegalArgumentException("PATH_REQUIRED", "'path' is not specified: give the directory to write.");
    }
    FileOptions o = new FileOptions(options);
    WriteFormat f = new WriteFormat(format, o);
    return new FileSink(FileLister.toPath(path), f, mode == null ? SaveMode.ERROR_IF_EXISTS : mode,
        partitionBy == null ? List.of() : partitionBy, o.getZone(ZoneOffset.UTC),
        o.get(FileSink.SINK_ID_OPTION, UUID.randomUUID().toString()));
  }

  /**
   * The streaming sink of {@code df.writeStream().format(f).option("path", p).partitionBy(cols)}: a
   * {@link FileStreamSink} writing {@code format} files under {@code path} with the options of
   * {@link #create}.
   *
   * @param outputMode the query's output mode name ({@code append}, {@code complete}, {@code update}, any case)
   * @throws AnalysisException as Spark for an output mode other than append:
   *     {@code Data source csv does not support Complete output mode}
   * @throws EmberIllegalArgumentException for an unknown format, a missing path or bad options
   */
  public static FileStreamSink createStream(
      String format, String path, String outputMode, Map<String, String> options, List<String> partitionBy) {
    String mode = outputMode == null ? "append" : outputMode.trim().toLowerCase(Locale.ROOT);
    if (!mode.equals("append")) {
      String shown = mode.isEmpty() ? outputMode : Character.toUpperCase(mode.charAt(0)) + mode.substring(1);
      throw new AnalysisException("UNSUPPORTED_OUTPUT_MODE_FOR_SINK",
          "Data source " + format + " does not support " + shown + " output mode");
    }
    if (path == null || path.isBlank()) {
      throw new EmberIllegalArgumentException("PATH_REQUIRED", "'path' is not specified: give the directory to write.");
    }
    FileOptions o = new FileOptions(options);
    return new FileStreamSink(FileLister.toPath(path), new WriteFormat(format, o),
        partitionBy == null ? List.of() : partitionBy, o.getZone(ZoneOffset.UTC));
  }
}
