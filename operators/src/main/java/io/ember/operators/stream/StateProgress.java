package io.ember.operators.stream;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.operators.StateMetrics;

/**
 * The bookkeeping a stateful streaming operator shares with its peers: the watermark it last saw, and the rows it
 * updated, removed and dropped as late in the current epoch and in the last ended one (what
 * {@link io.ember.operators.Operator#stateMetrics()} reports). Confined to its operator's thread.
 */
public final class StateProgress {
  private boolean hasWatermark;
  private long watermark = Long.MIN_VALUE;
  private long updated;
  private long removed;
  private long dropped;
  /** The counters of the last ended epoch: updated, removed, dropped. */
  private final long[] lastEpoch = new long[3];

  /** Whether a watermark was seen; before the first, nothing is late and nothing expires. */
  public boolean hasWatermark() {
    return hasWatermark;
  }

  /** The last watermark seen (µs), {@link Long#MIN_VALUE} before the first. */
  public long watermark() {
    return watermark;
  }

  /**
   * Takes {@code watermarkMicros} as the watermark if it is the first or moves the watermark forward.
   *
   * @return false when it does not advance the watermark (the operator has nothing to evict)
   */
  public boolean advanceWatermark(long watermarkMicros) {
    if (hasWatermark && watermarkMicros <= watermark) {
      return false;
    }
    hasWatermark = true;
    watermark = watermarkMicros;
    return true;
  }

  /** Counts one row stored or changed in the state during the current epoch. */
  public void updated() {
    updated++;
  }

  /** Counts {@code rows} removed from the state during the current epoch. */
  public void removed(long rows) {
    removed += rows;
  }

  /** Counts {@code rows} dropped as late during the current epoch. */
  public void dropped(long rows) {
    dropped += rows;
  }

  /** Ends the current epoch: its counters become those {@link #metrics} reports, and counting starts again. */
  public void endEpoch() {
    lastEpoch[0] = updated;
    lastEpoch[1] = removed;
    lastEpoch[2] = dropped;
    updated = 0;
    removed = 0;
    dropped = 0;
  }

  /** The metrics of operator {@code name} holding {@code rowsTotal} rows now, with the last ended epoch's counters. */
  public StateMetrics metrics(String name, long rowsTotal, long memoryUsedBytes) {
    return new StateMetrics(name, rowsTotal, lastEpoch[0], lastEpoch[1], lastEpoch[2], memoryUsedBytes);
  }

  /** Writes the watermark and every counter into an operator's snapshot; {@link #read} reads them back. */
  public void write(Output out) {
    out.writeBoolean(hasWatermark);
    out.writeLong(watermark);
    out.writeLongs(new long[] {updated, removed, dropped, lastEpoch[0], lastEpoch[1], lastEpoch[2]}, 0, 6, true);
  }

  /** Replaces the watermark and every counter by those {@link #write} wrote. */
  public void read(Input in) {
    hasWatermark = in.readBoolean();
    watermark = in.readLong();
    long[] counters = in.readLongs(6, true);
    updated = counters[0];
    removed = counters[1];
    dropped = counters[2];
    System.arraycopy(counters, 3, lastEpoch, 0, 3);
  }
}
