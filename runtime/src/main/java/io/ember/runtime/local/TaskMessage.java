package io.ember.runtime.local;

import io.ember.core.data.Batch;

/**
 * What flows in-band on a channel between two tasks, in order. Epoch barriers will join these as a third
 * kind, so that they stay ordered with the data they delimit.
 */
public sealed interface TaskMessage {
  /** A non-empty batch; costs the sender one credit. */
  record Data(Batch batch) implements TaskMessage {}

  /** The sender will send nothing more on this channel. Needs no credit. */
  record EndOfInput() implements TaskMessage {
    public static final EndOfInput INSTANCE = new EndOfInput();
  }
}
