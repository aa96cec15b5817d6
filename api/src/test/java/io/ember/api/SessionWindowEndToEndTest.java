package io.ember.api;

import static io.ember.api.functions.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code session_window()} in batch queries, checked against the examples of Spark's documentation of the
 * function (static and dynamic gaps), and sessions per user with a ten-minute gap.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionWindowEndToEndTest {
  Session session;
  DataFrame tab;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[4]").appName("session-windows").getOrCreate();
    StructType schema = DataTypes.struct(DataTypes.field("a", DataTypes.STRING), DataTypes.field("b", DataTypes.STRING));
    tab = session.createDataFrame(List.of(Row.of("A1", "2021-01-01 00:00:00"), Row.of("A1", "2021-01-01 00:04:30"),
        Row.of("A1", "2021-01-01 00:10:00"), Row.of("A2", "2021-01-01 00:01:00"), Row.of("A2", "2021-01-01 00:04:30"),
        Row.of("A3", null)), schema);
    tab.createOrReplaceTempView("sessions_tab");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private static Instant t(String hms) {
    return Instant.parse("2021-01-01T" + hms + "Z");
  }

  private static List<List<Object>> rows(DataFrame df) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      out.add(Arrays.asList(r.toArray()));
    }
    return out;
  }

  @Test
  void staticGapMergesRowsWithinFiveMinutes() {
    DataFrame counts = tab.groupBy(col("a"), session_window(col("b"), "5 minutes")).agg(count("*").as("cnt"))
        .select(col("a"), col("session_window.start"), col("session_window.end"), col("cnt")).orderBy("a", "start");
    assertEquals(List.of(List.of("A1", t("00:00:00"), t("00:09:30"), 2L), List.of("A1", t("00:10:00"), t("00:15:00"), 1L),
        List.of("A2", t("00:01:00"), t("00:09:30"), 2L)), rows(counts));
  }

  @Test
  void dynamicGapIsComputedPerRow() {
    // Spark's documented example: CASE WHEN a = 'A1' THEN '5 minutes' WHEN a = 'A2' THEN '1 minute' ELSE '10 minutes'
    Column gap = when(col("a").equalTo("A1"), "5 minutes").when(col("a").equalTo("A2"), "1 minute")
        .otherwise("10 minutes");
    DataFrame counts = tab.groupBy(col("a"), session_window(col("b"), gap)).count()
        .select(col("a"), col("session_window.start"), col("session_window.end"), col("count")).orderBy("a", "start");
    assertEquals(List.of(List.of("A1", t("00:00:00"), t("00:09:30"), 2L), List.of("A1", t("00:10:00"), t("00:15:00"), 1L),
        List.of("A2", t("00:01:00"), t("00:02:00"), 1L), List.of("A2", t("00:04:30"), t("00:05:30"), 1L)), rows(counts));
  }

  @Test
  void sqlGroupsBySessionWindow() {
    DataFrame counts = session.sql("SELECT a, session_window.start, session_window.end, count(*) AS cnt"
        + " FROM sessions_tab GROUP BY a, session_window(b, '5 minutes') ORDER BY a, start");
    assertEquals(List.of("a", "start", "end", "cnt"), List.of(counts.columns()));
    assertEquals(List.of(List.of("A1", t("00:00:00"), t("00:09:30"), 2L), List.of("A1", t("00:10:00"), t("00:15:00"), 1L),
        List.of("A2", t("00:01:00"), t("00:09:30"), 2L)), rows(counts));
  }

  @Test
  void sessionsPerUserCloseTenMinutesAfterTheirLatestEvent() {
    StructType schema = DataTypes.struct(DataTypes.field("timestamp", DataTypes.TIMESTAMP),
        DataTypes.field("userId", DataTypes.STRING), DataTypes.field("v", DataTypes.LONG));
    DataFrame events = session.createDataFrame(List.of(Row.of(t("12:02:00"), "u1", 1L), Row.of(t("12:09:00"), "u1", 2L),
        Row.of(t("12:15:00"), "u1", 4L), Row.of(t("12:40:00"), "u1", 8L), Row.of(t("12:05:00"), "u2", 16L),
        Row.of(t("12:30:00"), "u2", 32L)), schema);
    DataFrame sessions = events.groupBy(session_window(col("timestamp"), "10 minutes"), col("userId"))
        .agg(count("*").as("events"), sum("v").as("total"));
    assertEquals(List.of("session_window", "userId", "events", "total"), List.of(sessions.columns()));
    List<List<Object>> got = rows(sessions.select(date_format(col("session_window.start"), "HH:mm").as("s"),
        date_format(col("session_window.end"), "HH:mm").as("e"), col("userId"), col("events"), col("total"))
        .orderBy("userId", "s"));
    assertEquals(List.of(List.of("12:02", "12:25", "u1", 3L, 7L), List.of("12:40", "12:50", "u1", 1L, 8L),
        List.of("12:05", "12:15", "u2", 1L, 16L), List.of("12:30", "12:40", "u2", 1L, 32L)), got);
  }

  @Test
  void withoutOtherKeysAllRowsFormTheSessionsAndTheRowLevelWindowIsSelectable() {
    DataFrame global = tab.groupBy(session_window(col("b"), "5 minutes")).count().orderBy("session_window");
    assertEquals(2, global.count());
    assertEquals(List.of(4L, 1L), rows(global.select("count")).stream().map(r -> r.get(0)).toList());
    DataFrame perRow = tab.select(col("a"), session_window(col("b"), "5 minutes"));
    assertEquals(List.of("a", "session_window"), List.of(perRow.columns()));
    assertEquals(5, perRow.count());
    String plan = tab.groupBy(col("a"), session_window(col("b"), "5 minutes")).count().queryExecution().explain(false);
    assertTrue(plan.contains("SessionWindowAggregate"), plan);
  }
}
