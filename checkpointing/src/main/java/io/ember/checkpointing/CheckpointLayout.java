package io.ember.checkpointing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where each file of a checkpoint location lives (the layout {@link CheckpointDirectory} describes) and how the
 * epochs its directories hold are listed. Only names: reading and writing the files is {@link CheckpointFiles}'.
 *
 * <p>A file or directory listed while another process deletes it counts as absent. Immutable and thread-safe.
 *
 * @param location the checkpoint location, absolute and normalized
 */
record CheckpointLayout(Path location) {
  static final String METADATA = "metadata";
  static final String OFFSETS = "offsets";
  static final String COMMITS = "commits";
  static final String SINKS = "sinks";
  static final String REPLAY = "replay";
  static final String STATE = "state";
  static final String SNAPSHOT_SUFFIX = ".snapshot";
  static final String DELTA_SUFFIX = ".delta";

  Path metadataFile() {
    return location.resolve(METADATA);
  }

  Path offsetsDir() {
    return location.resolve(OFFSETS);
  }

  Path commitsDir() {
    return location.resolve(COMMITS);
  }

  Path sinksDir() {
    return location.resolve(SINKS);
  }

  Path replayDir() {
    return location.resolve(REPLAY);
  }

  Path offsetsFile(long epoch) {
    return offsetsDir().resolve(Long.toString(epoch));
  }

  Path commitFile(long epoch) {
    return commitsDir().resolve(Long.toString(epoch));
  }

  Path sinksFile(long epoch) {
    return sinksDir().resolve(Long.toString(epoch));
  }

  Path replayFile(long epoch) {
    return replayDir().resolve(Long.toString(epoch));
  }

  /** The file of {@code key}'s full state at {@code epoch}: the task's full snapshot or a compacted one. */
  Path stateFile(TaskStateKey key, long epoch) {
    return taskDir(key).resolve(epoch + SNAPSHOT_SUFFIX);
  }

  /** The file of {@code key}'s delta snapshot of {@code epoch}. */
  Path deltaFile(TaskStateKey key, long epoch) {
    return taskDir(key).resolve(epoch + DELTA_SUFFIX);
  }

  private Path taskDir(TaskStateKey key) {
    return location.resolve(STATE).resolve(Integer.toString(key.vertexId())).resolve(Integer.toString(key.taskIndex()));
  }

  /** The state file of {@code key} at {@code epoch}, full one first; null when there is neither. */
  Path stateFileOf(TaskStateKey key, long epoch) {
    Path full = stateFile(key, epoch);
    if (Files.exists(full)) {
      return full;
    }
    Path delta = deltaFile(key, epoch);
    return Files.exists(delta) ? delta : null;
  }

  /** Every regular file under the state directory (temporary ones too); empty when there is none. */
  List<Path> stateFiles() throws IOException {
    Path state = location.resolve(STATE);
    if (!Files.isDirectory(state)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(state, 3)) {
      return walk.filter(Files::isRegularFile).toList();
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof NoSuchFileException) {
        return List.of(); // removed while listing
      }
      throw e.getCause();
    }
  }

  /** Whether a state file is a full state (a task's full snapshot or a compacted one), by its name. */
  static boolean isFullState(Path file) {
    return file.getFileName().toString().endsWith(SNAPSHOT_SUFFIX);
  }

  /** The epoch of a state file's name, or -1 when the name is not one of an epoch's snapshot or delta. */
  static long stateEpoch(Path file) {
    String name = file.getFileName().toString();
    if (CheckpointFiles.isTemporary(file)) {
      return -1;
    }
    for (String suffix : List.of(SNAPSHOT_SUFFIX, DELTA_SUFFIX)) {
      if (name.endsWith(suffix)) {
        return parseEpoch(name.substring(0, name.length() - suffix.length()));
      }
    }
    return -1;
  }

  /** The entries of {@code dir}; empty when it is not a directory. */
  static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  /** The epochs named by the (non-temporary) files of {@code dir}, in no order. */
  static List<Long> epochsIn(Path dir) throws IOException {
    List<Long> out = new ArrayList<>();
    for (Path p : list(dir)) {
      long e = parseEpoch(p.getFileName().toString());
      if (e >= 0) {
        out.add(e);
      }
    }
    return out;
  }

  private static long parseEpoch(String name) {
    if (name.isEmpty() || name.length() > 18) {
      return -1;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!Character.isDigit(name.charAt(i))) {
        return -1;
      }
    }
    return Long.parseLong(name);
  }
}
