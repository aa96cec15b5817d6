package io.ember.connectors.memory;

import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.serde.DriverLocal;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The sink of {@code writeStream().format("memory").queryName(name)}, as Spark's {@code MemorySink}: it
 * holds the query's result in memory for {@code spark.table(name)}. In append and update mode each
 * committed epoch adds its rows; in complete mode each committed epoch replaces them (a complete-mode epoch
 * carries the whole result). Epochs at or below the latest committed one are skipped, so a replayed epoch
 * adds nothing. An aborted epoch's rows are never seen: writers hand their rows over only in
 * {@link #commit}'s messages.
 *
 * <p>Thread-safe: writers run on task threads, {@link #commit} on the commit thread, and {@link #rows()} /
 * {@link #batches()} may be called from any thread at any time; they return a snapshot that later epochs
 * do not change.
 */
public final class MemoryTableSink implements Sink, DriverLocal {
  /** How an epoch's rows change the table. */
  public enum Mode {
    /** Add the epoch's rows (Spark's append and update output modes). */
    APPEND,
    /** Replace the table by the epoch's rows (Spark's complete output mode). */
    COMPLETE;

    /**
     * The mode of a Spark output mode name: {@code append} and {@code update} add, {@code complete} replaces.
     *
     * @throws IllegalArgumentException for another name
     */
    public static Mode ofOutputMode(String outputMode) {
      String m = outputMode == null ? "" : outputMode.trim().toLowerCase(Locale.ROOT);
      return switch (m) {
        case "append", "update" -> APPEND;
        case "complete" -> COMPLETE;
        default -> throw new IllegalArgumentException("Unknown output mode " + outputMode
            + ". Accepted output modes are 'append', 'complete', 'update'");
      };
    }
  }

  private final String name;
  private final StructType schema;
  private final Mode mode;
  private List<Batch> committed = List.of();
  private long latestEpoch = -1;

  /**
   * @param name the query name, the table's name
   * @param schema the query's output schema
   * @param mode whether epochs add to or replace the table
   */
  public MemoryTableSink(String name, StructType schema, Mode mode) {
    this.name = name;
    this.schema = schema;
    this.mode = mode;
  }

  /**
   * The sink of {@code format("memory")} for a query named {@code queryName} with output mode {@code outputMode}.
   *
   * @throws AnalysisException as Spark when the query has no name: {@code queryName must be specified for memory sink}
   * @throws IllegalArgumentException for an unknown output mode
   */
  public static MemoryTableSink create(String queryName, StructType schema, String outputMode) {
    if (queryName == null || queryName.isEmpty()) {
      throw new AnalysisException("QUERY_NAME_REQUIRED", "queryName must be specified for memory sink");
    }
    return new MemoryTableSink(queryName, schema, Mode.ofOutputMode(outputMode));
  }

  public String name() {
    return name;
  }

  public StructType schema() {
    return schema;
  }

  public Mode mode() {
    return mode;
  }

  @Override
  public SinkWriter createWriter(int taskIndex, int parallelism, StructType schema) {
    return new CollectingWriter(taskIndex);
  }

  @Override
  public void commit(long epoch, List<CommitMessage> messages) {
    List<Batch> added = CollectSink.Collected.inTaskOrder(messages);
    synchronized (this) {
      if (epoch <= latestEpoch) {
        return;
      }
      List<Batch> next;
      if (mode == Mode.COMPLETE) {
        next = added;
      } else {
        next = new ArrayList<>(committed.size() + added.size());
        next.addAll(committed);
        next.addAll(added);
      }
      committed = List.copyOf(next);
      latestEpoch = epoch;
    }
  }

  /** The table's batches now: epochs in commit order, each epoch's by task index then write order. */
  public synchronized List<Batch> batches() {
    return committed;
  }

  /** The table's rows now, in the order of {@link #batches()}. */
  public List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (Batch b : batches()) {
      rows.addAll(b.toRows());
    }
    return rows;
  }

  /** The latest committed epoch, -1 before the first. */
  public synchronized long latestEpoch() {
    return latestEpoch;
  }

  /** Empties the table (Spark's {@code MemorySink.clear}); the committed epochs stay recorded. */
  public synchronized void clear() {
    committed = List.of();
  }

  @Override
  public String explain() {
    return "MemoryTableSink " + name + " mode=" + mode.name().toLowerCase(Locale.ROOT);
  }

}
