package io.ember.api.streaming.sinks;

import io.ember.api.streaming.ForeachWriter;
import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.serde.DriverLocal;
import io.ember.core.types.StructType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.List;

/**
 * The sink of {@code writeStream().foreach(writer)}, with Spark's {@link ForeachWriter} contract. The
 * user's writer is serialized once, when the sink is made (a writer that cannot be serialized fails then),
 * and every partition (sink task) of every epoch deserializes its own copy. Rows are processed as they
 * arrive: {@code open(taskIndex, epoch)} before the partition's first row of the epoch (or, for a partition
 * without rows, when the epoch ends), {@code process(row)} per row, {@code close(null)} at the writer's
 * {@code prepareCommit}. An exception from {@code process} is passed to {@code close} and then fails the
 * query; one from {@code open} or {@code close} fails it directly; a task aborted mid-epoch closes its copy
 * with an error. Commit does nothing: the rows went out while they were processed.
 *
 * <p>Epoch ids: the writer of a task numbers its first epoch {@code firstEpoch} and each later one after the
 * epoch it last prepared, as the runtime runs epochs in order.
 */
public final class ForeachWriterSink implements Sink, DriverLocal {
  private final byte[] serialized;
  private final ClassLoader loader;
  private final long firstEpoch;

  /** What a task did with an epoch: the rows it processed. */
  public record Processed(int taskIndex, long epoch, long rows) implements CommitMessage {}

  /**
   * @param writer the user's writer, copied per partition and epoch
   * @param firstEpoch the id of the query's first epoch in this run (0 for a new query, the next batch id
   *     for a restarted one)
   * @throws EmberIllegalArgumentException {@code TASK_NOT_SERIALIZABLE} when the writer cannot be serialized
   */
  public ForeachWriterSink(ForeachWriter<Row> writer, long firstEpoch) {
    if (writer == null) {
      throw new EmberIllegalArgumentException("NULL_FOREACH_WRITER", "foreach writer cannot be null");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(writer);
    } catch (IOException e) {
      throw new EmberIllegalArgumentException("TASK_NOT_SERIALIZABLE",
          "Task not serializable: the foreach writer " + writer.getClass().getName()
              + " cannot be serialized: " + e, e);
    }
    this.serialized = bytes.toByteArray();
    this.loader = writer.getClass().getClassLoader();
    this.firstEpoch = firstEpoch;
  }

  /** A sink for a new query, whose first epoch is 0. */
  public ForeachWriterSink(ForeachWriter<Row> writer) {
    this(writer, 0);
  }

  @Override
  public SinkWriter createWriter(int taskIndex, int parallelism, StructType schema) {
    return new Writer(taskIndex);
  }

  @Override
  public void commit(long epoch, List<CommitMessage> messages) {}

  @Override
  public String explain() {
    return "ForeachWriterSink";
  }

  @SuppressWarnings("unchecked")
  private ForeachWriter<Row> copy() {
    try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(serialized), loader)) {
      return (ForeachWriter<Row>) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new EmberRuntimeException("TASK_NOT_SERIALIZABLE",
          "Cannot deserialize the foreach writer for a task: " + e, e);
    }
  }

  /** One task's writer: a copy of the user's writer per epoch, opened lazily, closed at prepareCommit. */
  private final class Writer implements SinkWriter {
    private final int taskIndex;
    private long epoch;
    private ForeachWriter<Row> current;
    private boolean process;
    private long rows;

    Writer(int taskIndex) {
      this.taskIndex = taskIndex;
      this.epoch = firstEpoch;
    }

    private void openIfNeeded() {
      if (current == null) {
        ForeachWriter<Row> w = copy();
        process = w.open(taskIndex, epoch);
        current = w;
        rows = 0;
      }
    }

    @Override
    public void write(Batch batch) {
      if (batch.numRows() == 0) {
        return;
      }
      openIfNeeded();
      if (!process) {
        return;
      }
      for (int r = 0; r < batch.numRows(); r++) {
        Row row = batch.row(r);
        try {
          current.process(row);
        } catch (RuntimeException | Error e) {
          ForeachWriter<Row> w = current;
          current = null;
          try {
            w.close(e);
          } catch (RuntimeException | Error closing) {
            e.addSuppressed(closing);
          }
          throw e;
        }
        rows++;
      }
    }

    @Override
    public CommitMessage prepareCommit(long preparedEpoch) {
      openIfNeeded();
      ForeachWriter<Row> w = current;
      current = null;
      epoch = preparedEpoch + 1;
      w.close(null);
      return new Processed(taskIndex, preparedEpoch, rows);
    }

    @Override
    public void abort() {
      if (current != null) {
        ForeachWriter<Row> w = current;
        current = null;
        w.close(new EmberRuntimeException("FOREACH_WRITER_ABORTED",
            "Foreach writer has been aborted due to a task failure"));
      }
    }

    @Override
    public void close() {
      abort();
    }
  }

  /** Resolves classes with the user writer's loader first. */
  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      if (loader != null) {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException e) {
          // fall back to the default resolution
        }
      }
      return super.resolveClass(desc);
    }
  }
}
