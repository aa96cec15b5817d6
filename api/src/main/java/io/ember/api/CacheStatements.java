package io.ember.api;

import io.ember.api.sql.SqlCacheStatement;
import io.ember.core.errors.AnalysisException;

/**
 * Runs Spark's SQL cache statements over a session's catalog and cache, with Spark's semantics:
 * {@code CACHE TABLE name} caches a view now (it runs the view once to keep its rows; {@code LAZY} leaves that to the
 * first action over it), {@code CACHE TABLE name AS query} first makes the query a temporary view of that name,
 * {@code UNCACHE TABLE} drops a view's cached rows and {@code CLEAR CACHE} every cached DataFrame and view. Each
 * returns an empty DataFrame, as in Spark.
 */
final class CacheStatements {
  private CacheStatements() {}

  /**
   * Runs {@code statement} in {@code session}.
   *
   * @throws AnalysisException {@code TABLE_OR_VIEW_NOT_FOUND} for an unknown view (not with {@code IF EXISTS}),
   *     {@code TEMP_TABLE_OR_VIEW_ALREADY_EXISTS} when {@code CACHE TABLE name AS query} names an existing view
   */
  static DataFrame run(Session session, SqlCacheStatement statement) {
    Catalog catalog = session.catalog();
    switch (statement.kind()) {
      case CLEAR -> catalog.clearCache();
      case UNCACHE -> {
        if (!statement.ifExists() || catalog.tableExists(statement.name())) {
          catalog.uncacheTable(statement.name());
        }
      }
      case CACHE -> {
        if (statement.query() != null) {
          session.sql(statement.query()).createTempView(statement.name());
        }
        StorageLevel level = statement.storageLevel() == null ? StorageLevel.MEMORY_AND_DISK
            : StorageLevel.fromString(statement.storageLevel());
        catalog.cacheTable(statement.name(), level);
        if (!statement.lazy()) {
          session.table(statement.name()).count();
        }
      }
      default -> throw new IllegalStateException("Unknown cache statement " + statement.kind());
    }
    return session.emptyDataFrame();
  }
}
