package io.ember.operators.stream.watermark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.EventTimeTracker;
import io.ember.operators.EventTimeTracker.EventTimeStats;
import io.ember.operators.testkit.OperatorHarness;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTimeWatermarkSpecTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("word", DataTypes.STRING),
      DataTypes.field("ts", DataTypes.TIMESTAMP));
  private static final long SECOND = 1_000_000L;

  private static Instant at(String hhmmss) {
    return Instant.parse("2024-01-01T" + hhmmss + "Z");
  }

  private static long micros(String hhmmss) {
    return at(hhmmss).getEpochSecond() * SECOND;
  }

  private static Batch batch(Row... rows) {
    return Batch.fromRows(SCHEMA, Arrays.asList(rows));
  }

  private static EventTimeWatermarkSpec tenMinutes() {
    return new EventTimeWatermarkSpec(SCHEMA, 1, 10 * 60 * SECOND, 7);
  }

  @Test
  void passesBatchesThroughUnchangedAndTracksMaxEventTimeMinusDelay() {
    OperatorHarness h = OperatorHarness.of(tenMinutes());
    EventTimeTracker tracker = (EventTimeTracker) h.operator();
    assertEquals(7, tracker.watermarkId());
    assertEquals(Long.MIN_VALUE, tracker.candidateWatermarkMicros());
    Batch first = batch(Row.of("dog", at("12:07:00")), Row.of("owl", at("12:08:00")));
    h.feed(0, first);
    assertSame(first, h.outputBatches().get(0), "the batch must be passed through, not copied");
    assertEquals(micros("11:58:00"), tracker.candidateWatermarkMicros());
    h.feed(0, batch(Row.of("cat", at("12:04:00")), Row.of("dog", null)));
    assertEquals(micros("11:58:00"), tracker.candidateWatermarkMicros(), "an older row does not move it");
    h.feed(0, batch(Row.of("owl", at("12:21:00"))));
    assertEquals(micros("12:11:00"), tracker.candidateWatermarkMicros());
    assertEquals(5, h.outputRows().size());
  }

  @Test
  void onlyNullEventTimesLeaveNoCandidate() {
    OperatorHarness h = OperatorHarness.of(tenMinutes()).feed(0, batch(Row.of("a", null)));
    assertEquals(Long.MIN_VALUE, ((EventTimeTracker) h.operator()).candidateWatermarkMicros());
    assertEquals(List.of(Row.of("a", null)), h.outputRows());
  }

  @Test
  void eventTimesCountInWholeMillisecondsAsSpark() {
    OperatorHarness h = OperatorHarness.of(new EventTimeWatermarkSpec(SCHEMA, 1, 1_500_700L, 0));
    long t = micros("12:00:00") + 123_456;
    h.feed(0, Batch.fromRows(SCHEMA, List.of(Row.of("a", Instant.ofEpochSecond(0, t * 1000)))));
    // 12:00:00.123 - 1.500 s = 11:59:58.623
    assertEquals(micros("11:59:58") + 623_000, ((EventTimeTracker) h.operator()).candidateWatermarkMicros());
  }

  @Test
  void epochStatsCoverRowsSinceTheLastCallThenStartOver() {
    OperatorHarness h = OperatorHarness.of(tenMinutes());
    EventTimeTracker tracker = (EventTimeTracker) h.operator();
    assertEquals(EventTimeStats.EMPTY, tracker.takeEpochStats());
    h.feed(0, batch(Row.of("a", at("12:00:00")), Row.of("b", at("12:00:10")), Row.of("c", null)));
    h.feed(0, batch(Row.of("d", at("12:00:20"))));
    EventTimeStats s = tracker.takeEpochStats();
    assertEquals(3, s.count());
    assertEquals(micros("12:00:00"), s.minMicros());
    assertEquals(micros("12:00:20"), s.maxMicros());
    assertEquals(micros("12:00:10") * 3.0, s.sumMicros(), 1.0);
    assertEquals(EventTimeStats.EMPTY, tracker.takeEpochStats());
    assertEquals(micros("11:50:20"), tracker.candidateWatermarkMicros(), "the candidate survives the epoch");
  }

  @Test
  void restoredInstanceKeepsTheLargestEventTime() {
    OperatorHarness h = OperatorHarness.of(tenMinutes()).withSnapshotRestoreBetweenBatches();
    h.feed(0, batch(Row.of("a", at("12:30:00"))), batch(Row.of("b", at("12:00:00"))));
    assertEquals(2, h.restoreCount());
    assertEquals(micros("12:20:00"), ((EventTimeTracker) h.operator()).candidateWatermarkMicros());
  }

  @Test
  void explainsAsSpark() {
    assertEquals("EventTimeWatermark ts, 10 minutes", tenMinutes().explain());
    assertEquals("EventTimeWatermark ts, 10 seconds", new EventTimeWatermarkSpec(SCHEMA, 1, 10 * SECOND, 0).explain());
    assertEquals("1 hours 30 minutes", EventTimeWatermarkSpec.formatDelay(90 * 60 * SECOND));
    assertEquals("1 minutes 0.5 seconds", EventTimeWatermarkSpec.formatDelay(60 * SECOND + SECOND / 2));
    assertEquals("0 seconds", EventTimeWatermarkSpec.formatDelay(0));
    assertEquals(SCHEMA, tenMinutes().outputSchema());
  }

  @Test
  void rejectsNonTimestampColumnsAndNegativeDelays() {
    assertThrows(EmberIllegalArgumentException.class, () -> new EventTimeWatermarkSpec(SCHEMA, 0, 0, 0));
    assertThrows(EmberIllegalArgumentException.class, () -> new EventTimeWatermarkSpec(SCHEMA, 2, 0, 0));
    assertThrows(EmberIllegalArgumentException.class, () -> new EventTimeWatermarkSpec(SCHEMA, 1, -1, 0));
  }
}
