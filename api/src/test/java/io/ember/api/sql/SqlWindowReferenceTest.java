package io.ember.api.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Spark's {@code WINDOW w2 AS w1}: a named window defined as another, without parentheses. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlWindowReferenceTest {
  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[1]").appName(getClass().getSimpleName()).getOrCreate();
    session.createDataFrame(List.of(Row.of(1, 10), Row.of(1, 20), Row.of(2, 5)),
        DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER), DataTypes.field("v", DataTypes.INTEGER)))
        .createOrReplaceTempView("wr");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  @Test
  void aWindowDefinedAsAnotherWithoutParentheses() {
    String expected = session.sql("SELECT k, v, rank() OVER w1 AS r, sum(v) OVER w1 AS s FROM wr"
        + " WINDOW w1 AS (PARTITION BY k ORDER BY v) ORDER BY k, v").collectAsList().toString();
    assertEquals(expected, session.sql("SELECT k, v, rank() OVER w2 AS r, sum(v) OVER w3 AS s FROM wr"
        + " WINDOW w1 AS (PARTITION BY k ORDER BY v), w2 AS w1, w3 AS `w2` ORDER BY k, v").collectAsList().toString());
    assertEquals(List.of(Row.of(1, 10, 1), Row.of(1, 20, 2), Row.of(2, 5, 1)), session.sql("SELECT k, v,"
        + " row_number() OVER w AS n FROM wr WINDOW base AS (PARTITION BY k ORDER BY v), w AS base ORDER BY k, v")
        .collectAsList());
  }
}
