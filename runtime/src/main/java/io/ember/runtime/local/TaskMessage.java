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
   * @param checkpoint true when every task snapshots its state at this barrier (a checkpointed epoch); false for
   *     an epoch between two checkpoints ({@code ember.streaming.checkpointInterval})
   */
  record Barrier(long epoch, Map<Integer, Long> candidateWatermarks, boolean checkpoint) implements TaskMessage {
    public Barrier {
      candidateWatermarks = Map.copyOf(candidateWatermarks);
    }

    /** The barrier of a checkpointed epoch. */
    public Barrier(long epoch, Map<Integer, Long> candidateWatermarks) {
      this(epoch, candidateWatermarks, true);
    }
  }

  /** The sender will send nothing more on this channel. Needs no credit. */
  record EndOfInput() implements TaskMessage {
    public static final EndOfInput INSTANCE = new EndOfInput();
  }
}
