package io.ember.operators.stream.aggregate;

import static io.ember.operators.stream.aggregate.WindowedWordCount.at;
import static io.ember.operators.stream.aggregate.WindowedWordCount.count;
import static io.ember.operators.stream.aggregate.WindowedWordCount.rows;
import static io.ember.operators.stream.aggregate.WindowedWordCount.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.operators.StateMetrics;
import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.StateBackend;
import io.ember.operators.state.offheap.ChronicleStateBackend;
import io.ember.operators.stream.OutputMode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The windowed word count with a watermark of Spark's programming guide ("Handling Late Data and
 * Watermarking"), epoch by epoch, in update and append mode, on both state backends, with and without a
 * snapshot and restore into a fresh instance after every batch, end of epoch and watermark.
 */
class StreamingAggregateWatermarkTest {
  static Stream<Arguments> setups() {
    return Stream.of(
        Arguments.of(HeapStateBackend.INSTANCE, false),
        Arguments.of(HeapStateBackend.INSTANCE, true),
        Arguments.of(ChronicleStateBackend.INSTANCE, false),
        Arguments.of(ChronicleStateBackend.INSTANCE, true));
  }

  @ParameterizedTest(name = "{0}, snapshots {1}")
  @MethodSource("setups")
  void updateModeEmitsTheGroupsEachEpochUpdatedDropsLateRowsAndEvictsClosedWindows(StateBackend backend,
      boolean snapshots) {
    WindowedWordCount q = WindowedWordCount.guide(OutputMode.UPDATE, backend, snapshots);

    assertEquals(rows(count("12:00", "12:10", "dog", 1), count("12:00", "12:10", "owl", 1),
        count("12:05", "12:15", "dog", 1), count("12:05", "12:15", "owl", 1)),
        q.epoch(word("12:07", "dog"), word("12:08", "owl")));
    assertEquals(at("11:58"), q.watermark());

    assertEquals(rows(count("12:00", "12:10", "cat", 1), count("12:05", "12:15", "cat", 1),
        count("12:05", "12:15", "dog", 2), count("12:10", "12:20", "dog", 1)),
        q.epoch(word("12:14", "dog"), word("12:09", "cat")));
    assertEquals(at("12:04"), q.watermark());

    // 12:08 dog is late but within the watermark (12:04): counted
    assertEquals(rows(count("12:00", "12:10", "dog", 2), count("12:05", "12:15", "dog", 3),
        count("12:05", "12:15", "owl", 2), count("12:10", "12:20", "cat", 1), count("12:10", "12:20", "owl", 1),
        count("12:15", "12:25", "cat", 1), count("12:15", "12:25", "owl", 1), count("12:20", "12:30", "owl", 1)),
        q.epoch(word("12:15", "cat"), word("12:08", "dog"), word("12:13", "owl"), word("12:21", "owl")));
    assertEquals(at("12:11"), q.watermark());
    StateMetrics m2 = q.stateful().operator().stateMetrics();
    assertEquals(new StateMetrics("stateStoreSave", 12, 8, 0, 0, m2.memoryUsedBytes()), m2);

    // the watermark 12:11 evicted window 12:00-12:10 (3 words); 12:04 donkey is too late for both its windows
    assertEquals(rows(count("12:10", "12:20", "owl", 2), count("12:15", "12:25", "owl", 2)),
        q.epoch(word("12:04", "donkey"), word("12:17", "owl")));
    StateMetrics m3 = q.stateful().operator().stateMetrics();
    assertEquals(new StateMetrics("stateStoreSave", 9, 2, 3, 2, m3.memoryUsedBytes()), m3);
    assertTrue(m3.memoryUsedBytes() > 0);

    // a row for an evicted window is dropped rather than starting the window over
    assertEquals(List.of(), q.epoch(word("12:03", "dog")));
    assertEquals(2, q.stateful().operator().stateMetrics().numRowsDroppedByWatermark());
    assertEquals(List.of(count("12:05", "12:15", "dog", 4)), q.epoch(word("12:09", "dog")),
        "12:09 is late for 12:00-12:10 only");
    assertEquals(1, q.stateful().operator().stateMetrics().numRowsDroppedByWatermark());
    q.stateful().endOfInput(0);
    assertEquals(List.of(), q.stateful().drainRows(), "end of input must not flush state");
  }

