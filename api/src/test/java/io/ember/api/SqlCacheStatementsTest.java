package io.ember.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.sql.ParseException;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Spark's SQL statements CACHE [LAZY] TABLE, UNCACHE TABLE [IF EXISTS] and CLEAR CACHE. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlCacheStatementsTest {
  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName(getClass().getSimpleName()).getOrCreate();
    session.createDataFrame(List.of(Row.of(1, "a"), Row.of(2, "b"), Row.of(3, "c")),
        DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER), DataTypes.field("s", DataTypes.STRING)))
        .createOrReplaceTempView("cv");
  }

  @BeforeEach
  void clear() {
    session.catalog().clearCache();
    session.catalog().dropTempView("cq");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private boolean materialized(String view) {
    return session.cacheManager().isMaterialized(session.table(view).queryExecution().analyzed());
  }

  @Test
  void cacheTableKeepsTheRowsNowAndLazyOnFirstUse() {
    DataFrame result = session.sql("CACHE TABLE cv");
    assertEquals(0, result.columns().length);
    assertEquals(List.of(), result.collectAsList());
    assertTrue(session.catalog().isCached("cv"));
    assertTrue(materialized("cv"));
    session.sql("UNCACHE TABLE cv");
    assertFalse(session.catalog().isCached("cv"));

    session.sql("cache lazy table `cv`");
    assertTrue(session.catalog().isCached("cv"));
    assertFalse(materialized("cv"));
    assertEquals(3L, session.sql("SELECT * FROM cv").count());
    assertTrue(materialized("cv"));
  }

  @Test
  void cacheTableAsQueryMakesACachedViewWithTheGivenStorageLevel() {
    session.sql("CACHE TABLE cq OPTIONS ('storageLevel' 'MEMORY_ONLY') AS SELECT id * 10 AS x FROM cv WHERE id > 1");
    assertTrue(session.catalog().isCached("cq"));
    assertEquals(StorageLevel.MEMORY_ONLY, session.table("cq").storageLevel());
    assertEquals(List.of(Row.of(20), Row.of(30)), session.sql("SELECT x FROM cq ORDER BY x").collectAsList());
    AnalysisException exists = assertThrows(AnalysisException.class,
        () -> session.sql("CACHE TABLE cq SELECT 1"));
    assertEquals("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", exists.errorClass());
  }

  @Test
  void uncacheAndClearCache() {
    session.sql("CACHE LAZY TABLE cv");
    session.sql("CLEAR CACHE");
    assertFalse(session.catalog().isCached("cv"));
    session.sql("UNCACHE TABLE IF EXISTS nowhere");
    AnalysisException missing = assertThrows(AnalysisException.class, () -> session.sql("UNCACHE TABLE nowhere"));
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", missing.errorClass());
    AnalysisException unknown = assertThrows(AnalysisException.class, () -> session.sql("CACHE TABLE nowhere"));
    assertEquals("TABLE_OR_VIEW_NOT_FOUND", unknown.errorClass());
    ParseException bad = assertThrows(ParseException.class, () -> session.sql("CACHE cv"));
    assertEquals(1, bad.line());
  }
}
