package io.ember.connectors.file.sink;

import io.ember.connectors.file.FileLister;
import io.ember.connectors.file.SaveMode;
import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes files under one directory with a two-phase commit per epoch. Writers stage part files in
 * {@code <path>/_temporary/<epoch>/}; {@link #commit} moves them into place, records the epoch in
 * {@code <path>/_ember_commits/<sinkId>/<epoch>} and writes {@code _SUCCESS}; committing a recorded epoch
 * again does nothing. The sink id scopes epochs to one writing query: a new batch job gets a fresh id, a
 * restarted stream passes its stable id (option {@link #SINK_ID_OPTION}) so its replayed epochs are
 * recognised. {@link #abort} deletes the epoch's staging. Readers skip {@code _}-prefixed names, so
 * staged output is never read.
 *
 * <p>The save mode is applied in {@link #setup}: error fails if the path exists, ignore makes every
 * writer discard its rows, overwrite deletes the existing output, append keeps it. A write of no rows leaves one
 * part file without rows when the format asks for it ({@link WriteFormat#writesEmptyFile()}: Parquet), so that the
 * directory keeps the schema.
 */
public final class FileSink implements Sink {
  /** The staging directory name, below the output path. */
  public static final String STAGING = "_temporary";
  /** The directory recording committed epochs, below the output path. */
  public static final String COMMITS = "_ember_commits";

  /** The option naming a stable sink id (a streaming query's id); a random id is used without it. */
  public static final String SINK_ID_OPTION = "ember.sinkId";

  private final Path root;
  private final String sinkId;
  private final WriteFormat format;
  private final SaveMode mode;
  private final List<String> partitionBy;
  private final ZoneId zone;
  private volatile boolean ignored;
  /** The rows' schema, known from {@link #setup}. */
  private volatile StructType schema;
  private boolean wroteFiles;

  public FileSink(Path root, WriteFormat format, SaveMode mode, List<String> partitionBy, ZoneId zone, String sinkId) {
    this.root = root;
    this.sinkId = sinkId;
    this.format = format;
    this.mode = mode;
    this.partitionBy = List.copyOf(partitionBy);
    this.zone = zone;
  }

  public Path path() {
    return root;
  }

  @Override
  public void setup(StructType schema) {
    columns(schema);
    this.schema = schema;
    boolean exists = Files.exists(root);
    try {
      switch (mode) {
        case ERROR_IF_EXISTS:
          if (exists) {
            throw new AnalysisException("PATH_ALREADY_EXISTS", "Path " + FileLister.qualified(root)
                + " already exists. Set mode as \"overwrite\" to overwrite the existing path.");
          }
          break;
        case IGNORE:
          ignored = exists;
          return;
        case OVERWRITE:
          if (exists) {
            deleteRecursively(root);
          }
          break;
        default:
          break;
      }
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new EmberRuntimeException("FILE_WRITE_FAILED", "Cannot prepare " + root + ": " + e.getMessage(), e);
    }
  }

  /** Data and partition column indices of {@code schema}; validates both. */
  private int[][] columns(StructType schema) {
    return columns(schema, partitionBy, format);
  }

  /** Data and partition column indices of {@code schema} for a sink partitioning by {@code partitionBy}; validates both. */
  static int[][] columns(StructType schema, List<String> partitionBy, WriteFormat format) {
    int[] parts = new int[partitionBy.size()];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = schema.requireIndex(partitionBy.get(i));
    }
    int[] data = java.util.stream.IntStream.range(0, schema.size())
        .filter(c -> Arrays.stream(parts).noneMatch(p -> p == c)).toArray();
    if (data.length == 0 && parts.length > 0) {
      throw new AnalysisException("ALL_PARTITION_COLUMNS_NOT_ALLOWED", "Cannot use all columns for partition columns.");
    }
    format.validate(schema.select(data));
    return new int[][] {data, parts};
  }

  @Override
  public SinkWriter createWriter(int taskIndex, int parallelism, StructType schema) {
    if (ignored) {
      return new DiscardingWriter();
    }
    int[][] cols = columns(schema);
    return new FileSinkWriter(root, taskIndex, format, schema, cols[0], cols[1], zone);
  }

  @Override
  public synchronized void commit(long epoch, List<CommitMessage> messages) {
    if (ignored) {
      return;
    }
    Path marker = root.resolve(COMMITS).resolve(sinkId).resolve(Long.toString(epoch));
    if (Files.exists(marker)) {
      return;
    }
    Path staging = root.resolve(STAGING).resolve(Long.toString(epoch));
    try {
      for (CommitMessage m : messages) {
        for (String f : ((FileCommitMessage) m).files()) {
          wroteFiles = true;
          Path src = staging.resolve(f);
          if (Files.exists(src)) {
            Path dest = root.resolve(f);
            Files.createDirectories(dest.getParent());
            Files.move(src, dest, StandardCopyOption.ATOMIC_MOVE);
          }
        }
      }
      if (!wroteFiles && partitionBy.isEmpty() && schema != null && format.writesEmptyFile()) {
        writeEmptyPart(staging);
      }
      Files.createDirectories(marker.getParent());
      Files.write(marker, new byte[0]);
      Files.write(root.resolve("_SUCCESS"), new byte[0]);
      deleteRecursively(staging);
      deleteIfEmpty(root.resolve(STAGING));
    } catch (IOException e) {
      throw new EmberRuntimeException("FILE_COMMIT_FAILED",
          "Cannot commit epoch " + epoch + " of " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes one part file without rows for a write that produced none (Spark's layout for an empty DataFrame), so that
   * the directory keeps the schema; staged first, then moved into place as the tasks' files are.
   */
  private void writeEmptyPart(Path staging) throws IOException {
    String name = String.format("part-%05d-%s.%s", 0, java.util.UUID.randomUUID(), format.extension());
    Files.createDirectories(staging);
    Path staged = staging.resolve(name);
    try (RecordWriter w = format.open(Files.newOutputStream(staged), schema, columns(schema)[0])) {
      // no rows: closing writes the file's header and footer
    }
    Files.move(staged, root.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    wroteFiles = true;
  }

  /** True when {@code epoch} was committed (its marker exists). */
  public boolean isCommitted(long epoch) {
    return Files.exists(root.resolve(COMMITS).resolve(sinkId).resolve(Long.toString(epoch)));
  }

  @Override
  public void abort(long epoch, List<CommitMessage> messages) {
    deleteRecursively(root.resolve(STAGING).resolve(Long.toString(epoch)));
    deleteIfEmpty(root.resolve(STAGING));
  }

  @Override
  public String explain() {
    return "FileSink " + format.name() + " " + FileLister.qualified(root) + " mode=" + mode
        + (partitionBy.isEmpty() ? "" : " partitionBy=" + partitionBy);
  }

  private static void deleteIfEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      if (s.findAny().isEmpty()) {
        Files.delete(dir);
      }
    } catch (IOException e) {
      // absent or not empty: nothing to tidy
    }
  }

  /** Deletes a file or directory tree; a missing path is fine. */
  static void deleteRecursively(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    } catch (IOException e) {
      throw new EmberRuntimeException("FILE_DELETE_FAILED", "Cannot delete " + p + ": " + e.getMessage(), e);
    }
  }

  /** The writer of a sink in mode ignore over an existing path: writes nothing. */
  private static final class DiscardingWriter implements SinkWriter {
    @Override
    public void write(Batch batch) {}

    @Override
    public CommitMessage prepareCommit(long epoch) {
      return new FileCommitMessage(epoch, -1, List.of());
    }

    @Override
    public void abort() {}
  }
}
