package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static io.ember.api.functions.window;
import static io.ember.api.streaming.StreamingTestKit.at;
import static io.ember.api.streaming.StreamingTestKit.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.streaming.StreamingTestKit.EpochRecorder;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The windowed word count with a watermark of Spark's Structured Streaming programming guide: 10 minute windows
 * sliding every 5 minutes, a 10 minute watermark, the guide's rows in its four triggers (each a step here: rows
 * added, then {@code processAllAvailable}), and exactly the rows each step emits in update and append mode.
 */
class StreamingWindowedWordCountE2ETest {
  static final StructType WORDS = DataTypes.struct(DataTypes.field("timestamp", DataTypes.TIMESTAMP),
      DataTypes.field("word", DataTypes.STRING));
  static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("StreamingWindowedWordCountE2ETest")
        .config("spark.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  static DataFrame windowedCounts(MemoryStream words) {
    return words.toDF().withWatermark("timestamp", "10 minutes")
        .groupBy(window(col("timestamp"), "10 minutes", "5 minutes"), col("word")).count()
        .select(col("window.start"), col("window.end"), col("word"), col("count"));
  }

  static List<Object> row(int fromHour, int fromMinute, String word, long count) {
    Instant start = at(fromHour, fromMinute);
    return List.of(start, start.plusSeconds(600), word, count);
  }

  /** Step k's rows, as the guide's triggers receive them. */
  static void step(MemoryStream words, StreamingQuery q, Object... timeWordPairs) {
    Row[] rows = new Row[timeWordPairs.length / 2];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = Row.of(timeWordPairs[2 * i], timeWordPairs[2 * i + 1]);
    }
    words.addData(rows);
    q.processAllAvailable();
  }

  @Test
  void updateModeEmitsTheWindowsEachTriggerChangedAndDropsLateRows() {
    MemoryStream words = MemoryStream.of(session, WORDS);
    EpochRecorder out = new EpochRecorder();
    StreamingQuery q = windowedCounts(words).writeStream().outputMode("update").foreachBatch(out).start();
    try {
      step(words, q, at(12, 7), "dog", at(12, 8), "owl");
      assertEquals(sorted(row(12, 0, "dog", 1), row(12, 5, "dog", 1), row(12, 0, "owl", 1), row(12, 5, "owl", 1)),
          out.newRows());
      step(words, q, at(12, 14), "dog", at(12, 9), "cat");
      assertEquals(sorted(row(12, 5, "dog", 2), row(12, 10, "dog", 1), row(12, 0, "cat", 1), row(12, 5, "cat", 1)),
          out.newRows());
      step(words, q, at(12, 15), "cat", at(12, 8), "dog", at(12, 13), "owl", at(12, 21), "owl");
      assertEquals(sorted(row(12, 0, "dog", 2), row(12, 5, "dog", 3), row(12, 10, "cat", 1), row(12, 15, "cat", 1),
          row(12, 5, "owl", 2), row(12, 10, "owl", 1), row(12, 15, "owl", 1), row(12, 20, "owl", 1)), out.newRows());
      // The watermark is now 12:11: the donkey at 12:04 is late for both its windows and dropped.
      step(words, q, at(12, 17), "owl", at(12, 4), "donkey");
      assertEquals(sorted(row(12, 10, "owl", 2), row(12, 15, "owl", 2)), out.newRows());
    } finally {
      q.stop();
    }
  }

  @Test
  void appendModeEmitsEachWindowOnceWhenTheWatermarkPassesItsEnd() {
    MemoryStream words = MemoryStream.of(session, WORDS);
    EpochRecorder out = new EpochRecorder();
    StreamingQuery q = windowedCounts(words).writeStream().outputMode("append").foreachBatch(out).start();
    try {
      step(words, q, at(12, 7), "dog", at(12, 8), "owl");
      assertEquals(List.of(), out.newRows());
      step(words, q, at(12, 14), "dog", at(12, 9), "cat");
      assertEquals(List.of(), out.newRows());
      // The watermark moves to 12:21 - 10 min = 12:11: the window 12:00-12:10 is final.
      step(words, q, at(12, 15), "cat", at(12, 8), "dog", at(12, 13), "owl", at(12, 21), "owl");
      assertEquals(sorted(row(12, 0, "dog", 2), row(12, 0, "owl", 1), row(12, 0, "cat", 1)), out.newRows());
      // Late donkey dropped, watermark unchanged: nothing more is final.
      step(words, q, at(12, 17), "owl", at(12, 4), "donkey");
      assertEquals(List.of(), out.newRows());
      // A row at 12:40 moves the watermark to 12:30: every window ending by then is emitted, once.
      step(words, q, at(12, 40), "cat");
      assertEquals(sorted(row(12, 5, "dog", 3), row(12, 5, "owl", 2), row(12, 5, "cat", 1), row(12, 10, "dog", 1),
          row(12, 10, "cat", 1), row(12, 10, "owl", 2), row(12, 15, "cat", 1), row(12, 15, "owl", 2),
          row(12, 20, "owl", 1)), out.newRows());
      step(words, q, at(12, 41), "cat");
      assertEquals(List.of(), out.newRows());
    } finally {
      q.stop();
    }
  }
}
