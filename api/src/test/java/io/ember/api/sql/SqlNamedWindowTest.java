package io.ember.api.sql;

import static io.ember.api.sql.SqlEndToEndTest.ordered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Named windows: {@code OVER w} with {@code WINDOW w AS (...)}, and windows refining a named one. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlNamedWindowTest {
  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName(getClass().getSimpleName()).getOrCreate();
    session.createDataFrame(List.of(
        Row.of(1, "alice", "eng", 100), Row.of(2, "bob", "eng", 80), Row.of(3, "carol", "ops", 70),
        Row.of(4, "dan", null, null), Row.of(5, "erin", "ops", 90), Row.of(6, "fay", "eng", 80)),
        SqlEndToEndTest.EMP_SCHEMA).createOrReplaceTempView("nw");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private List<String> rows(String sql) {
    return ordered(session.sql(sql));
  }

  @Test
  void aNamedWindowIsTheInlineWindow() {
    List<String> named = rows("SELECT name, rank() OVER w AS r, sum(salary) OVER w AS s FROM nw"
        + " WINDOW w AS (PARTITION BY dept ORDER BY salary DESC) ORDER BY name");
    assertEquals(rows("SELECT name, rank() OVER (PARTITION BY dept ORDER BY salary DESC) AS r,"
        + " sum(salary) OVER (PARTITION BY dept ORDER BY salary DESC) AS s FROM nw ORDER BY name"), named);
    assertEquals(List.of("[alice,1,100]", "[bob,2,260]", "[carol,2,160]", "[dan,1,null]", "[erin,1,90]",
        "[fay,2,260]"), named);
  }

  @Test
  void windowsRefiningANamedWindow() {
    assertEquals(rows("SELECT name, sum(salary) OVER (PARTITION BY dept ORDER BY id ROWS BETWEEN 1 PRECEDING AND"
            + " CURRENT ROW) AS s FROM nw ORDER BY name"),
        rows("SELECT name, sum(salary) OVER (w ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s FROM nw"
            + " WINDOW w AS (PARTITION BY dept ORDER BY id) ORDER BY name"));
    assertEquals(List.of("[alice,3]", "[bob,1]", "[carol,1]", "[dan,1]", "[erin,2]", "[fay,2]"),
        rows("SELECT name, row_number() OVER (p ORDER BY salary, id) AS rn FROM nw WINDOW p AS (PARTITION BY dept)"
            + " ORDER BY name"));
    assertEquals(List.of("[alice,3]", "[bob,1]", "[carol,1]", "[dan,1]", "[erin,2]", "[fay,2]"),
        rows("SELECT name, row_number() OVER O AS rn FROM nw WINDOW p AS (PARTITION BY dept),"
            + " o AS (p ORDER BY salary, id) ORDER BY name"));
  }

  @Test
  void aMissingWindowIsAnAnalysisError() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> session.sql("SELECT rank() OVER v FROM nw WINDOW w AS (ORDER BY id)"));
    assertEquals("MISSING_WINDOW_SPECIFICATION", e.errorClass());
    assertEquals("MISSING_WINDOW_SPECIFICATION",
        assertThrows(AnalysisException.class, () -> session.sql("SELECT rank() OVER w FROM nw")).errorClass());
  }

  @Test
  void aSubqueryHasItsOwnWindowClause() {
    assertEquals(List.of("[eng,3]", "[ops,2]"), rows("SELECT dept, max(rn) FROM (SELECT dept, row_number() OVER w AS rn"
        + " FROM nw WHERE dept IS NOT NULL WINDOW w AS (PARTITION BY dept ORDER BY id)) GROUP BY dept ORDER BY dept"));
  }
}
