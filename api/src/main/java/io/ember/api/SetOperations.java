package io.ember.api;

import static io.ember.api.functions.array_repeat;
import static io.ember.api.functions.col;
import static io.ember.api.functions.explode;
import static io.ember.api.functions.lit;
import static io.ember.api.functions.sum;
import static io.ember.api.functions.when;

import io.ember.core.errors.AnalysisException;

/**
 * {@code INTERSECT [ALL]} and {@code EXCEPT [ALL]} of two DataFrames, planned with the existing operators as
 * Spark's {@code RewriteIntersectAll} / {@code RewriteExceptAll} do: the rows of both sides, each tagged
 * with a count column saying which side it came from, are unioned (matched by position, types widened as in
 * {@code union}) and aggregated over all columns, so rows compare null-safely (NULL equals NULL). The
 * aggregate keeps the rows present on both sides (intersect) or only on the left (except); the ALL forms then
 * replicate each row min(left count, right count) or (left count - right count) times with
 * {@code explode(array_repeat(..))}. Column names are the left side's.
 */
final class SetOperations {
  private static final String LEFT = "__set_left";
  private static final String RIGHT = "__set_right";
  private static final String REPLICA = "__set_replica";

  private SetOperations() {}

  /** {@code left INTERSECT [ALL] right}. */
  static DataFrame intersect(DataFrame left, DataFrame right, boolean all) {
    return apply(left, right, all ? "INTERSECT ALL" : "INTERSECT", true, all);
  }

  /** {@code left EXCEPT [ALL] right}. */
  static DataFrame except(DataFrame left, DataFrame right, boolean all) {
    return apply(left, right, all ? "EXCEPT ALL" : "EXCEPT", false, all);
  }

  /** The plan of {@link #intersect} ({@code intersect}) or {@link #except}. */
  static io.ember.api.logical.LogicalPlan plan(DataFrame left, DataFrame right, boolean intersect, boolean all) {
    return (intersect ? intersect(left, right, all) : except(left, right, all)).logicalPlan();
  }

  private static DataFrame apply(DataFrame left, DataFrame right, String op, boolean intersect, boolean all) {
    String[] names = left.columns();
    int rightWidth = right.columns().length;
    if (names.length != rightWidth) {
      throw new AnalysisException("NUM_COLUMNS_MISMATCH", op + " can only be performed on inputs with the same"
          + " number of columns, but the first input has " + names.length + " columns and the second input has "
          + rightWidth + " columns.");
    }
    String[] positional = new String[names.length];
    Column[] keys = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      positional[i] = "__set_c" + i;
      keys[i] = col(positional[i]);
    }
    DataFrame tagged = union(tag(left.toDF(positional), keys, 1L, 0L), tag(right.toDF(positional), keys, 0L, 1L), op);
    Column l = col(LEFT);
    Column r = col(RIGHT);
    DataFrame counted = tagged.groupBy(keys).agg(sum(LEFT).as(LEFT), sum(RIGHT).as(RIGHT));
    DataFrame kept = counted.filter(intersect ? l.gt(0).and(r.gt(0)) : l.gt(r));
    if (!all) {
      kept = intersect ? kept : kept.filter(r.equalTo(0));
    } else {
      Column times = intersect ? when(l.lt(r), l).otherwise(r) : l.minus(r);
      kept = kept.withColumn(REPLICA, explode(array_repeat(lit(true), times)));
    }
    return kept.select(keys).toDF(names);
  }

  /** The union of both, its types checked now so that an error names {@code op} as Spark's does. */
  private static DataFrame union(DataFrame left, DataFrame right, String op) {
    try {
      DataFrame union = left.union(right);
      union.schema();
      return union;
    } catch (AnalysisException e) {
      String prefix = "[INCOMPATIBLE_COLUMN_TYPE] UNION ";
      if (!"INCOMPATIBLE_COLUMN_TYPE".equals(e.errorClass()) || !e.getMessage().startsWith(prefix)) {
        throw e;
      }
      throw new AnalysisException("INCOMPATIBLE_COLUMN_TYPE", op + " " + e.getMessage().substring(prefix.length()));
    }
  }

  private static DataFrame tag(DataFrame side, Column[] keys, long left, long right) {
    Column[] cols = new Column[keys.length + 2];
    System.arraycopy(keys, 0, cols, 0, keys.length);
    cols[keys.length] = lit(left).as(LEFT);
    cols[keys.length + 1] = lit(right).as(RIGHT);
    return side.select(cols);
  }
}
