package io.ember.connectors.memory;

import io.ember.connectors.memory.CollectSink.Collected;
import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import java.util.ArrayList;
import java.util.List;

/**
 * The writer of the in-memory sinks ({@link CollectSink}, {@link MemoryTableSink}): keeps the non-empty batches
 * of an epoch and hands them over as one {@link Collected} message at {@link #prepareCommit}; {@link #abort}
 * forgets them. Runs on its task's thread only.
 */
final class CollectingWriter implements SinkWriter {
  private final int taskIndex;
  private List<Batch> pending = new ArrayList<>();

  CollectingWriter(int taskIndex) {
    this.taskIndex = taskIndex;
  }

  @Override
  public void write(Batch batch) {
    if (batch.numRows() > 0) {
      pending.add(batch);
    }
  }

  @Override
  public CommitMessage prepareCommit(long epoch) {
    Collected c = new Collected(taskIndex, pending);
    pending = new ArrayList<>();
    return c;
  }

  @Override
  public void abort() {
    pending = new ArrayList<>();
  }
}
