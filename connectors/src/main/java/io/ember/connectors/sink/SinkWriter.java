package io.ember.connectors.sink;

import io.ember.core.data.Batch;

/** Writes one sink task's share of an epoch. Called from one thread. */
public interface SinkWriter extends AutoCloseable {
  /** Writes (or stages) a batch of the current epoch. */
  void write(Batch batch);

  /** Finishes the epoch's output without making it visible; the message goes to {@link Sink#commit}. */
  CommitMessage prepareCommit(long epoch);

  /** Discards what this writer staged; called after a failure. */
  void abort();

  @Override
  default void close() {}
}
