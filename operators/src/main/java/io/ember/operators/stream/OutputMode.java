package io.ember.operators.stream;

/**
 * Spark's output modes of a streaming query ({@code DataStreamWriter.outputMode}), as stateful operators
 * see them: what an operator emits per epoch.
 */
public enum OutputMode {
  /** Only rows that will never change are emitted, once (a window when the watermark closes it). */
  APPEND,
  /** Rows that changed during the epoch are emitted at its end. */
  UPDATE,
  /** The whole result is emitted at the end of every epoch. */
  COMPLETE
}
