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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sink that records what each epoch commits: writers stage rows and hand them over at
 * {@code prepareCommit}; {@link #commit} makes them visible per epoch (idempotently) and records the order of
 * the committed epochs. Thread-safe where the runtime calls it from several threads.
 */
final class EpochSink implements Sink {
  record Staged(long epoch, int taskIndex, List<Row> rows) implements CommitMessage {}

  private final Map<Long, List<Row>> committed = new TreeMap<>();
  final List<Long> commitOrder = Collections.synchronizedList(new ArrayList<>());
  final List<Long> aborted = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger writerAborts = new AtomicInteger();
  final AtomicInteger closedWriters = new AtomicInteger();
  volatile RuntimeException failCommit;

  @Override
  public SinkWriter createWriter(int taskIndex, int parallelism, StructType schema) {
    return new SinkWriter() {
      final List<Row> staged = new ArrayList<>();

      @Override
      public void write(Batch batch) {
        staged.addAll(batch.toRows());
      }

      @Override
      public CommitMessage prepareCommit(long epoch) {
        Staged s = new Staged(epoch, taskIndex, List.copyOf(staged));
        staged.clear();
        return s;
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
  public synchronized void commit(long epoch, List<CommitMessage> messages) {
    if (failCommit != null) {
      throw failCommit;
    }
    if (committed.containsKey(epoch)) {
      return;
    }
    List<Row> rows = new ArrayList<>();
    for (CommitMessage m : messages) {
      Staged s = (Staged) m;
      if (s.epoch() != epoch) {
        throw new AssertionError("a message of epoch " + s.epoch() + " committed as epoch " + epoch);
      }
      rows.addAll(s.rows());
    }
    committed.put(epoch, rows);
    commitOrder.add(epoch);
  }

  @Override
  public void abort(long epoch, List<CommitMessage> messages) {
    aborted.add(epoch);
  }

  /** The rows committed per epoch, by epoch. */
  synchronized Map<Long, List<Row>> committed() {
    return new TreeMap<>(committed);
  }

  /** Every committed row. */
  synchronized List<Row> allRows() {
    List<Row> all = new ArrayList<>();
    committed.values().forEach(all::addAll);
    return all;
  }

  @Override
  public String explain() {
    return "EpochSink";
  }
}
