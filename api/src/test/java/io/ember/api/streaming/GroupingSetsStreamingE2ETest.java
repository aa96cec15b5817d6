package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static io.ember.api.functions.current_timestamp;
import static io.ember.api.functions.grouping_id;
import static io.ember.api.functions.sum;
import static io.ember.api.functions.window;
import static io.ember.api.streaming.StreamingTestKit.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.streaming.StreamingTestKit.EpochRecorder;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code rollup}/{@code cube} over a stream, as Spark allows them: a streaming aggregation keyed by the grouping
 * columns and the grouping id, whose state every epoch updates (complete and update modes); append mode is
 * refused, as a set without the event-time window holds groups no watermark closes.
 */
class GroupingSetsStreamingE2ETest {
  static final StructType EVENTS = DataTypes.struct(DataTypes.field("k", DataTypes.STRING),
      DataTypes.field("g", DataTypes.INTEGER), DataTypes.field("n", DataTypes.LONG));
  static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("GroupingSetsStreamingE2ETest")
        .config("spark.sql.shuffle.partitions", "3").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  private static List<List<List<Object>>> run(String mode) {
    MemoryStream events = MemoryStream.of(session, EVENTS);
    EpochRecorder out = new EpochRecorder();
    DataFrame rolled = events.toDF().rollup(col("k"), col("g")).agg(sum("n").alias("s"), grouping_id().alias("id"));
    StreamingQuery q = rolled.writeStream().outputMode(mode).foreachBatch(out).start();
    try {
      events.addData(List.of(Row.of("a", 1, 1L), Row.of("a", 2, 2L), Row.of(null, 1, 4L)));
      q.processAllAvailable();
      List<List<Object>> first = out.newRows();
      events.addData(List.of(Row.of("a", 1, 10L)));
      q.processAllAvailable();
      return List.of(first, out.newRows());
    } finally {
      q.stop();
    }
  }

  private static List<Object> r(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void completeModeEmitsEveryGroupOfEverySetEachEpoch() {
    List<List<List<Object>>> steps = run("complete");
    assertEquals(sorted(r("a", 1, 1L, 0L), r("a", 2, 2L, 0L), r(null, 1, 4L, 0L),
        r("a", null, 3L, 1L), r(null, null, 4L, 1L), r(null, null, 7L, 3L)), steps.get(0));
    assertEquals(sorted(r("a", 1, 11L, 0L), r("a", 2, 2L, 0L), r(null, 1, 4L, 0L),
        r("a", null, 13L, 1L), r(null, null, 4L, 1L), r(null, null, 17L, 3L)), steps.get(1));
  }

  @Test
  void appendModeIsRefusedAtStart() {
    MemoryStream events = MemoryStream.of(session, EVENTS);
    DataFrame rolled = events.toDF().withColumn("ts", current_timestamp()).withWatermark("ts", "1 minute")
        .rollup(window(col("ts"), "1 minute"), col("k")).agg(sum("n").alias("s"));
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> rolled.writeStream().outputMode("append").foreachBatch(new EpochRecorder()).start());
    assertTrue(e.getMessage().contains("output mode not supported for ROLLUP, CUBE or GROUPING SETS"),
        e.getMessage());
  }

  @Test
  void updateModeEmitsTheGroupsAnEpochChanged() {
    List<List<List<Object>>> steps = run("update");
    assertEquals(6, steps.get(0).size());
    assertEquals(sorted(r("a", 1, 11L, 0L), r("a", null, 13L, 1L), r(null, null, 17L, 3L)),
        steps.get(1));
  }
}
