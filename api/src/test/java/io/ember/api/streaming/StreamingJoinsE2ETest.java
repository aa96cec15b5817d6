package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static io.ember.api.streaming.StreamingTestKit.CLICKS;
import static io.ember.api.streaming.StreamingTestKit.IMPRESSIONS;
import static io.ember.api.streaming.StreamingTestKit.ad;
import static io.ember.api.streaming.StreamingTestKit.row;
import static io.ember.api.streaming.StreamingTestKit.second;
import static io.ember.api.streaming.StreamingTestKit.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.api.Column;
import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.streaming.StreamingTestKit.EpochRecorder;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stream-static joins (inner, left outer) and stream-stream joins with watermarks and a time range (Spark's ad
 * impressions and clicks): matches, late rows dropped, and the left outer join's nulls emitted once the
 * watermark says an impression can no longer be clicked.
 */
class StreamingJoinsE2ETest {
  static final StructType WORDS = DataTypes.struct(DataTypes.field("word", DataTypes.STRING));
  static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("StreamingJoinsE2ETest")
        .config("spark.sql.shuffle.partitions", "3").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  DataFrame dimension() {
    return session.createDataFrame(List.of(Row.of("a", 1), Row.of("b", 2)),
        DataTypes.struct(DataTypes.field("word", DataTypes.STRING), DataTypes.field("id", DataTypes.INTEGER)));
  }

  void streamStatic(String how, List<List<Object>> first, List<List<Object>> second) {
    MemoryStream words = MemoryStream.of(session, WORDS);
    EpochRecorder out = new EpochRecorder();
    StreamingQuery q = words.toDF().join(dimension(), List.of("word"), how).writeStream().foreachBatch(out).start();
    try {
      words.addData(Row.of("a"), Row.of("c"));
      q.processAllAvailable();
      assertEquals(first, out.newRows());
      words.addData(Row.of("b"), Row.of("a"));
      q.processAllAvailable();
      assertEquals(second, out.newRows());
    } finally {
      q.stop();
    }
  }

  @Test
  void streamStaticInnerJoinMatchesEachRowAgainstTheStaticSide() {
    streamStatic("inner", sorted(row("a", 1)), sorted(row("b", 2), row("a", 1)));
  }

  @Test
  void streamStaticLeftOuterJoinKeepsUnmatchedStreamRowsAtOnce() {
    streamStatic("left_outer", sorted(row("a", 1), row("c", null)), sorted(row("b", 2), row("a", 1)));
  }

  @Test
  void streamStaticSemiAndAntiJoinsFilterTheStream() {
    streamStatic("left_semi", sorted(row("a")), sorted(row("b"), row("a")));
    streamStatic("left_anti", sorted(row("c")), List.of());
  }

  @Test
  void theStaticSideMayBeAnAggregatedBatchQuery() {
    MemoryStream words = MemoryStream.of(session, WORDS);
    EpochRecorder out = new EpochRecorder();
    DataFrame totals = dimension().union(dimension()).groupBy("word").count();
    StreamingQuery q = words.toDF().join(totals, List.of("word")).writeStream().foreachBatch(out).start();
    try {
      words.addData(Row.of("a"), Row.of("c"));
      q.processAllAvailable();
      assertEquals(sorted(row("a", 2L)), out.newRows());
    } finally {
      q.stop();
    }
  }

  /** Clicks within 5 seconds after their impression. */
  static Column clickedWithinFiveSeconds() {
    return col("clickAdId").equalTo(col("adId")).and(col("clickTime").geq(col("impressionTime")))
        .and(col("clickTime").cast("double").leq(col("impressionTime").cast("double").plus(5)));
  }

  final class AdJoin implements AutoCloseable {
    final MemoryStream impressions = MemoryStream.of(session, IMPRESSIONS);
    final MemoryStream clicks = MemoryStream.of(session, CLICKS);
    final EpochRecorder out = new EpochRecorder();
    final StreamingQuery query;

    AdJoin(String how) {
      this(how, false);
    }

    /** Impressions joined with clicks, or clicks with impressions when {@code clicksFirst}. */
    AdJoin(String how, boolean clicksFirst) {
      DataFrame imp = impressions.toDF().withWatermark("impressionTime", "10 seconds");
      DataFrame clk = clicks.toDF().withWatermark("clickTime", "20 seconds");
      DataFrame joined = clicksFirst ? clk.join(imp, clickedWithinFiveSeconds(), how)
          : imp.join(clk, clickedWithinFiveSeconds(), how);
      query = joined.writeStream().foreachBatch(out).start();
    }

    List<List<Object>> step(List<Row> imps, List<Row> clks) {
      impressions.addData(imps);
      clicks.addData(clks);
      query.processAllAvailable();
      return out.newRows();
    }

    @Override
    public void close() {
      query.stop();
    }
  }

