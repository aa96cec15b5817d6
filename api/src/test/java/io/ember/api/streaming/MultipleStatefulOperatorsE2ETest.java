package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.expr;
import static io.ember.api.functions.lit;
import static io.ember.api.functions.max;
import static io.ember.api.functions.sum;
import static io.ember.api.functions.window;
import static io.ember.api.functions.window_time;
import static io.ember.api.streaming.StreamingTestKit.row;
import static io.ember.api.streaming.StreamingTestKit.second;
import static io.ember.api.streaming.StreamingTestKit.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.streaming.StreamingTestKit.EpochRecorder;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chains of stateful operators in append mode, epoch by epoch, against the rows Spark 3.5+ produces. The
 * expected rows are derived in the comments with Spark's rules: in micro-batch {@code N} every stateful operator
 * drops rows at or before its input watermark of batch {@code N - 1} as late, and after processing the batch's
 * rows emits and evicts what its input watermark of batch {@code N} closes; an operator's input watermark is the
 * global one ({@code W}), lowered below a stream-stream join by the join's state watermarks. The global
 * watermark of batch {@code N} is the largest event time up to batch {@code N - 1} minus the delay (the smallest
 * over several watermarked inputs); when it moves, a batch without data follows. A window's time
 * ({@code window_time}) is its end minus one microsecond.
 */
class MultipleStatefulOperatorsE2ETest {
  static final StructType EVENTS = DataTypes.struct(DataTypes.field("id", DataTypes.STRING),
      DataTypes.field("ts", DataTypes.TIMESTAMP));
  static final StructType BIDS = DataTypes.struct(DataTypes.field("k", DataTypes.STRING),
      DataTypes.field("ts", DataTypes.TIMESTAMP), DataTypes.field("price", DataTypes.INTEGER));
  static final StructType ASKS = DataTypes.struct(DataTypes.field("ak", DataTypes.STRING),
      DataTypes.field("at", DataTypes.TIMESTAMP));
  static final StructType LEFT = DataTypes.struct(DataTypes.field("lt", DataTypes.TIMESTAMP),
      DataTypes.field("lid", DataTypes.STRING), DataTypes.field("comment", DataTypes.STRING));
  static final StructType RIGHT = DataTypes.struct(DataTypes.field("rt", DataTypes.TIMESTAMP),
      DataTypes.field("rid", DataTypes.STRING), DataTypes.field("name", DataTypes.STRING));
  static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("MultipleStatefulOperatorsE2ETest")
        .config("spark.sql.shuffle.partitions", "3").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  static Row ev(String id, long second) {
    return Row.of(id, second(second));
  }

  static List<Row> seconds(long from, long to) {
    List<Row> out = new ArrayList<>();
    for (long s = from; s <= to; s++) {
      out.add(ev("e" + s, s));
    }
    return out;
  }

  /** {@link StreamingTestKit#second} plus 999,999 µs: the time of a window ending at {@code second + 1}. */
  static Instant justBefore(long second) {
    return second(second - 1).plusNanos(999_999_000L);
  }

  /** The rows of each epoch recorded after epoch {@code after}, epoch by epoch. */
  static List<List<List<Object>>> epochsAfter(EpochRecorder out, long after) {
    List<List<List<Object>>> epochs = new ArrayList<>();
    for (Map.Entry<Long, List<List<Object>>> e : out.epochs().entrySet()) {
      if (e.getKey() > after) {
        epochs.add(e.getValue());
      }
    }
    return epochs;
  }

