package io.ember.operators.limit;

import com.esotericsoftware.kryo.io.Input;
import io.ember.core.data.Batch;
import io.ember.operators.Operator;
import io.ember.operators.Output;
import io.ember.operators.StateSnapshots;

/** Runs a {@link LimitSpec}; state: rows seen so far. */
final class LimitOperator implements Operator {
  private static final int SNAPSHOT_VERSION = 1;

  private final long end;
  private final long offset;
  private final boolean perEpoch;
  private long seen;

  LimitOperator(long limit, long offset, boolean perEpoch) {
    this.offset = offset;
    this.perEpoch = perEpoch;
    this.end = limit > Long.MAX_VALUE - offset ? Long.MAX_VALUE : offset + limit;
  }

  @Override
  public void process(int input, Batch batch, Output out) {
    int n = batch.numRows();
    long before = seen;
    seen += n;
    if (before >= end || seen <= offset) {
      return;
    }
    int from = (int) Math.max(0, offset - before);
    int to = (int) Math.min(n, end - before);
    if (to > from) {
      out.emit(batch.slice(from, to - from));
    }
  }

  /** A per-epoch limit counts again from the next epoch's first row. */
  @Override
  public void endOfEpoch(long epoch, Output out) {
    if (perEpoch) {
      seen = 0;
    }
  }

  @Override
  public byte[] snapshot(long epoch) {
    com.esotericsoftware.kryo.io.Output out = StateSnapshots.begin(SNAPSHOT_VERSION);
    out.writeVarLong(seen, true);
    return out.toBytes();
  }

  @Override
  public void restore(byte[] snapshot) {
    Input in = StateSnapshots.open(snapshot, SNAPSHOT_VERSION, "Limit");
    seen = in.readVarLong(true);
  }
}
