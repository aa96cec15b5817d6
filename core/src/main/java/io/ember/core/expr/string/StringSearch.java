package io.ember.core.expr.string;

import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.StringVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.List;

/**
 * Searches {@code right} in {@code left} on the UTF-8 bytes: {@code contains}, {@code startswith},
 * {@code endswith} (boolean) and {@code instr} (the 1-based character position of the first
 * occurrence, 0 when absent). A null on either side gives null.
 */
public record StringSearch(Op op, Expression left, Expression right) implements Expression {
  /** The kind of search. */
  public enum Op {
    CONTAINS("contains"), STARTS_WITH("startswith"), ENDS_WITH("endswith"), INSTR("instr");

    final String sqlName;

    Op(String sqlName) {
      this.sqlName = sqlName;
    }
  }

  @Override
  public DataType dataType() {
    return op == Op.INSTR ? DataTypes.INTEGER : DataTypes.BOOLEAN;
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
    return new StringSearch(op, c.get(0), c.get(1));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    StringVector l = (StringVector) left.evaluate(input, context);
    StringVector r = (StringVector) right.evaluate(input, context);
    int n = input.numRows();
    boolean[] nulls = null;
    boolean[] found = new boolean[n];
    int[] positions = op == Op.INSTR ? new int[n] : null;
    byte[] lb = l.bytes();
    byte[] rb = r.bytes();
    for (int i = 0; i < n; i++) {
      if (l.isNull(i) || r.isNull(i)) {
        if (nulls == null) {
          nulls = new boolean[n];
        }
        nulls[i] = true;
        continue;
      }
      int from = l.start(i);
      int to = from + l.byteLength(i);
      int rFrom = r.start(i);
      int rLen = r.byteLength(i);
      switch (op) {
        case STARTS_WITH -> found[i] = rLen <= to - from && Utf8.regionEquals(lb, from, rb, rFrom, rLen);
        case ENDS_WITH -> found[i] = rLen <= to - from && Utf8.regionEquals(lb, to - rLen, rb, rFrom, rLen);
        case CONTAINS -> found[i] = Utf8.indexOf(lb, from, to, rb, rFrom, rLen, from) >= 0;
        case INSTR -> {
          int at = Utf8.indexOf(lb, from, to, rb, rFrom, rLen, from);
          positions[i] = at < 0 ? 0 : Utf8.numChars(lb, from, at) + 1;
        }
      }
    }
    return op == Op.INSTR
        ? new IntVector(DataTypes.INTEGER, positions, nulls, n)
        : new BooleanVector(found, nulls, n);
  }

  @Override
  public String sql() {
    return op.sqlName + "(" + left.sql() + ", " + right.sql() + ")";
  }
}
