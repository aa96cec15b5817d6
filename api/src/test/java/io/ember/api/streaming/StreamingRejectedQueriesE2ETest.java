package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.lit;
import static io.ember.api.functions.max;
import static io.ember.api.functions.session_window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Queries Spark does not run in a given output mode fail at {@code start()} with Spark's message, and leave no
 * query behind; batch actions on a stream fail with Spark's message.
 */
class StreamingRejectedQueriesE2ETest {
  static final StructType EVENTS = DataTypes.struct(DataTypes.field("ts", DataTypes.TIMESTAMP),
      DataTypes.field("word", DataTypes.STRING));
  static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("StreamingRejectedQueriesE2ETest").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  static DataFrame stream() {
    return MemoryStream.of(session, EVENTS).toDF();
  }

  static void rejectedAtStart(DataFrame df, String mode, String message) {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> df.writeStream().outputMode(mode).format("memory").queryName("rejected").start());
    assertTrue(e.getMessage().contains(message), () -> "expected <" + message + "> in\n" + e.getMessage());
    assertEquals(0, session.streams().active().length, "a rejected query is not left running");
  }

  @Test
  void appendModeAggregationWithoutWatermark() {
    rejectedAtStart(stream().groupBy("word").count(), "append", "Append output mode not supported when there are"
        + " streaming aggregations on streaming DataFrames/DataSets without watermark");
  }

  @Test
  void completeModeWithoutAggregation() {
    rejectedAtStart(stream().select("word"), "complete", "Complete output mode not supported when there are no"
        + " streaming aggregations on streaming DataFrames/Datasets");
  }

  @Test
  void sortingANonAggregatedStream() {
    rejectedAtStart(stream().orderBy("word"), "append", "Sorting is not supported on streaming DataFrames/Datasets,"
        + " unless it is on aggregated DataFrame/Dataset in Complete output mode");
  }

  @Test
  void chainedAggregationsInCompleteMode() {
    rejectedAtStart(stream().groupBy("word").count().groupBy(col("count").as("c")).count().groupBy("c").count(),
        "complete", "Detected pattern of possible 'correctness' issue due to global watermark.");
    rejectedAtStart(stream().groupBy("word").count().groupBy("count").agg(max(col("word"))), "update",
        "[STREAMING_RETRACTION_UNSUPPORTED_FUNCTION] The aggregate function max(word) cannot read the output of a"
            + " streaming aggregation in update or complete output mode");
  }

  @Test
  void limitInUpdateMode() {
    rejectedAtStart(stream().groupBy("word").count().limit(1), "update",
        "Limits are not supported on streaming DataFrames/Datasets in Update output mode");
  }

  @Test
  void distinctInAppendModeWithoutWatermark() {
    rejectedAtStart(stream().select("word").distinct(), "append", "Append output mode not supported when there are"
        + " streaming aggregations on streaming DataFrames/DataSets without watermark");
  }

  @Test
  void streamStreamOuterJoinWithoutWatermark() {
    DataFrame l = stream().toDF("lts", "lword");
    DataFrame r = stream().toDF("rts", "rword");
    rejectedAtStart(l.join(r, col("lword").equalTo(col("rword")), "left_outer"), "append", "Stream-stream LeftOuter"
        + " join between two streaming DataFrame/Datasets is not supported without a watermark in the join keys, or"
        + " a watermark on the nullable side and an appropriate range condition");
  }

  @Test
  void streamStaticJoinWithTheStreamOnTheNullableSide() {
    DataFrame dim = session.createDataFrame(List.of(Row.of("a")), DataTypes.struct(DataTypes.field("word",
        DataTypes.STRING)));
    rejectedAtStart(dim.join(stream(), List.of("word"), "left_outer"), "append", "LeftOuter join with a streaming"
        + " DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported");
    rejectedAtStart(stream().join(dim, List.of("word"), "full_outer"), "append", "FullOuter joins with streaming"
        + " DataFrames/Datasets on the left and a static DataFrame/Dataset on the right is not supported");
  }

  @Test
  void sessionWindowInUpdateMode() {
    DataFrame sessions = stream().withWatermark("ts", "1 second").groupBy(session_window(col("ts"), "5 seconds"))
        .agg(count(lit(1)));
    rejectedAtStart(sessions, "update",
        "Update output mode not supported for session window on streaming DataFrames/DataSets");
  }

  @Test
  void batchActionsOnAStream() {
    DataFrame s = stream();
    for (Runnable action : List.<Runnable>of(s::collectAsList, s::count, s::show, () -> s.takeAsList(1))) {
      AnalysisException e = assertThrows(AnalysisException.class, action::run);
      assertTrue(e.getMessage().contains("Queries with streaming sources must be executed with writeStream.start();"),
          e::getMessage);
    }
  }
}
