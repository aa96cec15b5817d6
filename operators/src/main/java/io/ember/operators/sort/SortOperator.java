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
import java.util.Arrays;
import java.util.List;

/**
 * Runs a {@link SortSpec}: buffers batches (reserving their estimated size), sorts a permutation of row
 * numbers at end of input and emits slices of it. A top-N compacts its buffer to the best {@code limit}
 * rows whenever it holds more than twice that (or a batch); once it holds {@code limit} rows, the last of them
 * is a threshold that an arriving row must beat to be buffered at all, so most rows cost one comparison.
 */
final class SortOperator implements Operator {
  private static final int SNAPSHOT_VERSION = 1;
  private static final String OWNER = "Sort";

  private final SortSpec spec;
  private final StructType schema;
  private final BatchBuffer buffered;
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
  }

  @Override
  public void open(OperatorContext context) {
    buffered.open(context.memory());
    this.eval = context.eval();
    this.batchSize = context.batchSize();
  }

  @Override
  public void process(int input, Batch batch, Output out) {
    if (batch.numRows() == 0) {
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
    buffered.write(out);
    return out.toBytes();
  }

  @Override
  public void restore(byte[] snapshot) {
    Input in = StateSnapshots.open(snapshot, SNAPSHOT_VERSION, OWNER);
    clear();
    buffered.read(in);
  }

  @Override
  public void close() {
    clear();
  }

  private void clear() {
    thresholdKeys = null;
    buffered.clear();
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
