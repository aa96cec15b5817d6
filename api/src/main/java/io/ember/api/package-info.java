/**
 * Ember's DataFrame API, named and behaving as Spark's Java API: {@link io.ember.api.Session} (SparkSession),
 * {@link io.ember.api.DataFrame} (Dataset&lt;Row&gt;), {@link io.ember.api.Column}, {@link io.ember.api.functions},
 * {@link io.ember.api.GroupedData}, {@link io.ember.api.DataFrameNaFunctions}, {@link io.ember.api.DataFrameReader}
 * and {@link io.ember.api.DataFrameWriter}.
 *
 * <p>A DataFrame is an immutable logical plan ({@link io.ember.api.logical}) that is analyzed as soon as it is built,
 * so mistakes surface at the call that made them; actions hand the plan to
 * {@link io.ember.api.execution.QueryExecution}, which optimizes it, plans the physical DAG and runs it on the
 * session's runtime. {@code io.ember.api.internal} holds helpers nobody outside this module calls.
 */
package io.ember.api;
