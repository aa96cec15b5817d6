package io.ember.operators.memory;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.StructType;
import io.ember.operators.aggregate.Hash64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows written to disk in {@link #PARTITIONS} files chosen by a hash of their key, as the grace (partitioned)
 * algorithms of the spilling operators need: all rows of one key land in one partition, in the order they were
 * spilled, and two spills of the same {@code level} put equal keys (an int and a long of the same value included)
 * in the same partition, so a join can spill its build and its probe side alike and join partition {@code p} with
 * partition {@code p}. A partition that is still too large is spilled again one level deeper, whose salted hash
 * splits it differently; {@link #MAX_LEVEL} bounds the recursion. Null keys hash to a constant.
 *
 * <p>Files are created in the budget's {@link SpillDirectory} on the first row of their partition; their bytes are
 * recorded in the budget when {@linkplain #finish() finished}. {@link #delete()} removes the files not yet handed
 * out, and the caller deletes those it took. Owned by one operator; not thread-safe.
 */
public final class PartitionedSpill {
  /** Files per spill level: a partition holds about this fraction of the keys. */
  public static final int PARTITIONS = 16;
  /** Levels of repartitioning before an operator that still does not fit fails with the budget's error. */
  public static final int MAX_LEVEL = 4;
  private static final long NULL_HASH = 0x5BD1E995L;
  private static final long LEVEL_SALT = 0x9E3779B97F4A7C15L;

  private final StructType schema;
  private final int level;
  private final String owner;
  private final MemoryBudget memory;
  private final SpillFile[] files = new SpillFile[PARTITIONS];
  private long[] hashes = new long[0];
  private long[] columnHashes = new long[0];
  private long rows;

  /**
   * A spill of rows of {@code schema} at repartitioning level {@code level} (0 for an operator's first spill) into
   * {@code memory}'s spill directory; {@code owner} names the files.
   */
  public PartitionedSpill(StructType schema, int level, String owner, MemoryBudget memory) {
    this.schema = schema;
    this.level = level;
    this.owner = owner;
    this.memory = memory;
  }

  /** The level this spill partitions at. */
  public int level() {
    return level;
  }

  /** The rows spilled so far. */
  public long rows() {
    return rows;
  }

  /** Writes the rows of {@code batch} (of this spill's schema), each to the partition of its key in {@code keys}. */
  public void spill(Batch batch, ColumnVector[] keys) {
    int count = batch.numRows();
    if (count == 0) {
      return;
    }
    rows += count;
    int[] partition = partitions(keys, count, level);
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
      files[p].append(sizes[p] == count ? batch : batch.take(members[p], sizes[p]));
    }
  }

  /**
   * Ends writing: the file of each partition, finished, by partition index ({@code null} for a partition that got no
   * row); their bytes are recorded in the budget. The caller owns the files from now on and deletes them.
   */
  public SpillFile[] finish() {
    SpillFile[] out = new SpillFile[PARTITIONS];
    for (int p = 0; p < PARTITIONS; p++) {
      if (files[p] != null) {
        memory.recordSpill(files[p].finish());
        out[p] = files[p];
        files[p] = null;
      }
    }
    return out;
  }

  /**
   * Every row spilled so far, partition by partition, each in spill order (for a snapshot); the spill keeps them and
   * can take more. Rewrites each file, since a file cannot be read while it is written.
   */
  public List<Batch> spilledRows() {
    List<Batch> out = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      if (files[p] == null) {
        continue;
      }
      SpillFile old = files[p];
      old.finish();
      SpillFile copy = memory.spillDirectory().newFile(owner);
      files[p] = copy;
      try (SpillFile.Reader reader = old.open(schema)) {
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

  /** Deletes every file not yet handed out by {@link #finish()}; repeated calls do nothing. */
  public void delete() {
    for (int p = 0; p < PARTITIONS; p++) {
      if (files[p] != null) {
        files[p].delete();
        files[p] = null;
      }
    }
  }

  /** Deletes every non-null file of {@code partitions} (as {@link #finish()} returned them). Never throws. */
  public static void deleteAll(SpillFile[] partitions) {
    for (SpillFile f : partitions) {
      if (f != null) {
        f.delete();
      }
    }
  }

  /** The partition of each of the first {@code count} rows of {@code keys}: a hash of the key, salted by the level. */
  private int[] partitions(ColumnVector[] keys, int count, int level) {
    if (hashes.length < count) {
      hashes = new long[count];
      columnHashes = new long[count];
    }
    Arrays.fill(hashes, 0, count, level * LEVEL_SALT);
    for (ColumnVector key : keys) {
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
