package io.ember.api.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Window functions in SQL ({@code OVER}); expected rows worked out by hand from Spark's semantics. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlWindowFunctionsTest {
  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName(getClass().getSimpleName()).getOrCreate();
    session.createDataFrame(List.of(
        Row.of(1, "alice", "eng", 100), Row.of(2, "bob", "eng", 80), Row.of(3, "carol", "ops", 70),
        Row.of(4, "dan", null, null), Row.of(5, "erin", "ops", 90)), SqlEndToEndTest.EMP_SCHEMA)
        .createOrReplaceTempView("wemp");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private List<List<Object>> rows(String sql) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : session.sql(sql).collectAsList()) {
      out.add(Arrays.asList(r.toArray()));
    }
    return out;
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void rankingOverPartitionsAndTheWholeTable() {
    assertEquals(List.of(row("alice", 1, 1), row("bob", 2, 3), row("carol", 2, 4), row("dan", 1, 5),
        row("erin", 1, 2)), rows("SELECT name, ROW_NUMBER() OVER (PARTITION BY dept ORDER BY salary DESC) AS rn,"
            + " RANK() OVER (ORDER BY salary DESC) AS r FROM wemp ORDER BY name"));
  }

  @Test
  void aggregatesOverRowsFramesPartitionsAndEverything() {
    assertEquals(List.of(row("alice", 180L, 2L, 85.0), row("bob", 80L, 2L, 85.0), row("carol", 70L, 2L, 85.0),
        row("dan", null, 1L, 85.0), row("erin", 160L, 2L, 85.0)), rows("SELECT name, SUM(salary) OVER (PARTITION BY"
            + " dept ORDER BY salary ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s, COUNT(*) OVER (PARTITION BY dept)"
            + " AS n, AVG(salary) OVER () AS a FROM wemp ORDER BY name"));
  }

  @Test
  void lagWithDefaultAndRangeFrameOfValues() {
    assertEquals(List.of(row("alice", 0, 190L), row("bob", 100, 240L), row("carol", 0, 150L), row("dan", 0, null),
        row("erin", 70, 270L)), rows("SELECT name, LAG(salary, 1, 0) OVER (PARTITION BY dept ORDER BY id) AS prev,"
            + " SUM(salary) OVER (ORDER BY salary RANGE BETWEEN 10 PRECEDING AND 10 FOLLOWING) AS near FROM wemp"
            + " ORDER BY name"));
  }

  @Test
  void filteringOnAWindowResultInAnOuterQuery() {
    assertEquals(List.of(row("alice"), row("carol"), row("dan")), rows("SELECT name FROM (SELECT name, ROW_NUMBER()"
        + " OVER (PARTITION BY dept ORDER BY id) AS rn FROM wemp) t WHERE rn = 1 ORDER BY name"));
  }

  @Test
  void windowsOverAnAggregationRunAfterItAndAfterHaving() {
    assertEquals(List.of(row(null, null, 3), row("eng", 180L, 1), row("ops", 160L, 2)), rows("SELECT dept,"
        + " SUM(salary) AS total, RANK() OVER (ORDER BY SUM(salary) DESC) AS r FROM wemp GROUP BY dept ORDER BY dept"));
    assertEquals(List.of(row("eng", 2L, 4L), row("ops", 2L, 4L)), rows("SELECT dept, COUNT(*) AS n,"
        + " SUM(COUNT(*)) OVER () AS all_rows FROM wemp GROUP BY dept HAVING COUNT(*) > 1 ORDER BY dept"));
    assertEquals(List.of(row("alice", 1), row("bob", 2), row("carol", 2), row("dan", 1), row("erin", 1)),
        rows("SELECT name, RANK() OVER (PARTITION BY dept ORDER BY MAX(salary) DESC) AS r FROM wemp"
            + " GROUP BY dept, name ORDER BY name"));
  }

  @Test
  void firstLastValueNtileAndAShortRowsFrame() {
    assertEquals(List.of(row("alice", 100, 80, 100L, 1), row("bob", 100, 80, 180L, 1), row("carol", 70, 90, 150L, 1),
        row("dan", null, null, 70L, 2), row("erin", 70, 90, 90L, 2)), rows("SELECT name, FIRST_VALUE(salary) OVER"
            + " (PARTITION BY dept ORDER BY id) AS f, LAST_VALUE(salary) OVER (PARTITION BY dept ORDER BY id ROWS"
            + " BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS l, SUM(salary) OVER (ORDER BY id ROWS 1"
            + " PRECEDING) AS s2, NTILE(2) OVER (ORDER BY id) AS t FROM wemp ORDER BY name"));
  }

  @Test
  void ignoreNullsSkipsNullValues() {
    assertEquals(List.of(row(1, 100, null), row(2, 80, 100), row(3, 70, 80), row(4, 70, 70), row(5, 90, 70)),
        rows("SELECT id, LAST_VALUE(salary) IGNORE NULLS OVER (ORDER BY id) AS l, LAG(salary) IGNORE NULLS OVER"
            + " (ORDER BY id) AS p FROM wemp ORDER BY id"));
  }

  @Test
  void windowFunctionWithoutOverIsAnError() {
    assertEquals("WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE", assertThrows(AnalysisException.class,
        () -> session.sql("SELECT ROW_NUMBER() FROM wemp").collectAsList()).errorClass());
  }
}
