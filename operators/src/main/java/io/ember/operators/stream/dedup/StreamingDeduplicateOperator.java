package io.ember.operators.stream.dedup;

import com.esotericsoftware.kryo.io.Input;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.LongVector;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.Output;
import io.ember.operators.StateMetrics;
import io.ember.operators.StateSnapshots;
import io.ember.operators.internal.EventTimes;
import io.ember.operators.stream.StateProgress;
import io.ember.operators.internal.RowBytes;
import io.ember.operators.state.StateTable;

/**
 * Runs a {@link StreamingDeduplicateSpec}. The state table maps each key's canonical bytes to its eviction
 * time (8 bytes, big-endian): the key's event time, or for within-watermark the first row's event time plus
 * the delay; {@link Long#MAX_VALUE} when the key never expires. Its snapshot holds the watermark and counters;
 * the task snapshots the table ({@link io.ember.operators.OperatorStates}).
 */
final class StreamingDeduplicateOperator implements Operator {
  private static final int SNAPSHOT_VERSION = 2;

  private final StreamingDeduplicateSpec spec;
  private final int[] keyColumns;
  private final boolean evicts;
  /** Spark's short name of the operator in progress reports. */
  private final String name;
  private final com.esotericsoftware.kryo.io.Output scratch = new com.esotericsoftware.kryo.io.Output(64, -1);
  private StateTable table;
  private final StateProgress progress = new StateProgress();
  private int[] selection = new int[0];

  StreamingDeduplicateOperator(StreamingDeduplicateSpec spec) {
    this.spec = spec;
    this.keyColumns = spec.effectiveKeys();
    this.evicts = spec.evictsState();
    this.name = spec.withinWatermark() ? "dedupeWithinWatermark" : "dedupe";
  }

  @Override
  public void open(OperatorContext context) {
    table = context.state().createTable("dedupe-" + Integer.toHexString(System.identityHashCode(this)), 1 << 14,
        8 * keyColumns.length + 8, Long.BYTES);
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
    ColumnVector[] keys = new ColumnVector[keyColumns.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = batch.column(keyColumns[i]);
    }
    LongVector times = spec.eventTimeColumn() >= 0 ? EventTimes.times(batch.column(spec.eventTimeColumn())) : null;
    int count = 0;
    for (int r = 0; r < n; r++) {
      boolean timeNull = times == null || times.isNull(r);
      if (progress.hasWatermark() && !timeNull && times.getLong(r) <= progress.watermark()) {
        progress.dropped(1);
        continue;
      }
      byte[] key = RowBytes.key(scratch, keys, r);
      if (table.get(key) != null) {
        continue;
      }
      long expiry = Long.MAX_VALUE;
      if (evicts && !timeNull) {
        long t = times.getLong(r);
        expiry = spec.withinWatermark() ? saturatedAdd(t, spec.delayMicros()) : t;
      }
      table.put(key, longBytes(expiry));
      progress.updated();
      selection[count++] = r;
    }
    if (count > 0) {
      out.emit(count == n ? batch : batch.take(selection, count));
    }
  }

  @Override
  public void onWatermark(long watermarkMicros, Output out) {
    if (!progress.advanceWatermark(watermarkMicros)) {
      return;
    }
    if (evicts) {
      progress.removed(table.removeIf((k, v) -> readLong(v) <= watermarkMicros));
    }
  }

  @Override
  public void endOfEpoch(long epoch, Output out) {
    progress.endEpoch();
  }

  /** Keys held now, and the counters of the last ended epoch. */
  @Override
  public StateMetrics stateMetrics() {
    return progress.metrics(name, table.size(), table.memoryBytes());
  }

  @Override
  public byte[] snapshot(long epoch) {
    com.esotericsoftware.kryo.io.Output out = StateSnapshots.begin(SNAPSHOT_VERSION);
    progress.write(out);
    return out.toBytes();
  }

  @Override
  public void restore(byte[] snapshot) {
    Input in = StateSnapshots.open(snapshot, SNAPSHOT_VERSION, "StreamingDeduplicate");
    progress.read(in);
  }

  @Override
  public void close() {
    if (table != null) {
      table.close();
      table = null;
    }
  }

  private static long saturatedAdd(long a, long b) {
    long s = a + b;
    return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
  }

  static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    return b;
  }

  static long readLong(byte[] b) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[i] & 0xff);
    }
    return v;
  }
}
