package io.ember.api;

import static io.ember.api.functions.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code window()} in batch queries, checked against the examples of Spark's documentation of the function
 * ({@code GROUP BY a, window(b, '5 minutes')} over four rows) and the word counts of the Structured Streaming
 * guide's "Window Operations on Event Time".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimeWindowEndToEndTest {
  Session session;
  DataFrame tab;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName("time-windows").getOrCreate();
    StructType schema = DataTypes.struct(DataTypes.field("a", DataTypes.STRING), DataTypes.field("b", DataTypes.STRING));
    tab = session.createDataFrame(List.of(Row.of("A1", "2021-01-01 00:00:00"), Row.of("A1", "2021-01-01 00:04:30"),
        Row.of("A1", "2021-01-01 00:06:00"), Row.of("A2", "2021-01-01 00:01:00"), Row.of(null, null)), schema);
    tab.createOrReplaceTempView("tab");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private static Instant t(String hms) {
    return Instant.parse(hms.length() == 8 ? "2021-01-01T" + hms + "Z" : hms);
  }

  private static List<List<Object>> rows(DataFrame df) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      out.add(java.util.Arrays.asList(r.toArray()));
    }
    return out;
  }

  @Test
  void tumblingWindowsGroupRowsAsSparksExample() {
    DataFrame counts = tab.groupBy(col("a"), window(col("b"), "5 minutes")).agg(count("*").as("cnt"))
        .select(col("a"), col("window.start"), col("window.end"), col("cnt")).orderBy("a", "start");
    assertEquals(List.of(List.of("A1", t("00:00:00"), t("00:05:00"), 2L), List.of("A1", t("00:05:00"), t("00:10:00"), 1L),
        List.of("A2", t("00:00:00"), t("00:05:00"), 1L)), rows(counts));
  }

  @Test
  void slidingWindowsCountARowInEveryWindowContainingIt() {
    DataFrame counts = tab.groupBy(col("a"), window(col("b"), "10 minutes", "5 minutes")).count()
        .select(col("a"), col("window.start"), col("window.end"), col("count")).orderBy("a", "start");
    assertEquals(List.of(
        List.of("A1", t("2020-12-31T23:55:00Z"), t("00:05:00"), 2L), List.of("A1", t("00:00:00"), t("00:10:00"), 3L),
        List.of("A1", t("00:05:00"), t("00:15:00"), 1L), List.of("A2", t("2020-12-31T23:55:00Z"), t("00:05:00"), 1L),
        List.of("A2", t("00:00:00"), t("00:10:00"), 1L)), rows(counts));
  }

  @Test
  void sqlGroupsByWindowAndReadsItsFields() {
    DataFrame counts = session.sql("SELECT a, window.start, window.end, count(*) as cnt FROM tab"
        + " GROUP BY a, window(b, '10 minutes', '5 minutes') ORDER BY a, start");
    assertEquals(5, counts.count());
    assertEquals(List.of("A1", t("00:00:00"), t("00:10:00"), 3L), rows(counts).get(1));
    assertEquals(List.of("a", "start", "end", "cnt"), List.of(counts.columns()));
  }

  @Test
  void theWindowColumnIsNamedWindowAndIsAStructOfTimestamps() {
    DataFrame w = tab.select(window(col("b"), "5 minutes", "5 minutes", "1 minute"), col("a"));
    assertEquals("struct<start:timestamp,end:timestamp>", w.schema().field(0).dataType().simpleString());
    assertEquals(List.of("window", "a"), List.of(w.columns()));
    // the row whose time is null is dropped, as in Spark
    assertEquals(4, w.count());
    Row first = w.orderBy(col("window.start")).collectAsList().get(0);
    assertEquals(Row.of(t("2020-12-31T23:56:00Z"), t("00:01:00")).toString(), first.get(0).toString());
  }

  @Test
  void sparksGuideWordCountsOverTenMinuteWindowsSlidingEveryFive() {
    StructType schema = DataTypes.struct(DataTypes.field("timestamp", DataTypes.TIMESTAMP),
        DataTypes.field("word", DataTypes.STRING));
    DataFrame words = session.createDataFrame(List.of(Row.of(t("12:07:00"), "cat"), Row.of(t("12:07:00"), "dog"),
        Row.of(t("12:08:00"), "dog"), Row.of(t("12:08:00"), "dog"), Row.of(t("12:14:00"), "dog"),
        Row.of(t("12:14:00"), "owl")), schema);
    DataFrame counts = words.groupBy(window(col("timestamp"), "10 minutes", "5 minutes"), col("word")).count()
        .select(date_format(col("window.start"), "HH:mm").as("start"), col("word"), col("count"))
        .orderBy("start", "word");
    // the guide's result table at 12:15
    assertEquals(List.of(List.of("12:00", "cat", 1L), List.of("12:00", "dog", 3L), List.of("12:05", "cat", 1L),
        List.of("12:05", "dog", 4L), List.of("12:05", "owl", 1L), List.of("12:10", "dog", 1L),
        List.of("12:10", "owl", 1L)), rows(counts));
  }

  @Test
  void withColumnAndStarsKeepTheInputColumnsOnce() {
    DataFrame w = tab.withColumn("w", window(col("b"), "5 minutes"));
    assertEquals(List.of("a", "b", "w"), List.of(w.columns()));
    assertEquals(4, w.count());
    DataFrame s = tab.alias("t").select(col("t.*"), window(col("b"), "10 minutes", "5 minutes"));
    assertEquals(List.of("a", "b", "window"), List.of(s.columns()));
    assertEquals(8, s.count());
  }

  @Test
  void windowTimeIsTheEndMinusAMicrosecond() {
    DataFrame w = tab.groupBy(window(col("b"), "5 minutes")).count()
        .select(window_time(col("window")).as("wt")).orderBy("wt");
    assertEquals(List.of(List.of(t("2021-01-01T00:04:59.999999Z")), List.of(t("2021-01-01T00:09:59.999999Z"))),
        rows(w));
  }

  @Test
  void twoDifferentWindowsAreRejected() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> tab.groupBy(window(col("b"), "5 minutes"),
        window(col("b"), "10 minutes")).count());
    assertEquals("MULTIPLE_TIME_WINDOW_EXPRESSIONS", e.errorClass());
    e = assertThrows(AnalysisException.class, () -> tab.groupBy(window(col("b"), "5 minutes", "10 minutes")).count());
    assertTrue(e.errorClass().startsWith("DATATYPE_MISMATCH"), e.getMessage());
  }
}
