package io.ember.connectors.file.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ember.connectors.file.FileLister;
import io.ember.core.errors.EmberRuntimeException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The commit log of a streaming file sink, in Spark's {@code FileStreamSinkLog} format, kept in
 * {@code <output>/_spark_metadata/}. Batch {@code N}'s entry is the file {@code <N>}: the line {@code v1}, then
 * one JSON object per written file, lines separated by {@code \n} with no final newline:
 * <pre>{"path":"file:/out/part-00000-….csv","size":12,"isDir":false,"modificationTime":1700000000000,
 * "blockReplication":1,"blockSize":33554432,"action":"add"}</pre>
 * Every tenth entry is compacted ({@code <N>.compact}, every file up to batch N), as Spark writes it. An
 * entry is written to a hidden temporary file and then published under its final name without
 * replacing an existing one, so a reader sees a whole entry or none. Reading also understands Spark's
 * {@code "delete"} actions, so directories written by Spark read the same. Old entries are kept (Spark
 * deletes the ones before a compaction after a delay; readers never need them).
 */
public final class FileStreamSinkLog {
  /** The log directory's name below the output directory. */
  public static final String METADATA_DIR = "_spark_metadata";
  /** The log format version written and the highest one read. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BATCH_FILE = Pattern.compile("(\\d+)(\\.compact)?");
  /** Hadoop's block size of the local file system, recorded as Spark does. */
  private static final long LOCAL_BLOCK_SIZE = 32L * 1024 * 1024;

  /** One file of a batch: Spark's {@code SinkFileStatus}. {@code action} is {@code add} or {@code delete}. */
  public record SinkFileStatus(String path, long size, boolean isDir, long modificationTime, int blockReplication,
      long blockSize, String action) {
    /** The status of a file just written to the local file system. */
    public static SinkFileStatus added(Path file) throws IOException {
      return new SinkFileStatus(uri(file), Files.size(file), false,
          Files.getLastModifiedTime(file).toMillis(), 1, LOCAL_BLOCK_SIZE, "add");
    }
  }

  /** Spark's default {@code spark.sql.streaming.fileSink.log.compactInterval}. */
  public static final int DEFAULT_COMPACT_INTERVAL = 10;

  private final Path dir;
  private final int compactInterval;

  /** Spark's form of a local file in the log: {@code file:/abs/path}, characters a URI cannot hold escaped. */
  public static String uri(Path file) {
    try {
      return new URI("file", null, file.toAbsolutePath().normalize().toString(), null).toString();
    } catch (URISyntaxException e) {
      return FileLister.qualified(file);
    }
  }

  /** The local file a logged path names ({@code file:} URIs are decoded, plain paths taken as they are). */
  public static Path toLocalPath(String logged) {
    if (logged.startsWith("file:")) {
      try {
        return Paths.get(new URI(logged)).toAbsolutePath().normalize();
      } catch (URISyntaxException | IllegalArgumentException e) {
        return FileLister.toPath(logged);
      }
    }
    return FileLister.toPath(logged);
  }

  /** The log of the sink writing to {@code outputDir}, compacting every {@link #DEFAULT_COMPACT_INTERVAL} batches. */
  public FileStreamSinkLog(Path outputDir) {
    this(outputDir, DEFAULT_COMPACT_INTERVAL);
  }

  /** The log of the sink writing to {@code outputDir}, compacting every {@code compactInterval} batches. */
  public FileStreamSinkLog(Path outputDir, int compactInterval) {
    if (compactInterval < 1) {
      throw new IllegalArgumentException("compactInterval must be positive, got " + compactInterval);
    }
    this.dir = outputDir.resolve(METADATA_DIR);
    this.compactInterval = compactInterval;
  }

  /** Every how many batches an entry is written compacted. */
  public int compactInterval() {
    return compactInterval;
  }

  /** The log directory. */
  public Path directory() {
    return dir;
  }

  /** True when {@code outputDir} holds a sink log: its batch reads list the log instead of the directory. */
  public static boolean hasMetadata(Path outputDir) {
    return Files.isDirectory(outputDir.resolve(METADATA_DIR));
  }

