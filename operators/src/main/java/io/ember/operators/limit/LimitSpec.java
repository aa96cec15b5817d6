package io.ember.operators.limit;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;

/**
 * Skips the first {@code offset} rows, passes the next {@code limit} rows, and drops every row after them
 * (it cannot stop its upstream; the rows are just not emitted). Its state is the number of rows seen, so
 * that a restored instance continues counting. Run it at parallelism 1 after a gather for a global limit.
 *
 * @param schema the schema of input and output
 * @param limit how many rows to pass, at least 0
 * @param offset how many rows to skip first, at least 0
 * @param perEpoch in a stream, whether the count starts over at every end of epoch (a limit over a complete
 *     mode result, which is the whole result again in every epoch); otherwise the limit holds over the whole
 *     stream, as Spark's streaming global limit
 */
public record LimitSpec(StructType schema, long limit, long offset, boolean perEpoch) implements OperatorSpec {
  public LimitSpec {
    if (limit < 0) {
      throw new EmberIllegalArgumentException(
          "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE",
          "The limit like expression \"" + limit + "\" is invalid. The limit expression must be equal to or greater"
              + " than 0, but got " + limit + ".");
    }
    if (offset < 0) {
      throw new EmberIllegalArgumentException(
          "INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE",
          "The limit like expression \"" + offset + "\" is invalid. The offset expression must be equal to or"
              + " greater than 0, but got " + offset + ".");
    }
  }

  /** A limit over the whole input. */
  public LimitSpec(StructType schema, long limit, long offset) {
    this(schema, limit, offset, false);
  }

  /** A limit without offset. */
  public LimitSpec(StructType schema, long limit) {
    this(schema, limit, 0);
  }

  @Override
  public Operator create() {
    return new LimitOperator(limit, offset, perEpoch);
  }

  @Override
  public StructType outputSchema() {
    return schema;
  }

  @Override
  public String explain() {
    return "Limit(" + limit + (offset == 0 ? "" : ", offset=" + offset) + (perEpoch ? ", perEpoch" : "") + ")";
  }
}
