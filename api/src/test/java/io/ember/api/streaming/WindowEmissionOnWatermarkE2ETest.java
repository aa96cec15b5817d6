package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static io.ember.api.functions.window;
import static io.ember.api.streaming.StreamingTestKit.row;
import static io.ember.api.streaming.StreamingTestKit.second;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.api.DataFrame;
import io.ember.api.streaming.StreamingTestKit.EpochRecorder;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With the default trigger a window closed by the watermark is emitted without waiting for the epoch interval
 * ({@code ember.streaming.cutOnWatermark}): the coordinator cuts an epoch once the source's watermark passes the
 * window's end, and the next one at once so that a sink committing per epoch publishes the window. The interval is an
 * hour here, so no epoch after the first ones comes from the clock within the test's time.
 */
@Timeout(300)
class WindowEmissionOnWatermarkE2ETest extends StreamingSessionTest {
  static final StructType EVENTS = DataTypes.struct(DataTypes.field("ts", DataTypes.TIMESTAMP),
      DataTypes.field("n", DataTypes.LONG));

  static DataFrame tenSecondCounts(MemoryStream events) {
    return events.toDF().withWatermark("ts", "2 seconds").groupBy(window(col("ts"), "10 seconds")).count()
        .select(col("window.start"), col("count"));
  }

  /** Every row the recorder saw so far, once some arrived (bounded by {@code seconds}, which only bounds a hang). */
  static List<List<Object>> awaitRows(EpochRecorder out, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      List<List<Object>> rows = new ArrayList<>();
      out.epochs().values().forEach(rows::addAll);
      if (!rows.isEmpty()) {
        return rows;
      }
      Thread.sleep(10);
    }
    return List.of();
  }

  @Test
  void aClosedWindowIsEmittedWithoutWaitingForTheEpochInterval() throws Exception {
    session.conf().set("ember.streaming.epochInterval", "1h");
    try {
      MemoryStream events = MemoryStream.of(session, EVENTS);
      EpochRecorder out = new EpochRecorder();
      StreamingQuery q = tenSecondCounts(events).writeStream().outputMode("append").foreachBatch(out).start();
      events.addData(Row.of(second(1), 1L), Row.of(second(4), 2L));
      q.processAllAvailable(); // window 0-10 s is open; the watermark is 2 s
      assertEquals(List.of(), awaitRows(out, 0));

      events.addData(Row.of(second(13), 3L)); // moves the watermark to 11 s, past the window's end
      assertEquals(List.of(row(second(0), 2L)), awaitRows(out, 60),
          "the window is emitted and committed long before the hour's interval");
      q.stop();
    } finally {
      session.conf().unset("ember.streaming.epochInterval");
    }
  }

  @Test
  void eachWindowIsEmittedOnceAsTheWatermarkPassesIt() throws Exception {
    session.conf().set("ember.streaming.epochInterval", "1h");
    try {
      MemoryStream events = MemoryStream.of(session, EVENTS);
      EpochRecorder out = new EpochRecorder();
      StreamingQuery q = tenSecondCounts(events).writeStream().outputMode("append").foreachBatch(out).start();
      events.addData(Row.of(second(1), 1L));
      q.processAllAvailable();
      for (int w = 1; w <= 4; w++) {
        events.addData(Row.of(second(10L * w + 3), (long) w)); // closes window w - 1, opens window w
        List<List<Object>> rows = awaitRowsBeyond(out, w - 1, 60);
        assertEquals(w, rows.size(), "window " + (w - 1) + " emitted, each earlier one once: " + rows);
        assertEquals(row(second(10L * (w - 1)), 1L), rows.get(rows.size() - 1));
      }
      q.stop();
    } finally {
      session.conf().unset("ember.streaming.epochInterval");
    }
  }

  /** Every row so far in epoch order, once more than {@code seen} arrived (bounded, as {@link #awaitRows}). */
  static List<List<Object>> awaitRowsBeyond(EpochRecorder out, int seen, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    List<List<Object>> rows = List.of();
    while (System.nanoTime() < deadline) {
      rows = new ArrayList<>();
      for (List<List<Object>> epoch : out.epochs().values()) {
        rows.addAll(epoch);
      }
      if (rows.size() > seen) {
        return rows;
      }
      Thread.sleep(10);
    }
    return rows;
  }
}
