package io.ember.operators.testkit;

import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.List;

/** Small expressions for operator tests, independent of the function library. */
public final class TestExprs {
  private TestExprs() {}

  public static ColumnRef col(StructType schema, int index) {
    return new ColumnRef(index, schema.field(index).name(), schema.field(index).dataType(), schema.field(index).nullable());
  }

  public static ColumnRef col(StructType schema, String name) {
    return col(schema, schema.requireIndex(name));
  }

  public static Literal lit(int v) {
    return new Literal(v, DataTypes.INTEGER);
  }

  public static Expression cmp(String op, Expression l, Expression r) {
    return new Compare(op, l, r);
  }

  public static Expression plus(Expression l, Expression r) {
    return new PlusInts(l, r);
  }

  /** A comparison of two values of one type, with SQL null propagation; {@code op} is one of = != < <= > >=. */
  public record Compare(String op, Expression left, Expression right) implements Expression {
    @Override
    public DataType dataType() {
      return DataTypes.BOOLEAN;
    }

    @Override
    public boolean nullable() {
      return left.nullable() || right.nullable();
    }

    @Override
    public List<Expression> children() {
      return List.of(left, right);
    }

    @Override
    public Expression withChildren(List<Expression> c) {
      return new Compare(op, c.get(0), c.get(1));
    }

    @Override
    public ColumnVector evaluate(Batch input, EvalContext context) {
      ColumnVector a = left.evaluate(input, context);
      ColumnVector b = right.evaluate(input, context);
      int n = input.numRows();
      boolean[] values = new boolean[n];
      boolean[] nulls = new boolean[n];
      boolean any = false;
      for (int i = 0; i < n; i++) {
        if (a.isNull(i) || b.isNull(i)) {
          nulls[i] = true;
          any = true;
          continue;
        }
        int c = a.compareAt(i, b, i);
        values[i] = switch (op) {
          case "=" -> c == 0;
          case "!=" -> c != 0;
          case "<" -> c < 0;
          case "<=" -> c <= 0;
          case ">" -> c > 0;
          case ">=" -> c >= 0;
          default -> throw new IllegalArgumentException(op);
        };
      }
      return new BooleanVector(values, any ? nulls : null, n);
    }

    @Override
    public String sql() {
      return "(" + left.sql() + " " + op + " " + right.sql() + ")";
    }
  }

  /** Integer addition with null propagation. */
  public record PlusInts(Expression left, Expression right) implements Expression {
    @Override
    public DataType dataType() {
      return DataTypes.INTEGER;
    }

    @Override
    public boolean nullable() {
      return left.nullable() || right.nullable();
    }

    @Override
    public List<Expression> children() {
      return List.of(left, right);
    }

    @Override
    public Expression withChildren(List<Expression> c) {
      return new PlusInts(c.get(0), c.get(1));
    }

    @Override
    public ColumnVector evaluate(Batch input, EvalContext context) {
      ColumnVector a = left.evaluate(input, context);
      ColumnVector b = right.evaluate(input, context);
      int n = input.numRows();
      int[] values = new int[n];
      boolean[] nulls = new boolean[n];
      boolean any = false;
      for (int i = 0; i < n; i++) {
        if (a.isNull(i) || b.isNull(i)) {
          nulls[i] = true;
          any = true;
        } else {
          values[i] = ((IntVector) a).getInt(i) + ((IntVector) b).getInt(i);
        }
      }
      return new IntVector(DataTypes.INTEGER, values, any ? nulls : null, n);
    }

    @Override
    public String sql() {
      return "(" + left.sql() + " + " + right.sql() + ")";
    }
  }
}
