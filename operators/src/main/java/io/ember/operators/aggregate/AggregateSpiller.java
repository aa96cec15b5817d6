package io.ember.operators.aggregate;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.StructType;
import io.ember.operators.memory.MemoryBudget;
import io.ember.operators.memory.PartitionedSpill;
import io.ember.operators.memory.SpillFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The groups a final or one-phase hash aggregate could not keep within its task's {@link MemoryBudget}, on disk:
 * each spill writes the table's keys and each function's partial state (the layout of the PARTIAL output, which a
 * FINAL aggregate merges) into one of {@link #PARTITIONS} files chosen by a hash of the key
 * ({@link PartitionedSpill}), so all states of a key land in one partition, in the order they were spilled. A
 * partition is then aggregated on its own, within the budget, by merging its states ({@link HashAggregateOperator});
 * one that still does not fit spills again at the next level, whose hash splits it differently. Owned by one
 * operator; not thread-safe.
 */
final class AggregateSpiller {
  /** Files per spill level: a partition holds about this fraction of the groups. */
  static final int PARTITIONS = PartitionedSpill.PARTITIONS;
  /** Levels of repartitioning before an aggregate that still does not fit fails with the budget's error. */
  static final int MAX_LEVEL = PartitionedSpill.MAX_LEVEL;

  private final StructType stateSchema;
  private final int keyCount;
  private final PartitionedSpill files;

  /**
   * A spiller of rows of {@code stateSchema} (keys first, {@code keyCount} of them) at repartitioning level
   * {@code level}, writing to {@code memory}'s spill directory; {@code owner} names the files.
   */
  AggregateSpiller(StructType stateSchema, int keyCount, int level, String owner, MemoryBudget memory) {
    this.stateSchema = stateSchema;
    this.keyCount = keyCount;
    this.files = new PartitionedSpill(stateSchema, level, owner, memory);
  }

  /** Writes {@code count} groups: key columns and state columns of {@code stateSchema}, row by row aligned. */
  void spill(ColumnVector[] columns, int count) {
    files.spill(new Batch(stateSchema, columns, count), Arrays.copyOf(columns, keyCount));
  }

  /**
   * Ends writing: the non-empty partitions, each a finished file, in partition order (their spilled bytes
   * recorded in the budget). The caller owns the files from now on and deletes them.
   */
  List<SpillFile> finish() {
    List<SpillFile> out = new ArrayList<>();
    for (SpillFile f : files.finish()) {
      if (f != null) {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * Every row spilled so far, partition by partition, each in spill order (for a snapshot); the spiller keeps them
   * and can spill more.
   */
  List<Batch> spilledRows() {
    return files.spilledRows();
  }

  /** Deletes every file not yet handed out by {@link #finish()}. */
  void delete() {
    files.delete();
  }
}
