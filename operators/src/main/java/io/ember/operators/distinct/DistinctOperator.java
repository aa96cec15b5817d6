package io.ember.operators.distinct;

import com.esotericsoftware.kryo.io.Input;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.Output;
import io.ember.operators.StateSnapshots;
import io.ember.operators.internal.BatchCodec;

/** Runs a {@link DistinctSpec}: a {@link KeySet} of the keys seen; emits the rows whose key is new. */
final class DistinctOperator implements Operator {
  private static final int SNAPSHOT_VERSION = 1;

  private final int[] keyColumns;
  private final StructType keySchema;
  private OperatorContext context;
  private KeySet seen;
  private int[] selection = new int[0];

  DistinctOperator(DistinctSpec spec) {
    this.keyColumns = spec.effectiveKeys();
    this.keySchema = spec.schema().select(keyColumns);
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
    if (selection.length < n) {
      selection = new int[n];
    }
    int count = seen.addNew(keys(batch), n, selection);
    if (count > 0) {
      out.emit(count == n ? batch : batch.take(selection, count));
    }
  }

  @Override
  public byte[] snapshot(long epoch) {
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
  }

  private ColumnVector[] keys(Batch batch) {
    ColumnVector[] keys = new ColumnVector[keyColumns.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = batch.column(keyColumns[i]);
    }
    return keys;
  }
}
