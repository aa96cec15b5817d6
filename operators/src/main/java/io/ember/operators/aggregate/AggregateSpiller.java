package io.ember.operators.aggregate;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.StructType;
import io.ember.operators.memory.MemoryBudget;
import io.ember.operators.memory.SpillFile;
import java.util.ArrayList;
import java.util.List;

/**
 * The groups a final or one-phase hash aggregate could not keep within its task's {@link MemoryBudget}, on disk:
 * each spill writes the table's keys and each function's partial state (the layout of the PARTIAL output, which a
 * FINAL aggregate merges) into one of {@link #PARTITIONS} files chosen by a hash of the key, so all states of a
 * key land in one partition, in the order they were spilled. A partition is then aggregated on its own, within
 * the budget, by merging its states ({@link HashAggregateOperator}); one that still does not fit spills again at
 * the next level, whose hash splits it differently. Owned by one operator; not thread-safe.
 */
final class AggregateSpiller {
  /** Files per spill level: a partition holds about this fraction of the groups. */
  static final int PARTITIONS = 16;
  /** Levels of repartitioning before an aggregate that still does not fit fails with the budget's error. */
  static final int MAX_LEVEL = 4;
  private static final long NULL_HASH = 0x5BD1E995L;
  private static final long LEVEL_SALT = 0x9E3779B97F4A7C15L;

  private final StructType stateSchema;
  private final int keyCount;
  private final int level;
  private final String owner;
  private final MemoryBudget memory;
  private final SpillFile[] files = new SpillFile[PARTITIONS];
  private long[] hashes = new long[0];
  private long[] columnHashes = new long[0];

  /**
   * A spiller of rows of {@code stateSchema} (keys first, {@code keyCount} of them) at repartitioning level
   * {@code level}, writing to {@code memory}'s spill directory; {@code owner} names the files.
   */
  AggregateSpiller(StructType stateSchema, int keyCount, int level, String owner, MemoryBudget memory) {
    this.stateSchema = stateSchema;
    this.keyCount = keyCount;
    this.level = level;
    this.owner = owner;
    this.memory = memory;
  }

  /** Writes {@code count} groups: key columns and state columns of {@code stateSchema}, row by row aligned. */
  void spill(ColumnVector[] columns, int count) {
    Batch rows = new Batch(stateSchema, columns, count);
    int[] partition = partitions(columns, count);
    int[] sizes = new int[PARTITIONS];
    for (int r = 0; r < count; r++) {
      sizes[partition[r]]++;
    }
    int[][] members = new int[PARTITIONS][];
    for (int p = 0; p < PARTITIONS; p++) {
      members[p] = new int[sizes[p]];
      sizes[p] = 0;
    }
    for (int r = 0; r < count; r++) {
      int p = partition[r];
      members[p][sizes[p]++] = r;
    }
    for (int p = 0; p < PARTITIONS; p++) {
      if (sizes[p] == 0) {
        continue;
      }
      if (files[p] == null) {
        files[p] = memory.spillDirectory().newFile(owner);
      }
      files[p].append(sizes[p] == count ? rows : rows.take(members[p], sizes[p]));
    }
  }

  /**
   * Ends writing: the non-empty partitions, each a finished file, in partition order (their spilled bytes
   * recorded in the budget). The caller owns the files from now on and deletes them.
   */
  List<SpillFile> finish() {
    List<SpillFile> out = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      if (files[p] != null) {
        memory.recordSpill(files[p].finish());
        out.add(files[p]);
        files[p] = null;
      }
    }
    return out;
  }

  /**
   * Every row spilled so far, partition by partition, each in spill order (for a snapshot); the spiller keeps them
   * and can spill more. Rewrites each file, since a file cannot be read while it is written.
   */
  List<Batch> spilledRows() {
    List<Batch> out = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      if (files[p] == null) {
        continue;
      }
      SpillFile old = files[p];
      old.finish();
      SpillFile copy = memory.spillDirectory().newFile(owner);
      files[p] = copy;
      try (SpillFile.Reader reader = old.open(stateSchema)) {
        for (Batch b = reader.next(); b != null; b = reader.next()) {
          out.add(b);
          copy.append(b);
        }
      } finally {
        old.delete();
      }
    }
    return out;
  }

  /** Deletes every file not yet handed out by {@link #finish()}. */
  void delete() {
    for (int p = 0; p < PARTITIONS; p++) {
      if (files[p] != null) {
        files[p].delete();
        files[p] = null;
      }
    }
  }

  /** The partition of each row: a hash of its key columns, salted by the level. */
  private int[] partitions(ColumnVector[] columns, int count) {
    if (hashes.length < count) {
      hashes = new long[count];
      columnHashes = new long[count];
    }
    java.util.Arrays.fill(hashes, 0, count, level * LEVEL_SALT);
    for (int k = 0; k < keyCount; k++) {
      ColumnVector key = columns[k];
      Hash64.hashAll(key, count, columnHashes);
      for (int r = 0; r < count; r++) {
        hashes[r] = hashes[r] * 31 + (key.isNull(r) ? NULL_HASH : columnHashes[r]);
      }
    }
    int[] out = new int[count];
    for (int r = 0; r < count; r++) {
      out[r] = (int) ((Hash64.mix(hashes[r]) >>> 33) % PARTITIONS);
    }
    return out;
  }
}
