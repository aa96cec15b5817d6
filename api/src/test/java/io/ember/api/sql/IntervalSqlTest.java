package io.ember.api.sql;

import static io.ember.api.functions.col;
import static io.ember.api.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * ANSI interval literals in SQL and {@code expr()} and datetime arithmetic with them, compared with the names,
 * types and values Spark 4 documents.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntervalSqlTest {
  static final StructType ADS = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
      DataTypes.field("impressionTime", DataTypes.TIMESTAMP), DataTypes.field("clickTime", DataTypes.TIMESTAMP));

  Session session;
  DataFrame ads;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName(getClass().getSimpleName()).getOrCreate();
    ads = session.createDataFrame(List.of(
        Row.of(1, Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-05-01T10:30:00Z")),
        Row.of(2, Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-05-01T11:00:00Z")),
        Row.of(3, Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-05-01T11:00:00.000001Z")),
        Row.of(4, Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-05-01T09:59:59Z")),
        Row.of(5, null, Instant.parse("2024-05-01T10:00:00Z"))), ADS);
    ads.createOrReplaceTempView("ads");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  /** The single column of a one-row query: its name, its type and its value. */
  private List<Object> one(String select) {
    DataFrame df = session.sql("SELECT " + select);
    return List.of(df.columns()[0], df.schema().field(0).dataType().simpleString(), df.collectAsList().get(0).get(0));
  }

  @Test
  void literalsInEverySparkFormHaveSparksNamesTypesAndValues() {
    assertEquals(List.of("INTERVAL '01' HOUR", "interval hour", Duration.ofHours(1)), one("INTERVAL '1' HOUR"));
    assertEquals(List.of("INTERVAL '01' HOUR", "interval hour", Duration.ofHours(1)), one("interval 1 hour"));
    assertEquals(List.of("INTERVAL '10' MINUTE", "interval minute", Duration.ofMinutes(10)), one("INTERVAL 10 MINUTES"));
    assertEquals(List.of("INTERVAL '1 02:00:00' DAY TO SECOND", "interval day to second", Duration.ofHours(26)),
        one("INTERVAL '1 02:00:00' DAY TO SECOND"));
    assertEquals(List.of("INTERVAL '1 02' DAY TO HOUR", "interval day to hour", Duration.ofHours(26)),
        one("interval 1 day 2 hours"));
    assertEquals(List.of("INTERVAL '-01:30' HOUR TO MINUTE", "interval hour to minute", Duration.ofMinutes(-90)),
        one("INTERVAL -1 hour -30 minutes"));
    assertEquals(List.of("INTERVAL '00.5' SECOND", "interval second", Duration.ofMillis(500)),
        one("interval 500 milliseconds"));
    assertEquals(List.of("INTERVAL '14' DAY", "interval day", Duration.ofDays(14)), one("INTERVAL '2' WEEK"));
    assertEquals(List.of("INTERVAL '-1-2' YEAR TO MONTH", "interval year to month", Period.of(-1, -2, 0)),
        one("INTERVAL -'1-2' YEAR TO MONTH"));
    assertEquals(List.of("INTERVAL '1-2' YEAR TO MONTH", "interval year to month", Period.of(1, 2, 0)),
        one("interval 1 year 2 months"));
    assertEquals(List.of("INTERVAL '3' MONTH", "interval month", Period.ofMonths(3)), one("INTERVAL '3' MONTH"));
    assertEquals(List.of("INTERVAL '-01.5' SECOND", "interval second", Duration.ofMillis(-1500)),
        one("INTERVAL -1.5 SECONDS"));
  }

  @Test
  void malformedLiteralsAreRejected() {
    assertThrows(AnalysisException.class, () -> session.sql("SELECT interval 1 month 1 day"));
    assertThrows(AnalysisException.class, () -> session.sql("SELECT INTERVAL '1 25:00:00' DAY TO SECOND"));
    assertThrows(AnalysisException.class, () -> session.sql("SELECT INTERVAL 'soon' HOUR"));
    assertThrows(AnalysisException.class, () -> session.sql("SELECT INTERVAL '1' HOUR + INTERVAL '1' MONTH"));
  }

  @Test
  void datetimeArithmeticFollowsSparksTypes() {
    assertEquals(List.of(Instant.parse("2024-05-01T11:00:00Z"), Instant.parse("2024-02-29T10:00:00Z"),
        java.time.LocalDate.parse("2024-02-29"), Duration.ofMinutes(90), Duration.ofHours(2), Duration.ofMinutes(20)),
        java.util.Arrays.asList(session.sql("SELECT TIMESTAMP '2024-05-01 10:00:00' + INTERVAL '1' HOUR,"
            + " TIMESTAMP '2024-01-31 10:00:00' + INTERVAL '1' MONTH, DATE '2024-03-01' - INTERVAL 1 DAY,"
            + " INTERVAL '1' HOUR + INTERVAL 30 MINUTES, INTERVAL '1' HOUR * 2, INTERVAL '1' HOUR / 3")
            .collectAsList().get(0).toArray()));
    DataFrame diff = session.sql("SELECT clickTime - impressionTime AS d FROM ads WHERE id = 1");
    assertEquals("interval day to second", diff.schema().field(0).dataType().simpleString());
    assertEquals(Duration.ofMinutes(30), diff.collectAsList().get(0).get(0));
    assertEquals("INTERVAL '1' DAY", session.sql("SELECT CAST(INTERVAL '1' DAY AS STRING)").collectAsList().get(0).get(0));
    assertEquals(List.of(Duration.ofHours(26), Period.of(-1, -2, 0), Duration.ofHours(1)), java.util.Arrays.asList(
        session.sql("SELECT CAST('1 02:00:00' AS INTERVAL DAY TO SECOND), CAST('-1-2' AS INTERVAL YEAR TO MONTH),"
            + " CAST(INTERVAL '90' MINUTE AS INTERVAL HOUR)").collectAsList().get(0).toArray()));
    assertEquals(Duration.ofDays(1).plusHours(2).plusMinutes(3).plusMillis(4500),
        session.sql("SELECT make_dt_interval(1, 2, 3, 4.5)").collectAsList().get(0).get(0));
  }

  @Test
  void timeRangeConditionsFilterAsInSpark() {
    DataFrame sql = session.sql("SELECT id FROM ads WHERE clickTime >= impressionTime"
        + " AND clickTime <= impressionTime + interval 1 hour ORDER BY id");
    DataFrame viaExpr = ads.filter(expr("clickTime >= impressionTime AND clickTime <= impressionTime + interval 1 hour"))
        .select("id").orderBy("id");
    for (DataFrame df : List.of(sql, viaExpr)) {
      assertEquals(List.of(Row.of(1), Row.of(2)), df.collectAsList());
    }
    DataFrame earlier = ads.select(col("clickTime").minus(expr("INTERVAL 10 MINUTES")).alias("t")).limit(1);
    assertEquals(Instant.parse("2024-05-01T10:20:00Z"), earlier.collectAsList().get(0).get(0));
    DataFrame yesterday = ads.select(expr("current_timestamp() - interval 1 day"));
    assertEquals("(current_timestamp() - INTERVAL '1' DAY)", yesterday.columns()[0]);
    assertEquals(DataTypes.TIMESTAMP, yesterday.schema().field(0).dataType());
    assertEquals(List.of("(ts + INTERVAL '01' HOUR)"),
        List.of(session.sql("SELECT impressionTime AS ts FROM ads").selectExpr("ts + INTERVAL '1' HOUR").columns()));
  }

  @Test
  void makeIntervalFunctionsOfColumns() {
    Row r = session.sql("SELECT 1 AS d, 2 AS h, 3 AS m, 4.5 AS s").select(
        io.ember.api.functions.make_dt_interval(col("d"), col("h"), col("m"), col("s")).alias("dt"),
        io.ember.api.functions.make_ym_interval(col("d"), col("h")).alias("ym")).collectAsList().get(0);
    assertEquals(Row.of(Duration.ofDays(1).plusHours(2).plusMinutes(3).plusMillis(4500), Period.of(1, 2, 0)), r);
  }

  @Test
  void intervalColumnsGroupSortAndUnionWithWiderFields() {
    DataFrame df = session.sql("SELECT d, count(*) AS n FROM (SELECT INTERVAL '1' HOUR AS d UNION ALL"
        + " SELECT INTERVAL '60' MINUTE AS d UNION ALL SELECT INTERVAL '30' MINUTE AS d) t GROUP BY d ORDER BY d");
    assertEquals("interval hour to minute", df.schema().field(0).dataType().simpleString());
    assertEquals(List.of(Row.of(Duration.ofMinutes(30), 1L), Row.of(Duration.ofHours(1), 2L)), df.collectAsList());
    assertEquals(List.of(Row.of(Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofMinutes(90),
        Duration.ofMinutes(45))), session.sql("SELECT min(d), max(d), sum(d), avg(d)"
            + " FROM (SELECT clickTime - impressionTime AS d FROM ads WHERE id < 3) t").collectAsList());
  }

  @Test
  void showPrintsIntervalsAsSpark() {
    String shown = session.sql("SELECT clickTime - impressionTime AS d, INTERVAL '1' HOUR AS h FROM ads WHERE id = 1")
        .showString(20, 40, false);
    assertTrue(shown.contains("|INTERVAL '0 00:30:00' DAY TO SECOND|INTERVAL '01' HOUR|"), shown);
  }
}
