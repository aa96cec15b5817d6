package io.ember.connectors.file;

import java.util.ArrayList;
import java.util.List;

/**
 * Divides files into byte-range splits, as Spark's {@code FilePartition}: the split size is
 * {@code min(maxPartitionBytes, max(openCostInBytes, totalBytes / parallelismHint))}, so small inputs
 * still spread across the reader tasks and big files split at {@code maxPartitionBytes}.
 */
public final class FileSplitter {
  /** Spark's {@code spark.sql.files.maxPartitionBytes} default. */
  public static final long DEFAULT_MAX_PARTITION_BYTES = 128L << 20;
  /** Spark's {@code spark.sql.files.openCostInBytes} default: the smallest split worth a task. */
  public static final long DEFAULT_OPEN_COST_BYTES = 4L << 20;

  private FileSplitter() {}

  /** Splits of the non-empty files; whole files when {@code splittable} is false. */
  public static List<FileSplit> split(
      List<FileEntry> files, boolean splittable, long maxPartitionBytes, long openCostBytes, int parallelismHint) {
    long total = 0;
    for (FileEntry f : files) {
      total += f.size();
    }
    long perTask = (total + Math.max(1, parallelismHint) - 1) / Math.max(1, parallelismHint);
    long size = Math.max(1, Math.min(maxPartitionBytes, Math.max(openCostBytes, perTask)));
    List<FileSplit> out = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      FileEntry f = files.get(i);
      if (f.size() == 0) {
        continue;
      }
      if (!splittable) {
        out.add(new FileSplit(i, f.path(), 0, f.size()));
        continue;
      }
      for (long start = 0; start < f.size(); start += size) {
        out.add(new FileSplit(i, f.path(), start, Math.min(size, f.size() - start)));
      }
    }
    return out;
  }
}
