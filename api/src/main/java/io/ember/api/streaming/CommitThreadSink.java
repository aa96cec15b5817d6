package io.ember.api.streaming;

import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.serde.DriverLocal;
import io.ember.core.types.StructType;
import java.util.List;

/**
 * A query's sink as the runtime sees it: the planned sink, noting the thread its commits run on (where a
 * {@code foreachBatch} function runs) so that the query can tell when it is called from its own commit.
 */
final class CommitThreadSink implements Sink, DriverLocal {
  private final Sink sink;
  private volatile Thread commitThread;

  CommitThreadSink(Sink sink) {
    this.sink = sink;
  }

  /** True when the caller runs on the thread that committed (or is committing) this sink's epochs. */
  boolean onCommitThread() {
    return Thread.currentThread() == commitThread;
  }

  @Override
  public void setup(StructType schema) {
    sink.setup(schema);
  }

  @Override
  public SinkWriter createWriter(int taskIndex, int parallelism, StructType schema) {
    return sink.createWriter(taskIndex, parallelism, schema);
  }

  @Override
  public void commit(long epoch, List<CommitMessage> messages) {
    commitThread = Thread.currentThread();
    sink.commit(epoch, messages);
  }

  @Override
  public void abort(long epoch, List<CommitMessage> messages) {
    commitThread = Thread.currentThread();
    sink.abort(epoch, messages);
  }

  @Override
  public String explain() {
    return sink.explain();
  }
}
