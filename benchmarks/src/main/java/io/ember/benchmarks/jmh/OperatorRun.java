package io.ember.benchmarks.jmh;

import io.ember.core.data.Batch;
import io.ember.core.expr.EvalContext;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.memory.MemoryBudget;
import java.util.List;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The invocation the single-operator benchmarks share ({@link HashJoinProbeBenchmark},
 * {@link PartialAggregateBenchmark}, {@link StringGroupByBenchmark}): one operator on task 0 of 1, default evaluation
 * settings, unlimited memory, its output to a blackhole.
 */
final class OperatorRun {
  private OperatorRun() {}

  /**
   * Opens {@code op}, feeds {@code inputs.get(i)} to input {@code i} and ends that input, one input after the other
   * in index order, then closes it. Every output batch goes to {@code bh}.
   */
  static void run(Operator op, int batchSize, Blackhole bh, List<List<Batch>> inputs) {
    op.open(new OperatorContext(0, 1, EvalContext.defaults(), MemoryBudget.unlimited(), batchSize));
    for (int input = 0; input < inputs.size(); input++) {
      for (Batch b : inputs.get(input)) {
        op.process(input, b, bh::consume);
      }
      op.endOfInput(input, bh::consume);
    }
    op.close();
  }
}
