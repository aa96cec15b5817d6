package io.ember.api.planner.streaming;

import static io.ember.api.functions.col;
import static io.ember.api.functions.row_number;
import static io.ember.api.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.analysis.UnsupportedOperationChecker;
import io.ember.api.expressions.Window;
import io.ember.api.streaming.MemoryStream;
import io.ember.api.streaming.OutputMode;
import io.ember.connectors.memory.CollectSink;
import io.ember.core.errors.AnalysisException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Window functions (not time windows) over a stream are rejected with Spark's message, in every output mode. */
class StreamingWindowFunctionsRejectedTest {
  static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("StreamingWindowFunctionsRejectedTest").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  private static void rejected(DataFrame df, OutputMode mode) {
    String message = "Non-time-based windows are not supported on streaming DataFrames/Datasets";
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> df.queryExecution().streamingPlan(mode, new CollectSink()));
    assertEquals(UnsupportedOperationChecker.ERROR_CLASS, e.errorClass(), e::getMessage);
    assertTrue(e.getMessage().contains(message), e::getMessage);
  }

  @Test
  void windowFunctionsOverAStreamAreRejected() {
    DataFrame stream = MemoryStream.of(session, StreamingUnsupportedOperationsPlanTest.EVENTS).toDF();
    rejected(stream.select(col("word"), row_number().over(Window.partitionBy("word").orderBy("ts"))),
        OutputMode.Append());
    rejected(stream.withColumn("total", sum("n").over(Window.partitionBy("word"))), OutputMode.Update());
  }
}
