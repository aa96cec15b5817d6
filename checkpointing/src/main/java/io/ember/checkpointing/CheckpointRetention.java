package io.ember.checkpointing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes what a checkpoint location no longer needs: the epochs retention drops (with every state file no kept
 * epoch's chain needs) and what a writer killed mid-write left behind. Commit files go first, so a reader never sees
 * a committed epoch with files missing.
 *
 * <p>Called by the location's single writer, under its lock.
 */
final class CheckpointRetention {
  private final CheckpointLayout layout;
  private final CheckpointFiles files;

  CheckpointRetention(CheckpointLayout layout, CheckpointFiles files) {
    this.layout = layout;
    this.files = files;
  }

  /**
   * Deletes every epoch older than {@code oldestKept}: commit files first, then sink records and offsets, then the
   * state files below each task's chain anchor ({@link #chainAnchor}). Nothing when {@code oldestKept <= 0}.
   */
  void deleteEpochsBefore(long oldestKept) throws IOException {
    if (oldestKept <= 0) {
      return;
    }
    for (Path dir : List.of(layout.commitsDir(), layout.sinksDir(), layout.offsetsDir())) {
      for (long e : CheckpointLayout.epochsIn(dir)) {
        if (e < oldestKept) {
          files.delete(dir.resolve(Long.toString(e)));
        }
      }
    }
    Map<Path, List<Path>> byTask = new HashMap<>();
    for (Path file : layout.stateFiles()) {
      if (CheckpointLayout.stateEpoch(file) >= 0) {
        byTask.computeIfAbsent(file.getParent(), d -> new ArrayList<>()).add(file);
      }
    }
    for (List<Path> taskFiles : byTask.values()) {
      long anchor = chainAnchor(taskFiles, oldestKept);
      for (Path file : taskFiles) {
        if (CheckpointLayout.stateEpoch(file) < anchor) {
          files.delete(file);
        }
      }
    }
  }

  /**
   * The oldest epoch of a task's state files that a kept epoch's chain needs: the newest full state at or below
   * the task's oldest kept epoch ({@code oldestKept} or later). Files below it can go.
   */
  private static long chainAnchor(List<Path> taskFiles, long oldestKept) {
    long oldestKeptOfTask = Long.MAX_VALUE;
    for (Path f : taskFiles) {
      long e = CheckpointLayout.stateEpoch(f);
      if (e >= oldestKept) {
        oldestKeptOfTask = Math.min(oldestKeptOfTask, e);
      }
    }
    if (oldestKeptOfTask == Long.MAX_VALUE) {
      return oldestKept; // the task has no kept epoch
    }
    long anchor = -1;
    for (Path f : taskFiles) {
      long e = CheckpointLayout.stateEpoch(f);
      if (CheckpointLayout.isFullState(f) && e <= oldestKeptOfTask) {
        anchor = Math.max(anchor, e);
      }
    }
    return anchor < 0 ? 0 : anchor;
  }

  /**
   * Deletes temporary files and the files of epochs newer than {@code latestCommitted} (-1: none), but for the
   * replay file of the epoch after it (a replay in progress).
   */
  void removeLeftovers(long latestCommitted) throws IOException {
    List<Path> all = new ArrayList<>();
    for (Path dir : List.of(layout.location(), layout.commitsDir(), layout.sinksDir(), layout.offsetsDir(),
        layout.replayDir())) {
      all.addAll(CheckpointLayout.list(dir));
    }
    all.addAll(layout.stateFiles());
    for (Path p : all) {
      if (CheckpointFiles.isTemporary(p)) {
        files.delete(p);
      }
    }
    for (long e : CheckpointLayout.epochsIn(layout.offsetsDir())) {
      if (e > latestCommitted) {
        files.delete(layout.offsetsFile(e));
      }
    }
    for (long e : CheckpointLayout.epochsIn(layout.sinksDir())) {
      if (e > latestCommitted) {
        files.delete(layout.sinksFile(e));
      }
    }
    for (long e : CheckpointLayout.epochsIn(layout.replayDir())) {
      if (e != latestCommitted + 1) {
        files.delete(layout.replayFile(e));
      }
    }
    for (Path file : layout.stateFiles()) {
      if (CheckpointLayout.stateEpoch(file) > latestCommitted) {
        files.delete(file);
      }
    }
  }
}
