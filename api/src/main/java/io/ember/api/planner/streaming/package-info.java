/**
 * The streaming physical planner: {@link io.ember.api.planner.streaming.StreamingPlanner} checks a streaming
 * query against Spark's rules for its output mode ({@link io.ember.api.analysis.UnsupportedOperationChecker})
 * and turns it into a {@link io.ember.api.planner.streaming.StreamingPhysicalPlan} for
 * {@link io.ember.runtime.JobRunner#startStreaming}: unbounded sources at their fixed parallelism, stateless
 * steps and static sides planned as in batch, and the stateful operators (watermark, streaming aggregate,
 * session window aggregate, deduplication, stream-stream join) behind hash exchanges on their keys.
 */
package io.ember.api.planner.streaming;
