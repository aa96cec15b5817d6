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
      if (value instanceof byte[] b) {
        return "X'" + java.util.HexFormat.of().withUpperCase().formatHex(b) + "'";
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

  /**
   * {@code generator AS (n1, n2, ...)} ({@code Column.alias(String...)}): names for each column of a generator
   * ({@code explode} of a map, {@code posexplode}, {@code inline}, {@code json_tuple}). Only valid on a generator.
   */
  record MultiAlias(LogicalExpr child, List<String> names) implements LogicalExpr {
    public MultiAlias {
      names = List.copyOf(names);
    }

    @Override
    public List<LogicalExpr> children() {
      return List.of(child);
    }

    @Override
    public String prettyName() {
      return String.join(", ", names);
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

  /**
   * {@code function OVER (window)}: a ranking or offset function ({@code row_number}, {@code lag}, ...) or an
   * aggregate computed for every row over its window. The analyzer extracts these into window steps.
   */
  record WindowExpression(LogicalExpr function, WindowDefinition window) implements LogicalExpr {
    @Override
    public List<LogicalExpr> children() {
      java.util.ArrayList<LogicalExpr> all = new java.util.ArrayList<>();
      all.add(function);
      all.addAll(window.partitionBy());
      all.addAll(window.orderBy());
      return all;
    }

    @Override
    public String prettyName() {
      return function.prettyName() + " OVER (" + window.render(function) + ")";
    }
  }

  /**
   * A window specification: partition expressions, order within the partition, and the frame ({@code null}:
   * Spark's default for the function, see {@link WindowDefinition#defaultFrame}).
   */
  record WindowDefinition(List<LogicalExpr> partitionBy, List<SortOrder> orderBy,
      io.ember.operators.analytic.WindowFrame frame) {
    public WindowDefinition {
      partitionBy = List.copyOf(partitionBy);
      orderBy = List.copyOf(orderBy);
    }

    /** The window without partitioning, order or frame: the whole input, one partition. */
    public static final WindowDefinition EMPTY = new WindowDefinition(List.of(), List.of(), null);

    /**
     * Spark's default frame: the ranking and offset functions' own ROWS UNBOUNDED PRECEDING .. CURRENT ROW;
     * for the others RANGE UNBOUNDED PRECEDING .. CURRENT ROW (ties included) with an order, else the whole
     * partition.
     */
    public io.ember.operators.analytic.WindowFrame defaultFrame(boolean rankingOrOffset) {
      if (rankingOrOffset) {
        return io.ember.operators.analytic.WindowFrame.ROWS_TO_CURRENT;
      }
      return orderBy.isEmpty() ? io.ember.operators.analytic.WindowFrame.WHOLE_PARTITION
          : io.ember.operators.analytic.WindowFrame.RUNNING;
    }

    /** Spark's text inside {@code OVER (...)}, frame included. */
    public String render(LogicalExpr function) {
      java.util.StringJoiner parts = new java.util.StringJoiner(" ");
      if (!partitionBy.isEmpty()) {
        parts.add("PARTITION BY " + String.join(", ", partitionBy.stream().map(LogicalExpr::prettyName).toList()));
      }
      if (!orderBy.isEmpty()) {
        parts.add("ORDER BY " + String.join(", ", orderBy.stream().map(LogicalExpr::prettyName).toList()));
      }
      boolean ranking = function instanceof Call c && WINDOW_ONLY.contains(c.name().toLowerCase(java.util.Locale.ROOT));
      parts.add((frame != null ? frame : defaultFrame(ranking)).sql());
      return parts.toString();
    }
  }

  /**
   * A subquery used as an expression (SQL only): a scalar subquery {@code (SELECT max(b) FROM t2)}, an
   * {@code EXISTS (SELECT ...)}, or {@code values IN (SELECT ...)} (one value per column of the subquery). The
   * subquery may refer to columns of the enclosing query (a correlated subquery); the analyzer rewrites it into
   * a join, as Spark's optimizer does. {@code id} names the columns that join adds. Its {@link #children()}
   * are the {@code values} only: the subquery is resolved on its own.
   */
  record SubqueryExpression(Kind kind, List<LogicalExpr> values, LogicalPlan plan, long id) implements LogicalExpr {
    /** What the subquery computes. */
    public enum Kind { SCALAR, EXISTS, IN }

    public SubqueryExpression {
      values = List.copyOf(values);
    }

    @Override
    public List<LogicalExpr> children() {
      return values;
    }

    /** A copy with other {@code values}. */
    public SubqueryExpression withValues(List<LogicalExpr> newValues) {
      return new SubqueryExpression(kind, newValues, plan, id);
    }

    @Override
    public String prettyName() {
      return switch (kind) {
        case SCALAR -> "scalarsubquery()";
        case EXISTS -> "exists()";
        case IN -> "(" + (values.size() == 1 ? values.get(0).prettyName()
            : "named_struct(" + String.join(", ", values.stream().map(LogicalExpr::prettyName).toList()) + ")")
            + " IN (listquery()))";
      };
    }
  }

  /** Functions that exist only over a window (without OVER they are Spark's WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE). */
  java.util.Set<String> WINDOW_ONLY = java.util.Set.of("row_number", "rank", "dense_rank", "percent_rank",
      "cume_dist", "ntile", "lag", "lead", "nth_value");
}
