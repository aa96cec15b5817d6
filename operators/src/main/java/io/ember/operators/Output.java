package io.ember.operators;

import io.ember.core.data.Batch;

/** Where an operator emits its batches. Implementations never block and accept every batch. */
@FunctionalInterface
public interface Output {
  /** Emits {@code batch}; empty batches may be dropped by the receiver. The batch must not be modified afterwards. */
  void emit(Batch batch);
}
