package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.List;

/**
 * {@code left op right} for two children of one type (as {@link Expressions} arranges). Null when
 * either side is null, except {@code <=>}, which is never null and treats two nulls as equal. Doubles
 * compare as Spark's: {@code NaN = NaN} and NaN is greater than any other value; {@code -0.0 = 0.0}.
 * Strings compare on their UTF-8 bytes.
 */
public record Comparison(Op op, Expression left, Expression right) implements Expression {
  /** The comparison and its SQL symbol. */
  public enum Op {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    NULL_SAFE_EQ("<=>");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    boolean test(int c) {
      return switch (this) {
        case EQ, NULL_SAFE_EQ -> c == 0;
        case NE -> c != 0;
        case LT -> c < 0;
        case LE -> c <= 0;
        case GT -> c > 0;
        case GE -> c >= 0;
      };
    }
  }

  @Override
  public DataType dataType() {
    return DataTypes.BOOLEAN;
  }

  @Override
  public boolean nullable() {
    return op != Op.NULL_SAFE_EQ && (left.nullable() || right.nullable());
  }

  @Override
  public List<Expression> children() {
    return List.of(left, right);
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    return new Comparison(op, c.get(0), c.get(1));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    ColumnVector l = left.evaluate(input, ctx);
    ColumnVector r = right.evaluate(input, ctx);
    int n = input.numRows();
    int[] cmp = compare(l, r, n);
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = op.test(cmp[i]);
    }
    if (op == Op.NULL_SAFE_EQ) {
      if (l.mayHaveNulls() || r.mayHaveNulls()) {
        for (int i = 0; i < n; i++) {
          boolean ln = l.isNull(i);
          boolean rn = r.isNull(i);
          if (ln || rn) {
            out[i] = ln && rn;
          }
        }
      }
      return new BooleanVector(out, null, n);
    }
    return VectorOps.booleans(out, VectorOps.unionNulls(l, r, n), n);
  }

  /** Per row: negative, zero or positive as {@code l} orders before, equal to or after {@code r} (null rows: any). */
  static int[] compare(ColumnVector l, ColumnVector r, int n) {
    int[] c = new int[n];
    if (l instanceof IntVector li && r instanceof IntVector ri) {
      int[] a = li.values();
      int[] b = ri.values();
      for (int i = 0; i < n; i++) {
        c[i] = Integer.compare(a[i], b[i]);
      }
    } else if (l instanceof LongVector ll && r instanceof LongVector rl) {
      long[] a = ll.values();
      long[] b = rl.values();
      for (int i = 0; i < n; i++) {
        c[i] = Long.compare(a[i], b[i]);
      }
    } else if (l instanceof DoubleVector ld && r instanceof DoubleVector rd) {
      double[] a = ld.values();
      double[] b = rd.values();
      for (int i = 0; i < n; i++) {
        double x = a[i];
        double y = b[i];
        c[i] = x < y ? -1 : x > y ? 1 : Double.compare(x == 0.0 ? 0.0 : x, y == 0.0 ? 0.0 : y);
      }
    } else {
      for (int i = 0; i < n; i++) {
        if (!l.isNull(i) && !r.isNull(i)) {
          c[i] = l.compareAt(i, r, i);
        }
      }
    }
    return c;
  }

  @Override
  public String sql() {
    return "(" + left.sql() + " " + op.symbol + " " + right.sql() + ")";
  }
}
