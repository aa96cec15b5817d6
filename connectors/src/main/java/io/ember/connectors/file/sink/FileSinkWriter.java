package io.ember.connectors.file.sink;

import io.ember.connectors.file.PartitionPaths;
import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.ValueFormat;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.StructType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One sink task's writer. Rows go to part files {@code part-<task>-<uuid>.<ext>} in a private
 * in-progress directory under {@code <path>/_temporary/}, one file per partition directory;
 * {@link #prepareCommit} closes them and moves them to {@code <path>/_temporary/<epoch>/}, where
 * {@link FileSink#commit} finds them. Nothing is visible in the output directory before commit.
 */
final class FileSinkWriter implements SinkWriter {
  private final Path root;
  private final int taskIndex;
  private final WriteFormat format;
  private final StructType schema;
  private final int[] dataColumns;
  private final int[] partitionColumns;
  private final ZoneId zone;
  private final Path inProgress;
  private final Map<String, Open> open = new LinkedHashMap<>();

  private record Open(String relative, OutputStream stream, RecordWriter writer) {}

  FileSinkWriter(Path root, int taskIndex, WriteFormat format, StructType schema, int[] dataColumns,
      int[] partitionColumns, ZoneId zone) {
    this.root = root;
    this.taskIndex = taskIndex;
    this.format = format;
    this.schema = schema;
    this.dataColumns = dataColumns;
    this.partitionColumns = partitionColumns;
    this.zone = zone;
    this.inProgress = root.resolve(FileSink.STAGING).resolve("inprogress-" + taskIndex + "-" + UUID.randomUUID());
  }

  @Override
  public void write(Batch batch) {
    try {
      for (int r = 0; r < batch.numRows(); r++) {
        String dir = partitionDir(batch, r);
        Open o = open.get(dir);
        if (o == null) {
          o = openFile(dir);
          open.put(dir, o);
        }
        o.writer().write(batch, r, dataColumns);
      }
    } catch (IOException e) {
      throw new EmberRuntimeException("FILE_WRITE_FAILED", "Cannot write to " + inProgress + ": " + e.getMessage(), e);
    }
  }

  private String partitionDir(Batch batch, int row) {
    if (partitionColumns.length == 0) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (int c : partitionColumns) {
      Object v = batch.column(c).get(row);
      String text = v == null ? null : ValueFormat.toDisplayString(v, zone);
      sb.append(PartitionPaths.escape(schema.field(c).name())).append('=')
          .append(text == null || text.isEmpty() ? PartitionPaths.DEFAULT_PARTITION : PartitionPaths.escape(text))
          .append('/');
    }
    return sb.toString();
  }

  private Open openFile(String dir) throws IOException {
    String name = String.format("part-%05d-%s.%s", taskIndex, UUID.randomUUID(), format.extension());
    String relative = dir + name;
    Path file = inProgress.resolve(relative);
    Files.createDirectories(file.getParent());
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
    return new Open(relative, out, format.open(out, schema, dataColumns));
  }

  @Override
  public CommitMessage prepareCommit(long epoch) {
    List<String> files = new ArrayList<>();
    try {
      Path target = root.resolve(FileSink.STAGING).resolve(Long.toString(epoch));
      for (Open o : open.values()) {
        o.writer().close();
        Path dest = target.resolve(o.relative());
        Files.createDirectories(dest.getParent());
        Files.move(inProgress.resolve(o.relative()), dest, StandardCopyOption.ATOMIC_MOVE);
        files.add(o.relative());
      }
      open.clear();
      FileSink.deleteRecursively(inProgress);
    } catch (IOException e) {
      throw new EmberRuntimeException("FILE_WRITE_FAILED", "Cannot stage the output of task " + taskIndex
          + " for epoch " + epoch + " under " + root + ": " + e.getMessage(), e);
    }
    return new FileCommitMessage(epoch, taskIndex, files);
  }

  @Override
  public void abort() {
    for (Open o : open.values()) {
      try {
        o.writer().close();
      } catch (IOException e) {
        // the file is deleted below
      }
    }
    open.clear();
    FileSink.deleteRecursively(inProgress);
  }

  @Override
  public void close() {
    if (!open.isEmpty()) {
      abort();
    }
  }
}
