package io.ember.connectors.file.sink;

import io.ember.connectors.file.FileLister;
import io.ember.connectors.file.sink.FileStreamSinkLog.SinkFileStatus;
import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The streaming file sink, as Spark's {@code FileStreamSink}: every epoch (Spark's batch) adds part files
 * under the output directory and records them in the commit log {@code <path>/_spark_metadata/<epoch>}
 * ({@link FileStreamSinkLog}). The log, not the directory, says what the output is: batch reads of the
 * directory list only logged files, so files of an epoch that failed before its log entry was written are
 * never read. Append output mode only.
 *
 * <p>Writers stage each epoch's part files in {@code <path>/_temporary/<epoch>/} (hidden from listings).
 * {@link #commit} of an epoch at or below the latest logged one does nothing but drop the staging (a
 * replay after recovery); otherwise it moves the staged files into place, then writes the log entry
 * atomically, then drops the staging. {@link #abort} deletes the epoch's staging, so an aborted epoch leaves
 * no file behind. Partitioned output ({@code partitionBy}) goes to Hive-style {@code col=value/}
 * directories, as in batch writes.
 */
public final class FileStreamSink implements Sink {
  private final Path root;
  private final WriteFormat format;
  private final List<String> partitionBy;
  private final ZoneId zone;
  private final FileStreamSinkLog log;

  public FileStreamSink(Path root, WriteFormat format, List<String> partitionBy, ZoneId zone) {
    this.root = root;
    this.format = format;
    this.partitionBy = List.copyOf(partitionBy);
    this.zone = zone;
    this.log = new FileStreamSinkLog(root);
  }

  /** The output directory. */
  public Path path() {
    return root;
  }

  /** The sink's commit log. */
  public FileStreamSinkLog log() {
    return log;
  }

  @Override
  public void setup(StructType schema) {
    FileSink.columns(schema, partitionBy, format);
    try {
      Files.createDirectories(log.directory());
    } catch (IOException e) {
      throw new EmberRuntimeException("FILE_WRITE_FAILED", "Cannot prepare " + root + ": " + e.getMessage(), e);
    }
  }

  @Override
  public SinkWriter createWriter(int taskIndex, int parallelism, StructType schema) {
    int[][] cols = FileSink.columns(schema, partitionBy, format);
    return new FileSinkWriter(root, taskIndex, format, schema, cols[0], cols[1], zone);
  }

  @Override
  public synchronized void commit(long epoch, List<CommitMessage> messages) {
    Path staging = staging(epoch);
    if (epoch <= log.latestBatchId().orElse(-1L)) {
      dropStaging(staging);
      return;
    }
    List<SinkFileStatus> statuses = new ArrayList<>();
    try {
      for (CommitMessage m : messages) {
        for (String f : ((FileCommitMessage) m).files()) {
          Path src = staging.resolve(f);
          Path dest = root.resolve(f);
          if (Files.exists(src)) {
            Files.createDirectories(dest.getParent());
            Files.move(src, dest, StandardCopyOption.ATOMIC_MOVE);
          }
          if (!Files.exists(dest)) {
            throw new EmberRuntimeException("FILE_COMMIT_FAILED", "Cannot commit epoch " + epoch + " of " + root
                + ": the staged file " + src + " is missing; the epoch must be written again.");
          }
          statuses.add(SinkFileStatus.added(dest));
        }
      }
    } catch (IOException e) {
      throw new EmberRuntimeException("FILE_COMMIT_FAILED",
          "Cannot commit epoch " + epoch + " of " + root + ": " + e.getMessage(), e);
    }
    log.add(epoch, statuses);
    dropStaging(staging);
  }

  @Override
  public void abort(long epoch, List<CommitMessage> messages) {
    dropStaging(staging(epoch));
  }

  @Override
  public String explain() {
    return "FileStreamSink " + format.name() + " " + FileLister.qualified(root)
        + (partitionBy.isEmpty() ? "" : " partitionBy=" + partitionBy);
  }

  private Path staging(long epoch) {
    return root.resolve(FileSink.STAGING).resolve(Long.toString(epoch));
  }

  /** Deletes an epoch's staging; {@code _temporary} itself stays, as writers of the next epoch use it. */
  private static void dropStaging(Path staging) {
    FileSink.deleteRecursively(staging);
  }
}
