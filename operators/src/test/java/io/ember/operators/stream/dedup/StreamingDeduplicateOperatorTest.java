package io.ember.operators.stream.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.StateMetrics;
import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.StateBackend;
import io.ember.operators.stream.TestStateBackends;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class StreamingDeduplicateOperatorTest {
  private static final long SEC = 1_000_000L;
  /** id, event time, payload. */
  private static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("id", DataTypes.STRING),
      DataTypes.field("ts", DataTypes.TIMESTAMP),
      DataTypes.field("v", DataTypes.INTEGER));

  static List<StateBackend> backends() {
    return TestStateBackends.all();
  }

  private static Batch batch(Object[]... rows) {
    List<Row> list = new ArrayList<>();
    for (Object[] r : rows) {
      list.add(Row.of(r[0], r[1] == null ? null : ((Number) r[1]).longValue() * SEC, r[2]));
    }
    return Batch.fromRows(SCHEMA, list);
  }

  private static Object[] r(String id, Integer seconds, int v) {
    return new Object[] {id, seconds, v};
  }

  /** The payloads of the rows emitted since the last call. */
  private static List<Integer> drained(OperatorHarness h) {
    List<Integer> out = new ArrayList<>();
    for (Row row : h.drainRows()) {
      out.add(row.getInt(2));
    }
    return out;
  }

  private static OperatorHarness harness(StreamingDeduplicateSpec spec, StateBackend backend, boolean restore) {
    OperatorHarness h = OperatorHarness.of(spec).withStateBackend(backend);
    return restore ? h.withSnapshotRestoreBetweenBatches() : h;
  }

  @ParameterizedTest
  @MethodSource("backends")
  void withoutWatermarkTheFirstRowPerKeyIsEmittedOnceAcrossEpochs(StateBackend backend) {
    for (boolean restore : new boolean[] {false, true}) {
      StreamingDeduplicateSpec spec = StreamingDeduplicateSpec.withoutWatermark(SCHEMA, List.of(0));
      OperatorHarness h = harness(spec, backend, restore);
      h.feed(0, batch(r("a", 1, 1), r("b", 2, 2), r("a", 3, 3), r(null, 4, 4), r(null, 5, 5)));
      assertEquals(List.of(1, 2, 4), drained(h), "pipelined: emitted in process()");
      h.endOfEpoch();
      assertEquals(List.of(), drained(h));
      h.watermark(100 * SEC); // no event time: nothing is late, nothing evicted
      h.feed(0, batch(r("b", 0, 6), r("c", 0, 7), r("a", 200, 8)));
      assertEquals(List.of(7), drained(h));
      h.endOfEpoch();
      StateMetrics m = h.operator().stateMetrics();
      assertEquals(new StateMetrics("dedupe", 4, 1, 0, 0, m.memoryUsedBytes()), m);
      assertTrue(m.memoryUsedBytes() > 0);
      h.endAllInputs();
      assertEquals(List.of(), drained(h), "end of input flushes nothing");
      h.close();
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void eventTimeAmongKeysDropsLateRowsAndEvictsClosedKeys(StateBackend backend) {
    for (boolean restore : new boolean[] {false, true}) {
      StreamingDeduplicateSpec spec = StreamingDeduplicateSpec.withWatermark(SCHEMA, List.of(0, 1), 1);
      assertTrue(spec.evictsState());
      OperatorHarness h = harness(spec, backend, restore);
      h.feed(0, batch(r("a", 10, 1), r("a", 10, 2), r("a", 11, 3), r("b", 12, 4)));
      assertEquals(List.of(1, 3, 4), drained(h));
      h.endOfEpoch();
      assertEquals(3, h.operator().stateMetrics().numRowsTotal());
      h.watermark(10 * SEC); // evicts (a, 10): event time <= watermark
      h.feed(0, batch(r("a", 10, 5), r("a", 11, 6), r("c", 9, 7), r("c", 15, 8), r("d", null, 9)));
      assertEquals(List.of(8, 9), drained(h), "10 and 9 are late (<= watermark), (a, 11) is a duplicate");
      h.endOfEpoch();
      StateMetrics m = h.operator().stateMetrics();
      assertEquals(4, m.numRowsTotal()); // (a,11) (b,12) (c,15) (d,null)
      assertEquals(2, m.numRowsUpdated());
      assertEquals(1, m.numRowsRemoved());
      assertEquals(2, m.numRowsDroppedByWatermark());
      h.watermark(100 * SEC);
      h.endOfEpoch();
      assertEquals(1, h.operator().stateMetrics().numRowsTotal(), "a null event time never expires");
      assertEquals(3, h.operator().stateMetrics().numRowsRemoved());
      h.close();
    }
  }

  @Test
  void watermarkedColumnOutsideTheKeysDropsLateRowsButKeepsState() {
    StreamingDeduplicateSpec spec = StreamingDeduplicateSpec.withWatermark(SCHEMA, List.of(0), 1);
    assertTrue(!spec.evictsState());
    OperatorHarness h = OperatorHarness.of(spec);
    h.feed(0, batch(r("a", 10, 1), r("b", 20, 2)));
    h.endOfEpoch().watermark(50 * SEC);
    h.feed(0, batch(r("c", 50, 3), r("a", 60, 4), r("d", 61, 5)));
    assertEquals(List.of(1, 2, 5), drained(h), "c is late; a is still a duplicate, as in Spark");
    h.endOfEpoch();
    assertEquals(3, h.operator().stateMetrics().numRowsTotal());
    assertEquals(1, h.operator().stateMetrics().numRowsDroppedByWatermark());
  }

  @ParameterizedTest
  @MethodSource("backends")
  void withinWatermarkDropsDuplicatesUntilTheFirstRowPlusDelayExpires(StateBackend backend) {
    for (boolean restore : new boolean[] {false, true}) {
      // withWatermark("ts", "10 seconds").dropDuplicatesWithinWatermark("id")
      StreamingDeduplicateSpec spec = StreamingDeduplicateSpec.withinWatermark(SCHEMA, List.of(0), 1, 10 * SEC);
      OperatorHarness h = harness(spec, backend, restore);
      h.feed(0, batch(r("a", 100, 1), r("a", 105, 2), r("b", 103, 3), r("a", 95, 4)));
      assertEquals(List.of(1, 3), drained(h));
      h.endOfEpoch();
      h.watermark(95 * SEC); // max 105 - 10
      h.feed(0, batch(r("a", 96, 5), r("a", 94, 6), r("b", 112, 7)));
      assertEquals(List.of(), drained(h), "a expires at 110, b at 113; 94 is late");
      h.endOfEpoch();
      assertEquals(1, h.operator().stateMetrics().numRowsDroppedByWatermark());
      assertEquals("dedupeWithinWatermark", h.operator().stateMetrics().operatorName());
      h.watermark(110 * SEC); // a (expires 110) is evicted, b (113) is kept
      h.endOfEpoch();
      assertEquals(1, h.operator().stateMetrics().numRowsTotal());
      assertEquals(1, h.operator().stateMetrics().numRowsRemoved());
      h.feed(0, batch(r("a", 111, 8), r("b", 111, 9), r("a", 120, 10)));
      assertEquals(List.of(8), drained(h), "a starts over after expiring, b is still within its delay");
      h.close();
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void stateStaysBoundedOverALongRunWithAWatermark(StateBackend backend) {
    StreamingDeduplicateSpec spec = StreamingDeduplicateSpec.withinWatermark(SCHEMA, List.of(0), 1, 5 * SEC);
    OperatorHarness h = OperatorHarness.of(spec).withStateBackend(backend);
    long maxState = 0;
    int emitted = 0;
    for (int epoch = 0; epoch < 200; epoch++) {
      List<Object[]> rows = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        rows.add(r("k" + (epoch * 20 + i), epoch, i)); // every key new
        rows.add(r("k" + (epoch * 20 + i), epoch, i)); // and its duplicate
      }
      h.feed(0, batch(rows.toArray(new Object[0][])));
      emitted += h.drainRows().size();
      h.endOfEpoch();
      maxState = Math.max(maxState, h.operator().stateMetrics().numRowsTotal());
      h.watermark((epoch - 5) * SEC);
    }
    assertEquals(200 * 20, emitted);
    assertTrue(maxState <= 20 * 12, "state bounded by the delay, got " + maxState);
  }

  @Test
  void aWindowKeyExpiresWhenTheWatermarkPassesTheWindowEnd() {
    StructType window = DataTypes.struct(
        DataTypes.field("start", DataTypes.TIMESTAMP), DataTypes.field("end", DataTypes.TIMESTAMP));
    StructType schema = DataTypes.struct(DataTypes.field("id", DataTypes.STRING), DataTypes.field("window", window),
        DataTypes.field("v", DataTypes.INTEGER));
    StreamingDeduplicateSpec spec = StreamingDeduplicateSpec.withWatermark(schema, List.of(0, 1), 1);
    OperatorHarness h = OperatorHarness.of(spec);
    h.feed(0, Batch.fromRows(schema, List.of(
        Row.of("a", windowRow(window, 0, 10), 1), Row.of("a", windowRow(window, 0, 10), 2),
        Row.of("a", windowRow(window, 10, 20), 3))));
    assertEquals(List.of(1, 3), drained(h));
    h.endOfEpoch().watermark(10 * SEC);
    h.endOfEpoch();
    assertEquals(1, h.operator().stateMetrics().numRowsTotal(), "the window ending at 10 closed");
    h.feed(0, Batch.fromRows(schema, List.of(
        Row.of("a", windowRow(window, 0, 10), 4), Row.of("a", windowRow(window, 10, 20), 5))));
    assertEquals(List.of(), drained(h), "the closed window is late, the open one a duplicate");
  }

  private static Row windowRow(StructType window, int startSeconds, int endSeconds) {
    return new Row(window, new Object[] {startSeconds * SEC, endSeconds * SEC});
  }

  @Test
  void specValidatesAndExplains() {
    assertThrows(EmberIllegalArgumentException.class,
        () -> new StreamingDeduplicateSpec(SCHEMA, List.of(0), -1, 0, true));
    assertThrows(EmberIllegalArgumentException.class, () -> StreamingDeduplicateSpec.withWatermark(SCHEMA, List.of(0), 2));
    assertThrows(EmberIllegalArgumentException.class, () -> StreamingDeduplicateSpec.withoutWatermark(SCHEMA, List.of(3)));
    StreamingDeduplicateSpec spec = StreamingDeduplicateSpec.withinWatermark(SCHEMA, List.of(0), 1, 10 * SEC);
    assertTrue(spec.isStateful());
    assertEquals("StreamingDeduplicateWithinWatermark(keys=[id], eventTime=ts, delayMicros=10000000)", spec.explain());
    assertEquals("StreamingDeduplicate(keys=[id, ts, v])",
        StreamingDeduplicateSpec.withoutWatermark(SCHEMA, List.of()).explain());
    assertEquals(HeapStateBackend.INSTANCE, TestStateBackends.all().get(0));
  }
}
