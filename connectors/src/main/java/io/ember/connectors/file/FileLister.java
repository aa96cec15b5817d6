package io.ember.connectors.file;

import io.ember.connectors.file.sink.FileStreamSinkLog;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resolves the paths a reader was given into the files to read, as Spark's file index does: a file is
 * itself; a directory is listed recursively; a glob ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}},
 * and {@code **} across directories) matches files and directories. Hidden names are skipped while
 * listing: names starting with {@code .}, and names starting with {@code _} unless they hold a {@code =}
 * (a partition directory), so {@code _SUCCESS}, {@code .crc} files and {@code _temporary} never show.
 * The result is sorted by path and free of duplicates.
 *
 * <p>A single directory (not a glob) holding a streaming file sink's {@code _spark_metadata} log is listed
 * from the log instead, as Spark does: only files of committed epochs are read.
 *
 * <p>Listing is separate from reading so that a stream can list a growing directory again and again.
 */
public final class FileLister {
  public static final String DEFAULT_PARTITION = PartitionPaths.DEFAULT_PARTITION;

  private FileLister() {}

  /**
   * The files under {@code paths}.
   *
   * @throws AnalysisException {@code PATH_NOT_FOUND} naming the first path (or glob) that matches nothing
   */
  public static List<FileEntry> list(List<String> paths) {
    if (paths.size() == 1 && !hasGlob(paths.get(0))) {
      Path only = toPath(paths.get(0));
      if (Files.isDirectory(only) && FileStreamSinkLog.hasMetadata(only)) {
        return listSinkLog(only);
      }
    }
    List<FileEntry> out = new ArrayList<>();
    for (String p : paths) {
      List<Path> roots = resolve(p);
      for (Path root : roots) {
        collect(root, out);
      }
    }
    out.sort(Comparator.comparing(FileEntry::path));
    List<FileEntry> unique = new ArrayList<>(out.size());
    for (FileEntry e : out) {
      if (unique.isEmpty() || !unique.get(unique.size() - 1).path().equals(e.path())) {
        unique.add(e);
      }
    }
    return unique;
  }

  /**
   * The files a streaming file sink committed to {@code root}, as its {@code _spark_metadata} log records
   * them (Spark's {@code MetadataLogFileIndex}): files of uncommitted or aborted epochs are left out even
   * though they may lie in the directory. Partition values come from the directories between {@code root}
   * and each file.
   */
  private static List<FileEntry> listSinkLog(Path root) {
    List<FileEntry> out = new ArrayList<>();
    for (FileStreamSinkLog.SinkFileStatus s : new FileStreamSinkLog(root).allFiles()) {
      if (s.isDir()) {
        continue;
      }
      Path file = FileStreamSinkLog.toLocalPath(s.path());
      Path base = file.startsWith(root) ? root : file.getParent();
      out.add(new FileEntry(file.toString(), s.size(), partitionValues(base, file)));
    }
    out.sort(Comparator.comparing(FileEntry::path));
    return out;
  }

  /** True for names Spark hides from listings. */
  public static boolean isHidden(String name) {
    return (name.startsWith("_") && !name.contains("=")) || name.startsWith(".") || name.endsWith("._COPYING_");
  }

  /** A local path from a plain path or a {@code file:} URI. */
  public static Path toPath(String path) {
    if (path.startsWith("file:")) {
      String rest = path.substring("file:".length());
      while (rest.startsWith("//")) {
        rest = rest.substring(1);
      }
      return Paths.get(rest).toAbsolutePath().normalize();
    }
    return Paths.get(path).toAbsolutePath().normalize();
  }

  private static List<Path> resolve(String p) {
    if (!hasGlob(p)) {
      Path path = toPath(p);
      if (!Files.exists(path)) {
        throw AnalysisException.pathNotFound(qualified(path));
      }
      return List.of(path);
    }
    String pattern = p.startsWith("file:") ? p.substring("file:".length()).replaceFirst("^/+", "/") : p;
    Path absPattern = Paths.get(pattern).isAbsolute() ? Paths.get(pattern) : Paths.get("").toAbsolutePath().resolve(pattern);
    Path base = globBase(absPattern);
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + absPattern.toString().replace("\\", "\\\\"));
    List<Path> matches = new ArrayList<>();
    if (Files.isDirectory(base)) {
      try (Stream<Path> walk = Files.walk(base)) {
        walk.filter(x -> !x.equals(base) && matcher.matches(x) && !hiddenBelow(base, x)).forEach(matches::add);
      } catch (IOException e) {
        throw new EmberRuntimeException("FILE_LIST_FAILED", "Cannot list " + base + ": " + e.getMessage(), e);
      }
    }
    if (matches.isEmpty()) {
      throw AnalysisException.pathNotFound("file:" + absPattern);
    }
    // a matched directory inside another matched directory is listed once, through its parent
    List<Path> roots = new ArrayList<>();
    matches.sort(Comparator.naturalOrder());
    for (Path m : matches) {
      if (roots.isEmpty() || !m.startsWith(roots.get(roots.size() - 1)) || !Files.isDirectory(roots.get(roots.size() - 1))) {
        roots.add(m);
      }
    }
    return roots;
  }

  private static boolean hiddenBelow(Path base, Path x) {
    for (Path part : base.relativize(x)) {
      if (isHidden(part.toString())) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasGlob(String p) {
    return p.indexOf('*') >= 0 || p.indexOf('?') >= 0 || p.indexOf('[') >= 0 || p.indexOf('{') >= 0;
  }

  private static Path globBase(Path pattern) {
    Path base = pattern.getRoot();
    for (Path part : pattern) {
      if (hasGlob(part.toString())) {
        break;
      }
      base = base.resolve(part);
    }
    return base;
  }

  private static void collect(Path root, List<FileEntry> out) {
    if (Files.isRegularFile(root)) {
      out.add(entry(root, root.getParent(), root));
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Files::isRegularFile)
          .filter(f -> !hiddenBelow(root, f))
          .forEach(f -> out.add(entry(f, root, f)));
    } catch (IOException | UncheckedIOException e) {
      throw new EmberRuntimeException("FILE_LIST_FAILED", "Cannot list " + root + ": " + e.getMessage(), e);
    }
  }

  private static FileEntry entry(Path file, Path base, Path target) {
    List<FileEntry.PartitionValue> parts = partitionValues(base, target);
    try {
      return new FileEntry(file.toString(), Files.size(file), parts);
    } catch (IOException e) {
      throw new EmberRuntimeException("FILE_LIST_FAILED", "Cannot read the size of " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<FileEntry.PartitionValue> partitionValues(Path base, Path target) {
    List<FileEntry.PartitionValue> parts = new ArrayList<>();
    Path rel = base == null ? null : base.relativize(target).getParent();
    if (rel != null) {
      for (Path dir : rel) {
        String name = dir.toString();
        int eq = name.indexOf('=');
        if (eq > 0) {
          String value = PartitionPaths.unescape(name.substring(eq + 1));
          parts.add(new FileEntry.PartitionValue(
              PartitionPaths.unescape(name.substring(0, eq)), DEFAULT_PARTITION.equals(value) ? null : value));
        }
      }
    }
    return parts;
  }

  /** Spark's qualified form of a local path in messages: {@code file:/abs/path}. */
  public static String qualified(Path path) {
    return "file:" + path.toAbsolutePath().normalize();
  }
}
