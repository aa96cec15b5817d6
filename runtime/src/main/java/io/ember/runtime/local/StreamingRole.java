package io.ember.runtime.local;

import io.ember.runtime.SourceReadLimit;

/**
 * How a task takes part in a streaming job's epochs. Tasks of a streaming job that no streaming source
 * feeds (the static side of a stream-static join) have no role: they run as in a batch job.
 *
 * @param streamingSource true when the task reads a streaming source: the coordinator injects its barriers,
 *     and it holds its end of input back until the final barrier
 * @param barrierChannels per input channel, true when the channel carries barriers (a streaming source
 *     feeds its sender)
 * @param firstEpoch the id of the job's first epoch
 * @param checkpointing how the task snapshots and restores its state; null when the job takes no checkpoints
 * @param readLimit for a streaming source task, how much it reads at most between two barriers
 */
record StreamingRole(boolean streamingSource, boolean[] barrierChannels, long firstEpoch,
    TaskCheckpointing checkpointing, SourceReadLimit readLimit) {
  StreamingRole(boolean streamingSource, boolean[] barrierChannels, long firstEpoch) {
    this(streamingSource, barrierChannels, firstEpoch, null, SourceReadLimit.NONE);
  }

  StreamingRole(boolean streamingSource, boolean[] barrierChannels, long firstEpoch,
      TaskCheckpointing checkpointing) {
    this(streamingSource, barrierChannels, firstEpoch, checkpointing, SourceReadLimit.NONE);
  }

  StreamingRole {
    readLimit = readLimit == null ? SourceReadLimit.NONE : readLimit;
  }

  /** This role with {@code checkpointing}. */
  StreamingRole withCheckpointing(TaskCheckpointing checkpointing) {
    return new StreamingRole(streamingSource, barrierChannels, firstEpoch, checkpointing, readLimit);
  }

  /** This role with {@code readLimit} (which only a streaming source task applies). */
  StreamingRole withReadLimit(SourceReadLimit readLimit) {
    return new StreamingRole(streamingSource, barrierChannels, firstEpoch, checkpointing, readLimit);
  }
}
