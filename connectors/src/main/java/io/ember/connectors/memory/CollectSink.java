package io.ember.connectors.memory;

import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Gathers a job's output in memory for {@code collect()} and {@code show()}. Writers keep their batches;
 * {@link #commit} adds an epoch's batches ordered by (task, batch); {@link #batches()} returns every
 * committed batch, epochs in ascending order. Committing an epoch twice adds nothing the second time.
 *
 * <p>Thread-safe: writers run on task threads, commit and reads on the coordinator or the caller.
 */
public final class CollectSink implements Sink {
  private final TreeMap<Long, List<Batch>> committed = new TreeMap<>();

  /** One task's batches of an epoch. */
  public record Collected(int taskIndex, List<Batch> batches) implements CommitMessage {
    public Collected {
      batches = List.copyOf(batches);
    }

    /** The batches of an epoch's messages (each a {@code Collected}): by task index, then the order written. */
    static List<Batch> inTaskOrder(List<CommitMessage> messages) {
      List<Collected> parts = new ArrayList<>(messages.size());
      for (CommitMessage m : messages) {
        parts.add((Collected) m);
      }
      parts.sort(Comparator.comparingInt(Collected::taskIndex));
      List<Batch> all = new ArrayList<>();
      for (Collected c : parts) {
        all.addAll(c.batches());
      }
      return all;
    }
  }

  @Override
  public SinkWriter createWriter(int taskIndex, int parallelism, StructType schema) {
    return new CollectingWriter(taskIndex);
  }

  @Override
  public synchronized void commit(long epoch, List<CommitMessage> messages) {
    if (committed.containsKey(epoch)) {
      return;
    }
    committed.put(epoch, Collected.inTaskOrder(messages));
  }

  /** Every committed batch: by epoch, then task index, then the order the task wrote them. */
  public synchronized List<Batch> batches() {
    List<Batch> all = new ArrayList<>();
    for (List<Batch> b : committed.values()) {
      all.addAll(b);
    }
    return all;
  }

  /** The committed epochs, ascending. */
  public synchronized List<Long> committedEpochs() {
    return new ArrayList<>(committed.keySet());
  }

  @Override
  public String explain() {
    return "CollectSink";
  }

}
