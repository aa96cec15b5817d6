package io.ember.operators.window;

import static io.ember.operators.window.Sessions.S;
import static io.ember.operators.window.Sessions.SECOND;
import static io.ember.operators.window.Sessions.batch;
import static io.ember.operators.window.Sessions.row;
import static io.ember.operators.window.Sessions.sessions;
import static io.ember.operators.window.Sessions.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.operators.StateMetrics;
import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.StateBackend;
import io.ember.operators.state.offheap.ChronicleStateBackend;
import io.ember.operators.stream.OutputMode;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Session windows in a stream, per output mode, on both state backends, with and without a snapshot and restore
 * into a fresh instance after every step: sessions live in the state table across epochs, merge with rows of
 * later epochs, are emitted as the mode says, evicted when the watermark passes their end, and rows ending at or
 * before the watermark are dropped as late.
 */
class SessionWindowAggregateStreamingTest {
  static Stream<Arguments> setups() {
    List<Arguments> out = new ArrayList<>();
    for (StateBackend b : List.of(HeapStateBackend.INSTANCE, ChronicleStateBackend.INSTANCE)) {
      out.add(Arguments.of(b, false));
      out.add(Arguments.of(b, true));
    }
    return out.stream();
  }

  private static OperatorHarness harness(OutputMode mode, StateBackend backend, boolean restore) {
    OperatorHarness h = OperatorHarness.of(spec(10, mode)).withStateBackend(backend).withBatchSize(2);
    return restore ? h.withSnapshotRestoreBetweenBatches() : h;
  }

  private static StateMetrics metrics(OperatorHarness h) {
    return h.operator().stateMetrics();
  }

  @ParameterizedTest
  @MethodSource("setups")
  void appendEmitsASessionOnceTheWatermarkPassesItsEndThenEvictsIt(StateBackend backend, boolean restore) {
    OperatorHarness h = harness(OutputMode.APPEND, backend, restore);
    assertTrue(h.operator() != null && spec(10, OutputMode.APPEND).isStateful());
    h.feed(0, batch(row("u", 0L, 1), row("u", 5L, 2), row("v", 3L, 4))).endOfEpoch();
    assertEquals(List.of(), h.drainRows());
    assertEquals(2, metrics(h).numRowsTotal());
    h.watermark(12 * SECOND);
    assertEquals(List.of(), h.drainRows());
    h.feed(0, batch(row("u", 14L, 8), row("v", 20L, 16))).endOfEpoch();
    assertEquals(List.of(), h.drainRows());
    assertEquals(3, metrics(h).numRowsTotal());
    h.watermark(14 * SECOND);
    assertEquals(List.of(new S("v", 3, 13, 1, 4)), sessions(h.drainRows()));
    h.feed(0, batch(row("v", 2L, 32), row("u", 1L, 64), row("u", 15L, 128))).endOfEpoch();
    StateMetrics m = metrics(h);
    assertEquals(2, m.numRowsDroppedByWatermark());
    assertEquals(1, m.numRowsRemoved());
    assertEquals(2, m.numRowsTotal());
    assertEquals("sessionWindowStateStoreSaveExec", m.operatorName());
    h.watermark(30 * SECOND);
    assertEquals(List.of(new S("u", 0, 25, 4, 139), new S("v", 20, 30, 1, 16)), sessions(h.drainRows()));
    h.endOfEpoch();
    assertEquals(0, metrics(h).numRowsTotal());
    assertEquals(2, metrics(h).numRowsRemoved());
    h.endAllInputs();
    assertEquals(List.of(), h.drainRows());
  }

  @ParameterizedTest
  @MethodSource("setups")
  void updateEmitsTheSessionsChangedInTheEpoch(StateBackend backend, boolean restore) {
    OperatorHarness h = harness(OutputMode.UPDATE, backend, restore);
    h.feed(0, batch(row("u", 0L, 1), row("u", 5L, 2))).endOfEpoch();
    assertEquals(List.of(new S("u", 0, 15, 2, 3)), sessions(h.drainRows()));
    h.feed(0, batch(row("v", 3L, 4))).endOfEpoch();
    assertEquals(List.of(new S("v", 3, 13, 1, 4)), sessions(h.drainRows()));
    // a row bridging nothing new but extending u, and one starting a second session of v
    h.feed(0, batch(row("u", 14L, 8), row("v", 40L, 16))).endOfEpoch();
    assertEquals(List.of(new S("u", 0, 24, 3, 11), new S("v", 40, 50, 1, 16)), sessions(h.drainRows()));
    assertEquals(2, metrics(h).numRowsUpdated());
    h.endOfEpoch();
    assertEquals(List.of(), h.drainRows());
    h.watermark(30 * SECOND);
    assertEquals(List.of(), h.drainRows());
    h.feed(0, batch(row("u", 1L, 32), row("v", 45L, 64))).endOfEpoch();
    assertEquals(List.of(new S("v", 40, 55, 2, 80)), sessions(h.drainRows()));
    StateMetrics m = metrics(h);
    assertEquals(1, m.numRowsDroppedByWatermark());
    assertEquals(2, m.numRowsRemoved());
    assertEquals(1, m.numRowsTotal());
  }

  @ParameterizedTest
  @MethodSource("setups")
  void completeEmitsEverySessionEveryEpochAndNeverEvicts(StateBackend backend, boolean restore) {
    OperatorHarness h = harness(OutputMode.COMPLETE, backend, restore);
    h.feed(0, batch(row("u", 0L, 1), row("v", 3L, 2))).endOfEpoch();
    assertEquals(List.of(new S("u", 0, 10, 1, 1), new S("v", 3, 13, 1, 2)), sessions(h.drainRows()));
    h.watermark(100 * SECOND);
    h.feed(0, batch(row("u", 8L, 4))).endOfEpoch();
    assertEquals(List.of(new S("u", 0, 18, 2, 5), new S("v", 3, 13, 1, 2)), sessions(h.drainRows()));
    assertEquals(0, metrics(h).numRowsDroppedByWatermark());
    assertEquals(2, metrics(h).numRowsTotal());
  }

  @ParameterizedTest
  @MethodSource("setups")
  void sessionsOfLaterEpochsMergeWithStoredOnesOutOfOrder(StateBackend backend, boolean restore) {
    OperatorHarness h = harness(OutputMode.APPEND, backend, restore);
    h.feed(0, batch(row("u", 0L, 1), row("u", 30L, 2))).endOfEpoch();
    h.feed(0, batch(row("u", 20L, 4))).endOfEpoch();
    h.feed(0, batch(row("u", 10L, 8))).endOfEpoch();
    assertEquals(1, metrics(h).numRowsTotal());
    h.watermark(39 * SECOND);
    assertEquals(List.of(), h.drainRows());
    h.watermark(40 * SECOND);
    assertEquals(List.of(new S("u", 0, 40, 4, 15)), sessions(h.drainRows()));
  }
}
