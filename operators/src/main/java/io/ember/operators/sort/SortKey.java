package io.ember.operators.sort;

import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;

/**
 * One sort key: an expression over the input, its direction and where nulls go. Spark's defaults: ascending
 * puts nulls first, descending puts nulls last ({@link #asc}, {@link #desc}).
 *
 * @param expression the value to sort by, evaluated over the input rows
 * @param ascending true for ascending order
 * @param nullsFirst true to put nulls before every value
 */
public record SortKey(Expression expression, boolean ascending, boolean nullsFirst) {
  /** Ascending, nulls first (Spark's {@code asc}). */
  public static SortKey asc(Expression expression) {
    return new SortKey(expression, true, true);
  }

  /** Descending, nulls last (Spark's {@code desc}). */
  public static SortKey desc(Expression expression) {
    return new SortKey(expression, false, false);
  }

  /** Input column {@code index} of {@code schema}, with Spark's default null placement for the direction. */
  public static SortKey column(StructType schema, int index, boolean ascending) {
    StructField f = schema.field(index);
    return new SortKey(new ColumnRef(index, f.name(), f.dataType(), f.nullable()), ascending, ascending);
  }

  /** Spark's rendering: {@code price DESC NULLS LAST}. */
  public String sql() {
    return expression.sql() + (ascending ? " ASC" : " DESC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
  }
}
