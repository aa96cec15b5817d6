package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.lit;
import static io.ember.api.functions.window;
import static io.ember.api.streaming.StreamingTestKit.second;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.Session;
import io.ember.api.streaming.StreamingTestKit.EpochRecorder;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A long windowed aggregation with a watermark keeps its state bounded: after each window's rows the
 * watermark closes the window before, whose groups are emitted and evicted, so the state holds one window's
 * groups however many windows went by (progress {@code stateOperators.numRowsTotal}).
 */
class StreamingBoundedStateE2ETest {
  static final StructType EVENTS = DataTypes.struct(DataTypes.field("ts", DataTypes.TIMESTAMP),
      DataTypes.field("key", DataTypes.STRING));
  static final int WINDOWS = 40;
  static final int KEYS = 10;
  static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("StreamingBoundedStateE2ETest")
        .config("spark.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  @Test
  void stateShrinksBackAsTheWatermarkClosesWindows() {
    MemoryStream events = MemoryStream.of(session, EVENTS);
    EpochRecorder out = new EpochRecorder();
    StreamingQuery q = events.toDF().withWatermark("ts", "5 seconds")
        .groupBy(window(col("ts"), "10 seconds"), col("key")).agg(count(lit(1)).as("c"))
        .writeStream().outputMode("append").foreachBatch(out).start();
    try {
      long emitted = 0;
      long dropped = 0;
      for (int w = 0; w < WINDOWS; w++) {
        List<Row> rows = new ArrayList<>();
        for (int j = 0; j < 3 * KEYS; j++) {
          rows.add(Row.of(second(10L * w + j % 10), "k" + (j % KEYS)));
        }
        if (w >= 2) {
          rows.add(Row.of(second(10L * (w - 2)), "late")); // its window closed two steps ago
        }
        events.addData(rows);
        q.processAllAvailable();
        // The watermark is now 10 w + 4 s: window w - 1 is closed, only window w is kept.
        StreamingQueryProgress p = q.lastProgress();
        assertEquals(1, p.stateOperators().size(), p::json);
        StateOperatorProgress state = p.stateOperators().get(0);
        assertEquals("stateStoreSave", state.operatorName());
        assertEquals(KEYS, state.numRowsTotal(), () -> "after window " + p.json());
        List<List<Object>> rowsOut = out.newRows();
        for (List<Object> r : rowsOut) {
          assertEquals(3L, r.get(2), r::toString);
        }
        emitted += rowsOut.size();
        for (StreamingQueryProgress recent : q.recentProgress()) {
          dropped = Math.max(dropped, recent.stateOperators().isEmpty() ? 0
              : recent.stateOperators().get(0).numRowsDroppedByWatermark());
        }
        assertEquals((long) w * KEYS, emitted, "every closed window emitted once");
      }
      assertTrue(dropped > 0, "late rows are counted as dropped");
    } finally {
      q.stop();
    }
  }
}
