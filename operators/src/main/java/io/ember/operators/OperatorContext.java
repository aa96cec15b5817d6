package io.ember.operators;

import io.ember.core.expr.EvalContext;
import io.ember.operators.memory.MemoryBudget;

/**
 * What an operator instance may know about where it runs.
 *
 * @param taskIndex this task's index among {@code parallelism} instances of the same operator
 * @param parallelism the number of instances
 * @param eval the expression context (ANSI mode, time zone, query start time)
 * @param memory the budget blocking operators reserve their state from
 * @param batchSize the preferred maximum number of rows per emitted batch
 */
public record OperatorContext(int taskIndex, int parallelism, EvalContext eval, MemoryBudget memory, int batchSize) {
  /** Spark's default batch size for columnar reads ({@code spark.sql.execution.arrow.maxRecordsPerBatch} is 10,000). */
  public static final int DEFAULT_BATCH_SIZE = 8192;

  /** A context for tests and single-task use: index 0 of 1, default expression context, unlimited memory. */
  public static OperatorContext forTest() {
    return new OperatorContext(0, 1, EvalContext.defaults(), MemoryBudget.unlimited(), DEFAULT_BATCH_SIZE);
  }
}
