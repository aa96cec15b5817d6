package io.ember.api.streaming;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.internal.ExternalRows;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.connectors.memory.MemoryStreamSource;
import io.ember.core.data.Row;
import io.ember.core.types.StructType;
import java.util.Arrays;
import java.util.List;

/**
 * A stream the program feeds, for tests, as Spark's {@code MemoryStream}: {@link #toDF()} is a streaming
 * DataFrame, and each {@link #addData} call appends one batch of rows that a running query then reads, in order.
 * Data may be added before or while queries run; every query reading the stream sees all of it from the start.
 * Thread-safe.
 */
public final class MemoryStream {
  private final Session session;
  private final MemoryStreamSource source;
  private final LogicalPlan plan;

  private MemoryStream(Session session, StructType schema) {
    this.session = session;
    this.source = new MemoryStreamSource(schema);
    this.plan = new LogicalPlan.SourceScan(PlanIds.next(), source);
  }

  /** An empty stream of rows of {@code schema} in {@code session}. */
  public static MemoryStream of(Session session, StructType schema) {
    return new MemoryStream(session, schema);
  }

  /** The rows' schema. */
  public StructType schema() {
    return source.schema();
  }

  /**
   * Appends {@code rows} as one batch (nothing when there are none).
   *
   * @return the batch's offset: its index from 0 (the latest offset when no row was given)
   * @throws io.ember.core.errors.EmberIllegalArgumentException {@code INVALID_EXTERNAL_TYPE} for a value that does
   *     not fit its column (the Java types of {@code Session.createDataFrame})
   */
  public long addData(List<Row> rows) {
    if (rows.isEmpty()) {
      return source.latestOffset();
    }
    return source.addData(ExternalRows.convert(rows, source.schema()));
  }

  /** Appends {@code rows} as one batch. */
  public long addData(Row... rows) {
    return addData(Arrays.asList(rows));
  }

  /** The offset of the last batch added, -1 before the first. */
  public long latestOffset() {
    return source.latestOffset();
  }

  /** The stream as a streaming DataFrame (always the same plan). */
  public DataFrame toDF() {
    return session.dataFrame(plan);
  }

  @Override
  public String toString() {
    return "MemoryStream[" + source.schema().simpleString() + "]";
  }
}
