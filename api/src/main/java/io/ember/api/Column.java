package io.ember.api;

import io.ember.core.types.DdlParser;
import io.ember.api.internal.Literals;
import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.Op;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A column expression of a {@link DataFrame}, as Spark's {@code Column}: built with {@link functions#col},
 * {@link DataFrame#col}, {@link functions#lit} and the operators below, resolved when a DataFrame uses it.
 * Immutable; every operator returns a new column. Arguments that are not columns are taken as literals
 * ({@link functions#lit}). {@link #toString()} is the name Spark gives the column in a result.
 */
public final class Column {
  private final LogicalExpr expr;

  public Column(LogicalExpr expr) {
    this.expr = Objects.requireNonNull(expr, "expr");
  }

  /** The column called {@code name}, as {@link functions#col}. */
  public Column(String name) {
    this(nameExpr(name, null));
  }

  static LogicalExpr nameExpr(String name, Long planId) {
    if (name.equals("*")) {
      return new LogicalExpr.Star(null);
    }
    if (name.endsWith(".*")) {
      return new LogicalExpr.Star(name.substring(0, name.length() - 2));
    }
    return new LogicalExpr.UnresolvedColumn(name, planId);
  }

  /** The unresolved expression this column wraps. */
  public LogicalExpr expr() {
    return expr;
  }

  /** A column for {@code value}: the value itself when it is a Column, else a literal. */
  static LogicalExpr toExpr(Object value) {
    return value instanceof Column c ? c.expr : Literals.of(value);
  }

  private Column op(Op op, Object... others) {
    List<LogicalExpr> args = new ArrayList<>(others.length + 1);
    args.add(expr);
    for (Object o : others) {
      args.add(toExpr(o));
    }
    return new Column(new LogicalExpr.Operator(op, args));
  }

  private Column call(String name, Object... others) {
    List<LogicalExpr> args = new ArrayList<>(others.length + 1);
    args.add(expr);
    for (Object o : others) {
      args.add(toExpr(o));
    }
    return new Column(new LogicalExpr.Call(name, args, false));
  }

  public Column plus(Object other) {
    return op(Op.ADD, other);
  }

  public Column minus(Object other) {
    return op(Op.SUBTRACT, other);
  }

  public Column multiply(Object other) {
    return op(Op.MULTIPLY, other);
  }

  public Column divide(Object other) {
    return op(Op.DIVIDE, other);
  }

  public Column mod(Object other) {
    return op(Op.REMAINDER, other);
  }

  public Column equalTo(Object other) {
    return op(Op.EQUAL, other);
  }

  public Column notEqual(Object other) {
    return op(Op.NOT_EQUAL, other);
  }

  public Column gt(Object other) {
    return op(Op.GREATER_THAN, other);
  }

  public Column geq(Object other) {
    return op(Op.GREATER_THAN_OR_EQUAL, other);
  }

  public Column lt(Object other) {
    return op(Op.LESS_THAN, other);
  }

  public Column leq(Object other) {
    return op(Op.LESS_THAN_OR_EQUAL, other);
  }

  /** Equality that is true for two nulls and false (never null) for one null: SQL's {@code <=>}. */
  public Column eqNullSafe(Object other) {
    return op(Op.NULL_SAFE_EQUAL, other);
  }

  public Column and(Column other) {
    return op(Op.AND, other);
  }

  public Column or(Column other) {
    return op(Op.OR, other);
  }

  public Column isNull() {
    return op(Op.IS_NULL);
  }

  public Column isNotNull() {
    return op(Op.IS_NOT_NULL);
  }

  /** True when this value equals one of {@code values} (SQL {@code IN}, null when no match and a null is involved). */
  public Column isin(Object... values) {
    return op(Op.IN, values);
  }

  /** {@code lower <= this <= upper}, both ends included. */
  public Column between(Object lowerBound, Object upperBound) {
    return op(Op.BETWEEN, lowerBound, upperBound);
  }

  /** SQL {@code LIKE} with {@code _} and {@code %} wildcards. */
  public Column like(String pattern) {
    return like(this, lit(pattern));
  }

  /** {@code like(str, pattern)}, named {@code str LIKE pattern} as Spark names it. */
  static Column like(Column str, Column pattern) {
    LogicalExpr call = new LogicalExpr.Call("like", List.of(str.expr, pattern.expr), false);
    return new Column(new LogicalExpr.Alias(call, str + " LIKE " + pattern));
  }

  private static Column lit(Object value) {
    return new Column(toExpr(value));
  }

  /** Matches the Java regular expression {@code regex} anywhere in the value. */
  public Column rlike(String regex) {
    return call("RLIKE", regex);
  }

  public Column contains(Object other) {
    return call("contains", other);
  }

  public Column startsWith(Object prefix) {
    return call("startswith", prefix);
  }

  public Column endsWith(Object suffix) {
    return call("endswith", suffix);
  }

  /** The substring from 1-based {@code startPos} of {@code length} characters. */
  public Column substr(int startPos, int length) {
    return call("substr", startPos, length);
  }

  public Column substr(Column startPos, Column length) {
    return call("substr", startPos, length);
  }

  /**
   * The value at {@code key}: for an array column the element at 0-based position {@code key}, for a map column the
   * value of key {@code key}, for a struct column field {@code key} (as Spark's {@code getItem}).
   */
  public Column getItem(Object key) {
    return op(Op.EXTRACT_VALUE, key);
  }

  /** Field {@code fieldName} of this struct column (as Spark's {@code getField}); named {@code s.fieldName}. */
  public Column getField(String fieldName) {
    return op(Op.EXTRACT_VALUE, fieldName);
  }

  /**
   * This struct with field {@code fieldName} set to {@code col} (replaced, or added after the others), as Spark's
   * {@code withField}; a dotted name ({@code "a.b"}) reaches into nested structs. A null struct stays null.
   */
  public Column withField(String fieldName, Column col) {
    return new Column(new LogicalExpr.Call(io.ember.api.analysis.StructUpdates.WITH_FIELD,
        List.of(expr, Literals.of(fieldName), col.expr), false));
  }

  /** This struct without the named fields (dotted names reach into nested structs), as Spark's {@code dropFields}. */
  public Column dropFields(String... fieldNames) {
    List<LogicalExpr> args = new ArrayList<>();
    args.add(expr);
    for (String f : fieldNames) {
      args.add(Literals.of(f));
    }
    return new Column(new LogicalExpr.Call(io.ember.api.analysis.StructUpdates.DROP_FIELDS, args, false));
  }

  /** As {@link #getItem}: Spark's {@code col(..).apply(key)}, {@code col("s")("f")} in Scala. */
  public Column apply(Object extraction) {
    return getItem(extraction);
  }

  public Column cast(DataType to) {
    return new Column(new LogicalExpr.Cast(expr, to));
  }

  /** Casts to a type named as in DDL: {@code int}, {@code string}, {@code decimal(10,2)}, {@code array<int>}. */
  public Column cast(String to) {
    return cast(DdlParser.parseType(to));
  }

  /** This column named {@code alias}. */
  public Column alias(String alias) {
    return new Column(new LogicalExpr.Alias(unaliased(), alias));
  }

  public Column as(String alias) {
    return alias(alias);
  }

  /**
   * Names each column of a generator: {@code explode(map).alias("k", "v")}, {@code posexplode(arr).as("p", "x")}
   * (Spark's multi-alias, SQL's {@code AS (k, v)}). One name is {@link #alias(String)}.
   */
  public Column alias(String... aliases) {
    return aliases.length == 1 ? alias(aliases[0])
        : new Column(new LogicalExpr.MultiAlias(unaliased(), java.util.List.of(aliases)));
  }

  /** As {@link #alias(String...)}. */
  public Column as(String[] aliases) {
    return alias(aliases);
  }

  public Column name(String alias) {
    return alias(alias);
  }

  private LogicalExpr unaliased() {
    return expr instanceof LogicalExpr.Alias a ? a.child() : expr instanceof LogicalExpr.MultiAlias m ? m.child() : expr;
  }

  public Column asc() {
    return sortOrder(true, true);
  }

  public Column asc_nulls_first() {
    return sortOrder(true, true);
  }

  public Column asc_nulls_last() {
    return sortOrder(true, false);
  }

  public Column desc() {
    return sortOrder(false, false);
  }

  public Column desc_nulls_first() {
    return sortOrder(false, true);
  }

  public Column desc_nulls_last() {
    return sortOrder(false, false);
  }

  /**
   * This window function ({@link functions#row_number()}, {@link functions#lag(Column, int)}, ...) or aggregate
   * computed over {@code window} for every row, as Spark's {@code over}.
   */
  public Column over(io.ember.api.expressions.WindowSpec window) {
    return new Column(new LogicalExpr.WindowExpression(unaliased(), window.definition()));
  }

  /** Over the whole input as one partition, as Spark's {@code over()}. */
  public Column over() {
    return new Column(new LogicalExpr.WindowExpression(unaliased(), LogicalExpr.WindowDefinition.EMPTY));
  }

  private Column sortOrder(boolean ascending, boolean nullsFirst) {
    LogicalExpr child = expr instanceof LogicalExpr.SortOrder s ? s.child() : expr;
    return new Column(new LogicalExpr.SortOrder(child, ascending, nullsFirst));
  }

  /**
   * Adds a branch to a {@code CASE WHEN} started by {@link functions#when}.
   *
   * @throws EmberIllegalArgumentException when this column is not such a {@code when} or already has an
   *     {@code otherwise}
   */
  public Column when(Column condition, Object value) {
    LogicalExpr.CaseWhen cw = openCaseWhen("when");
    List<LogicalExpr> conditions = new ArrayList<>(cw.conditions());
    List<LogicalExpr> values = new ArrayList<>(cw.values());
    conditions.add(condition.expr);
    values.add(toExpr(value));
    return new Column(new LogicalExpr.CaseWhen(conditions, values, null));
  }

  /**
   * The value of a {@code CASE WHEN} when no branch matches (null without it).
   *
   * @throws EmberIllegalArgumentException when this column is not a {@code when} or already has an
   *     {@code otherwise}
   */
  public Column otherwise(Object value) {
    LogicalExpr.CaseWhen cw = openCaseWhen("otherwise");
    return new Column(new LogicalExpr.CaseWhen(cw.conditions(), cw.values(), toExpr(value)));
  }

  private LogicalExpr.CaseWhen openCaseWhen(String method) {
    if (!(expr instanceof LogicalExpr.CaseWhen cw)) {
      throw new EmberIllegalArgumentException(
          "INVALID_WHEN_USAGE", method + "() can only be applied on a Column previously generated by when() function,"
              + " e.g. when(col(\"a\").gt(1), \"big\")." + method + "(...); got " + this + ".");
    }
    if (cw.otherwise() != null) {
      throw new EmberIllegalArgumentException(
          "INVALID_WHEN_USAGE", method + "() cannot be applied once otherwise() is applied.");
    }
    return cw;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Column c && c.expr.equals(expr);
  }

  @Override
  public int hashCode() {
    return expr.hashCode();
  }

  /** Spark's name for this column in a result: {@code (a + 1)}, {@code upper(name)}, {@code count(1)}. */
  @Override
  public String toString() {
    return expr.prettyName();
  }
}
