package io.ember.operators.join;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.StructType;
import io.ember.operators.OperatorContext;
import io.ember.operators.Output;
import io.ember.operators.internal.BatchSizes;
import io.ember.operators.internal.KeyRows;
import io.ember.operators.memory.MemoryBudget;
import io.ember.operators.memory.PartitionedSpill;
import io.ember.operators.memory.SpillFile;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The grace hash join of a {@link HashJoinOperator} whose build side did not fit its task's {@link MemoryBudget}:
 * the build rows are written to {@link PartitionedSpill#PARTITIONS} files by a hash of their equi key, then the probe
 * rows to as many files by the same hash of theirs, and at the end of the probe input each pair of partitions is
 * joined by a fresh {@link HashJoinOperator} of the same spec, one pair at a time within the budget. All rows of a
 * key are in one pair, so every join type gives the answer of the join in memory: matches, outer rows of either side,
 * and semi/anti rows. Rows with a null key match nothing and are not written: the operator emits at once those the
 * join type reports unmatched (outer and anti rows) and drops the others. A partition whose build side is still too large spills again one level deeper
 * (another hash seed); past {@link PartitionedSpill#MAX_LEVEL}, or when all of its rows share one key, the join fails
 * with {@code MEMORY_BUDGET_EXCEEDED} naming that key's rows and the setting.
 *
 * <p>Files are deleted once joined, and by {@link #delete()} (on close, so also when the task fails); the
 * {@link io.ember.operators.memory.SpillDirectory}'s shutdown hook removes any left at JVM exit. Owned by one operator;
 * not thread-safe.
 */
final class GraceJoinSpill {
  private static final String OWNER = "join";

  private final HashJoinSpec spec;
  private final int level;
  private final Expression[] buildKeys;
  private final Expression[] probeKeys;
  private final EvalContext eval;
  private final PartitionedSpill build;
  private final PartitionedSpill probe;
  private SpillFile[] buildFiles;

  /**
   * A spill at repartitioning {@code level} of a join of {@code spec}, whose build and probe key expressions are
   * {@code buildKeys} and {@code probeKeys}.
   */
  GraceJoinSpill(HashJoinSpec spec, int level, Expression[] buildKeys, Expression[] probeKeys, OperatorContext context) {
    this.spec = spec;
    this.level = level;
    this.buildKeys = buildKeys;
    this.probeKeys = probeKeys;
    this.eval = context.eval();
    boolean buildIsLeft = spec.buildSide() == BuildSide.LEFT;
    MemoryBudget memory = context.memory();
    this.build = new PartitionedSpill(buildIsLeft ? spec.leftSchema() : spec.rightSchema(), level, OWNER, memory);
    this.probe = new PartitionedSpill(buildIsLeft ? spec.rightSchema() : spec.leftSchema(), level, OWNER, memory);
  }

  /**
   * Fails when the {@code rows} that overflowed the budget at a repartitioning level all share one key (a deeper
   * hash cannot split them) or the level is past {@link PartitionedSpill#MAX_LEVEL}.
   *
   * @throws EmberRuntimeException {@code MEMORY_BUDGET_EXCEEDED} naming the key's rows and {@link MemoryBudget#CONFIG_KEY}
   */
  static void checkSplittable(List<Batch> rows, Expression[] keys, EvalContext eval, int level, MemoryBudget memory) {
    long count = 0;
    long bytes = 0;
    ColumnVector[] firstKey = null;
    boolean single = true;
    for (Batch b : rows) {
      ColumnVector[] k = evaluate(keys, b, eval);
      if (firstKey == null && b.numRows() > 0) {
        firstKey = k;
      }
      for (int r = 0; r < b.numRows() && single; r++) {
        single = KeyRows.equalNullSafe(firstKey, 0, k, r);
      }
      count += b.numRows();
      bytes += BatchSizes.estimate(b);
    }
    if (firstKey == null || (level < 1 || !single) && level <= PartitionedSpill.MAX_LEVEL) {
      return;
    }
    String what = single ? "the single join key " + keyText(firstKey) + " has at least " + count
        + " build rows (about " + bytes + " bytes before their hash index)"
        : "after " + PartitionedSpill.MAX_LEVEL + " repartitionings one partition still has at least " + count
            + " build rows (about " + bytes + " bytes before their hash index), the first of key "
            + keyText(firstKey);
    throw new EmberRuntimeException("MEMORY_BUDGET_EXCEEDED",
        "HashJoin build side: " + what + ", more than the task's memory budget of " + memory.limit()
            + " bytes holds with the index. Raise the session option '" + MemoryBudget.CONFIG_KEY + "', or join the other side as"
            + " the build side, or reduce the rows of that key.");
  }

  private static String keyText(ColumnVector[] key) {
    StringBuilder s = new StringBuilder("[");
    for (int k = 0; k < key.length; k++) {
      s.append(k == 0 ? "" : ", ").append(key[k].isNull(0) ? "null" : String.valueOf(key[k].get(0)));
    }
    return s.append(']').toString();
  }

  /**
   * Writes build rows to their partitions; rows with a null key, which match nothing, go to {@code nullKeyRows}
   * instead (the operator emits those it must report unmatched right away).
   */
  void addBuild(Batch batch, Consumer<Batch> nullKeyRows) {
    split(batch, buildKeys, build, nullKeyRows);
  }

  /** Ends the build side: its partitions are finished; probe rows may come. */
  void endBuild() {
    buildFiles = build.finish();
  }

  /** Writes probe rows to their partitions; rows with a null key, which match nothing, go to {@code nullKeyRows}. */
  void addProbe(Batch batch, Consumer<Batch> nullKeyRows) {
    split(batch, probeKeys, probe, nullKeyRows);
  }

  private void split(Batch batch, Expression[] keyExprs, PartitionedSpill to, Consumer<Batch> nullKeyRows) {
    ColumnVector[] keys = evaluate(keyExprs, batch, eval);
    int n = batch.numRows();
    int[] nulls = new int[n];
    int[] kept = new int[n];
    int nullCount = 0;
    int keptCount = 0;
    for (int r = 0; r < n; r++) {
      if (KeyRows.anyNull(keys, r)) {
        nulls[nullCount++] = r;
      } else {
        kept[keptCount++] = r;
      }
    }
    if (nullCount == 0) {
      to.spill(batch, keys);
      return;
    }
    nullKeyRows.accept(batch.take(nulls, nullCount));
    if (keptCount > 0) {
      for (int k = 0; k < keys.length; k++) {
        keys[k] = keys[k].take(kept, keptCount);
      }
      to.spill(batch.take(kept, keptCount), keys);
    }
  }

  /**
   * Ends the probe side: joins each pair of partitions with a fresh operator of the spec one level deeper, emitting
   * to {@code out}, and deletes each pair once joined.
   */
  void joinPartitions(OperatorContext context, Output out) {
    SpillFile[] probeFiles = probe.finish();
    try {
      StructType buildSchema = spec.buildSide() == BuildSide.LEFT ? spec.leftSchema() : spec.rightSchema();
      StructType probeSchema = spec.buildSide() == BuildSide.LEFT ? spec.rightSchema() : spec.leftSchema();
      for (int p = 0; p < PartitionedSpill.PARTITIONS; p++) {
        if (buildFiles[p] == null && probeFiles[p] == null) {
          continue;
        }
        HashJoinOperator partition = new HashJoinOperator(spec, level + 1);
        partition.open(context);
        try {
          feed(partition, 0, buildFiles[p], buildSchema, context.batchSize(), out);
          feed(partition, 1, probeFiles[p], probeSchema, context.batchSize(), out);
        } finally {
          partition.close();
        }
      }
    } finally {
      PartitionedSpill.deleteAll(probeFiles);
      delete();
    }
  }

  /**
   * Feeds a partition's file to one input of {@code op}, then ends that input. The file holds a slice of each spilled
   * batch, so consecutive slices are joined into batches of up to {@code batchSize} rows first.
   */
  private static void feed(HashJoinOperator op, int input, SpillFile file, StructType schema, int batchSize,
      Output out) {
    if (file != null) {
      List<Batch> pending = new ArrayList<>();
      int rows = 0;
      try (SpillFile.Reader reader = file.open(schema)) {
        for (Batch b = reader.next(); b != null; b = reader.next()) {
          if (rows > 0 && rows + b.numRows() > batchSize) {
            op.process(input, pending.size() == 1 ? pending.get(0) : Batch.concat(schema, pending), out);
            pending.clear();
            rows = 0;
          }
          pending.add(b);
          rows += b.numRows();
        }
      }
      if (rows > 0) {
        op.process(input, pending.size() == 1 ? pending.get(0) : Batch.concat(schema, pending), out);
      }
      file.delete();
    }
    op.endOfInput(input, out);
  }

  /** Deletes every file of both sides; repeated calls do nothing. */
  void delete() {
    build.delete();
    probe.delete();
    if (buildFiles != null) {
      PartitionedSpill.deleteAll(buildFiles);
    }
  }

  static ColumnVector[] evaluate(Expression[] keys, Batch batch, EvalContext eval) {
    ColumnVector[] out = new ColumnVector[keys.length];
    for (int k = 0; k < keys.length; k++) {
      out[k] = keys[k].evaluate(batch, eval);
    }
    return out;
  }
}
