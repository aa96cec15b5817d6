package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.lit;
import static io.ember.api.functions.session_window;
import static io.ember.api.functions.sum;
import static io.ember.api.functions.upper;
import static io.ember.api.functions.window;
import static io.ember.api.streaming.StreamingTestKit.second;
import static io.ember.api.streaming.StreamingTestKit.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.streaming.StreamingTestKit.EpochRecorder;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each output mode with each operator kind Spark allows in it, over a MemoryStream: the rows every step (rows
 * added, then {@code processAllAvailable}) emits.
 */
class StreamingOutputModesE2ETest {
  static final StructType EVENTS = DataTypes.struct(DataTypes.field("ts", DataTypes.TIMESTAMP),
      DataTypes.field("word", DataTypes.STRING), DataTypes.field("n", DataTypes.INTEGER));
  static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("StreamingOutputModesE2ETest")
        .config("spark.sql.shuffle.partitions", "3").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  /** Runs {@code query} over a fresh stream in {@code mode}, feeding {@code steps} and checking {@code expected}. */
  static void run(Function<DataFrame, DataFrame> query, String mode, List<List<Row>> steps,
      List<List<List<Object>>> expected) {
    MemoryStream events = MemoryStream.of(session, EVENTS);
    EpochRecorder out = new EpochRecorder();
    StreamingQuery q = query.apply(events.toDF()).writeStream().outputMode(mode).foreachBatch(out).start();
    try {
      for (int i = 0; i < steps.size(); i++) {
        events.addData(steps.get(i));
        q.processAllAvailable();
        assertEquals(expected.get(i), out.newRows(), "step " + i + " in " + mode + " mode");
      }
    } finally {
      q.stop();
    }
  }

  static Row ev(long second, String word, int n) {
    return Row.of(second(second), word, n);
  }

  static final List<List<Row>> STEPS = List.of(
      List.of(ev(1, "a", 1), ev(2, "b", 2), ev(3, "a", 3)),
      List.of(ev(4, "c", 4), ev(5, "a", 5)),
      List.of(ev(6, "b", 6)));

  @Test
  void statelessQueriesPassEachRowOnceInAppendAndUpdateMode() {
    Function<DataFrame, DataFrame> q = df -> df.filter(col("n").gt(1)).select(upper(col("word")).as("w"),
        col("n").multiply(10).as("m"));
    List<List<List<Object>>> expected = List.of(sorted(List.of("B", 20), List.of("A", 30)),
        sorted(List.of("C", 40), List.of("A", 50)), sorted(List.of("B", 60)));
    run(q, "append", STEPS, expected);
    run(q, "update", STEPS, expected);
  }

  @Test
  void unionOfTwoStreamsInAppendMode() {
    MemoryStream left = MemoryStream.of(session, EVENTS);
    MemoryStream right = MemoryStream.of(session, EVENTS);
    EpochRecorder out = new EpochRecorder();
    StreamingQuery q = left.toDF().select("word").union(right.toDF().select("word")).writeStream()
        .foreachBatch(out).start();
    try {
      left.addData(ev(1, "l1", 1));
      right.addData(ev(1, "r1", 1), ev(2, "r2", 2));
      q.processAllAvailable();
      assertEquals(sorted(List.of("l1"), List.of("r1"), List.of("r2")), out.newRows());
      right.addData(ev(3, "r3", 3));
      q.processAllAvailable();
      assertEquals(sorted(List.of("r3")), out.newRows());
    } finally {
      q.stop();
    }
  }

  @Test
  void rowsAFilterDropsDoNotAdvanceTheWatermark() {
    // As in Spark, the filter on n runs below the watermark: the row at 100 s it drops does not close [0, 10).
    Function<DataFrame, DataFrame> q = df -> df.withWatermark("ts", "0 seconds").filter(col("n").gt(0))
        .groupBy(window(col("ts"), "10 seconds")).agg(count(lit(1)).as("c")).select(col("window.start"), col("c"));
    run(q, "append", List.of(
        List.of(ev(5, "a", 1), ev(100, "b", 0)),
        List.of(ev(15, "c", 1))), List.of(
        List.of(),
        sorted(List.of(second(0), 1L))));
  }

  @Test
  void appendModeLimitHoldsOverTheWholeStream() {
    run(df -> df.select("word", "n").limit(4), "append", STEPS, List.of(
        sorted(List.of("a", 1), List.of("b", 2), List.of("a", 3)),
        sorted(List.of("c", 4)),
        List.of()));
  }

  @Test
  void dropDuplicatesInUpdateModeEmitsTheFirstRowOfEachKey() {
    run(df -> df.dropDuplicates("word").select("word", "n"), "update", STEPS, List.of(
        sorted(List.of("a", 1), List.of("b", 2)),
        sorted(List.of("c", 4)),
        List.of()));
  }

  @Test
  void aggregationEmitsChangedGroupsInUpdateModeAndEveryGroupInCompleteMode() {
    Function<DataFrame, DataFrame> q = df -> df.groupBy("word").agg(count(lit(1)).as("c"), sum(col("n")).as("s"));
    run(q, "update", STEPS, List.of(
        sorted(List.of("a", 2L, 4L), List.of("b", 1L, 2L)),
        sorted(List.of("a", 3L, 9L), List.of("c", 1L, 4L)),
        sorted(List.of("b", 2L, 8L))));
    run(q, "complete", STEPS, List.of(
        sorted(List.of("a", 2L, 4L), List.of("b", 1L, 2L)),
        sorted(List.of("a", 3L, 9L), List.of("b", 1L, 2L), List.of("c", 1L, 4L)),
        sorted(List.of("a", 3L, 9L), List.of("b", 2L, 8L), List.of("c", 1L, 4L))));
  }

