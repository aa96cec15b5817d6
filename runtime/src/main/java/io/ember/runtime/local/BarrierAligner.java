package io.ember.runtime.local;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Aligns epoch barriers over the input channels of one task. Once a channel delivered barrier {@code N}, its
 * later messages are held ({@link #hold}) until every channel that carries barriers and has not ended
 * delivered barrier {@code N} too; the aligned barrier then carries, per watermark id, the largest candidate
 * any channel brought, and says whether the epoch is checkpointed as the barriers did. Channels fed only by non-streaming sources carry no barriers and never hold anything
 * up, and neither do channels that ended.
 *
 * <p>Pure bookkeeping, owned by one task actor; not thread-safe.
 *
 * @param <T> what the task holds back (its queued messages)
 */
final class BarrierAligner<T> {
  private final boolean[] carriesBarriers;
  private final boolean[] ended;
  private final boolean[] atBarrier;
  private final ArrayDeque<T>[] held;
  private final Map<Integer, Long> candidates = new HashMap<>();
  private long epoch = -1;
  private boolean checkpoint;

  /** An aligner for channels {@code 0..carriesBarriers.length-1}; {@code carriesBarriers[c]} says which ones. */
  @SuppressWarnings("unchecked")
  BarrierAligner(boolean[] carriesBarriers) {
    this.carriesBarriers = carriesBarriers.clone();
    int n = carriesBarriers.length;
    this.ended = new boolean[n];
    this.atBarrier = new boolean[n];
    this.held = new ArrayDeque[n];
    for (int c = 0; c < n; c++) {
      held[c] = new ArrayDeque<>();
    }
  }

  /** True while {@code channel} delivered the barrier being aligned: its messages must wait. */
  boolean holds(int channel) {
    return atBarrier[channel];
  }

  /** Holds a message of {@code channel} that arrived after its barrier. */
  void hold(int channel, T message) {
    held[channel].add(message);
  }

  /**
   * {@code channel} delivered {@code barrier}.
   *
   * @return the aligned barrier when this completed the alignment, else null
   * @throws IllegalStateException if a barrier of another epoch is being aligned (a protocol violation)
   */
  TaskMessage.Barrier barrier(int channel, TaskMessage.Barrier barrier) {
    if (epoch < 0) {
      epoch = barrier.epoch();
      checkpoint = barrier.checkpoint();
    } else if (barrier.epoch() != epoch) {
      throw new IllegalStateException("Channel " + channel + " delivered barrier " + barrier.epoch()
          + " while barrier " + epoch + " is being aligned");
    }
    atBarrier[channel] = true;
    barrier.candidateWatermarks().forEach((id, w) -> candidates.merge(id, w, Math::min));
    return complete();
  }

  /**
   * {@code channel} ended.
   *
   * @return the aligned barrier when the channel was the last one waited for, else null
   */
  TaskMessage.Barrier ended(int channel) {
    ended[channel] = true;
    return epoch < 0 ? null : complete();
  }

  /** True while some barrier is partly aligned. */
  boolean aligning() {
    return epoch >= 0;
  }

  /**
   * Hands the messages held on every channel back, after an alignment completed: {@code sink} receives each
   * channel's messages in arrival order, channels from the highest index down, so that pushing each to the
   * front of a queue restores every channel's order.
   */
  void releaseHeld(java.util.function.ObjIntConsumer<ArrayDeque<T>> sink) {
    for (int c = held.length - 1; c >= 0; c--) {
      if (!held[c].isEmpty()) {
        ArrayDeque<T> messages = held[c];
        held[c] = new ArrayDeque<>();
        sink.accept(messages, c);
      }
    }
  }

  private TaskMessage.Barrier complete() {
    for (int c = 0; c < atBarrier.length; c++) {
      if (carriesBarriers[c] && !ended[c] && !atBarrier[c]) {
        return null;
      }
    }
    TaskMessage.Barrier aligned = new TaskMessage.Barrier(epoch, candidates, checkpoint);
    epoch = -1;
    candidates.clear();
    java.util.Arrays.fill(atBarrier, false);
    return aligned;
  }
}
