package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Progress of stateful queries: state operators, event time and watermark; the memory table in complete mode. */
@Timeout(60)
class StreamingQueryStateProgressTest extends StreamingSessionTest {
  private static final StructType EVENTS = DataTypes.struct(
      DataTypes.field("k", DataTypes.STRING), DataTypes.field("ts", DataTypes.TIMESTAMP));
  private static Instant at(int seconds) {
    return Instant.ofEpochSecond(seconds);
  }

  @Test
  void completeModeAggregationReplacesTheTableAndReportsItsState() {
    MemoryStream input = MemoryStream.of(session, EVENTS);
    DataFrame counts = input.toDF().groupBy("k").count();
    StreamingQuery q = counts.writeStream().format("memory").queryName("counts").outputMode("complete").start();
    input.addData(Row.of("a", at(1)), Row.of("b", at(2)), Row.of("a", at(3)));
    q.processAllAvailable();
    assertEquals(List.of("[a,2]", "[b,1]"), sorted(session.table("counts").collectAsList()));
    input.addData(Row.of("c", at(4)), Row.of("a", at(5)));
    q.processAllAvailable();
    assertEquals(List.of("[a,3]", "[b,1]", "[c,1]"), sorted(session.table("counts").collectAsList()),
        "complete mode: the table holds the latest result only");
    StreamingQueryProgress last = q.lastProgress();
    assertEquals(1, last.stateOperators().size(), last.prettyJson());
    StateOperatorProgress state = last.stateOperators().get(0);
    assertEquals("stateStoreSave", state.operatorName());
    assertEquals(3, state.numRowsTotal(), "three groups held");
    assertTrue(state.numStateStoreInstances() >= 1);
    assertTrue(last.eventTime().isEmpty(), "no watermark, no eventTime");
    q.stop();
  }

  @Test
  void watermarkedQueryReportsEventTimeAndItsWatermark() {
    MemoryStream input = MemoryStream.of(session, EVENTS);
    DataFrame deduped = input.toDF().withWatermark("ts", "10 seconds").dropDuplicates("k", "ts");
    StreamingQuery q = deduped.writeStream().format("noop").start();
    input.addData(Row.of("a", at(100)), Row.of("b", at(120)));
    q.processAllAvailable();
    input.addData(Row.of("c", at(130)));
    q.processAllAvailable();
    boolean sawStats = false;
    String lastWatermark = null;
    for (StreamingQueryProgress p : q.recentProgress()) {
      Map<String, String> et = p.eventTime();
      assertTrue(et.containsKey("watermark"), p.prettyJson());
      if (p.numInputRows() > 0 && et.containsKey("max")) {
        sawStats = true;
        assertTrue(et.get("max").compareTo(et.get("min")) >= 0);
      }
      if (lastWatermark != null) {
        assertTrue(et.get("watermark").compareTo(lastWatermark) >= 0, "the watermark never goes back");
      }
      lastWatermark = et.get("watermark");
    }
    assertTrue(sawStats, "an epoch with rows reports min/max/avg event time");
    assertEquals("1970-01-01T00:02:00.000Z", lastWatermark,
        "max event time 130 s minus the 10 s delay, in force in the no-data epoch that follows, as in Spark");
    q.stop();
  }

  @Test
  void explainPrintsThePhysicalPlan() {
    MemoryStream input = MemoryStream.of(session, EVENTS);
    StreamingQuery q = input.toDF().filter(col("k").equalTo("a")).writeStream().format("noop").start();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      q.explain(true);
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("== Analyzed Logical Plan =="), out);
    assertTrue(out.contains("== Physical Plan =="), out);
    assertTrue(out.contains("NoopSink"), out);
    assertTrue(out.contains("MemoryStream"), out);
    q.stop();
  }
}
