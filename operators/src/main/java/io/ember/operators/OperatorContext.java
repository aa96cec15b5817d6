package io.ember.operators;

import io.ember.core.expr.EvalContext;
import io.ember.operators.memory.MemoryBudget;
import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.StateBackend;

/**
 * What an operator instance may know about where it runs.
 *
 * @param taskIndex this task's index among {@code parallelism} instances of the same operator
 * @param parallelism the number of instances
 * @param eval the expression context (ANSI mode, time zone, query start time)
 * @param memory the budget blocking operators reserve their state from
 * @param batchSize the preferred maximum number of rows per emitted batch
 * @param state where stateful streaming operators keep keyed state
 */
public record OperatorContext(int taskIndex, int parallelism, EvalContext eval, MemoryBudget memory, int batchSize,
    StateBackend state) {
  /** Spark's default batch size for columnar reads ({@code spark.sql.execution.arrow.maxRecordsPerBatch} is 10,000). */
  public static final int DEFAULT_BATCH_SIZE = 8192;

  /** A context whose keyed state lives on the heap. */
  public OperatorContext(int taskIndex, int parallelism, EvalContext eval, MemoryBudget memory, int batchSize) {
    this(taskIndex, parallelism, eval, memory, batchSize, HeapStateBackend.INSTANCE);
  }

  /** A copy with another state backend. */
  public OperatorContext withState(StateBackend backend) {
    return new OperatorContext(taskIndex, parallelism, eval, memory, batchSize, backend);
  }

  /** A context for tests and single-task use: index 0 of 1, default expression context, unlimited memory. */
  public static OperatorContext forTest() {
    return new OperatorContext(0, 1, EvalContext.defaults(), MemoryBudget.unlimited(), DEFAULT_BATCH_SIZE);
  }
}
