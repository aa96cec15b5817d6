package io.ember.api.sql;

import static io.ember.api.sql.SqlEndToEndTest.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A negative LIMIT or OFFSET is Spark's INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE, not a syntax error. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlNegativeLimitTest {
  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName(getClass().getSimpleName()).getOrCreate();
    session.createDataFrame(List.of(Row.of(1), Row.of(2), Row.of(3)),
        DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER))).createOrReplaceTempView("nl");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  @Test
  void negativeLimitIsAnAnalysisError() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> session.sql("SELECT id FROM nl LIMIT -1"));
    assertEquals("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", e.errorClass());
    assertTrue(e.getMessage().contains("The limit like expression \"-1\" is invalid. The limit expression must be"
        + " equal to or greater than 0, but got -1."), e.getMessage());
    assertEquals("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", assertThrows(AnalysisException.class,
        () -> session.sql("SELECT id FROM nl ORDER BY id\nlimit\n  - 20")).errorClass());
    AnalysisException offset = assertThrows(AnalysisException.class,
        () -> session.sql("SELECT id FROM nl ORDER BY id LIMIT 1 OFFSET -2"));
    assertTrue(offset.getMessage().contains("The offset like expression \"-2\""), offset.getMessage());
    assertEquals("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", assertThrows(AnalysisException.class,
        () -> session.sql("SELECT * FROM (SELECT id FROM nl LIMIT -3) x")).errorClass());
  }

  @Test
  void otherLimitsAndTextAreUnchanged() {
    assertEquals(List.of("[1]", "[2]"), sorted(session.sql("SELECT id FROM nl ORDER BY id LIMIT 2")));
    assertEquals(List.of("[limit -1]"), sorted(session.sql("SELECT 'limit -1' AS s FROM nl LIMIT 1")));
    assertEquals(List.of("[0]"), sorted(session.sql("SELECT id - 1 AS `limit` FROM nl ORDER BY id LIMIT 1")));
    assertEquals(ParseException.class,
        assertThrows(AnalysisException.class, () -> session.sql("SELECT id FROM nl LIMIT -x")).getClass());
  }
}
