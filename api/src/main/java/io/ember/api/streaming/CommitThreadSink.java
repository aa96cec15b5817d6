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
 *
 * <p>Commits always run on the job's coordinator, in the driver; only writers run in tasks. So the wrapper can
 * travel to a node with its sink (the commit thread is not sent: it is transient, and only the driver's copy
 * commits), and it is {@link DriverLocal} exactly when the sink is ({@link #of}): a file sink's writers run on the
 * nodes of a cluster, a memory or foreachBatch sink's in the driver.
 */
class CommitThreadSink implements Sink {
  private final Sink sink;
  private transient volatile Thread commitThread;

  private CommitThreadSink(Sink sink) {
    this.sink = sink;
  }

  /** {@code sink} wrapped; the wrapper is {@link DriverLocal} when {@code sink} is. */
  static CommitThreadSink of(Sink sink) {
    return sink instanceof DriverLocal ? new InDriver(sink) : new CommitThreadSink(sink);
  }

  /** The wrapper of a sink that holds state of the driver's JVM, so its tasks run in the driver. */
  private static final class InDriver extends CommitThreadSink implements DriverLocal {
    InDriver(Sink sink) {
      super(sink);
    }
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
