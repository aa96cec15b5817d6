package io.ember.operators.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where blocking operators write the data that does not fit their task's {@link MemoryBudget}: one or more local
 * directories ({@link #CONFIG_KEY}, or Spark's {@link #SPARK_CONFIG_KEY}; a comma-separated list spreads files over
 * several disks round-robin). Unset, it is {@code <java.io.tmpdir>/ember-<pid>}. Directories are created on the first
 * spill, so a query that never spills never touches the disk.
 *
 * <p>Each file is deleted by the operator that wrote it once it has been read, when the operator closes (the task
 * ended, failed or was cancelled) and, for files still present when the JVM exits, by a shutdown hook. Thread-safe:
 * the tasks of one job share an instance.
 */
public final class SpillDirectory {
  /** The session option naming the spill directories. */
  public static final String CONFIG_KEY = "ember.local.dir";
  /** Spark's name for the same option, read when {@link #CONFIG_KEY} is not set. */
  public static final String SPARK_CONFIG_KEY = "spark.local.dir";

  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
  private static final Set<Path> CREATED_DIRS = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(SpillDirectory::deleteAllLive, "ember-spill-cleanup"));
  }

  private final List<Path> roots;
  private final AtomicInteger next = new AtomicInteger();

  private SpillDirectory(List<Path> roots) {
    this.roots = List.copyOf(roots);
  }

  /** The default: {@code <java.io.tmpdir>/ember-<pid>}. */
  public static SpillDirectory defaultDirectory() {
    return new SpillDirectory(List.of(
        Path.of(System.getProperty("java.io.tmpdir"), "ember-" + ProcessHandle.current().pid())));
  }

  /**
   * The directories of a {@link #CONFIG_KEY} value: a comma-separated list of paths, or the
   * {@linkplain #defaultDirectory() default} when {@code setting} is null or blank.
   */
  public static SpillDirectory of(String setting) {
    if (setting == null || setting.isBlank()) {
      return defaultDirectory();
    }
    List<Path> paths = new ArrayList<>();
    for (String part : setting.split(",")) {
      if (!part.isBlank()) {
        paths.add(Path.of(part.trim()));
      }
    }
    return paths.isEmpty() ? defaultDirectory() : new SpillDirectory(paths);
  }

  /** The directories files go to, in round-robin order. */
  public List<Path> roots() {
    return roots;
  }

  /**
   * Creates a new empty file for {@code owner} (an operator name, part of the file name) in the next directory,
   * creating the directory if needed.
   *
   * @throws SpillException when the directory cannot be created or written
   */
  public SpillFile newFile(String owner) {
    Path root = roots.get(Math.floorMod(next.getAndIncrement(), roots.size()));
    try {
      if (!Files.isDirectory(root)) {
        Files.createDirectories(root);
        CREATED_DIRS.add(root);
      }
      Path file = Files.createTempFile(root, "spill-" + owner.toLowerCase(java.util.Locale.ROOT) + "-", ".bin");
      LIVE.add(file);
      return new SpillFile(file, root);
    } catch (IOException | SecurityException e) {
      throw SpillException.writing(root, e);
    }
  }

  /** Forgets {@code file} after it was deleted. */
  static void forget(Path file) {
    LIVE.remove(file);
  }

  private static void deleteAllLive() {
    for (Path file : LIVE) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // the JVM is exiting; nothing else can be done about a file that cannot be deleted
      }
    }
    for (Path dir : CREATED_DIRS) {
      try {
        Files.deleteIfExists(dir); // only when empty: another process may share a configured directory
      } catch (IOException ignored) {
        // not empty or not ours to delete
      }
    }
  }

  @Override
  public String toString() {
    return "SpillDirectory" + roots;
  }
}
