package io.ember.api.streaming;

import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.types.StructType;
import java.util.List;

/**
 * The sink of {@code writeStream().format("noop")}, as Spark's noop format: rows are counted by the runtime and
 * dropped, for measuring a query without the cost of its output.
 */
final class DiscardSink implements Sink {
  private static final CommitMessage NOTHING = new CommitMessage() {};

  @Override
  public SinkWriter createWriter(int taskIndex, int parallelism, StructType schema) {
    return new SinkWriter() {
      @Override
      public void write(Batch batch) {}

      @Override
      public CommitMessage prepareCommit(long epoch) {
        return NOTHING;
      }

      @Override
      public void abort() {}
    };
  }

  @Override
  public void commit(long epoch, List<CommitMessage> messages) {}

  @Override
  public String explain() {
    return "NoopSink";
  }
}
