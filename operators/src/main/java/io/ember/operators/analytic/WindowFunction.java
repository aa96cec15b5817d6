package io.ember.operators.analytic;

import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.operators.aggregate.AggregateFunction;
import java.util.Locale;

/**
 * One function a {@link WindowSpec} computes for every row, with Spark's semantics. Expressions are bound to
 * the operator's input. Immutable records.
 */
public sealed interface WindowFunction {
  DataType resultType();

  boolean nullable();

  /** Spark's rendering of the call, e.g. {@code row_number()} or {@code lag(x, 1, NULL)}. */
  String sql();

  /** The ranking functions, which take no argument and ignore the frame. */
  enum RankKind { ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST }

  /**
   * {@code row_number()} (1, 2, 3, ... in order), {@code rank()} (1 + the number of rows ordered strictly
   * before; ties share it, gaps follow), {@code dense_rank()} (ties share, no gaps), {@code percent_rank()}
   * ({@code (rank - 1) / (rows - 1)}, 0 for a one-row partition) and {@code cume_dist()} (rows ordered before
   * or tied with the current one, divided by the partition's rows).
   */
  record Ranking(RankKind kind) implements WindowFunction {
    @Override
    public DataType resultType() {
      return kind == RankKind.PERCENT_RANK || kind == RankKind.CUME_DIST ? DataTypes.DOUBLE : DataTypes.INTEGER;
    }

    @Override
    public boolean nullable() {
      return false;
    }

    @Override
    public String sql() {
      return kind.name().toLowerCase(Locale.ROOT) + "()";
    }
  }

  /**
   * {@code ntile(buckets)}: splits the partition, in order, into {@code buckets} groups numbered from 1 whose
   * sizes differ by at most one, the larger groups first (Spark's distribution).
   */
  record Ntile(int buckets) implements WindowFunction {
    @Override
    public DataType resultType() {
      return DataTypes.INTEGER;
    }

    @Override
    public boolean nullable() {
      return false;
    }

    @Override
    public String sql() {
      return "ntile(" + buckets + ")";
    }
  }

  /**
   * {@code lead(input, offset, default)} ({@code offset} positive) and {@code lag} ({@code offset} negative):
   * {@code input} at the row {@code offset} rows away in the partition's order, which may be null; when there
   * is no such row, {@code defaultValue} at the current row (of {@code input}'s type; null literal when none).
   * {@code ignoreNulls} counts only rows whose {@code input} is not null.
   */
  record Offset(Expression input, int offset, Expression defaultValue, boolean ignoreNulls) implements WindowFunction {
    @Override
    public DataType resultType() {
      return input.dataType();
    }

    @Override
    public boolean nullable() {
      return true;
    }

    @Override
    public String sql() {
      return (offset < 0 ? "lag(" : "lead(") + input.sql() + ", " + Math.abs(offset) + ", " + defaultValue.sql() + ")"
          + (ignoreNulls ? " IGNORE NULLS" : "");
    }
  }

  /** {@code nth_value(input, n, ignoreNulls)}: {@code input} at the {@code n}th row of the frame (1-based), else null. */
  record NthValue(Expression input, int n, boolean ignoreNulls, WindowFrame frame) implements WindowFunction {
    @Override
    public DataType resultType() {
      return input.dataType();
    }

    @Override
    public boolean nullable() {
      return true;
    }

    @Override
    public String sql() {
      return "nth_value(" + input.sql() + ", " + n + ")" + (ignoreNulls ? " ignore nulls" : "");
    }
  }

  /** An aggregate function over the rows of {@code frame}; an empty frame gives its empty-input result. */
  record Aggregate(AggregateFunction function, WindowFrame frame) implements WindowFunction {
    @Override
    public DataType resultType() {
      return function.resultType();
    }

    @Override
    public boolean nullable() {
      return function.nullable();
    }

    @Override
    public String sql() {
      return function.sql();
    }
  }
}
