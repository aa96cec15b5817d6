package io.ember.api.planner.streaming;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.countDistinct;
import static io.ember.api.functions.session_window;
import static io.ember.api.functions.window;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.analysis.UnsupportedOperationChecker;
import io.ember.api.streaming.MemoryStream;
import io.ember.api.streaming.OutputMode;
import io.ember.connectors.memory.CollectSink;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Spark's rules for which streaming queries may start in which output mode, with Spark's messages. */
class StreamingUnsupportedOperationsPlanTest {
  static final StructType EVENTS = DataTypes.struct(DataTypes.field("word", DataTypes.STRING),
      DataTypes.field("ts", DataTypes.TIMESTAMP), DataTypes.field("n", DataTypes.INTEGER));
  static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("StreamingUnsupportedOperationsPlanTest").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  static DataFrame stream() {
    return MemoryStream.of(session, EVENTS).toDF();
  }

  static DataFrame watermarked() {
    return stream().withWatermark("ts", "10 seconds");
  }

  static DataFrame batch() {
    return session.createDataFrame(List.of(Row.of("a", java.time.Instant.EPOCH, 1)), EVENTS);
  }

  static void rejected(DataFrame df, OutputMode mode, String message) {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> df.queryExecution().streamingPlan(mode, new CollectSink()));
    assertEquals(UnsupportedOperationChecker.ERROR_CLASS, e.errorClass(), e::getMessage);
    assertTrue(e.getMessage().contains(message + ";\n"), () -> "expected <" + message + "> in\n" + e.getMessage());
  }

  static void allowed(DataFrame df, OutputMode mode) {
    assertDoesNotThrow(() -> df.queryExecution().streamingPlan(mode, new CollectSink()), mode::toString);
  }

  @Test
  void appendModeAggregationNeedsAnEventTimeKey() {
    rejected(stream().groupBy("word").count(), OutputMode.Append(), "Append output mode not supported when there"
        + " are streaming aggregations on streaming DataFrames/DataSets without watermark");
    // A watermark that the aggregation does not group by does not help either.
    rejected(watermarked().groupBy("word").count(), OutputMode.Append(), "Append output mode not supported when"
        + " there are streaming aggregations on streaming DataFrames/DataSets without watermark");
    allowed(watermarked().groupBy(window(col("ts"), "10 seconds"), col("word")).count(), OutputMode.Append());
    allowed(watermarked().groupBy(col("ts")).count(), OutputMode.Append());
    allowed(stream().groupBy("word").count(), OutputMode.Update());
    allowed(stream().groupBy("word").count(), OutputMode.Complete());
  }

  @Test
  void distinctIsAnAggregationButDropDuplicatesIsNot() {
    rejected(stream().select("word").distinct(), OutputMode.Append(), "Append output mode not supported when there"
        + " are streaming aggregations on streaming DataFrames/DataSets without watermark");
    allowed(stream().select("word").distinct(), OutputMode.Complete());
    allowed(stream().dropDuplicates("word"), OutputMode.Append());
    rejected(stream().dropDuplicates("word"), OutputMode.Complete(), "Complete output mode not supported when"
        + " there are no streaming aggregations on streaming DataFrames/Datasets");
  }

  @Test
  void completeModeNeedsAnAggregation() {
    rejected(stream().select("word"), OutputMode.Complete(), "Complete output mode not supported when there are no"
        + " streaming aggregations on streaming DataFrames/Datasets");
    allowed(stream().select("word"), OutputMode.Append());
    allowed(stream().select("word"), OutputMode.Update());
  }

  @Test
  void sortingOnlyAnAggregatedStreamInCompleteMode() {
    String sorting = "Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated"
        + " DataFrame/Dataset in Complete output mode";
    rejected(stream().orderBy("word"), OutputMode.Append(), sorting);
    rejected(stream().groupBy("word").count().orderBy("word"), OutputMode.Update(), sorting);
    rejected(stream().orderBy("word").groupBy("word").count(), OutputMode.Complete(), sorting);
    allowed(stream().groupBy("word").count().orderBy(col("count").desc()), OutputMode.Complete());
    allowed(stream().groupBy("word").count().orderBy(col("count").desc()).limit(3), OutputMode.Complete());
  }

  static final String CORRECTNESS = "Detected pattern of possible 'correctness' issue due to global watermark. The"
      + " query contains stateful operation which can emit rows older than the current watermark plus allowed late"
      + " record delay, which are \"late rows\" in downstream stateful operations and these rows can be discarded."
      + " Please refer the programming guide doc for more details. If you understand the possible risk of"
      + " correctness issue and still need to run the query, you can disable this check by setting the config"
      + " `spark.sql.streaming.statefulOperator.checkCorrectness.enabled` to false.";

  @Test
  void chainedAggregationsOnlyInAppendModeAndEachByEventTime() {
    // Spark 3.5+: no rule against several aggregations; in update/complete mode the correctness check rejects them,
    // except an aggregation over the updates of one without event-time keys, which Ember runs as a changelog
    allowed(stream().groupBy("word").count().groupBy("count").count(), OutputMode.Complete());
    allowed(stream().groupBy("word").count().groupBy("count").count(), OutputMode.Update());
    rejected(stream().groupBy("word").count().groupBy(col("count").as("c")).count().groupBy("c").count(),
        OutputMode.Update(), CORRECTNESS); // a changelog aggregation's output feeding a third one
    rejected(stream().groupBy("word").count().groupBy("count").count(), OutputMode.Append(), "Append output mode not"
        + " supported when there are streaming aggregations on streaming DataFrames/DataSets without watermark");
    DataFrame fives = watermarked().groupBy(window(col("ts"), "5 seconds")).count();
    DataFrame tens = fives.groupBy(window(io.ember.api.functions.window_time(col("window")), "10 seconds"))
        .agg(io.ember.api.functions.sum(col("count")).as("total"));
    allowed(tens, OutputMode.Append());
    rejected(tens, OutputMode.Update(), CORRECTNESS);
    rejected(tens, OutputMode.Complete(), CORRECTNESS);
    // an aggregation without an event-time key below one with: it would never emit in append mode
    rejected(watermarked().groupBy(col("word"), col("ts")).count().groupBy("word").count()
        .groupBy(col("count")).count(), OutputMode.Append(), "Append output mode not supported when there are"
        + " streaming aggregations on streaming DataFrames/DataSets without watermark");
    // deduplication then aggregation, aggregation then deduplication, joins after aggregations
    allowed(watermarked().dropDuplicates("word", "ts").groupBy(window(col("ts"), "5 seconds")).count(),
        OutputMode.Append());
    allowed(fives.dropDuplicates("count"), OutputMode.Append());
    allowed(fives.dropDuplicates("count"), OutputMode.Update()); // no event time: not stateful in Spark's check
    rejected(fives.dropDuplicates("count", "window"), OutputMode.Update(), CORRECTNESS);
    DataFrame other = watermarked().groupBy(window(col("ts"), "5 seconds").as("w")).agg(
        io.ember.api.functions.max(col("n")).as("top"));
    allowed(fives.join(other, col("window").equalTo(col("w"))), OutputMode.Append());
    allowed(fives.join(other, col("window").equalTo(col("w"))).groupBy(col("window")).count(), OutputMode.Append());
  }

  @Test
  void aWatermarkCannotBeRedefined() {
    DataFrame fives = watermarked().groupBy(window(col("ts"), "5 seconds")).count();
    AnalysisException e = assertThrows(AnalysisException.class, () -> fives.withWatermark("window", "1 second")
        .groupBy(col("window")).count().queryExecution().streamingPlan(OutputMode.Append(), new CollectSink()));
    assertEquals("_LEGACY_ERROR_TEMP_3076", e.errorClass());
    assertTrue(e.getMessage().contains("Redefining watermark is disallowed. You can set the config"
        + " 'spark.sql.streaming.statefulOperator.allowMultiple' to 'false'"), e::getMessage);
  }

  @Test
  void limitsNotInUpdateModeAndOffsetsNever() {
    rejected(stream().groupBy("word").count().limit(2), OutputMode.Update(),
        "Limits are not supported on streaming DataFrames/Datasets in Update output mode");
    rejected(stream().select("word").offset(1), OutputMode.Append(),
        "Offset is not supported on streaming DataFrames/Datasets");
    allowed(stream().select("word").limit(2), OutputMode.Append());
    allowed(stream().groupBy("word").count().limit(2), OutputMode.Complete());
  }

  @Test
  void distinctAggregatesAreRejected() {
    rejected(stream().groupBy("word").agg(countDistinct(col("n"))), OutputMode.Update(), "Distinct aggregations are"
        + " not supported on streaming DataFrames/Datasets. Consider using approx_count_distinct() instead.");
    allowed(stream().groupBy("word").agg(count(col("n"))), OutputMode.Update());
  }

  @Test
  void streamStaticJoinsWithTheStreamOnThePreservedSideOnly() {
    DataFrame s = stream();
    DataFrame b = batch().withColumnRenamed("n", "m");
    allowed(s.join(b, List.of("word"), "inner"), OutputMode.Append());
    allowed(b.join(s, List.of("word"), "inner"), OutputMode.Append());
    allowed(s.join(b, List.of("word"), "left_outer"), OutputMode.Append());
    allowed(b.join(s, List.of("word"), "right_outer"), OutputMode.Append());
    allowed(s.join(b, List.of("word"), "left_semi"), OutputMode.Append());
    allowed(s.join(b, List.of("word"), "left_anti"), OutputMode.Append());
    rejected(b.join(s, List.of("word"), "left_outer"), OutputMode.Append(), "LeftOuter join with a streaming"
        + " DataFrame/Dataset on the right and a static DataFrame/Dataset on the left is not supported");
    rejected(s.join(b, List.of("word"), "right_outer"), OutputMode.Append(), "RightOuter join with a streaming"
        + " DataFrame/Dataset on the left and a static DataFrame/DataSet on the right not supported");
    rejected(b.join(s, List.of("word"), "left_anti"), OutputMode.Append(),
        "LeftAnti joins with a streaming DataFrame/Dataset on the right are not supported");
    rejected(s.join(b, List.of("word"), "full_outer"), OutputMode.Append(), "FullOuter joins with streaming"
        + " DataFrames/Datasets on the left and a static DataFrame/Dataset on the right is not supported");
    rejected(b.join(s, List.of("word"), "full_outer"), OutputMode.Append(), "FullOuter joins with streaming"
        + " DataFrames/Datasets on the right and a static DataFrame/Dataset on the left is not supported");
  }

  @Test
  void streamStreamJoinsInAppendModeWithWatermarksForOuterJoins() {
    DataFrame l = watermarked().toDF("lword", "lts", "ln");
    DataFrame r = watermarked().toDF("rword", "rts", "rn");
    DataFrame plainL = stream().toDF("lword", "lts", "ln");
    DataFrame plainR = stream().toDF("rword", "rts", "rn");
    allowed(plainL.join(plainR, col("lword").equalTo(col("rword"))), OutputMode.Append());
    rejected(plainL.join(plainR, col("lword").equalTo(col("rword"))), OutputMode.Update(), "Join between two"
        + " streaming DataFrames/Datasets is not supported in Update output mode, only in Append output mode");
    // Ember: an inner join whose rows reach the output only through an aggregation runs in any mode (Nexmark q4)
    allowed(plainL.join(plainR, col("lword").equalTo(col("rword"))).groupBy("lword").count(), OutputMode.Update());
    allowed(plainL.join(plainR, col("lword").equalTo(col("rword"))).groupBy("lword").count(), OutputMode.Complete());
    rejected(plainL.join(plainR, col("lword").equalTo(col("rword")), "left_outer").groupBy("lword").count(),
        OutputMode.Update(), "Join between two streaming DataFrames/Datasets is not supported in Update output mode,"
            + " only in Append output mode");
    String noWatermark = " join between two streaming DataFrame/Datasets is not supported without a watermark in"
        + " the join keys, or a watermark on the nullable side and an appropriate range condition";
    rejected(plainL.join(plainR, col("lword").equalTo(col("rword")), "left_outer"), OutputMode.Append(),
        "Stream-stream LeftOuter" + noWatermark);
    rejected(l.join(r, col("lword").equalTo(col("rword")), "left_outer"), OutputMode.Append(),
        "Stream-stream LeftOuter" + noWatermark);
    rejected(l.join(r, col("lword").equalTo(col("rword")).and(col("rts").geq(col("lts"))), "left_outer"),
        OutputMode.Append(), "Stream-stream LeftOuter" + noWatermark);
    allowed(l.join(r, col("lword").equalTo(col("rword")).and(col("lts").geq(col("rts"))), "left_outer"),
        OutputMode.Append());
    allowed(l.join(r, col("lword").equalTo(col("rword")).and(col("rts").geq(col("lts"))), "right_outer"),
        OutputMode.Append());
    allowed(l.join(r, col("lts").equalTo(col("rts")), "left_outer"), OutputMode.Append());
    allowed(l.join(r, col("lword").equalTo(col("rword")).and(col("rts").geq(col("lts"))), "full_outer"),
        OutputMode.Append());
    rejected(plainL.join(plainR, col("lword").equalTo(col("rword")), "full_outer"), OutputMode.Append(),
        "Stream-stream FullOuter" + noWatermark);
  }

  @Test
  void unionOfAStreamAndABatchIsRejected() {
    rejected(stream().union(batch()), OutputMode.Append(),
        "Union between streaming and batch DataFrames/Datasets is not supported");
  }

  @Test
  void dropDuplicatesWithinWatermarkNeedsAWatermarkAndAStream() {
    rejected(stream().dropDuplicatesWithinWatermark("word"), OutputMode.Append(),
        "dropDuplicatesWithinWatermark is not supported on streaming DataFrames/DataSets without watermark");
    allowed(watermarked().dropDuplicatesWithinWatermark("word"), OutputMode.Append());
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> batch().dropDuplicatesWithinWatermark("word").collectAsList());
    assertTrue(e.getMessage().contains("dropDuplicatesWithinWatermark is not supported with batch DataFrames/DataSets"),
        e::getMessage);
  }

  @Test
  void sessionWindowsAreNotSupportedInUpdateMode() {
    DataFrame sessions = watermarked().groupBy(session_window(col("ts"), "5 seconds"), col("word")).count();
    rejected(sessions, OutputMode.Update(),
        "Update output mode not supported for session window on streaming DataFrames/DataSets");
    allowed(sessions, OutputMode.Append());
    allowed(sessions, OutputMode.Complete());
  }

  @Test
  void aBatchQueryCannotStartAsAStream() {
    rejected(batch().select("word"), OutputMode.Append(),
        "Queries without streaming sources cannot be executed with writeStream.start()");
  }

  @Test
  void statefulOperatorsAfterAnUpdateModeAggregationRiskLateRows() {
    DataFrame counts = watermarked().groupBy(col("ts")).count();
    rejected(counts.dropDuplicatesWithinWatermark("count"), OutputMode.Update(),
        "Detected pattern of possible 'correctness' issue due to global watermark. The query contains stateful"
            + " operation which can emit rows older than the current watermark plus allowed late record delay, which"
            + " are \"late rows\" in downstream stateful operations and these rows can be discarded. Please refer the"
            + " programming guide doc for more details. If you understand the possible risk of correctness issue and"
            + " still need to run the query, you can disable this check by setting the config"
            + " `spark.sql.streaming.statefulOperator.checkCorrectness.enabled` to false.");
    allowed(counts.dropDuplicatesWithinWatermark("count"), OutputMode.Append());
    session.conf().set("spark.sql.streaming.statefulOperator.checkCorrectness.enabled", "false");
    try {
      allowed(counts.dropDuplicatesWithinWatermark("count"), OutputMode.Update());
    } finally {
      session.conf().unset("spark.sql.streaming.statefulOperator.checkCorrectness.enabled");
    }
  }
}
