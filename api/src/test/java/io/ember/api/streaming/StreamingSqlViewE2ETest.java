package io.ember.api.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A temporary view over a streaming DataFrame: SQL over it is a streaming DataFrame, as in Spark. */
class StreamingSqlViewE2ETest extends StreamingSessionTest {
  @Test
  void sqlOverAStreamingViewIsAStreamingQuery() {
    MemoryStream events = MemoryStream.of(session, KEY_VALUE);
    events.toDF().createOrReplaceTempView("stream_events");
    DataFrame totals = session.sql("SELECT k, sum(v) AS total FROM stream_events WHERE v > 0 GROUP BY k");
    assertTrue(totals.isStreaming());
    EmberException batchAction = assertThrows(EmberException.class, totals::count);
    assertTrue(batchAction.getMessage().contains("writeStream"), batchAction.getMessage());

    StreamingQuery q = totals.writeStream().format("memory").queryName("stream_view_totals")
        .outputMode("complete").start();
    try {
      events.addData(List.of(Row.of("a", 1L), Row.of("b", 2L), Row.of("a", 3L), Row.of("c", -1L)));
      q.processAllAvailable();
      assertEquals(List.of("[a,4]", "[b,2]"),
          sorted(session.sql("SELECT * FROM stream_view_totals").collectAsList()));
      events.addData(List.of(Row.of("b", 5L), Row.of("c", 7L)));
      q.processAllAvailable();
      assertEquals(List.of("[a,4]", "[b,7]", "[c,7]"), sorted(session.table("stream_view_totals").collectAsList()));
    } finally {
      q.stop();
    }
  }
}
