package io.ember.api.sql;

import static io.ember.api.sql.SqlEndToEndTest.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

/** Spark's aggregate {@code FILTER (WHERE cond)}: only the rows where cond is true reach that one aggregate. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlAggregateFilterTest {
  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName(getClass().getSimpleName()).getOrCreate();
    session.createDataFrame(List.of(Row.of(1, 5, true), Row.of(1, -2, false), Row.of(1, 5, null),
            Row.of(2, -3, true), Row.of(2, null, true), Row.of(3, 7, false)),
        DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER), DataTypes.field("v", DataTypes.INTEGER),
            DataTypes.field("b", DataTypes.BOOLEAN)))
        .createOrReplaceTempView("fa");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  @Test
  void perGroupCountOfNoneIsZeroAndSumOfNoneIsNull() {
    DataFrame df = session.sql("SELECT k, count(*) FILTER (WHERE v > 0) AS pos, count(*) FILTER (WHERE v < 0) AS neg,"
        + " sum(v) FILTER (WHERE b) AS s, count(*) AS n FROM fa GROUP BY k");
    assertEquals(List.of(DataTypes.INTEGER, DataTypes.LONG, DataTypes.LONG, DataTypes.LONG, DataTypes.LONG),
        df.schema().fields().stream().map(f -> f.dataType()).toList());
    assertEquals(List.of("[1,2,1,5,3]", "[2,0,1,-3,2]", "[3,1,0,null,1]"), sorted(df));
  }

  @Test
  void globalAggregateWithDistinctAndOtherAggregates() {
    DataFrame df = session.sql("SELECT count(DISTINCT v) FILTER (WHERE k = 1) AS d, sum(DISTINCT v) FILTER (WHERE"
        + " k = 1) AS sd, max(v) FILTER (WHERE k < 3) AS mx, avg(v) FILTER (WHERE v > 100) AS a,"
        + " count(v) FILTER (WHERE b) AS c, count(*) FILTER (WHERE false) AS z FROM fa");
    assertEquals(List.of("[2,3,5,null,2,0]"), sorted(df));
  }

  @Test
  void namedAsSparkNamesItAndUsableInHavingAndOrderBy() {
    DataFrame df = session.sql("SELECT k, count(*) FILTER (WHERE v > 0) FROM fa GROUP BY k");
    assertEquals(List.of("k", "count(1) FILTER (WHERE (v > 0))"), List.of(df.columns()));
    assertEquals(List.of("[1,10]", "[3,7]"), sorted(session.sql("SELECT k, sum(v) FILTER (WHERE v > 0) AS s FROM fa"
        + " GROUP BY k HAVING count(*) FILTER (WHERE v > 0) >= 1 ORDER BY sum(v) FILTER (WHERE v > 0)")));
  }

  @Test
  void filterOnAnythingButANullIgnoringAggregateIsRefused() {
    assertEquals("INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX", assertThrows(AnalysisException.class,
        () -> session.sql("SELECT abs(v) FILTER (WHERE v > 0) FROM fa")).errorClass());
  }

  @Test
  void firstAndLastWithFilterSeeOnlyTheMatchingRowsTheirNullsIncluded() {
    session.createDataFrame(List.of(Row.of(1, null), Row.of(1, 4), Row.of(1, 6), Row.of(2, 8), Row.of(2, null)),
        DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER), DataTypes.field("v", DataTypes.INTEGER)))
        .coalesce(1).createOrReplaceTempView("fl");
    DataFrame df = session.sql("SELECT k, first(v) FILTER (WHERE v IS NULL OR v > 5) AS f,"
        + " first(v) IGNORE NULLS FILTER (WHERE v IS NULL OR v > 5) AS fi, first(v, true) FILTER (WHERE v IS NULL"
        + " OR v > 5) AS ft, last(v) FILTER (WHERE v IS NULL OR v > 5) AS l, last_value(v) FILTER (WHERE v < 0) AS n,"
        + " first_value(v) FILTER (WHERE v = 4) AS f4 FROM fl GROUP BY k ORDER BY k");
    assertEquals(List.of(Row.of(1, null, 6, 6, 6, null, 4), Row.of(2, 8, 8, 8, null, null, null)),
        df.collectAsList());
    assertEquals("first(v) FILTER (WHERE (v > 5))",
        session.sql("SELECT first(v) FILTER (WHERE v > 5) FROM fl").columns()[0]);
    assertEquals(List.of(Row.of(8)), session.sql("SELECT max(v) FILTER (WHERE k = 2) FROM fl").collectAsList());
  }
}
