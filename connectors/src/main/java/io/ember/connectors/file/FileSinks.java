package io.ember.connectors.file;

import io.ember.connectors.file.sink.FileSink;
import io.ember.connectors.file.sink.WriteFormat;
import io.ember.connectors.sink.Sink;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.time.ZoneOffset;
import java.util.List;
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
}
