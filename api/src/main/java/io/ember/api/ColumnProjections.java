package io.ember.api;

import io.ember.api.logical.LogicalExpr;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The projections behind a {@link DataFrame}'s column operations ({@link DataFrame#withColumns},
 * {@link DataFrame#withColumnRenamed}, {@link DataFrame#toDF}, {@link DataFrame#drop(String...)}): each returns the
 * expressions of the projection that gives the operation's result over the DataFrame's output, or null when the
 * operation leaves the DataFrame as it is. Column names are compared as the DataFrame compares them (the session's
 * case sensitivity, {@link DataFrame#sameName}).
 */
final class ColumnProjections {
  private final DataFrame df;

  ColumnProjections(DataFrame df) {
    this.df = df;
  }

  /**
   * Adds or replaces the columns of {@code colsMap}, in the map's order: a replaced column keeps its place, new ones
   * come last.
   *
   * @throws AnalysisException {@code COLUMN_ALREADY_EXISTS} when the map names a column twice
   */
  List<LogicalExpr> withColumns(Map<String, Column> colsMap) {
    List<String> names = new ArrayList<>(colsMap.keySet());
    for (int i = 0; i < names.size(); i++) {
      for (int j = i + 1; j < names.size(); j++) {
        if (df.sameName(names.get(i), names.get(j))) {
          throw new AnalysisException(
              "COLUMN_ALREADY_EXISTS", "The column `" + names.get(j) + "` already exists. Choose another name or rename"
                  + " the existing column.");
        }
      }
    }
    List<LogicalExpr> projections = new ArrayList<>();
    boolean[] used = new boolean[names.size()];
    if (names.stream().noneMatch(n -> df.indexOf(n) >= 0)) {
      // Only new columns: keep the existing ones through *, which also keeps equal names apart (after a join).
      projections.add(new LogicalExpr.Star(null));
    } else {
      for (String existing : df.schema().fieldNames()) {
        int match = -1;
        for (int i = 0; i < names.size() && match < 0; i++) {
          match = df.sameName(existing, names.get(i)) ? i : -1;
        }
        if (match >= 0) {
          used[match] = true;
          projections.add(colsMap.get(names.get(match)).alias(names.get(match)).expr());
        } else {
          projections.add(DataFrame.ref(existing));
        }
      }
    }
    for (int i = 0; i < names.size(); i++) {
      if (!used[i]) {
        projections.add(colsMap.get(names.get(i)).alias(names.get(i)).expr());
      }
    }
    return projections;
  }

  /** Renames column {@code existingName} to {@code newName}; null when there is no such column. */
  List<LogicalExpr> renamed(String existingName, String newName) {
    List<LogicalExpr> projections = new ArrayList<>();
    boolean found = false;
    for (String existing : df.schema().fieldNames()) {
      if (df.sameName(existing, existingName)) {
        found = true;
        projections.add(new LogicalExpr.Alias(DataFrame.ref(existing), newName));
      } else {
        projections.add(DataFrame.ref(existing));
      }
    }
    return found ? projections : null;
  }

  /**
   * Renames every column, in order.
   *
   * @throws EmberIllegalArgumentException when the number of names differs from the number of columns
   */
  List<LogicalExpr> renamedAll(String... colNames) {
    List<String> existing = df.schema().fieldNames();
    if (colNames.length != existing.size()) {
      throw new EmberIllegalArgumentException(
          "INVALID_PARAMETER_VALUE.TO_DF", "The number of columns doesn't match. Old column names (" + existing.size()
              + "): " + String.join(", ", existing) + ". New column names (" + colNames.length + "): "
              + String.join(", ", colNames) + ".");
    }
    List<LogicalExpr> projections = new ArrayList<>();
    for (int i = 0; i < colNames.length; i++) {
      projections.add(new LogicalExpr.Alias(DataFrame.ref(existing.get(i)), colNames[i]));
    }
    return projections;
  }

  /** Drops the named columns; names that do not exist are ignored. Null when none exists. */
  List<LogicalExpr> dropped(String... colNames) {
    List<LogicalExpr> projections = new ArrayList<>();
    List<String> existing = df.schema().fieldNames();
    for (String name : existing) {
      if (Arrays.stream(colNames).noneMatch(d -> df.sameName(name, d))) {
        projections.add(DataFrame.ref(name));
      }
    }
    return projections.size() == existing.size() ? null : projections;
  }
}
