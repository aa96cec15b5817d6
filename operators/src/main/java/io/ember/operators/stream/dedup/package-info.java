/**
 * Streaming deduplication ({@code dropDuplicates} and {@code dropDuplicatesWithinWatermark} on a stream):
 * {@link io.ember.operators.stream.dedup.StreamingDeduplicateSpec}, with its keys in keyed state and the
 * watermark evicting them.
 */
package io.ember.operators.stream.dedup;
