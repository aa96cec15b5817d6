package io.ember.runtime;

import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sink that makes rows visible only on commit. Optionally sleeps per batch (a slow sink) and decrements a
 * source's in-flight counter per batch, recording the highest count it saw.
 */
class TestSink implements Sink {
  record Staged(int taskIndex, List<Row> rows) implements CommitMessage {}

  final List<Row> committed = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger setups = new AtomicInteger();
  final AtomicInteger commits = new AtomicInteger();
  final AtomicInteger aborts = new AtomicInteger();
  final AtomicInteger writerAborts = new AtomicInteger();
  final AtomicInteger closedWriters = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  private final long sleepMillisPerBatch;
  private final AtomicInteger inFlight;

  TestSink() {
    this(0, null);
  }

  TestSink(long sleepMillisPerBatch, AtomicInteger inFlight) {
    this.sleepMillisPerBatch = sleepMillisPerBatch;
    this.inFlight = inFlight;
  }

  @Override
  public void setup(StructType schema) {
    setups.incrementAndGet();
  }

  @Override
  public SinkWriter createWriter(int taskIndex, int parallelism, StructType schema) {
    List<Row> staged = new ArrayList<>();
    return new SinkWriter() {
      @Override
      public void write(Batch batch) {
        if (inFlight != null) {
          maxInFlight.accumulateAndGet(inFlight.getAndDecrement(), Math::max);
        }
        if (sleepMillisPerBatch > 0) {
          try {
            Thread.sleep(sleepMillisPerBatch);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        staged.addAll(batch.toRows());
      }

      @Override
      public CommitMessage prepareCommit(long epoch) {
        return new Staged(taskIndex, List.copyOf(staged));
      }

      @Override
      public void abort() {
        writerAborts.incrementAndGet();
      }

      @Override
      public void close() {
        closedWriters.incrementAndGet();
      }
    };
  }

  @Override
  public void commit(long epoch, List<CommitMessage> messages) {
    commits.incrementAndGet();
    for (CommitMessage m : messages) {
      committed.addAll(((Staged) m).rows());
    }
  }

  @Override
  public void abort(long epoch, List<CommitMessage> messages) {
    aborts.incrementAndGet();
  }

  @Override
  public String explain() {
    return "TestSink";
  }
}
