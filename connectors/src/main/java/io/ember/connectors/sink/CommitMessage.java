package io.ember.connectors.sink;

/**
 * What a writer prepared for an epoch, handed to {@link Sink#commit}: staged file names, or the batches of
 * a memory sink. A marker for records defined by each sink.
 */
public interface CommitMessage {}
