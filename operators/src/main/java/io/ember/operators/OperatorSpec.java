package io.ember.operators;

import io.ember.core.types.StructType;

/**
 * The immutable blueprint of an operator in a physical plan: {@link #create()} makes a fresh running
 * instance per task. Specs are records so that plans can be printed, compared and (in cluster mode)
 * serialized with Kryo.
 */
public interface OperatorSpec {
  /** A new operator instance, not yet opened. */
  Operator create();

  /** The number of inputs the operator takes (1, or 2 for joins). */
  default int numInputs() {
    return 1;
  }

  /**
   * True when input {@code i + 1} may be read only after input {@code i} ended (a hash join reads its build
   * side first); false when the task interleaves batches of all inputs as they arrive (a stream-stream join,
   * whose inputs never end). Default: true.
   */
  default boolean readsInputsInOrder() {
    return true;
  }

  /**
   * True for a streaming operator that keeps keyed state across epochs and acts on watermarks (windowed
   * aggregates, dedup with a watermark, stream-stream joins). When the watermark advances in a job that has
   * one, the coordinator runs a no-data epoch so that closed state is emitted without waiting for new rows,
   * as Spark does. Default: false.
   */
  default boolean isStateful() {
    return false;
  }

  /** The schema of the batches the operator emits. */
  StructType outputSchema();

  /** One line for {@code explain()}, for example {@code HashAggregate(keys=[category], functions=[count(1)], mode=final)}. */
  String explain();
}
