package io.ember.runtime.local;

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
 */
record StreamingRole(boolean streamingSource, boolean[] barrierChannels, long firstEpoch,
    TaskCheckpointing checkpointing) {
  StreamingRole(boolean streamingSource, boolean[] barrierChannels, long firstEpoch) {
    this(streamingSource, barrierChannels, firstEpoch, null);
  }

  /** This role with {@code checkpointing}. */
  StreamingRole withCheckpointing(TaskCheckpointing checkpointing) {
    return new StreamingRole(streamingSource, barrierChannels, firstEpoch, checkpointing);
  }
}
