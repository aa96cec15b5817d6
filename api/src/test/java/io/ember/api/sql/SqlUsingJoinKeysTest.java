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

/**
 * Both sides' keys of a USING or NATURAL join stay addressable by their qualified names, as in Spark: the
 * unqualified key is the left's (inner, left outer), the right's (right outer) or their coalesce (full outer).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlUsingJoinKeysTest {
  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[1]").appName(getClass().getSimpleName()).getOrCreate();
    session.createDataFrame(List.of(Row.of(1, "a"), Row.of(2, "b"), Row.of(3, "c")),
        DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER), DataTypes.field("v", DataTypes.STRING)))
        .createOrReplaceTempView("ul");
    session.createDataFrame(List.of(Row.of(2, true), Row.of(3, false), Row.of(4, true)),
        DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER), DataTypes.field("w", DataTypes.BOOLEAN)))
        .createOrReplaceTempView("ur");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private List<Row> rows(String sql) {
    return session.sql(sql).collectAsList();
  }

  @Test
  void innerAndLeftJoinsKeepTheRightKeyByItsQualifiedName() {
    assertEquals(List.of(Row.of(2, 2, 2), Row.of(3, 3, 3)),
        rows("SELECT id, a.id AS l, b.id AS r FROM ul a JOIN ur b USING (id) ORDER BY id"));
    assertEquals(List.of(Row.of(1, null, "a"), Row.of(2, 2, "b"), Row.of(3, 3, "c")),
        rows("SELECT ul.id AS l, ur.id AS r, v FROM ul LEFT JOIN ur USING (id) ORDER BY l"));
    DataFrame named = session.sql("SELECT ur.id FROM ul LEFT JOIN ur USING (id)");
    assertEquals(List.of("id"), List.of(named.columns()));
  }

  @Test
  void rightAndFullJoinsKeepTheLeftKeyByItsQualifiedName() {
    assertEquals(List.of(Row.of(2, 2, 2), Row.of(3, 3, 3), Row.of(4, null, 4)),
        rows("SELECT id, ul.id AS l, ur.id AS r FROM ul RIGHT JOIN ur USING (id) ORDER BY id"));
    assertEquals(List.of(Row.of(1, 1, null), Row.of(2, 2, 2), Row.of(3, 3, 3), Row.of(4, null, 4)),
        rows("SELECT id, ul.id AS l, ur.id AS r FROM ul FULL OUTER JOIN ur USING (id) ORDER BY id"));
  }

  @Test
  void hiddenKeysReachTheSelectThroughFiltersAndInGroupBy() {
    assertEquals(List.of(Row.of(1, null)),
        rows("SELECT ul.id, ur.id FROM ul LEFT JOIN ur USING (id) WHERE ur.id IS NULL"));
    assertEquals(List.of(Row.of(null, 1L), Row.of(2, 1L), Row.of(3, 1L)),
        rows("SELECT ur.id, count(*) FROM ul LEFT JOIN ur USING (id) GROUP BY ur.id ORDER BY 1"));
    assertEquals(List.of(Row.of(2, "b", true, 2), Row.of(3, "c", false, 3)),
        rows("SELECT *, ur.id AS rid FROM ul NATURAL JOIN ur ORDER BY id"));
  }

  @Test
  void anUnqualifiedOrUnknownNameStillFails() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> session.sql("SELECT ur.nope FROM ul JOIN ur USING (id)"));
    assertTrue(e.errorClass().startsWith("UNRESOLVED_COLUMN"), e.errorClass());
    assertEquals(List.of("id", "v", "w"), List.of(session.sql("SELECT * FROM ul JOIN ur USING (id)").columns()));
  }
}
