package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code CASE WHEN c1 THEN v1 ... ELSE e END}: the first condition that is true (not false, not null)
 * picks its value; no match gives {@code elseValue}, or null when there is none. All values have
 * {@code dataType} (as {@link Expressions#caseWhen} arranges). As in Spark, each condition is evaluated
 * only on rows no earlier branch took, and each value only on the rows that take it, so a branch never
 * fails on a row it does not produce.
 */
public record CaseWhen(List<Expression> conditions, List<Expression> values, Expression elseValue, DataType dataType)
    implements Expression {
  public CaseWhen {
    conditions = List.copyOf(conditions);
    values = List.copyOf(values);
    if (conditions.size() != values.size() || conditions.isEmpty()) {
      throw new IllegalArgumentException("CASE WHEN needs as many values as conditions, and at least one");
    }
  }

  @Override
  public boolean nullable() {
    if (elseValue == null || elseValue.nullable()) {
      return true;
    }
    for (Expression v : values) {
      if (v.nullable()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<Expression> children() {
    List<Expression> c = new ArrayList<>();
    for (int k = 0; k < conditions.size(); k++) {
      c.add(conditions.get(k));
      c.add(values.get(k));
    }
    if (elseValue != null) {
      c.add(elseValue);
    }
    return c;
  }

  @Override
  public Expression withChildren(List<Expression> c) {
    List<Expression> conds = new ArrayList<>();
    List<Expression> vals = new ArrayList<>();
    for (int k = 0; k + 1 < c.size(); k += 2) {
      conds.add(c.get(k));
      vals.add(c.get(k + 1));
    }
    return new CaseWhen(conds, vals, c.size() % 2 == 1 ? c.get(c.size() - 1) : null, dataType);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext ctx) {
    int n = input.numRows();
    int branches = conditions.size();
    int[] choice = new int[n];
    java.util.Arrays.fill(choice, branches); // the else branch
    int[] open = new int[n];
    int openCount = n;
    for (int i = 0; i < n; i++) {
      open[i] = i;
    }
    for (int b = 0; b < branches && openCount > 0; b++) {
      BooleanVector c = (BooleanVector) VectorOps.evaluateRows(conditions.get(b), input, open, openCount, ctx);
      int still = 0;
      for (int k = 0; k < openCount; k++) {
        if (!c.isNull(k) && c.getBoolean(k)) {
          choice[open[k]] = b;
        } else {
          open[still++] = open[k];
        }
      }
      openCount = still;
    }
    ColumnVector[] parts = new ColumnVector[branches + 1];
    int[] pos = new int[n];
    for (int b = 0; b <= branches; b++) {
      Expression e = b < branches ? values.get(b) : elseValue;
      int[] rows = new int[n];
      int count = 0;
      for (int i = 0; i < n; i++) {
        if (choice[i] == b) {
          pos[i] = count;
          rows[count++] = i;
        }
      }
      if (e == null) {
        for (int k = 0; k < count; k++) {
          choice[rows[k]] = -1;
        }
      } else if (count > 0) {
        parts[b] = VectorOps.evaluateRows(e, input, rows, count, ctx);
      }
    }
    return VectorOps.gather(dataType, parts, choice, pos, n);
  }

  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder("CASE");
    for (int k = 0; k < conditions.size(); k++) {
      sb.append(" WHEN ").append(conditions.get(k).sql()).append(" THEN ").append(values.get(k).sql());
    }
    if (elseValue != null) {
      sb.append(" ELSE ").append(elseValue.sql());
    }
    return sb.append(" END").toString();
  }
}
