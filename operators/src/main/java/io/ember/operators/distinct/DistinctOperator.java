package io.ember.operators.distinct;

import com.esotericsoftware.kryo.io.Input;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.Output;
import io.ember.operators.StateSnapshots;
import io.ember.operators.internal.BatchCodec;
import io.ember.operators.memory.PartitionedSpill;
import io.ember.operators.memory.SpillFile;

/**
 * Runs a {@link DistinctSpec}: a {@link KeySet} of the keys seen; emits the rows whose key is new.
 *
 * <p>When the next batch's keys would not fit the task's budget, the operator spills: the keys seen so far go to disk
 * partitioned by key hash ({@link PartitionedSpill}), the set is emptied, and from then on every input row goes to
 * disk too, by the same hash, unemitted. At the end of input each partition is deduplicated on its own by an instance
 * one {@link #level} deeper, which first loads the partition's seen keys (rows already emitted, never emitted again)
 * and then its rows in arrival order, emitting those whose key is new; it spills again, with another hash seed, when
 * the partition still does not fit. So the output is the same set of rows as in memory, each key's first row in
 * arrival order, with the rows that arrived after the first spill emitted at the end. Past
 * {@link PartitionedSpill#MAX_LEVEL} the set's reservation fails with {@code MEMORY_BUDGET_EXCEEDED}.
 */
final class DistinctOperator implements Operator {
  private static final int SNAPSHOT_VERSION = 1;
  private static final String SPILL_OWNER = "distinct";

  private final DistinctSpec spec;
  private final int[] keyColumns;
  private final StructType keySchema;
  /** 0, or one more than the level of the spill whose partition this instance deduplicates. */
  private final int level;
  private OperatorContext context;
  private KeySet seen;
  private int[] selection = new int[0];
  /** Once spilled: the keys seen before (and, in a partition's instance, loaded), and the rows after. */
  private PartitionedSpill seenSpill;
  private PartitionedSpill rowSpill;

  DistinctOperator(DistinctSpec spec) {
    this(spec, 0);
  }

  private DistinctOperator(DistinctSpec spec, int level) {
    this.spec = spec;
    this.keyColumns = spec.effectiveKeys();
    this.keySchema = spec.schema().select(keyColumns);
    this.level = level;
  }

  @Override
  public void open(OperatorContext context) {
    this.context = context;
    this.seen = new KeySet(keySchema, context.memory());
  }

  @Override
  public void process(int input, Batch batch, Output out) {
    int n = batch.numRows();
    if (n == 0) {
      return;
    }
    ColumnVector[] keys = keys(batch);
    if (rowSpill == null && !fits(keys, n)) {
      spill();
    }
    if (rowSpill != null) {
      rowSpill.spill(batch, keys);
      return;
    }
    if (selection.length < n) {
      selection = new int[n];
    }
    int count = seen.addNew(keys, n, selection);
    if (count > 0) {
      out.emit(count == n ? batch : batch.take(selection, count));
    }
  }

  /** Adds keys already emitted (a spilled partition's seen keys, of the key schema) without emitting them. */
  private void addSeen(Batch keys) {
    int n = keys.numRows();
    if (rowSpill == null && !fits(keys.columns(), n)) {
      spill();
    }
    if (rowSpill != null) {
      seenSpill.spill(keys, keys.columns());
      return;
    }
    seen.addNew(keys.columns(), n, new int[n]);
  }

  /** Whether adding these keys fits the budget, or the operator cannot spill anyway (it then fails on reserving). */
  private boolean fits(ColumnVector[] keys, int n) {
    if (level > PartitionedSpill.MAX_LEVEL) {
      return true;
    }
    long bytes = seen.bytesToAdd(keys, n);
    if (!context.memory().tryReserve(bytes)) {
      return false;
    }
    context.memory().release(bytes);
    return true;
  }

  /** Moves the keys seen to disk and empties the set; later rows go to disk unemitted. */
  private void spill() {
    seenSpill = new PartitionedSpill(keySchema, level, SPILL_OWNER, context.memory());
    rowSpill = new PartitionedSpill(spec.schema(), level, SPILL_OWNER, context.memory());
    if (seen.size() > 0) {
      Batch keys = seen.toBatch();
      seenSpill.spill(keys, keys.columns());
    }
    seen.release();
    seen = new KeySet(keySchema, context.memory());
  }

  @Override
  public void endOfInput(int input, Output out) {
    if (rowSpill == null) {
      return;
    }
    SpillFile[] seenFiles = seenSpill.finish();
    SpillFile[] rowFiles = rowSpill.finish();
    seenSpill = null;
    rowSpill = null;
    seen.release();
    try {
      for (int p = 0; p < PartitionedSpill.PARTITIONS; p++) {
        if (rowFiles[p] == null) {
          continue; // only keys already emitted
        }
        DistinctOperator partition = new DistinctOperator(spec, level + 1);
        partition.open(context);
        try {
          if (seenFiles[p] != null) {
            try (SpillFile.Reader reader = seenFiles[p].open(keySchema)) {
              for (Batch b = reader.next(); b != null; b = reader.next()) {
                partition.addSeen(b);
              }
            }
            seenFiles[p].delete();
          }
          try (SpillFile.Reader reader = rowFiles[p].open(spec.schema())) {
            for (Batch b = reader.next(); b != null; b = reader.next()) {
              partition.process(0, b, out);
            }
          }
          rowFiles[p].delete();
          partition.endOfInput(0, out);
        } finally {
          partition.close();
        }
      }
    } finally {
      PartitionedSpill.deleteAll(seenFiles);
      PartitionedSpill.deleteAll(rowFiles);
    }
  }

  @Override
  public byte[] snapshot(long epoch) {
    if (rowSpill != null) {
      throw new EmberRuntimeException("INTERNAL_ERROR", "Deduplicate cannot snapshot keys spilled to disk: batch"
          + " deduplication spills only in batch queries, whose tasks take no snapshots.");
    }
    com.esotericsoftware.kryo.io.Output out = StateSnapshots.begin(SNAPSHOT_VERSION);
    BatchCodec.write(out, seen.toBatch());
    return out.toBytes();
  }

  @Override
  public void restore(byte[] snapshot) {
    Input in = StateSnapshots.open(snapshot, SNAPSHOT_VERSION, "Deduplicate");
    Batch keys = BatchCodec.read(in, keySchema);
    seen.release();
    seen = new KeySet(keySchema, context.memory());
    int n = keys.numRows();
    if (n > 0) {
      seen.addNew(keys.columns(), n, new int[n]);
    }
  }

  @Override
  public void close() {
    if (seen != null) {
      seen.release();
    }
    if (seenSpill != null) {
      seenSpill.delete();
      rowSpill.delete();
      seenSpill = null;
      rowSpill = null;
    }
  }

  private ColumnVector[] keys(Batch batch) {
    ColumnVector[] keys = new ColumnVector[keyColumns.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = batch.column(keyColumns[i]);
    }
    return keys;
  }
}
