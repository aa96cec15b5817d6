package io.ember.operators.stream.join;

import static io.ember.operators.stream.join.JoinTestSupport.AD_ID;
import static io.ember.operators.stream.join.JoinTestSupport.CLICK_AD_ID;
import static io.ember.operators.stream.join.JoinTestSupport.CLICK_SECONDS;
import static io.ember.operators.stream.join.JoinTestSupport.IMPRESSION_SECONDS;
import static io.ember.operators.stream.join.JoinTestSupport.LEFT;
import static io.ember.operators.stream.join.JoinTestSupport.RIGHT;
import static io.ember.operators.stream.join.JoinTestSupport.SEC;
import static io.ember.operators.stream.join.JoinTestSupport.clickWithin;
import static io.ember.operators.stream.join.JoinTestSupport.describe;
import static io.ember.operators.stream.join.JoinTestSupport.left;
import static io.ember.operators.stream.join.JoinTestSupport.right;
import static io.ember.operators.stream.join.JoinTestSupport.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.StateMetrics;
import io.ember.operators.join.JoinType;
import io.ember.operators.state.StateBackend;
import io.ember.operators.stream.TestStateBackends;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StreamJoinOperatorTest {
  static Stream<Arguments> backendsAndRestore() {
    List<Arguments> out = new ArrayList<>();
    for (StateBackend b : TestStateBackends.all()) {
      out.add(Arguments.of(b, false));
      out.add(Arguments.of(b, true));
    }
    return out.stream();
  }

  private static OperatorHarness harness(StreamJoinSpec spec, StateBackend backend, boolean restore) {
    OperatorHarness h = OperatorHarness.of(spec).withStateBackend(backend).withBatchSize(2);
    return restore ? h.withSnapshotRestoreBetweenBatches() : h;
  }

  private static List<String> drain(OperatorHarness h) {
    return describe(h.drainRows());
  }

  private static StateMetrics metrics(OperatorHarness h) {
    return h.operator().stateMetrics();
  }

  @ParameterizedTest
  @MethodSource("backendsAndRestore")
  void innerJoinMatchesRowsArrivingInEitherOrderAcrossEpochs(StateBackend backend, boolean restore) {
    OperatorHarness h = harness(spec(JoinType.INNER, clickWithin(10)), backend, restore);
    h.feed(0, left(1, 100, "i1", 2, 100, "i2"));
    assertEquals(List.of(), drain(h));
    h.endOfEpoch();
    h.feed(1, right(1, 105, "c1"));
    assertEquals(List.of("i1+c1"), drain(h));
    h.feed(1, right(2, 200, "c2")); // the residual condition fails: 200 > 100 + 10
    assertEquals(List.of(), drain(h));
    h.endOfEpoch();
    h.feed(1, right(3, 155, "c3"));
    h.feed(0, left(3, 150, "i3"));
    assertEquals(List.of("i3+c3"), drain(h), "a left row joins the right rows stored before it");
    h.feed(1, right(3, 152, "c3b", 3, 170, "c3c"));
    assertEquals(List.of("i3+c3b"), drain(h));
    h.feed(0, left(3, 151, "i3b", 4, 151, "i4", 3, 149, "i3c"));
    assertEquals(List.of("i3b+c3", "i3b+c3b", "i3c+c3", "i3c+c3b"), drain(h));
    h.endOfEpoch();
    StateMetrics m = metrics(h);
    assertEquals("symmetricHashJoin", m.operatorName());
    assertEquals(11, m.numRowsTotal());
    assertEquals(7, m.numRowsUpdated());
    assertEquals(0, m.numRowsRemoved());
    assertTrue(m.memoryUsedBytes() > 0);
    h.endAllInputs();
    assertEquals(List.of(), drain(h), "end of input flushes nothing");
    h.close();
  }

  @ParameterizedTest
  @MethodSource("backendsAndRestore")
  void lateRowsAreDroppedAndCounted(StateBackend backend, boolean restore) {
    OperatorHarness h = harness(spec(JoinType.INNER, clickWithin(10)), backend, restore);
    h.feed(0, left(1, 95, "i1", 1, 99, "i2"));
    h.endOfEpoch().watermark(100 * SEC); // left state watermark 90: both impressions stay
    h.feed(0, left(1, 100, "late-i", 1, 101, "i3"));
    h.feed(1, right(1, 100, "late-c", 1, 101, "c1", 1, null, "c-no-time"));
    assertEquals(List.of("i1+c1", "i2+c1", "i3+c1"), drain(h));
    h.endOfEpoch();
    StateMetrics m = metrics(h);
    assertEquals(2, m.numRowsDroppedByWatermark());
    assertEquals(5, m.numRowsTotal()); // i1 i2 i3, c1, and the click without time (never evicted)
  }

  @ParameterizedTest
  @MethodSource("backendsAndRestore")
  void leftOuterEmitsUnmatchedImpressionsOnceWhenTheWatermarkPasses(StateBackend backend, boolean restore) {
    // impressions joined with clicks within 10 seconds; an impression can be clicked until impressionTime + 10
    OperatorHarness h = harness(spec(JoinType.LEFT_OUTER, clickWithin(10)), backend, restore);
    h.feed(0, left(1, 100, "i1", 2, 100, "i2", 3, 104, "i3"));
    h.feed(1, right(1, 105, "c1"));
    assertEquals(List.of("i1+c1"), drain(h));
    h.endOfEpoch().watermark(105 * SEC); // left state watermark 95: nothing to evict
    assertEquals(List.of(), drain(h));
    h.feed(1, right(1, 108, "c1b"));
    assertEquals(List.of("i1+c1b"), drain(h));
    h.endOfEpoch().watermark(110 * SEC); // 100: i1 (matched) and i2 (unmatched) leave
    assertEquals(List.of("i2+null"), drain(h));
    h.endOfEpoch();
    assertEquals(1, metrics(h).numRowsTotal()); // i3; the clicks (right state watermark 110) are gone
    h.watermark(114 * SEC);
    assertEquals(List.of("i3+null"), drain(h));
    h.endOfEpoch().watermark(200 * SEC);
    assertEquals(List.of(), drain(h), "exactly once");
    h.endOfEpoch();
    assertEquals(0, metrics(h).numRowsTotal());
  }

  @ParameterizedTest
  @MethodSource("backendsAndRestore")
  void rightOuterEmitsUnmatchedClicksOnceWhenTheWatermarkPasses(StateBackend backend, boolean restore) {
    OperatorHarness h = harness(spec(JoinType.RIGHT_OUTER, clickWithin(10)), backend, restore);
    h.feed(1, right(1, 105, "c1", 9, 107, "c9"));
    h.feed(0, left(1, 100, "i1"));
    assertEquals(List.of("i1+c1"), drain(h));
    h.endOfEpoch().watermark(106 * SEC); // right state watermark = 106: c1 leaves matched
    assertEquals(List.of(), drain(h));
    h.endOfEpoch().watermark(107 * SEC);
    assertEquals(List.of("null+c9"), drain(h));
    h.endOfEpoch().watermark(300 * SEC);
    assertEquals(List.of(), drain(h));
    h.endOfEpoch();
    assertEquals(0, metrics(h).numRowsTotal());
  }

  @Test
  void fullOuterEmitsBothSidesUnmatchedRows() {
    OperatorHarness h = OperatorHarness.of(spec(JoinType.FULL_OUTER, clickWithin(10)));
    h.feed(0, left(1, 100, "i1", 2, 100, "i2"));
    h.feed(1, right(1, 103, "c1", 3, 103, "c3"));
    assertEquals(List.of("i1+c1"), drain(h));
    h.endOfEpoch().watermark(120 * SEC);
    assertEquals(List.of("i2+null", "null+c3"), drain(h));
  }

  @Test
  void leftSemiEmitsEachLeftRowOnceOnItsFirstMatch() {
    OperatorHarness h = OperatorHarness.of(spec(JoinType.LEFT_SEMI, clickWithin(10))).withBatchSize(2);
    h.feed(0, left(1, 100, "i1", 2, 100, "i2"));
    h.feed(1, right(1, 101, "c1", 1, 102, "c1b", 1, 103, "c1c"));
    assertEquals(List.of("i1"), drain(h));
    h.feed(1, right(1, 104, "c1d"));
    assertEquals(List.of(), drain(h));
    h.feed(0, left(1, 99, "i1b", 5, 99, "i5"));
    assertEquals(List.of("i1b"), drain(h), "a left row matching stored right rows is emitted at once");
    h.endOfEpoch();
    assertEquals(7, metrics(h).numRowsTotal(), "i1, i2, i5 and four clicks; i1b matched on arrival and is not kept");
  }

  @ParameterizedTest
  @MethodSource("backendsAndRestore")
  void stateStaysBoundedOverALongRun(StateBackend backend, boolean restore) {
    OperatorHarness h = harness(spec(JoinType.LEFT_OUTER, clickWithin(10)), backend, restore);
    int joined = 0;
    int nulls = 0;
    long maxState = 0;
    for (int e = 0; e < 300; e++) {
      int t = e * 10;
      h.feed(0, left(e, t, "i" + e));
      if (e % 3 != 0) {
        h.feed(1, right(e, t + 5, "c" + e));
      }
      for (String s : drain(h)) {
        if (s.endsWith("+null")) {
          nulls++;
        } else {
          joined++;
        }
      }
      h.endOfEpoch();
      maxState = Math.max(maxState, metrics(h).numRowsTotal());
      h.watermark((t - 8) * SEC);
      for (String s : drain(h)) {
        assertTrue(s.endsWith("+null"), s);
        nulls++;
      }
    }
    h.watermark(100_000 * SEC);
    nulls += drain(h).size();
    assertEquals(200, joined);
    assertEquals(100, nulls);
    assertTrue(maxState <= 8, "state must stay bounded, held " + maxState);
  }

  @ParameterizedTest
  @MethodSource("backendsAndRestore")
  void rowsArrivingBelowTheirStateWatermarkJoinButAreNotStored(StateBackend backend, boolean restore) {
    // impressionTime >= clickTime + 10: the left state watermark is W + 10
    StreamJoinSpec spec = spec(JoinType.LEFT_OUTER, Expressions.greaterThanOrEqual(IMPRESSION_SECONDS,
        Expressions.add(CLICK_SECONDS, new Literal(10, DataTypes.INTEGER))));
    assertEquals("left: eventTime <= min(W + 10000000), right: none", spec.stateWatermarks().describe());
    OperatorHarness h = harness(spec, backend, restore);
    h.watermark(100 * SEC);
    h.feed(1, right(1, 101, "c1"));
    h.feed(0, left(1, 105, "i1", 1, 111, "i2"));
    assertEquals(List.of("i2+c1", "i1+null"), drain(h), "i1 can never match: emitted with nulls at once");
    h.endOfEpoch();
    assertEquals(2, metrics(h).numRowsTotal()); // c1 and i2
    h.watermark(120 * SEC);
    assertEquals(List.of(), drain(h), "i2 matched");
  }

  @ParameterizedTest
  @MethodSource("backendsAndRestore")
  void nullKeysNeverMatchAndOuterJoinsEmitThemWithNulls(StateBackend backend, boolean restore) {
    OperatorHarness h = harness(spec(JoinType.LEFT_OUTER, clickWithin(10)), backend, restore);
    h.feed(0, left(null, 100, "i-null"));
    h.feed(1, right(null, 101, "c-null"));
    assertEquals(List.of(), drain(h));
    h.endOfEpoch();
    assertEquals(1, metrics(h).numRowsTotal(), "the right null key is not stored: it can never match");
    h.watermark(110 * SEC);
    assertEquals(List.of("i-null+null"), drain(h));
  }

  @ParameterizedTest
  @MethodSource("backendsAndRestore")
  void anEventTimeJoinKeyEvictsByTheKey(StateBackend backend, boolean restore) {
    // join on (adId, time) = (clickAdId, clickTime): Spark's event-time equality join
    StreamJoinSpec spec = new StreamJoinSpec(JoinType.INNER, LEFT, RIGHT,
        List.of(AD_ID, new io.ember.core.expr.ColumnRef(1, "impressionTime", DataTypes.TIMESTAMP, true)),
        List.of(CLICK_AD_ID, new io.ember.core.expr.ColumnRef(1, "clickTime", DataTypes.TIMESTAMP, true)),
        null, 1, 1);
    assertEquals(1, spec.stateWatermarks().left().keyOrdinal());
    OperatorHarness h = harness(spec, backend, restore);
    h.feed(0, left(1, 100, "i1", 1, 101, "i2"));
    h.feed(1, right(1, 100, "c1", 1, 102, "c2"));
    assertEquals(List.of("i1+c1"), drain(h));
    h.endOfEpoch().watermark(100 * SEC);
    h.endOfEpoch();
    assertEquals(2, metrics(h).numRowsTotal());
    assertEquals(2, metrics(h).numRowsRemoved());
  }

  @ParameterizedTest
  @MethodSource("backendsAndRestore")
  void aJoinWithoutEquiKeysMatchesOnTheConditionAlone(StateBackend backend, boolean restore) {
    StreamJoinSpec spec = new StreamJoinSpec(JoinType.LEFT_OUTER, LEFT, RIGHT, List.of(), List.of(), clickWithin(10), 1, 1);
    OperatorHarness h = harness(spec, backend, restore);
    h.feed(0, left(1, 100, "i1", 2, 200, "i2"));
    h.feed(1, right(7, 105, "c7", 8, 300, "c8"));
    assertEquals(List.of("i1+c7"), drain(h));
    h.endOfEpoch().watermark(250 * SEC);
    assertEquals(List.of("i2+null"), drain(h));
    h.endOfEpoch();
    assertEquals(1, metrics(h).numRowsTotal()); // c8
  }

  @ParameterizedTest
  @MethodSource("io.ember.operators.stream.TestStateBackends#all")
  void manyStoredRowsGrowTheStateAndAreAllEvicted(StateBackend backend) {
    OperatorHarness h = OperatorHarness.of(spec(JoinType.LEFT_OUTER, clickWithin(10))).withStateBackend(backend);
    int rows = 40_000;
    for (int from = 0; from < rows; from += 5_000) {
      List<Object> values = new ArrayList<>();
      for (int i = from; i < from + 5_000; i++) {
        values.addAll(List.of(i % 1_000, 100 + i % 7, "i" + i));
      }
      h.feed(0, left(values.toArray()));
    }
    h.feed(1, right(7, 106, "c7"));
    List<String> joined = drain(h);
    assertEquals(40, joined.size()); // rows 7, 1007, ... all have time 100 + i % 7 <= 106
    h.endOfEpoch();
    assertEquals(rows + 1, metrics(h).numRowsTotal());
    h.watermark(1_000 * SEC);
    List<String> nulls = drain(h);
    assertEquals(rows - 40, nulls.size());
    assertTrue(nulls.stream().allMatch(s -> s.endsWith("+null")));
    h.endOfEpoch();
    assertEquals(0, metrics(h).numRowsTotal());
    assertEquals(rows + 1, metrics(h).numRowsRemoved());
    h.close();
  }

  /**
   * The programming guide's example: impressions with a 2 hour watermark, clicks with a 3 hour one, a click
   * counting within 1 hour of its impression, as a left outer join. The global watermark is the minimum of the
   * two (Spark's default policy) and holds from the next epoch on. Times are minutes after noon.
   */
  @ParameterizedTest
  @MethodSource("backendsAndRestore")
  void programmingGuideImpressionsAndClicksLeftOuter(StateBackend backend, boolean restore) {
    long minute = 60 * SEC;
    StreamJoinSpec spec = spec(JoinType.LEFT_OUTER, clickWithin(3600));
    OperatorHarness h = harness(spec, backend, restore);
    long[] max = {Long.MIN_VALUE, Long.MIN_VALUE}; // impressions, clicks, in minutes
    long[] delay = {120, 180};
    List<List<String>> perEpoch = new ArrayList<>();
    Object[][][] epochs = {
      {{1, 0, "i1", 2, 5, "i2", 3, 10, "i3"}, {1, 20, "c1"}},
      {{4, 120, "i4"}, {2, 90, "c2", 3, 50, "c3"}},
      {{5, 300, "i5"}, {9, 240, "c9"}},
      {{6, 390, "i6"}, {7, 420, "c7"}},
      {{}, {}},
    };
    for (Object[][] epoch : epochs) {
      for (int side = 0; side < 2; side++) {
        Object[] rows = epoch[side].clone();
        for (int i = 1; i < rows.length; i += 3) {
          max[side] = Math.max(max[side], (Integer) rows[i]);
          rows[i] = (Integer) rows[i] * 60; // minutes to the seconds the support takes
        }
        if (rows.length > 0) {
          h.feed(side, side == 0 ? left(rows) : right(rows));
        }
      }
      perEpoch.add(drain(h));
      h.endOfEpoch();
      h.watermark(Math.min(max[0] - delay[0], max[1] - delay[1]) * minute);
      perEpoch.add(drain(h));
    }
    assertEquals(List.of(
        List.of("i1+c1"), List.of(), // watermark 12:20 - 3h = 09:20
        List.of("i3+c3"), List.of(), // c2 came 85 minutes after i2; watermark 10:30
        List.of(), List.of(), // watermark 13:00: i1 leaves matched, the clicks up to 13:00 leave
        List.of(), List.of("i2+null", "i4+null"), // watermark 16:00: impressions up to 15:00 leave
        List.of(), List.of()), perEpoch);
  }

  @Test
  void windowEqualityJoinEvictsWindowsTheWatermarkClosed() {
    StructType window = DataTypes.struct(
        DataTypes.field("start", DataTypes.TIMESTAMP), DataTypes.field("end", DataTypes.TIMESTAMP));
    StructType l = DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER), DataTypes.field("w", window),
        DataTypes.field("impression", DataTypes.STRING));
    StructType r = DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER), DataTypes.field("w", window),
        DataTypes.field("click", DataTypes.STRING));
    StreamJoinSpec spec = new StreamJoinSpec(JoinType.LEFT_OUTER, l, r,
        List.of(new ColumnRef(0, "k", DataTypes.INTEGER, true), new ColumnRef(1, "w", window, true)),
        List.of(new ColumnRef(0, "k", DataTypes.INTEGER, true), new ColumnRef(1, "w", window, true)), null, 1, 1);
    OperatorHarness h = OperatorHarness.of(spec);
    h.feed(0, Batch.fromRows(l, List.of(Row.of(1, win(window, 0, 10), "i1"), Row.of(2, win(window, 0, 10), "i2"),
        Row.of(1, win(window, 10, 20), "i3"))));
    h.feed(1, Batch.fromRows(r, List.of(Row.of(1, win(window, 0, 10), "c1"), Row.of(1, win(window, 20, 30), "c4"))));
    assertEquals(List.of("i1+c1"), drain(h));
    h.endOfEpoch().watermark(10 * SEC); // windows ending at 10 close
    assertEquals(List.of("i2+null"), drain(h));
    h.endOfEpoch();
    assertEquals(2, metrics(h).numRowsTotal()); // i3, c4
    assertEquals(3, metrics(h).numRowsRemoved());
  }

  private static Row win(StructType window, int startSeconds, int endSeconds) {
    return new Row(window, new Object[] {startSeconds * SEC, endSeconds * SEC});
  }

  @Test
  void specValidatesAndExplains() {
    StreamJoinSpec spec = spec(JoinType.LEFT_OUTER, clickWithin(10));
    assertEquals(2, spec.numInputs());
    assertFalse(spec.readsInputsInOrder());
    assertTrue(spec.isStateful());
    assertTrue(spec.outputSchema().field(3).nullable());
    assertEquals(3, spec(JoinType.LEFT_SEMI, null).outputSchema().size());
    assertTrue(spec.explain().startsWith("StreamingSymmetricHashJoin(LeftOuter, leftKeys=[adId], rightKeys=[clickAdId]"),
        spec.explain());
    assertTrue(spec.explain().endsWith(
        "stateWatermark=[left: eventTime <= min(W - 10000000), right: eventTime <= min(W + 0)])"), spec.explain());
    assertThrows(EmberIllegalArgumentException.class, () -> spec(JoinType.LEFT_ANTI, null));
    assertThrows(EmberIllegalArgumentException.class,
        () -> new StreamJoinSpec(JoinType.INNER, LEFT, RIGHT, List.of(AD_ID), List.of(CLICK_AD_ID), null, 2, 1));
  }
}
