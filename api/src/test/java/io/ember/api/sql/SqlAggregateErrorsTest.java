package io.ember.api.sql;

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

/** Errors of aggregate queries name the real problem: an unknown function before a column that is not grouped. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlAggregateErrorsTest {
  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[1]").appName(getClass().getSimpleName()).getOrCreate();
    session.createDataFrame(List.of(Row.of(1, "a"), Row.of(1, "b"), Row.of(2, "c")),
        DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER), DataTypes.field("s", DataTypes.STRING)))
        .createOrReplaceTempView("g");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  @Test
  void anUnknownFunctionIsReportedAsSuchWithASuggestion() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> session.sql("SELECT k, uper(s) AS x FROM g GROUP BY k"));
    assertEquals("UNRESOLVED_ROUTINE", e.errorClass());
    assertTrue(e.getMessage().contains("`upper`"), e.getMessage());
  }

  @Test
  void aColumnNeitherGroupedNorAggregatedIsStillMissingAggregation() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> session.sql("SELECT k, upper(s) AS x FROM g GROUP BY k"));
    assertEquals("MISSING_AGGREGATION", e.errorClass());
    assertEquals(List.of(Row.of(1, 2L, "B")), session.sql(
        "SELECT k, count(*), upper(max(s)) FROM g GROUP BY k HAVING k = 1").collectAsList());
  }
}
