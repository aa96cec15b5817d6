package io.ember.api.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Column alias lists of WITH and of subqueries in FROM, and NATURAL joins, as Spark reads them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlColumnAliasesAndNaturalJoinTest {
  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[1]").appName(getClass().getSimpleName()).getOrCreate();
    session.createDataFrame(List.of(Row.of(1, "a", 10), Row.of(2, "b", 20), Row.of(3, null, 30)),
        DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER), DataTypes.field("name", DataTypes.STRING),
            DataTypes.field("x", DataTypes.INTEGER))).createOrReplaceTempView("l");
    session.createDataFrame(List.of(Row.of(1, "a", true), Row.of(3, null, false), Row.of(4, "d", true)),
        DataTypes.struct(DataTypes.field("ID", DataTypes.INTEGER), DataTypes.field("name", DataTypes.STRING),
            DataTypes.field("y", DataTypes.BOOLEAN))).createOrReplaceTempView("r");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  @Test
  void columnListsRenameTheColumnsInOrder() {
    DataFrame cte = session.sql("WITH c(a, b) AS (SELECT id, x FROM l) SELECT b, a FROM c WHERE a > 1 ORDER BY a");
    assertEquals(List.of(Row.of(20, 2), Row.of(30, 3)), cte.collectAsList());
    DataFrame sub = session.sql("SELECT q.n FROM (SELECT name FROM l) AS q(n) WHERE q.n = 'b'");
    assertEquals(List.of("n"), List.of(sub.columns()));
    assertEquals(List.of(Row.of("b")), sub.collectAsList());
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> session.sql("SELECT * FROM (SELECT id, x FROM l) AS q(a)"));
    assertTrue(e.getMessage().contains("Number of column aliases: 1; number of columns: 2"), e.getMessage());
  }

  @Test
  void naturalJoinsJoinOnTheCommonColumnsWhichComeFirstOnce() {
    DataFrame inner = session.sql("SELECT * FROM l NATURAL JOIN r");
    assertEquals(List.of("id", "name", "x", "y"), List.of(inner.columns()));
    assertEquals(List.of(Row.of(1, "a", 10, true)), inner.collectAsList());
    DataFrame left = session.sql("SELECT id, name, y FROM l NATURAL LEFT JOIN r ORDER BY id");
    assertEquals(List.of(Row.of(1, "a", true), Row.of(2, "b", null), Row.of(3, null, null)), left.collectAsList());
    DataFrame none = session.sql("SELECT count(*) FROM (SELECT id AS a FROM l) NATURAL JOIN (SELECT y FROM r)");
    assertEquals(List.of(Row.of(9L)), none.collectAsList());
  }
}