  @ParameterizedTest(name = "{0}, snapshots {1}")
  @MethodSource("setups")
  void appendModeEmitsEachWindowOnceWhenTheWatermarkClosesIt(StateBackend backend, boolean snapshots) {
    WindowedWordCount q = WindowedWordCount.guide(OutputMode.APPEND, backend, snapshots);
    assertEquals(List.of(), q.epoch(word("12:07", "dog"), word("12:08", "owl")));
    assertEquals(List.of(), q.epoch(word("12:14", "dog"), word("12:09", "cat")));
    assertEquals(List.of(),
        q.epoch(word("12:15", "cat"), word("12:08", "dog"), word("12:13", "owl"), word("12:21", "owl")));
    assertEquals(at("12:11"), q.watermark());

    // epoch 3 starts with the watermark at 12:11, which closes 12:00-12:10: its final counts come out
    assertEquals(rows(count("12:00", "12:10", "cat", 1), count("12:00", "12:10", "dog", 2),
        count("12:00", "12:10", "owl", 1)), q.epoch(word("12:04", "donkey"), word("12:17", "owl")));
    StateMetrics m3 = q.stateful().operator().stateMetrics();
    assertEquals(new StateMetrics("stateStoreSave", 9, 2, 3, 2, m3.memoryUsedBytes()), m3);

    assertEquals(List.of(), q.epoch(word("12:33", "dog")));
    assertEquals(at("12:23"), q.watermark());
    // a no-data epoch after the watermark moved to 12:23 emits the two windows it closed
    assertEquals(rows(count("12:05", "12:15", "cat", 1), count("12:05", "12:15", "dog", 3),
        count("12:05", "12:15", "owl", 2), count("12:10", "12:20", "cat", 1), count("12:10", "12:20", "dog", 1),
        count("12:10", "12:20", "owl", 2)), q.epoch());
    assertEquals(6, q.stateful().operator().stateMetrics().numRowsRemoved());
    assertEquals(List.of(), q.epoch(), "each window is emitted once");
    q.stateful().endOfInput(0);
    assertEquals(List.of(), q.stateful().drainRows(), "end of input must not flush open windows");
  }

  @ParameterizedTest(name = "{0}, snapshots {1}")
  @MethodSource("setups")
  void appendModeEmitsClosedWindowsInEventTimeOrder(StateBackend backend, boolean snapshots) {
    WindowedWordCount q = new WindowedWordCount(OutputMode.APPEND, backend, snapshots, WindowedWordCount.MINUTE,
        WindowedWordCount.MINUTE, 0);
    assertEquals(List.of(), q.epoch(word("12:03", "b"), word("12:01", "a"), word("12:02", "c"), word("12:01", "b")));
    assertEquals(at("12:03"), q.watermark());
    assertEquals(rows(count("12:01", "12:02", "a", 1), count("12:01", "12:02", "b", 1),
        count("12:02", "12:03", "c", 1)), q.epoch(word("12:10", "z")));
    assertEquals(List.of(count("12:03", "12:04", "b", 1)), q.epoch());
    assertEquals(List.of(count("12:01", "12:02", "a", 1), count("12:01", "12:02", "b", 1),
        count("12:02", "12:03", "c", 1), count("12:03", "12:04", "b", 1)), q.stateful().outputRows(),
        "closed windows come out in event-time order");
  }

  @ParameterizedTest(name = "{0}, snapshots {1}")
  @MethodSource("setups")
  void stateStaysBoundedOverALongRunOfWindows(StateBackend backend, boolean snapshots) {
    for (OutputMode mode : List.of(OutputMode.UPDATE, OutputMode.APPEND)) {
      // one-minute tumbling windows, one-minute delay; each epoch brings the next minute's words
      WindowedWordCount q = new WindowedWordCount(mode, backend, snapshots, WindowedWordCount.MINUTE,
          WindowedWordCount.MINUTE, WindowedWordCount.MINUTE);
      long removed = 0;
      long maxTotal = 0;
      long emitted = 0;
      int epochs = 60;
      for (int e = 0; e < epochs; e++) {
        long t = at("10:00") + e * WindowedWordCount.MINUTE;
        Row[] rows = new Row[5];
        for (int w = 0; w < rows.length; w++) {
          rows[w] = Row.of("w" + w, WindowedWordCount.instant(t + w * 1_000_000L));
        }
        emitted += q.epoch(rows).size();
        StateMetrics m = q.stateful().operator().stateMetrics();
        removed += m.numRowsRemoved();
        maxTotal = Math.max(maxTotal, m.numRowsTotal());
      }
      assertTrue(maxTotal <= 15, mode + ": state must stay bounded, peaked at " + maxTotal);
      assertTrue(removed >= (epochs - 3) * 5L, mode + ": evicted only " + removed);
      StateMetrics last = q.stateful().operator().stateMetrics();
      assertTrue(last.numRowsTotal() <= 15 && last.numRowsTotal() > 0, mode + ": " + last);
      long expectedEmitted = mode == OutputMode.UPDATE ? epochs * 5L : removed;
      assertEquals(expectedEmitted, emitted, mode.toString());
    }
  }
}