  @Test
  void aFiveSecondWindowCountThenATenSecondWindowSumOverItsWindowTime() {
    MemoryStream events = MemoryStream.of(session, EVENTS);
    DataFrame fives = events.toDF().withWatermark("ts", "0 seconds").groupBy(window(col("ts"), "5 seconds"))
        .agg(count(lit(1)).as("n"));
    DataFrame tens = fives.groupBy(window(window_time(col("window")), "10 seconds"))
        .agg(count(lit(1)).as("windows"), sum(col("n")).as("events"))
        .select(col("window.start").as("start"), col("windows"), col("events"));
    EpochRecorder out = new EpochRecorder();
    StreamingQuery q = tens.writeStream().outputMode("append").foreachBatch(out).start();
    try {
      events.addData(seconds(10, 21));
      q.processAllAvailable();
      // batch 0: fives keeps [10,15) 5, [15,20) 5, [20,25) 2; nothing closes. W = 21.
      // batch 1 (no data): fives emits [10,15) 5 and [15,20) 5 (ends <= 21); tens gets them at window times
      //   14.999999 and 19.999999 (not late: no earlier watermark), [10,20) = (2, 10), and closes it (20 <= 21).
      assertEquals(List.of(List.of(), List.of(row(second(10), 2L, 10L))), epochsAfter(out, -1));

      events.addData(seconds(10, 29));
      q.processAllAvailable();
      // batch 2: fives drops 10..19 as late (their windows end at or before the watermark 21) and keeps
      //   [20,25) 2 + 5 = 7, [25,30) 5. W = 29.
      // batch 3: fives emits [20,25) 7; tens, whose previous watermark is 21, keeps it in [20,30) = (1, 7),
      //   which 29 does not close.
      assertEquals(List.of(List.of(), List.of()), epochsAfter(out, 1));

      events.addData(List.of(ev("a", 30), ev("b", 31)));
      q.processAllAvailable();
      // batch 4: fives keeps [30,35) 2. W = 31.
      // batch 5: fives emits [25,30) 5; tens: [20,30) = (2, 12), closed by 31.
      assertEquals(List.of(List.of(), List.of(row(second(20), 2L, 12L))), epochsAfter(out, 3));
    } finally {
      q.stop();
    }
  }

  /** The window count then window sum over the json files in {@code in}, checkpointed to {@code checkpoint}. */
  static StreamingQuery windowsOfWindows(Path in, Path checkpoint, EpochRecorder out) {
    return session.readStream().schema(EVENTS).json(in.toString()).withWatermark("ts", "0 seconds")
        .groupBy(window(col("ts"), "5 seconds")).agg(count(lit(1)).as("n"))
        .groupBy(window(window_time(col("window")), "10 seconds"))
        .agg(count(lit(1)).as("windows"), sum(col("n")).as("events"))
        .select(col("window.start").as("start"), col("windows"), col("events"))
        .writeStream().outputMode("append").option("checkpointLocation", checkpoint.toString()).foreachBatch(out)
        .start();
  }

