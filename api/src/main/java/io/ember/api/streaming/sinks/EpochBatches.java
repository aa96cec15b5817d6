package io.ember.api.streaming.sinks;

import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One task's batches of an epoch, handed from its writer to the sink's commit; the writer that gathers
 * them, keeping at most {@code limit} rows per epoch (the rest are never needed).
 */
record EpochBatches(int taskIndex, List<Batch> batches) implements CommitMessage {
  EpochBatches {
    batches = List.copyOf(batches);
  }

  /** The batches of {@code messages}, by task index, each task's in the order written, as {@code schema}. */
  static List<Batch> ordered(List<CommitMessage> messages, StructType schema) {
    List<EpochBatches> parts = new ArrayList<>(messages.size());
    for (CommitMessage m : messages) {
      parts.add((EpochBatches) m);
    }
    parts.sort(Comparator.comparingInt(EpochBatches::taskIndex));
    List<Batch> out = new ArrayList<>();
    for (EpochBatches p : parts) {
      for (Batch b : p.batches()) {
        out.add(b.schema().equals(schema) || b.schema().size() != schema.size() ? b : b.withSchema(schema));
      }
    }
    return out;
  }

  /** Gathers a task's rows of the current epoch, at most {@code limit} of them. */
  static final class Writer implements SinkWriter {
    private final int taskIndex;
    private final long limit;
    private List<Batch> pending = new ArrayList<>();
    private long rows;

    Writer(int taskIndex, long limit) {
      this.taskIndex = taskIndex;
      this.limit = limit;
    }

    @Override
    public void write(Batch batch) {
      if (batch.numRows() == 0 || rows >= limit) {
        return;
      }
      int keep = (int) Math.min(batch.numRows(), limit - rows);
      pending.add(keep == batch.numRows() ? batch : batch.slice(0, keep));
      rows += keep;
    }

    @Override
    public CommitMessage prepareCommit(long epoch) {
      EpochBatches m = new EpochBatches(taskIndex, pending);
      pending = new ArrayList<>();
      rows = 0;
      return m;
    }

    @Override
    public void abort() {
      pending = new ArrayList<>();
      rows = 0;
    }
  }
}
