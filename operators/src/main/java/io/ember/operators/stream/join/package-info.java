/**
 * Stream-stream joins: {@link io.ember.operators.stream.join.StreamJoinSpec} (Spark's symmetric hash join over
 * two interleaved inputs, rows of both sides in keyed state) and
 * {@link io.ember.operators.stream.join.JoinStateWatermarks}, which derives from the join keys and condition
 * when the watermark lets each side forget its rows.
 */
package io.ember.operators.stream.join;
