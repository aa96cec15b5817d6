package io.ember.operators.sort;

import com.esotericsoftware.kryo.io.Input;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.Output;
import io.ember.operators.StateSnapshots;
import io.ember.operators.internal.BatchBuffer;
import io.ember.operators.internal.BatchCodec;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a {@link SortSpec}. A full sort hands its input to an {@link ExternalSorter}, which buffers batches within the
 * task's memory budget and spills sorted runs to disk past it; at end of input it emits the sorted rows (a
 * permutation of the buffered rows when nothing spilled, a merge of the runs otherwise). A top-N buffers batches
 * (reserving their estimated size), sorts a permutation of row numbers at end of input and emits slices of it; it
 * compacts its buffer to the best {@code limit} rows whenever it holds more than twice that (or a batch); once it
 * holds {@code limit} rows, the last of them is a threshold that an arriving row must beat to be buffered at all,
 * so most rows cost one comparison.
 */
final class SortOperator implements Operator {
  private static final int SNAPSHOT_VERSION = 1;
  private static final String OWNER = "Sort";

  private final SortSpec spec;
  private final StructType schema;
  private final BatchBuffer buffered;
  /** The rows of a full sort; null for a top-N. */
  private final ExternalSorter sorter;
  private EvalContext eval;
  private int batchSize;
  private final PermutationSort permutation;
  /** Top-N: the key values of the compacted best rows, whose last row is the threshold; null when not full. */
  private ColumnVector[] thresholdKeys;
  private int thresholdRow;

  SortOperator(SortSpec spec) {
    this.spec = spec;
    this.schema = spec.schema();
    this.buffered = new BatchBuffer(schema, OWNER);
    List<SortKey> keys = spec.keys();
    boolean[] ascending = new boolean[keys.size()];
    boolean[] nullsFirst = new boolean[keys.size()];
    for (int k = 0; k < ascending.length; k++) {
      ascending[k] = keys.get(k).ascending();
      nullsFirst[k] = keys.get(k).nullsFirst();
    }
    this.permutation = new PermutationSort(ascending, nullsFirst);
    this.sorter = spec.hasLimit() ? null : new ExternalSorter(schema, OWNER, permutation, this::evaluateKeys);
  }

  @Override
  public void open(OperatorContext context) {
    buffered.open(context.memory());
    if (sorter != null) {
      sorter.open(context.memory(), context.batchSize());
    }
    this.eval = context.eval();
    this.batchSize = context.batchSize();
  }

  @Override
  public void process(int input, Batch batch, Output out) {
    if (batch.numRows() == 0) {
      return;
    }
    if (sorter != null) {
      sorter.add(batch);
      return;
    }
    if (thresholdKeys != null) {
      batch = beatingThreshold(batch);
      if (batch == null) {
        return;
      }
    }
    buffered.add(batch);
    if (spec.hasLimit() && buffered.rows() > Math.max(2 * spec.limit(), batchSize)) {
      compactToLimit();
    }
  }

  @Override
  public void endOfInput(int input, Output out) {
    if (sorter != null) {
      sorter.emitSorted(SortSpec.NO_LIMIT, out);
      return;
    }
    if (buffered.rows() == 0) {
      return;
    }
    Batch all = buffered.concat();
    int[] order = sortedOrder(all);
    int n = spec.hasLimit() ? (int) Math.min(spec.limit(), order.length) : order.length;
    for (int from = 0; from < n; from += batchSize) {
      int count = Math.min(batchSize, n - from);
      out.emit(all.take(from == 0 ? order : Arrays.copyOfRange(order, from, from + count), count));
    }
    clear();
  }

  /**
   * In a stream a sort only runs over a complete mode result, which is the whole result again in every epoch:
   * the epoch's rows are sorted and emitted at its end, as at the end of input.
   */
  @Override
  public void endOfEpoch(long epoch, Output out) {
    endOfInput(0, out);
  }

  @Override
  public byte[] snapshot(long epoch) {
    com.esotericsoftware.kryo.io.Output out = StateSnapshots.begin(SNAPSHOT_VERSION);
    if (sorter != null) {
      // the same layout as a buffer's: whether there are rows, then all of them as one batch
      out.writeBoolean(sorter.rows() > 0);
      if (sorter.rows() > 0) {
        BatchCodec.write(out, sorter.allRows());
      }
      return out.toBytes();
    }
    buffered.write(out);
    return out.toBytes();
  }

  @Override
  public void restore(byte[] snapshot) {
    Input in = StateSnapshots.open(snapshot, SNAPSHOT_VERSION, OWNER);
    clear();
    if (sorter != null) {
      if (in.readBoolean()) {
        sorter.add(BatchCodec.read(in, schema));
      }
      return;
    }
    buffered.read(in);
  }

  @Override
  public void close() {
    clear();
  }

  private void clear() {
    thresholdKeys = null;
    buffered.clear();
    if (sorter != null) {
      sorter.clear();
    }
  }

  private void compactToLimit() {
    Batch all = buffered.concat();
    int[] order = sortedOrder(all);
    int keep = (int) Math.min(spec.limit(), order.length);
    Batch best = all.take(order, keep);
    clear();
    if (keep > 0) {
      buffered.add(best);
    }
    if (keep > 0 && keep == spec.limit()) {
      thresholdKeys = evaluateKeys(best);
      thresholdRow = keep - 1;
    }
  }

  /** The rows of {@code batch} that sort strictly before the threshold (ties arrive later, so they lose), or null. */
  private Batch beatingThreshold(Batch batch) {
    ColumnVector[] keys = evaluateKeys(batch);
    int n = batch.numRows();
    int[] rows = new int[n];
    int count = 0;
    for (int r = 0; r < n; r++) {
      if (permutation.compare(keys, r, thresholdKeys, thresholdRow) < 0) {
        rows[count++] = r;
      }
    }
    return count == 0 ? null : count == n ? batch : batch.take(rows, count);
  }

  private ColumnVector[] evaluateKeys(Batch batch) {
    List<SortKey> keys = spec.keys();
    ColumnVector[] values = new ColumnVector[keys.size()];
    for (int k = 0; k < values.length; k++) {
      values[k] = keys.get(k).expression().evaluate(batch, eval);
    }
    return values;
  }

  /** Row numbers of {@code batch} in sort order (stable). */
  private int[] sortedOrder(Batch batch) {
    return permutation.order(evaluateKeys(batch), batch.numRows());
  }
}