  /** Writes events at {@code seconds} as file {@code name} of {@code dir} (written aside, then moved in). */
  static void addFile(Path dir, String name, long... seconds) throws IOException {
    StringBuilder json = new StringBuilder();
    for (long s : seconds) {
      json.append(String.format("{\"id\": \"e%d\", \"ts\": \"2024-01-01 00:00:%02d\"}%n", s, s));
    }
    Path staged = Files.writeString(dir.resolveSibling(name), json.toString());
    Files.move(staged, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  static long[] range(long from, long to) {
    return java.util.stream.LongStream.rangeClosed(from, to).toArray();
  }

  @Test
  void chainedOperatorsRestartFromTheirCheckpointWithTheSameRows() throws IOException {
    // Not a @TempDir: the commit thread may still be writing the last epoch's state files when stop() returns.
    Path tmp = Files.createTempDirectory("chained-checkpoint");
    try {
      restartFromCheckpoint(tmp);
    } finally {
      try (java.util.stream.Stream<Path> paths = Files.walk(tmp)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static void restartFromCheckpoint(Path tmp) throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Path checkpoint = tmp.resolve("checkpoint");
    EpochRecorder first = new EpochRecorder();
    StreamingQuery q = windowsOfWindows(in, checkpoint, first);
    try {
      addFile(in, "1.json", range(10, 21));
      q.processAllAvailable();
      addFile(in, "2.json", range(10, 29));
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    assertEquals(sorted(row(second(10), 2L, 10L)), first.newRows());
    // Both operators resume with their state (fives [25,30) 5, tens [20,30) (1, 7)) and the watermark 29.
    EpochRecorder second = new EpochRecorder();
    StreamingQuery resumed = windowsOfWindows(in, checkpoint, second);
    try {
      addFile(in, "3.json", 30, 31);
      resumed.processAllAvailable();
      assertEquals(sorted(row(second(20), 2L, 12L)), second.newRows());
    } finally {
      resumed.stop();
    }
  }

  @Test
  void anAggregationThenAStreamStreamJoinWithATimeRange() {
    MemoryStream bids = MemoryStream.of(session, BIDS);
    MemoryStream asks = MemoryStream.of(session, ASKS);
    DataFrame tops = bids.toDF().withWatermark("ts", "0 seconds").groupBy(col("k"), window(col("ts"), "10 seconds"))
        .agg(max(col("price")).as("top")).select(col("k"), window_time(col("window")).as("wt"), col("top"));
    DataFrame askStream = asks.toDF().withWatermark("at", "0 seconds");
    // asks at most 5 seconds after the end of a bid window: left state watermark W - 5 s, right state W
    DataFrame joined = tops.join(askStream, col("k").equalTo(col("ak")).and(col("at").geq(col("wt")))
        .and(col("at").cast("double").leq(col("wt").cast("double").plus(5))))
        .select(col("k"), col("wt"), col("top"), col("at"));
    EpochRecorder out = new EpochRecorder();
    StreamingQuery q = joined.writeStream().outputMode("append").foreachBatch(out).start();
    try {
      // Each step adds rows to one stream only: two sources' rows added together may land in different epochs.
      bids.addData(Row.of("a", second(1), 10), Row.of("a", second(4), 30), Row.of("b", second(6), 5),
          Row.of("a", second(12), 7), Row.of("b", second(13), 8));
      q.processAllAvailable();
      // batch 0: the aggregation keeps (a,[0,10)) 30, (b,[0,10)) 5, (a,[10,20)) 7, (b,[10,20)) 8. W = 13 (the asks
      //   have no watermark yet).
      // batch 1: the aggregation emits (a, 9.999999, 30) and (b, 9.999999, 5); the join stores them.
      assertEquals(List.of(), out.newRows());

      asks.addData(Row.of("a", second(14)), Row.of("a", second(20)), Row.of("b", second(22)), Row.of("a", second(24)),
          Row.of("a", second(5)));
      q.processAllAvailable();
      // batch 2 (previous watermark 13): the ask (a, 5) is late; (a, 14) matches (a, 9.999999, 30) (in
      //   [9.999999, 14.999999]). W = min(13, 24) = 13: no batch follows.
      assertEquals(sorted(row("a", justBefore(10), 30, second(14))), out.newRows());

      bids.addData(Row.of("a", second(21), 9), Row.of("a", second(3), 100));
      q.processAllAvailable();
      // batch 3: (a, 3) is late for the aggregation ([0,10) ends before 13); (a,[20,30)) 9. W = min(21, 24) = 21.
      // batch 4: the aggregation emits (a, 19.999999, 7) and (b, 19.999999, 8); the join matches them with the asks
      //   (a, 20), (a, 24) and (b, 22), then evicts asks at or before 21 and bids at or before 16. (Evicting by 21
      //   before the aggregation's rows arrived would have lost the match with (a, 20).)
      assertEquals(sorted(row("a", justBefore(20), 7, second(20)), row("a", justBefore(20), 7, second(24)),
          row("b", justBefore(20), 8, second(22))), out.newRows());
    } finally {
      q.stop();
    }
  }

  @Test
  void theHottestItemsPerWindowJoinAnAggregationWithAnAggregationOfIt() {
    // Nexmark q5's shape: counts per window and item, the largest count per window, joined back on both. The stream
    // is read once for both branches, so each batch reaches both in the same epoch.
    StructType bidSchema = DataTypes.struct(DataTypes.field("item", DataTypes.INTEGER),
        DataTypes.field("ts", DataTypes.TIMESTAMP));
    MemoryStream bids = MemoryStream.of(session, bidSchema);
    DataFrame counts = bids.toDF().withWatermark("ts", "0 seconds").groupBy(window(col("ts"), "10 seconds"),
        col("item")).agg(count(lit(1)).as("n"));
    DataFrame tops = counts.groupBy(col("window")).agg(max(col("n")).as("top")).withColumnRenamed("window", "w");
    DataFrame hot = counts.join(tops, col("window").equalTo(col("w")).and(col("n").equalTo(col("top"))))
        .select(col("window.start").as("start"), col("item"), col("n"));
    EpochRecorder out = new EpochRecorder();
    StreamingQuery q = hot.writeStream().outputMode("append").foreachBatch(out).start();
    try {
      bids.addData(Row.of(1, second(1)), Row.of(1, second(2)), Row.of(2, second(3)), Row.of(2, second(4)),
          Row.of(2, second(5)), Row.of(3, second(12)));
      q.processAllAvailable();
      // batch 0: counts keeps ([0,10), 1) 2, ([0,10), 2) 3, ([10,20), 3) 1. W = 12.
      // batch 1: counts emits the [0,10) rows to the join and to tops, which emits [0,10) 3 (closed by 12 too);
      //   the join, on the window (event time) and the count, matches item 2, then evicts keys ending by 12.
      assertEquals(List.of(List.of(), List.of(row(second(0), 2, 3L))), epochsAfter(out, -1));
      bids.addData(Row.of(4, second(14)), Row.of(3, second(15)), Row.of(5, second(31)));
      q.processAllAvailable();
      // batch 2: ([10,20), 3) 2, ([10,20), 4) 1, ([30,40), 5) 1. W = 31.
      // batch 3: [10,20) closes: its top is 2, item 3's count.
      assertEquals(List.of(List.of(), List.of(row(second(10), 3, 2L))), epochsAfter(out, 1));
      assertEquals(1, q.lastProgress().sources().size(), "the stream is one source");
    } finally {
      q.stop();
    }
  }

  @Test
  void dropDuplicatesThenAWindowedCount() {
    MemoryStream events = MemoryStream.of(session, EVENTS);
    DataFrame counts = events.toDF().withWatermark("ts", "2 seconds").dropDuplicates("id", "ts")
        .groupBy(window(col("ts"), "5 seconds")).agg(count(lit(1)).as("n"))
        .select(col("window.start").as("start"), col("n"));
    EpochRecorder out = new EpochRecorder();
    StreamingQuery q = counts.writeStream().outputMode("append").foreachBatch(out).start();
    try {
      events.addData(ev("e1", 1), ev("e1", 1), ev("e2", 2), ev("e3", 6), ev("e3", 6), ev("e4", 8));
      q.processAllAvailable();
      // batch 0: dedup passes e1@1, e2@2, e3@6, e4@8; the count keeps [0,5) 2, [5,10) 2. W = 8 - 2 = 6.
      // batch 1: dedup evicts e1, e2, e3 (times <= 6); the count emits [0,5) 2.
      assertEquals(List.of(List.of(), List.of(row(second(0), 2L))), epochsAfter(out, -1));

      events.addData(ev("e4", 8), ev("e1", 1), ev("e5", 7), ev("e6", 13));
      q.processAllAvailable();
      // batch 2 (previous watermark 6): e4@8 is a duplicate still in the state, e1@1 is late; e5@7 and e6@13 pass:
      //   [5,10) 3, [10,15) 1. W = 13 - 2 = 11.
      // batch 3: dedup evicts e4, e5; the count emits [5,10) 3.
      assertEquals(List.of(List.of(), List.of(row(second(5), 3L))), epochsAfter(out, 1));

      events.addData(ev("e4", 8), ev("e7", 12));
      q.processAllAvailable();
      // batch 4: e4@8 is late now (8 <= 11), not counted again; e7@12: [10,15) 2. W stays 11: no batch follows.
      assertEquals(List.of(List.of()), epochsAfter(out, 3));

      events.addData(ev("e8", 20));
      q.processAllAvailable();
      // batch 5: [20,25) 1. W = 18. batch 6: the count emits [10,15) 2.
      assertEquals(List.of(List.of(), List.of(row(second(10), 2L))), epochsAfter(out, 4));
    } finally {
      q.stop();
    }
  }

  /** {@code 2020-01-dd hh:mm:ss} UTC. */
  static Instant t(int day, int hour, int minute, int second) {
    return LocalDateTime.of(2020, 1, day, hour, minute, second).toInstant(ZoneOffset.UTC);
  }

  @Test
  void aTimeIntervalLeftOuterJoinThenAWindowedCountClosesWindowsByTheJoinsOutputWatermark() {
    // Spark's MultiStatefulOperatorsSuite "stream-stream time interval left outer join -> aggregation", then a step
    // where the join's output watermark (W - 40 s) keeps a window open that the global watermark would close.
    MemoryStream left = MemoryStream.of(session, LEFT);
    MemoryStream right = MemoryStream.of(session, RIGHT);
    DataFrame joined = left.toDF().withWatermark("lt", "2 minutes").join(right.toDF().withWatermark("rt", "4 minutes"),
        expr("lid = rid AND lt BETWEEN rt - INTERVAL 40 SECONDS AND rt + INTERVAL 30 SECONDS"), "left_outer");
    DataFrame counts = joined.groupBy(window(col("lt"), "30 seconds")).agg(count(lit(1)).as("cnt"))
        .select(col("window.start").as("s"), col("window.end").as("e"), col("cnt"));
    EpochRecorder out = new EpochRecorder();
    StreamingQuery q = counts.writeStream().outputMode("append").foreachBatch(out).start();
    try {
      // Spark's rows of its suite, each step adding to one stream only (two sources' rows added together may land in
      // different epochs, which changes the watermark each sees).
      left.addData(Row.of(t(1, 0, 0, 0), "abc", "has no join partner"), Row.of(t(2, 0, 0, 0), "abc", "joined with A"),
          Row.of(t(2, 1, 0, 0), "abc", "joined with B"));
      q.processAllAvailable();
      // batch 0: the join stores the left rows. W = 01-02 01:00 - 2 min = 01-02 00:58:00 (no right watermark yet).
      // batch 1: the join's state watermarks are W - 40 s (left) and W - 30 s (right): it evicts the left rows at or
      //   before 00:57:20 and emits them with nulls (01-01 00:00 and 01-02 00:00); the count's watermark is the join's
      //   output, W - 40 s = 00:57:20, which closes both their windows.
      assertEquals(sorted(row(t(1, 0, 0, 0), t(1, 0, 0, 30), 1L), row(t(2, 0, 0, 0), t(2, 0, 0, 30), 1L)),
          out.newRows());

      right.addData(Row.of(t(2, 0, 0, 10), "abc", "A"), Row.of(t(2, 0, 59, 59), "abc", "B"),
          Row.of(t(2, 2, 0, 0), "abc", "C"));
      q.processAllAvailable();
      // batch 2: A is late (at or before 00:58:00); B matches "joined with B" (01:00 is within [B - 40 s, B + 30 s]):
      //   the count keeps [01-02 01:00:00, +30 s) 1. W = min(00:58:00, 02:00 - 4 min) = 00:58:00: no batch follows.
      assertEquals(List.of(), out.newRows());

      left.addData(Row.of(t(5, 0, 0, 0), "abc", "joined with D"));
      q.processAllAvailable();
      // batch 3: stored. W = min(01-04 23:58:00, 01-02 01:56:00) = 01-02 01:56:00.
      // batch 4: the count's watermark 01:55:20 closes [01-02 01:00:00, +30 s) 1.
      assertEquals(sorted(row(t(2, 1, 0, 0), t(2, 1, 0, 30), 1L)), out.newRows());

      right.addData(Row.of(t(5, 0, 0, 10), "abc", "D"));
      q.processAllAvailable();
      // batch 5: D matches "joined with D": the count keeps [01-05 00:00:00, +30 s) 1. W = min(01-04 23:58:00,
      //   01-04 23:56:10) = 23:56:10; batch 6 closes nothing (the count's watermark is 23:55:30).
      assertEquals(List.of(), out.newRows());

      left.addData(Row.of(t(5, 0, 2, 40), "abc", "E"));
      q.processAllAvailable();
      right.addData(Row.of(t(5, 0, 4, 45), "abc", "X"));
      q.processAllAvailable();
      // batches 7 and 8: E and X match nothing. W = min(01-05 00:00:40, 00:00:45) = 00:00:40.
      // batch 9: the join evicts "joined with D" (matched: no output) and D; the count's watermark is
      //   W - 40 s = 00:00:00, so [01-05 00:00:00, +30 s) stays open (W itself, 00:00:40, would have closed it).
      assertEquals(List.of(), out.newRows());
    } finally {
      q.stop();
    }
  }
}
