package io.ember.api.logical;

import io.ember.core.types.DataType;
import java.util.List;

/**
 * An expression as the user wrote it, before analysis: columns by name, functions by name. The analyzer
 * resolves it against a plan's schema into a bound {@link io.ember.core.expr.Expression}. Immutable records.
 *
 * <p>{@link #prettyName()} is the column name Spark gives an unaliased expression in a result
 * ({@code (a + 1)}, {@code upper(name)}, {@code count(1)}).
 */
public sealed interface LogicalExpr {
  List<LogicalExpr> children();

  /** Spark's automatic output name for this expression. */
  String prettyName();

  /**
   * A column by name. {@code name} may be qualified ({@code t.a}) or nested ({@code s.field}); {@code planId}
   * is the id of the DataFrame it was taken from with {@code df.col(..)} (null for {@code functions.col}),
   * used to tell apart equal names on the two sides of a join.
   */
  record UnresolvedColumn(String name, Long planId) implements LogicalExpr {
    @Override
    public List<LogicalExpr> children() {
      return List.of();
    }

    @Override
    public String prettyName() {
      int dot = name.lastIndexOf('.');
      return dot >= 0 && !name.startsWith("`") ? name.substring(dot + 1) : name.replace("`", "");
    }
  }

  /** {@code *} or {@code t.*}: every column (of the plan aliased {@code qualifier}, when not null). */
  record Star(String qualifier) implements LogicalExpr {
    @Override
    public List<LogicalExpr> children() {
      return List.of();
    }

    @Override
    public String prettyName() {
      return qualifier == null ? "*" : qualifier + ".*";
    }
  }

  /** A constant; {@code value} is a Java object as {@code ColumnVector.get} returns for {@code type}. */
  record LiteralValue(Object value, DataType type) implements LogicalExpr {
    @Override
    public List<LogicalExpr> children() {
      return List.of();
    }

    @Override
    public String prettyName() {
      if (value == null) {
        return "NULL";
      }
      return io.ember.core.data.ValueFormat.toDisplayString(value, type, java.time.ZoneOffset.UTC);
    }
  }

  /**
   * A call of a scalar or aggregate function by Spark's name ({@code upper}, {@code sum}, {@code explode});
   * {@code distinct} for {@code count(DISTINCT x)}. {@code count(*)} is {@code count} of a {@link Star}.
   */
  record Call(String name, List<LogicalExpr> args, boolean distinct) implements LogicalExpr {
    public Call {
      args = List.copyOf(args);
    }

    @Override
    public List<LogicalExpr> children() {
      return args;
    }

    @Override
    public String prettyName() {
      StringBuilder sb = new StringBuilder(name).append('(');
      if (distinct) {
        sb.append("DISTINCT ");
      }
      for (int i = 0; i < args.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        LogicalExpr a = args.get(i);
        sb.append(a instanceof Star && name.equalsIgnoreCase("count") ? "1" : a.prettyName());
      }
      return sb.append(')').toString();
    }
  }

  /** A built-in operator applied to {@code args} (one for unary, two for binary, value + list for IN). */
  record Operator(Op op, List<LogicalExpr> args) implements LogicalExpr {
    public Operator {
      args = List.copyOf(args);
    }

    @Override
    public List<LogicalExpr> children() {
      return args;
    }

    @Override
    public String prettyName() {
      return op.render(args.stream().map(LogicalExpr::prettyName).toList());
    }
  }

  /** {@code CAST(child AS to)}. */
  record Cast(LogicalExpr child, DataType to) implements LogicalExpr {
    @Override
    public List<LogicalExpr> children() {
      return List.of(child);
    }

    @Override
    public String prettyName() {
      return "CAST(" + child.prettyName() + " AS " + to.simpleString().toUpperCase(java.util.Locale.ROOT) + ")";
    }
  }

  /** {@code child AS name}. */
  record Alias(LogicalExpr child, String name) implements LogicalExpr {
    @Override
    public List<LogicalExpr> children() {
      return List.of(child);
    }

    @Override
    public String prettyName() {
      return name;
    }
  }

  /** {@code CASE WHEN c1 THEN v1 ... ELSE otherwise END}; {@code otherwise} may be null. */
  record CaseWhen(List<LogicalExpr> conditions, List<LogicalExpr> values, LogicalExpr otherwise) implements LogicalExpr {
    public CaseWhen {
      conditions = List.copyOf(conditions);
      values = List.copyOf(values);
    }

    @Override
    public List<LogicalExpr> children() {
      java.util.ArrayList<LogicalExpr> all = new java.util.ArrayList<>();
      for (int i = 0; i < conditions.size(); i++) {
        all.add(conditions.get(i));
        all.add(values.get(i));
      }
      if (otherwise != null) {
        all.add(otherwise);
      }
      return all;
    }

    @Override
    public String prettyName() {
      StringBuilder sb = new StringBuilder("CASE");
      for (int i = 0; i < conditions.size(); i++) {
        sb.append(" WHEN ").append(conditions.get(i).prettyName()).append(" THEN ").append(values.get(i).prettyName());
      }
      if (otherwise != null) {
        sb.append(" ELSE ").append(otherwise.prettyName());
      }
      return sb.append(" END").toString();
    }
  }

  /**
   * A user-defined function whose implementation the caller supplies: the analyzer resolves {@code args} and
   * asks {@code binder} for the bound expression. Its output name is {@code name(args)}, as Spark names UDF
   * columns.
   */
  record UserFunction(String name, List<LogicalExpr> args, UserFunctionBinder binder) implements LogicalExpr {
    public UserFunction {
      args = List.copyOf(args);
    }

    @Override
    public List<LogicalExpr> children() {
      return args;
    }

    @Override
    public String prettyName() {
      StringBuilder sb = new StringBuilder(name).append('(');
      for (int i = 0; i < args.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(args.get(i).prettyName());
      }
      return sb.append(')').toString();
    }
  }

  /** A sort key: {@code child ASC NULLS FIRST} and so on. Only valid in orderBy/sort. */
  record SortOrder(LogicalExpr child, boolean ascending, boolean nullsFirst) implements LogicalExpr {
    @Override
    public List<LogicalExpr> children() {
      return List.of(child);
    }

    @Override
    public String prettyName() {
      return child.prettyName() + (ascending ? " ASC" : " DESC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
    }
  }
}
