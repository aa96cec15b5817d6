package io.ember.api.streaming.sinks;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.api.streaming.ForeachBatchFunction;
import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.serde.DriverLocal;
import io.ember.core.types.StructType;
import java.util.List;

/**
 * The sink of {@code writeStream().foreachBatch(f)}, as Spark's {@code ForeachBatchSink}: writers gather
 * their task's rows of the epoch and hand them over in their commit messages; {@link #commit} turns the
 * epoch's rows (by task index, then arrival order) into a batch DataFrame of the session and calls
 * {@code f(df, epoch)} on the commit thread. The DataFrame is an ordinary batch DataFrame over those rows:
 * {@code count()}, {@code collect()}, transformations and {@code write()} run as batch jobs, and it stays
 * usable after the call. An epoch at or below the latest one the function completed is not handed over
 * again; an aborted epoch never is. Its commit messages hold rows and are not stored in checkpoints, so an epoch
 * checkpointed but not committed here is replayed when the query starts again on its checkpoint location
 * ({@link io.ember.runtime.StreamingCheckpoint#resume}).
 *
 * <p>An exception from the function fails the query with {@code FOREACH_BATCH_USER_FUNCTION_ERROR}, its
 * cause the function's exception; the epoch counts as not done, so a retried commit calls the function
 * again.
 */
public final class ForeachBatchSink implements Sink, DriverLocal {
  private final Session session;
  private final StructType schema;
  private final ForeachBatchFunction function;
  private long latestEpoch = -1;

  /**
   * @param session the session the DataFrames belong to
   * @param schema the query's output schema, the DataFrames' schema
   * @param function the user's function
   */
  public ForeachBatchSink(Session session, StructType schema, ForeachBatchFunction function) {
    this.session = session;
    this.schema = schema;
    this.function = function;
  }

  @Override
  public SinkWriter createWriter(int taskIndex, int parallelism, StructType schema) {
    return new EpochBatches.Writer(taskIndex, Long.MAX_VALUE);
  }

  @Override
  public synchronized void commit(long epoch, List<CommitMessage> messages) {
    if (epoch <= latestEpoch) {
      return;
    }
    List<Batch> batches = EpochBatches.ordered(messages, schema);
    DataFrame df = session.dataFrame(new LogicalPlan.LocalRelation(PlanIds.next(), schema, batches));
    try {
      function.call(df, epoch);
    } catch (Exception e) {
      throw new EmberRuntimeException("FOREACH_BATCH_USER_FUNCTION_ERROR",
          "An error occurred in the user provided function in foreach batch sink. Reason: " + e.getMessage(), e);
    }
    latestEpoch = epoch;
  }

  @Override
  public String explain() {
    return "ForeachBatchSink";
  }
}
