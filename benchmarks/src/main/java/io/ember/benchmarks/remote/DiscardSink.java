package io.ember.benchmarks.remote;

import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.types.StructType;
import java.util.List;

/** A sink that drops its input where it runs (rows are counted by the job's result); a plain value. */
record DiscardSink() implements Sink {
  record Nothing() implements CommitMessage {}

  @Override
  public SinkWriter createWriter(int taskIndex, int parallelism, StructType schema) {
    return new SinkWriter() {
      @Override
      public void write(Batch batch) {}

      @Override
      public CommitMessage prepareCommit(long epoch) {
        return new Nothing();
      }

      @Override
      public void abort() {}
    };
  }

  @Override
  public void commit(long epoch, List<CommitMessage> messages) {}

  @Override
  public String explain() {
    return "DiscardSink";
  }
}
