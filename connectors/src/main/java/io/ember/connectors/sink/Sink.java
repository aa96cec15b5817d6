package io.ember.connectors.sink;

import io.ember.core.types.StructType;
import java.util.List;

/**
 * The blueprint of a sink. Output is written per epoch in two phases: every sink task's
 * {@link SinkWriter} writes the epoch's batches and prepares a {@link CommitMessage}; once every task
 * prepared (and, for streams, the epoch's checkpoint is complete) the coordinator calls {@link #commit}
 * once, which makes the epoch's output visible. A batch job is one epoch.
 *
 * <p>{@link #commit} is idempotent per epoch: committing an epoch that is already committed does
 * nothing. With replayable sources that makes recovery exactly-once.
 */
public interface Sink {
  /**
   * Prepares the destination before any writer starts (checks save mode, makes directories); runs once
   * on the coordinator. Throws the user's error (e.g. the path already exists in mode error).
   */
  default void setup(StructType schema) {}

  /** A writer for task {@code taskIndex} of {@code parallelism}. */
  SinkWriter createWriter(int taskIndex, int parallelism, StructType schema);

  /** Makes epoch {@code epoch}'s output visible. Idempotent. */
  void commit(long epoch, List<CommitMessage> messages);

  /** Discards epoch {@code epoch}'s prepared output after a failure. */
  default void abort(long epoch, List<CommitMessage> messages) {}

  /** One line for {@code explain()}. */
  String explain();
}
