package io.ember.operators.stream.aggregate;

import static io.ember.operators.stream.aggregate.WindowedWordCount.count;
import static io.ember.operators.stream.aggregate.WindowedWordCount.rows;
import static io.ember.operators.stream.aggregate.WindowedWordCount.word;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.StateMetrics;
import io.ember.operators.aggregate.AggregateFunction;
import io.ember.operators.aggregate.AggregateFunctions;
import io.ember.operators.aggregate.HashAggregateSpec;
import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.StateBackend;
import io.ember.operators.state.offheap.ChronicleStateBackend;
import io.ember.operators.stream.OutputMode;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Complete and update mode without watermarks, global aggregates, the spec's contract. */
class StreamingAggregateModesTest {
  private static final StructType T = DataTypes.struct(DataTypes.field("k", DataTypes.STRING),
      DataTypes.field("v", DataTypes.LONG));

  static Stream<StateBackend> backends() {
    return Stream.of(HeapStateBackend.INSTANCE, ChronicleStateBackend.INSTANCE);
  }

  private static HashAggregateSpec partial(boolean keyed) {
    List<AggregateFunction> fns = List.of(AggregateFunctions.countStar(),
        AggregateFunctions.build("sum", List.of(new ColumnRef(1, "v", DataTypes.LONG, true)), false));
    return HashAggregateSpec.partial(T, keyed ? List.of(new ColumnRef(0, "k", DataTypes.STRING, true)) : List.of(),
        keyed ? List.of("k") : List.of(), fns, List.of("n", "total"));
  }

  /** Runs the partial phase of one epoch over {@code rows} and feeds its output to {@code stateful}. */
  private static List<Row> epoch(OperatorHarness partial, OperatorHarness stateful, Row... rows) {
    int before = partial.outputBatches().size();
    if (rows.length > 0) {
      partial.feedRows(0, T, List.of(rows), 2);
    }
    partial.endOfEpoch();
    List<Batch> out = partial.outputBatches();
    stateful.feed(0, out.subList(before, out.size()));
    stateful.endOfEpoch();
    return WindowedWordCount.sorted(stateful.drainRows());
  }

  @ParameterizedTest
  @MethodSource("backends")
  void completeModeEmitsEveryGroupAtEveryEpoch(StateBackend backend) {
    HashAggregateSpec partial = partial(true);
    OperatorHarness p = OperatorHarness.of(partial);
    OperatorHarness s = OperatorHarness.of(StreamingAggregateSpec.finalFor(partial, OutputMode.COMPLETE))
        .withStateBackend(backend);
    assertEquals(WindowedWordCount.sorted(List.of(Row.of("a", 2L, 3L), Row.of("b", 1L, 5L))),
        epoch(p, s, Row.of("a", 1L), Row.of("b", 5L), Row.of("a", 2L)));
    assertEquals(WindowedWordCount.sorted(List.of(Row.of("a", 2L, 3L), Row.of("b", 1L, 5L), Row.of(null, 1L, null))),
        epoch(p, s, Row.of(null, null)));
    assertEquals(WindowedWordCount.sorted(List.of(Row.of("a", 2L, 3L), Row.of("b", 2L, 12L), Row.of(null, 1L, null))),
        epoch(p, s, Row.of("b", 7L)));
    assertEquals(3, s.operator().stateMetrics().numRowsTotal());
    assertEquals(1, s.operator().stateMetrics().numRowsUpdated());
    assertEquals(3, epoch(p, s).size(), "an epoch without rows still emits everything");
    s.endOfInput(0);
    assertEquals(List.of(), s.drainRows());
  }

  @ParameterizedTest
  @MethodSource("backends")
  void updateModeWithoutEventTimeKeyEmitsUpdatedGroupsAndKeepsAll(StateBackend backend) {
    HashAggregateSpec partial = partial(true);
    OperatorHarness p = OperatorHarness.of(partial);
    OperatorHarness s = OperatorHarness.of(StreamingAggregateSpec.finalFor(partial, OutputMode.UPDATE))
        .withStateBackend(backend).withSnapshotRestoreBetweenBatches();
    assertEquals(WindowedWordCount.sorted(List.of(Row.of("a", 1L, 1L), Row.of("b", 1L, 5L))),
        epoch(p, s, Row.of("a", 1L), Row.of("b", 5L)));
    assertEquals(List.of(Row.of("a", 2L, 11L)), epoch(p, s, Row.of("a", 10L)));
    s.watermark(Long.MAX_VALUE / 2);
    assertEquals(List.of(), epoch(p, s), "nothing updated; a watermark means nothing without an event-time key");
    assertEquals(2, s.operator().stateMetrics().numRowsTotal());
  }

