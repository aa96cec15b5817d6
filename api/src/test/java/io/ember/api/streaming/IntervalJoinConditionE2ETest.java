package io.ember.api.streaming;

import static io.ember.api.functions.expr;
import static io.ember.api.streaming.StreamingTestKit.CLICKS;
import static io.ember.api.streaming.StreamingTestKit.IMPRESSIONS;
import static io.ember.api.streaming.StreamingTestKit.ad;
import static io.ember.api.streaming.StreamingTestKit.row;
import static io.ember.api.streaming.StreamingTestKit.second;
import static io.ember.api.streaming.StreamingTestKit.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.streaming.StreamingTestKit.EpochRecorder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Spark's ad-monetization join written with an interval literal, {@code clickTime <= impressionTime + interval 5
 * seconds}: the time range bounds the join state, so the left outer join emits an unmatched impression with nulls
 * once the watermark passes its range.
 */
class IntervalJoinConditionE2ETest {
  static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("IntervalJoinConditionE2ETest")
        .config("spark.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  @Test
  void leftOuterJoinWithAnIntervalTimeRangeEmitsUnmatchedImpressionsOnceTheWatermarkPasses() {
    MemoryStream impressions = MemoryStream.of(session, IMPRESSIONS);
    MemoryStream clicks = MemoryStream.of(session, CLICKS);
    DataFrame imp = impressions.toDF().withWatermark("impressionTime", "10 seconds");
    DataFrame clk = clicks.toDF().withWatermark("clickTime", "20 seconds");
    EpochRecorder out = new EpochRecorder();
    StreamingQuery q = imp.join(clk, expr("clickAdId = adId AND clickTime >= impressionTime"
        + " AND clickTime <= impressionTime + interval 5 seconds"), "left_outer").writeStream().foreachBatch(out).start();
    try {
      impressions.addData(List.of(ad(1, 10), ad(2, 12)));
      clicks.addData(List.of(ad(1, 13), ad(2, 18)));
      q.processAllAvailable();
      // the click at 18 s is 6 s after impression 2: outside the range
      assertEquals(sorted(row(1, second(10), 1, second(13))), out.newRows());
      impressions.addData(List.of(ad(3, 100)));
      clicks.addData(List.of(ad(3, 101)));
      q.processAllAvailable();
      // watermark min(100 - 10, 101 - 20) = 81 s: impression 2 (12 s + 5 s) can no longer be clicked
      assertEquals(sorted(row(3, second(100), 3, second(101)), row(2, second(12), null, null)), out.newRows());
    } finally {
      q.stop();
    }
  }
}
