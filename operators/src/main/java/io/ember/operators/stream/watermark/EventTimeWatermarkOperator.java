package io.ember.operators.stream.watermark;

import com.esotericsoftware.kryo.io.Input;
import io.ember.core.data.Batch;
import io.ember.core.data.LongVector;
import io.ember.operators.EventTimeTracker;
import io.ember.operators.Operator;
import io.ember.operators.Output;
import io.ember.operators.StateSnapshots;

/**
 * The running instance of an {@link EventTimeWatermarkSpec}: emits each input batch as it is and keeps the
 * largest event time seen (in milliseconds, as Spark) and the current epoch's event-time statistics.
 *
 * <p>Snapshot format (version {@link #SNAPSHOT_VERSION}): whether a row was seen, then the largest event time
 * in milliseconds; so that a restored instance does not hold the watermark back. Epoch statistics are not
 * kept: they describe the epoch in progress only.
 */
final class EventTimeWatermarkOperator implements Operator, EventTimeTracker {
  static final int SNAPSHOT_VERSION = 1;

  private final EventTimeWatermarkSpec spec;
  private final long delayMillis;
  private boolean seen;
  private long maxMillis = Long.MIN_VALUE;
  private long count;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;
  private double sum;

  EventTimeWatermarkOperator(EventTimeWatermarkSpec spec) {
    this.spec = spec;
    this.delayMillis = spec.delayMicros() / 1000;
  }

  @Override
  public void process(int input, Batch batch, Output out) {
    int n = batch.numRows();
    if (n == 0) {
      return;
    }
    LongVector times = (LongVector) batch.column(spec.eventTimeColumn());
    long[] values = times.values();
    boolean[] nulls = times.nullMask();
    long batchMin = Long.MAX_VALUE;
    long batchMax = Long.MIN_VALUE;
    long batchCount = 0;
    double batchSum = 0;
    for (int i = 0; i < n; i++) {
      if (nulls != null && nulls[i]) {
        continue;
      }
      long v = values[i];
      batchCount++;
      batchSum += v;
      if (v < batchMin) {
        batchMin = v;
      }
      if (v > batchMax) {
        batchMax = v;
      }
    }
    if (batchCount > 0) {
      count += batchCount;
      sum += batchSum;
      min = Math.min(min, batchMin);
      max = Math.max(max, batchMax);
      long batchMaxMillis = batchMax / 1000;
      if (!seen || batchMaxMillis > maxMillis) {
        maxMillis = batchMaxMillis;
      }
      seen = true;
    }
    out.emit(batch);
  }

  @Override
  public int watermarkId() {
    return spec.watermarkId();
  }

  @Override
  public long candidateWatermarkMicros() {
    if (!seen) {
      return Long.MIN_VALUE;
    }
    // saturate rather than overflow for event times near the smallest timestamp
    return Math.max(maxMillis - delayMillis, Long.MIN_VALUE / 1000 + 1) * 1000L;
  }

  @Override
  public EventTimeStats takeEpochStats() {
    EventTimeStats stats = count == 0 ? EventTimeStats.EMPTY : new EventTimeStats(count, min, max, sum);
    count = 0;
    min = Long.MAX_VALUE;
    max = Long.MIN_VALUE;
    sum = 0;
    return stats;
  }

  @Override
  public byte[] snapshot(long epoch) {
    com.esotericsoftware.kryo.io.Output out = StateSnapshots.begin(SNAPSHOT_VERSION);
    out.writeBoolean(seen);
    out.writeLong(maxMillis);
    return out.toBytes();
  }

  @Override
  public void restore(byte[] snapshot) {
    Input in = StateSnapshots.open(snapshot, SNAPSHOT_VERSION, "EventTimeWatermark");
    seen = in.readBoolean();
    maxMillis = in.readLong();
  }
}
