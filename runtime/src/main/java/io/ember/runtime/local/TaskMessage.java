package io.ember.runtime.local;

import io.ember.core.data.Batch;
import java.util.Map;

/**
 * What flows in-band on a channel between two tasks, in order: data, epoch barriers that delimit the data,
 * and the end of the channel.
 */
public sealed interface TaskMessage {
  /** A non-empty batch; costs the sender one credit. */
  record Data(Batch batch) implements TaskMessage {}

  /**
   * Everything the sender sent before belongs to epoch {@code epoch} or earlier, everything after to later
   * epochs. Needs no credit but queues behind data.
   *
   * @param candidateWatermarks per {@code withWatermark} id upstream of the sender, the smallest candidate
   *     watermark (max event time minus delay, in microseconds) of its instances so far; ids that saw no row
   *     are absent
   */
  record Barrier(long epoch, Map<Integer, Long> candidateWatermarks) implements TaskMessage {
    public Barrier {
      candidateWatermarks = Map.copyOf(candidateWatermarks);
    }
  }

  /** The sender will send nothing more on this channel. Needs no credit. */
  record EndOfInput() implements TaskMessage {
    public static final EndOfInput INSTANCE = new EndOfInput();
  }
}