  @ParameterizedTest
  @MethodSource("backends")
  void completeModeWithAnEventTimeKeyNeitherDropsNorEvicts(StateBackend backend) {
    WindowedWordCount q = WindowedWordCount.guide(OutputMode.COMPLETE, backend, false);
    q.epoch(word("12:07", "dog"));
    q.epoch(word("12:31", "owl"));
    assertEquals(rows(count("11:55", "12:05", "dog", 1), count("12:00", "12:10", "dog", 2), count("12:05", "12:15", "dog", 1),
        count("12:25", "12:35", "owl", 1), count("12:30", "12:40", "owl", 1)), q.epoch(word("12:01", "dog")),
        "12:01 is before the watermark (12:21) yet counted, and the closed windows are still there");
    assertEquals(0, q.stateful().operator().stateMetrics().numRowsDroppedByWatermark());
    assertEquals(0, q.stateful().operator().stateMetrics().numRowsRemoved());
  }

  @ParameterizedTest
  @MethodSource("backends")
  void globalAggregateEmitsItsRowAtEveryEpoch(StateBackend backend) {
    for (OutputMode mode : List.of(OutputMode.COMPLETE, OutputMode.UPDATE)) {
      HashAggregateSpec partial = partial(false);
      OperatorHarness p = OperatorHarness.of(partial);
      OperatorHarness s = OperatorHarness.of(StreamingAggregateSpec.finalFor(partial, mode)).withStateBackend(backend);
      assertEquals(List.of(Row.of(2L, 3L)), epoch(p, s, Row.of("a", 1L), Row.of("b", 2L)), mode.toString());
      assertEquals(List.of(Row.of(2L, 3L)), epoch(p, s), mode.toString());
      assertEquals(List.of(Row.of(3L, 3L)), epoch(p, s, Row.of("c", null)), mode.toString());
      OperatorHarness alone = OperatorHarness.of(StreamingAggregateSpec.finalFor(partial, mode))
          .withStateBackend(backend);
      alone.endOfEpoch();
      assertEquals(List.of(Row.of(0L, null)), alone.drainRows(), mode + ": the first epoch without any input");
      assertEquals(1, alone.operator().stateMetrics().numRowsTotal());
    }
  }

  @Test
  void manyGroupsInOneEpochAreWrittenBackInPartsAndAllEmitted() {
    HashAggregateSpec partial = partial(true);
    OperatorHarness s = OperatorHarness.of(StreamingAggregateSpec.finalFor(partial, OutputMode.UPDATE));
    int groups = StreamingAggregateOperator.FLUSH_GROUPS * 2 + 100;
    List<Row> partialRows = new ArrayList<>();
    for (int i = 0; i < groups; i++) {
      partialRows.add(Row.of("k" + i, 1L, (long) i));
    }
    s.feedRows(0, partial.partialOutputSchema(), partialRows, 1000);
    s.feedRows(0, partial.partialOutputSchema(), partialRows.subList(0, 10), 10);
    s.endOfEpoch();
    List<Batch> out = s.outputBatches();
    long rows = 0;
    for (Batch b : out) {
      assertTrue(b.numRows() <= s.context().batchSize());
      rows += b.numRows();
    }
    assertEquals(groups, rows);
    StateMetrics m = s.operator().stateMetrics();
    assertEquals(groups, m.numRowsTotal());
    assertEquals(groups, m.numRowsUpdated(), "a group written back twice in an epoch counts once");
    assertTrue(s.drainRows().contains(Row.of("k3", 2L, 6L)));
    assertEquals(0, s.context().memory().used(), "the working set is released at the end of the epoch");
  }

  @Test
  void specDescribesItself() {
    HashAggregateSpec partial = WindowedWordCount.partialSpec();
    StreamingAggregateSpec spec = StreamingAggregateSpec.finalFor(partial, OutputMode.APPEND, 0);
    assertTrue(spec.isStateful());
    assertEquals(partial.partialOutputSchema(), spec.inputSchema());
    assertEquals(HashAggregateSpec.finalFor(partial).outputSchema(), spec.outputSchema());
    assertEquals("StreamingAggregate(keys=[window, word], functions=[count(1)], outputMode=Append,"
        + " eventTimeKey=window)", spec.explain());
    assertEquals("StreamingAggregate(keys=[k], functions=[count(1), sum(v)], outputMode=Complete)",
        StreamingAggregateSpec.finalFor(partial(true), OutputMode.COMPLETE).explain());
    assertTrue(spec.usesWatermark());
    assertEquals(false, StreamingAggregateSpec.finalFor(partial, OutputMode.COMPLETE, 0).usesWatermark());
  }

  @Test
  void rejectsAppendWithoutEventTimeKeyAndBadKeys() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> StreamingAggregateSpec.finalFor(partial(true), OutputMode.APPEND));
    assertTrue(e.getMessage().contains("Append output mode not supported"), e.getMessage());
    assertThrows(EmberIllegalArgumentException.class,
        () -> StreamingAggregateSpec.finalFor(partial(true), OutputMode.UPDATE, 0), "a string is no event time");
    assertThrows(EmberIllegalArgumentException.class,
        () -> StreamingAggregateSpec.finalFor(partial(true), OutputMode.UPDATE, 1));
    assertThrows(EmberIllegalArgumentException.class, () -> StreamingAggregateSpec.finalFor(
        HashAggregateSpec.finalFor(partial(true)), OutputMode.UPDATE));
  }
}
