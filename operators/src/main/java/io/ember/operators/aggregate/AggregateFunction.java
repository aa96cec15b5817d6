package io.ember.operators.aggregate;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.StructField;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An aggregate function bound to its input: the immutable blueprint (what to compute, its types, its
 * partial state layout). The running state is an {@link Accumulator} made by {@link #newAccumulator}.
 *
 * <p>Two-phase aggregation: a PARTIAL aggregate emits, per group, the columns of {@link #stateFields()};
 * a FINAL aggregate reads those columns and {@link Accumulator#merge merges} them. Merging is associative
 * and commutative (up to the order-dependent functions {@code first}, {@code last} and
 * {@code collect_list}, which are nondeterministic in Spark as well), so any split of the input into
 * batches and partitions gives the same result.
 *
 * <p>The state columns are also what an aggregate operator's snapshot holds: it writes them with Kryo and
 * restores by merging them into fresh accumulators, so an accumulator needs no serialization of its own.
 *
 * <p>Every function skips null inputs. On a group with no non-null input, {@code count} and
 * {@code approx_count_distinct} give 0, {@code collect_list} and {@code collect_set} an empty array, the
 * others null. Implementations are immutable and thread-safe; build them with {@link AggregateFunctions}.
 */
public interface AggregateFunction {
  /** The function's name as {@code explain()} prints it, for example {@code count} or {@code sum}. */
  String name();

  /** The input expressions, bound to the aggregate's input batch. */
  List<Expression> inputs();

  DataType resultType();

  /** False guarantees the result is never null. */
  boolean nullable();

  /** The partial state's columns; their names are unique within the function. */
  List<StructField> stateFields();

  /** Fresh, empty state for this function; {@code context} decides ANSI overflow behaviour. */
  Accumulator newAccumulator(EvalContext context);

  /** The arguments {@link Accumulator#update} receives for {@code input}: by default every input, evaluated. */
  default ColumnVector[] evaluateInputs(Batch input, EvalContext context) {
    List<Expression> in = inputs();
    ColumnVector[] out = new ColumnVector[in.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = in.get(i).evaluate(input, context);
    }
    return out;
  }

  /** Spark's rendering, for example {@code sum(price)} or {@code count(DISTINCT a, b)}. */
  default String sql() {
    return name() + "(" + inputs().stream().map(Expression::sql).collect(Collectors.joining(", ")) + ")";
  }
}
