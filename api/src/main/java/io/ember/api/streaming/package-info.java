/**
 * Structured streaming, named and behaving as Spark's Java API: {@link io.ember.api.streaming.DataStreamReader}
 * ({@code session.readStream()}), {@link io.ember.api.streaming.DataStreamWriter} ({@code df.writeStream()}),
 * {@link io.ember.api.streaming.Trigger}, {@link io.ember.api.streaming.OutputMode},
 * {@link io.ember.api.streaming.StreamingQuery} and its {@link io.ember.api.streaming.StreamingQueryManager}
 * ({@code session.streams()}), {@link io.ember.api.streaming.StreamingQueryListener} with its events, progress
 * reports ({@link io.ember.api.streaming.StreamingQueryProgress}) and {@link io.ember.api.streaming.MemoryStream}
 * for tests.
 *
 * <p>A query runs as one long-lived job: rows flow through its tasks as they arrive, and the runtime cuts epochs
 * (Spark's micro-batches, ids from 0 = Spark's {@code batchId}) on the trigger's clock. At each epoch the sink
 * commits, the watermark advances, and the query reports a progress and tells its listeners. Output modes, the
 * operations a stream allows and their error messages follow Spark; {@code start()} checks them before anything
 * runs. With {@code checkpointLocation} every epoch is checkpointed before the sink commits it, and a query
 * started again on the location resumes from its last complete epoch.
 */
package io.ember.api.streaming;