  @Test
  void streamStreamInnerJoinWithATimeRangeDropsLateRows() {
    try (AdJoin j = new AdJoin("inner")) {
      assertEquals(sorted(row(1, second(10), 1, second(13))),
          j.step(List.of(ad(1, 10), ad(2, 12)), List.of(ad(1, 13))));
      // The click at 20 s is too late for impression 2 (12 s + 5 s); the one at 16 s matches.
      assertEquals(sorted(row(2, second(12), 2, second(16))), j.step(List.of(), List.of(ad(2, 20), ad(2, 16))));
      // The watermark becomes min(100 - 10, 101 - 20) = 81 s.
      assertEquals(sorted(row(3, second(100), 3, second(101))), j.step(List.of(ad(3, 100)), List.of(ad(3, 101))));
      // Rows at or before 81 s are late on both sides and dropped.
      assertEquals(sorted(row(5, second(95), 5, second(96))),
          j.step(List.of(ad(4, 50), ad(5, 95)), List.of(ad(4, 52), ad(5, 96))));
    }
  }

  @Test
  void streamStreamLeftOuterJoinEmitsUnmatchedImpressionsOnceTheWatermarkPassesTheirRange() {
    try (AdJoin j = new AdJoin("left_outer")) {
      assertEquals(sorted(row(1, second(10), 1, second(13))),
          j.step(List.of(ad(1, 10), ad(2, 12)), List.of(ad(1, 13))));
      // Watermark 81 s: impressions up to 76 s can no longer be clicked; 2 never was.
      assertEquals(sorted(row(3, second(100), 3, second(101)), row(2, second(12), null, null)),
          j.step(List.of(ad(3, 100)), List.of(ad(3, 101))));
      // The watermark stays at 81 s (held back by the clicks): impression 5 waits.
      assertEquals(List.of(), j.step(List.of(ad(4, 200), ad(5, 150)), List.of()));
      // Watermark 190 s: impression 5 (150 s) is emitted with nulls; 4 (200 s) may still be clicked.
      assertEquals(sorted(row(5, second(150), null, null)), j.step(List.of(), List.of(ad(9, 300))));
    }
  }

  @Test
  void streamStreamRightOuterJoinEmitsUnmatchedImpressionsOnTheRight() {
    try (AdJoin j = new AdJoin("right_outer", true)) {
      assertEquals(sorted(row(1, second(13), 1, second(10))),
          j.step(List.of(ad(1, 10), ad(2, 12)), List.of(ad(1, 13))));
      assertEquals(sorted(row(3, second(101), 3, second(100)), row(null, null, 2, second(12))),
          j.step(List.of(ad(3, 100)), List.of(ad(3, 101))));
    }
  }

  @Test
  void streamStreamFullOuterJoinEmitsUnmatchedRowsOfBothSides() {
    try (AdJoin j = new AdJoin("full_outer")) {
      assertEquals(sorted(row(1, second(10), 1, second(13))),
          j.step(List.of(ad(1, 10), ad(2, 12)), List.of(ad(1, 13), ad(7, 14))));
      // Watermark 81 s: impression 2 can no longer be clicked, click 7 can no longer find its impression.
      assertEquals(sorted(row(3, second(100), 3, second(101)), row(2, second(12), null, null),
          row(null, null, 7, second(14))), j.step(List.of(ad(3, 100)), List.of(ad(3, 101))));
    }
  }

  @Test
  void streamStreamLeftSemiJoinEmitsEachClickedImpressionOnce() {
    try (AdJoin j = new AdJoin("left_semi")) {
      assertEquals(sorted(row(1, second(10))), j.step(List.of(ad(1, 10), ad(2, 12)), List.of(ad(1, 13), ad(1, 14))));
      assertEquals(sorted(row(2, second(12))), j.step(List.of(), List.of(ad(2, 16), ad(1, 15))));
    }
  }

  @Test
  void aWindowedAggregationOfAStreamStreamJoinEmitsWindowsAsTheWatermarkCloses() {
    MemoryStream impressions = MemoryStream.of(session, IMPRESSIONS);
    MemoryStream clicks = MemoryStream.of(session, CLICKS);
    EpochRecorder out = new EpochRecorder();
    DataFrame joined = impressions.toDF().withWatermark("impressionTime", "10 seconds")
        .join(clicks.toDF().withWatermark("clickTime", "20 seconds"), clickedWithinFiveSeconds());
    StreamingQuery q = joined.groupBy(io.ember.api.functions.window(col("impressionTime"), "10 seconds")).count()
        .select(col("window.start"), col("count")).writeStream().outputMode("append").foreachBatch(out).start();
    try {
      impressions.addData(ad(1, 1), ad(2, 2));
      clicks.addData(ad(1, 3), ad(2, 4));
      q.processAllAvailable();
      assertEquals(List.of(), out.newRows());
      // Watermark min(50 - 10, 52 - 20) = 32 s closes [0, 10).
      impressions.addData(ad(3, 50));
      clicks.addData(ad(3, 52));
      q.processAllAvailable();
      assertEquals(sorted(row(second(0), 2L)), out.newRows());
      // Watermark 81 s closes [50, 60).
      impressions.addData(ad(4, 100));
      clicks.addData(ad(4, 101));
      q.processAllAvailable();
      assertEquals(sorted(row(second(50), 1L)), out.newRows());
    } finally {
      q.stop();
    }
  }
}