  @Test
  void globalAggregationEmitsItsRowEveryEpoch() {
    Function<DataFrame, DataFrame> q = df -> df.agg(count(lit(1)).as("c"), sum(col("n")).as("s"));
    List<List<List<Object>>> expected = List.of(sorted(List.of(3L, 6L)), sorted(List.of(5L, 15L)),
        sorted(List.of(6L, 21L)));
    run(q, "complete", STEPS, expected);
    run(q, "update", STEPS, expected);
  }

  @Test
  void completeModeSortsAndLimitsTheWholeResultEveryEpoch() {
    Function<DataFrame, DataFrame> q = df -> df.groupBy("word").agg(sum(col("n")).as("s"))
        .orderBy(col("s").desc()).limit(2);
    run(q, "complete", STEPS, List.of(
        sorted(List.of("a", 4L), List.of("b", 2L)),
        sorted(List.of("a", 9L), List.of("c", 4L)),
        sorted(List.of("a", 9L), List.of("b", 8L))));
  }

  @Test
  void distinctIsACompleteModeAggregation() {
    run(df -> df.select("word").distinct(), "complete", STEPS, List.of(
        sorted(List.of("a"), List.of("b")),
        sorted(List.of("a"), List.of("b"), List.of("c")),
        sorted(List.of("a"), List.of("b"), List.of("c"))));
  }

  @Test
  void dropDuplicatesEmitsTheFirstRowOfEachKeyOnceInAppendMode() {
    run(df -> df.dropDuplicates("word").select("word", "n"), "append", STEPS, List.of(
        sorted(List.of("a", 1), List.of("b", 2)),
        sorted(List.of("c", 4)),
        List.of()));
  }

  @Test
  void dropDuplicatesWithAWatermarkDropsLateRowsAndForgetsOldKeys() {
    // Keys include the event time: a key is forgotten once the watermark passes it, and rows at or before the
    // watermark are late.
    Function<DataFrame, DataFrame> q = df -> df.withWatermark("ts", "2 seconds").dropDuplicates("word", "ts")
        .select("word", "n");
    run(q, "append", List.of(
        List.of(ev(10, "a", 1), ev(10, "a", 2), ev(11, "b", 3)),
        List.of(ev(10, "a", 4), ev(20, "c", 5)),
        List.of(ev(10, "a", 6), ev(12, "d", 7), ev(19, "e", 8))), List.of(
        sorted(List.of("a", 1), List.of("b", 3)),
        sorted(List.of("c", 5)),
        sorted(List.of("e", 8))));
  }

  @Test
  void dropDuplicatesWithinWatermarkDropsDuplicatesWithinTheDelayOfTheFirstRow() {
    Function<DataFrame, DataFrame> q = df -> df.withWatermark("ts", "5 seconds").dropDuplicatesWithinWatermark("word")
        .select("word", "n");
    run(q, "append", List.of(
        List.of(ev(10, "a", 1), ev(12, "a", 2)),
        List.of(ev(14, "a", 3), ev(30, "b", 4)),
        // The watermark is 25 s: the state of "a" (first seen at 10 s, kept until 15 s) was evicted.
        List.of(ev(26, "a", 5), ev(31, "b", 6))), List.of(
        sorted(List.of("a", 1)),
        sorted(List.of("b", 4)),
        sorted(List.of("a", 5))));
  }

  @Test
  void sessionWindowsInAppendModeAreEmittedWhenTheWatermarkPassesTheirEnd() {
    Function<DataFrame, DataFrame> q = df -> df.withWatermark("ts", "5 seconds")
        .groupBy(session_window(col("ts"), "3 seconds"), col("word")).agg(count(lit(1)).as("c"))
        .select(col("word"), col("session_window.start"), col("session_window.end"), col("c"));
    run(q, "append", List.of(
        List.of(ev(1, "a", 1), ev(2, "a", 1), ev(3, "b", 1)),
        List.of(ev(4, "a", 1), ev(20, "b", 1)),
        List.of(ev(30, "c", 1))), List.of(
        List.of(),
        // Watermark 15 s: a's session, grown to [1, 7), and b's [3, 6) are closed.
        sorted(List.of("a", second(1), second(7), 3L), List.of("b", second(3), second(6), 1L)),
        sorted(List.of("b", second(20), second(23), 1L))));
  }

  @Test
  void sessionWindowsInCompleteModeAreTheWholeResultEveryEpoch() {
    Function<DataFrame, DataFrame> q = df -> df.groupBy(session_window(col("ts"), "3 seconds"), col("word"))
        .agg(count(lit(1)).as("c")).select(col("word"), col("session_window.start"), col("session_window.end"),
            col("c"));
    run(q, "complete", List.of(
        List.of(ev(1, "a", 1), ev(10, "a", 1)),
        List.of(ev(5, "a", 1))), List.of(
        sorted(List.of("a", second(1), second(4), 1L), List.of("a", second(10), second(13), 1L)),
        sorted(List.of("a", second(1), second(4), 1L), List.of("a", second(5), second(8), 1L),
            List.of("a", second(10), second(13), 1L))));
  }
}