  /**
   * Records batch {@code batchId}'s files atomically. Every {@link #compactInterval()}-th batch (ids 9, 19,
   * ... for Spark's default 10) is written compacted, as Spark does: {@code <N>.compact} holds every file
   * of the batches up to N, so readers (Spark's too) start from the latest compaction.
   *
   * @return false, writing nothing, when the batch is already recorded
   */
  public boolean add(long batchId, List<SinkFileStatus> files) {
    if (entryFile(batchId) != null) {
      return false;
    }
    boolean compact = (batchId + 1) % compactInterval == 0;
    List<SinkFileStatus> content = files;
    if (compact) {
      LinkedHashMap<String, SinkFileStatus> all = new LinkedHashMap<>();
      for (SinkFileStatus f : allFiles()) {
        all.put(f.path(), f);
      }
      apply(all, files);
      content = new ArrayList<>(all.values());
    }
    StringBuilder sb = new StringBuilder("v").append(VERSION);
    for (SinkFileStatus f : content) {
      sb.append('\n').append(toJson(f));
    }
    Path target = dir.resolve(compact ? batchId + ".compact" : Long.toString(batchId));
    Path temp = dir.resolve("." + batchId + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(dir);
      Files.write(temp, sb.toString().getBytes(StandardCharsets.UTF_8));
      try {
        // a hard link publishes the entry without ever replacing one written concurrently
        Files.createLink(target, temp);
        Files.delete(temp);
      } catch (FileAlreadyExistsException e) {
        Files.delete(temp);
        return false;
      } catch (UnsupportedOperationException | IOException e) {
        if (Files.exists(target)) {
          Files.deleteIfExists(temp);
          return false;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      }
      return true;
    } catch (IOException e) {
      throw new EmberRuntimeException("FILE_COMMIT_FAILED",
          "Cannot write the sink log entry " + target + ": " + e.getMessage(), e);
    }
  }

  /** The highest recorded batch id, empty when the log has no entry. */
  public OptionalLong latestBatchId() {
    TreeMap<Long, Path> all = entries();
    return all.isEmpty() ? OptionalLong.empty() : OptionalLong.of(all.lastKey());
  }

  /** The files recorded for batch {@code batchId} alone (for a compacted entry, every file up to it). */
  public List<SinkFileStatus> get(long batchId) {
    Path p = entryFile(batchId);
    return p == null ? List.of() : read(p);
  }

  /**
   * Every file the log holds: the latest compacted entry and the entries after it, minus the files a later
   * entry deleted, in the order recorded.
   */
  public List<SinkFileStatus> allFiles() {
    TreeMap<Long, Path> all = entries();
    long start = 0;
    for (Map.Entry<Long, Path> e : all.descendingMap().entrySet()) {
      if (e.getValue().getFileName().toString().endsWith(".compact")) {
        start = e.getKey();
        break;
      }
    }
    LinkedHashMap<String, SinkFileStatus> files = new LinkedHashMap<>();
    for (Path p : all.tailMap(start, true).values()) {
      apply(files, read(p));
    }
    return new ArrayList<>(files.values());
  }

  private static void apply(LinkedHashMap<String, SinkFileStatus> files, List<SinkFileStatus> entry) {
    for (SinkFileStatus s : entry) {
      if (s.action().equals("delete")) {
        files.remove(s.path());
      } else {
        files.put(s.path(), s);
      }
    }
  }

  private Path entryFile(long batchId) {
    Path plain = dir.resolve(Long.toString(batchId));
    if (Files.exists(plain)) {
      return plain;
    }
    Path compact = dir.resolve(batchId + ".compact");
    return Files.exists(compact) ? compact : null;
  }

  private TreeMap<Long, Path> entries() {
    TreeMap<Long, Path> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> {
        Matcher m = BATCH_FILE.matcher(p.getFileName().toString());
        if (m.matches()) {
          out.put(Long.parseLong(m.group(1)), p);
        }
      });
    } catch (IOException e) {
      throw new EmberRuntimeException("FILE_LIST_FAILED", "Cannot list the sink log " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static List<SinkFileStatus> read(Path p) {
    String text;
    try {
      text = Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EmberRuntimeException("FILE_READ_FAILED", "Cannot read the sink log entry " + p + ": " + e.getMessage(), e);
    }
    String[] lines = text.split("\n", -1);
    String version = lines[0].trim();
    int v;
    try {
      v = version.startsWith("v") ? Integer.parseInt(version.substring(1)) : -1;
    } catch (NumberFormatException e) {
      v = -1;
    }
    if (v <= 0) {
      throw new EmberRuntimeException("INVALID_LOG_VERSION", "Log file was malformed: failed to read correct log version from "
          + version.replace("\n", "") + " in " + p + ".");
    }
    if (v > VERSION) {
      throw new EmberRuntimeException("INVALID_LOG_VERSION", "UnsupportedLogVersion: maximum supported log version is v"
          + VERSION + ", but encountered v" + v + ". The log file " + p
          + " was produced by a newer version and cannot be read by this version. Please upgrade.");
    }
    List<SinkFileStatus> out = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        JsonNode n = JSON.readTree(lines[i]);
        out.add(new SinkFileStatus(n.path("path").asText(), n.path("size").asLong(), n.path("isDir").asBoolean(),
            n.path("modificationTime").asLong(), n.path("blockReplication").asInt(), n.path("blockSize").asLong(),
            n.path("action").asText("add")));
      } catch (IOException e) {
        throw new EmberRuntimeException("FILE_READ_FAILED", "Malformed line " + (i + 1) + " in the sink log entry "
            + p + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static String toJson(SinkFileStatus f) {
    ObjectNode n = JSON.createObjectNode();
    n.put("path", f.path());
    n.put("size", f.size());
    n.put("isDir", f.isDir());
    n.put("modificationTime", f.modificationTime());
    n.put("blockReplication", f.blockReplication());
    n.put("blockSize", f.blockSize());
    n.put("action", f.action());
    return n.toString();
  }
}
