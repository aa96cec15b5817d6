package io.ember.operators.aggregate;

import static io.ember.operators.aggregate.AggTestSupport.batch;
import static io.ember.operators.aggregate.AggTestSupport.cols;
import static io.ember.operators.aggregate.AggTestSupport.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.testkit.OperatorHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The partial phase of an aggregate in a stream emits per epoch; the other phases ignore epochs. */
class PartialAggregateEpochTest {
  private static final StructType T = DataTypes.struct(DataTypes.field("k", DataTypes.STRING),
      DataTypes.field("v", DataTypes.LONG));

  private static HashAggregateSpec spec(List<String> keys, HashAggregateSpec.Mode mode) {
    List<AggregateFunction> fns = List.of(AggregateFunctions.countStar(), fn(T, "sum", "v"));
    return new HashAggregateSpec(T, cols(T, keys.toArray(new String[0])), keys, fns, List.of("n", "s"), mode,
        HashAggregateSpec.DEFAULT_PARTIAL_FLUSH_GROUPS);
  }

  @Test
  void partialEmitsEachEpochsGroupsAtEndOfEpochAndStartsEmpty() {
    OperatorHarness h = OperatorHarness.of(spec(List.of("k"), HashAggregateSpec.Mode.PARTIAL));
    h.feed(0, batch(T, Row.of("a", 1L), Row.of("b", 2L), Row.of("a", 3L)));
    assertEquals(List.of(), h.drainRows(), "nothing before the epoch ends");
    h.endOfEpoch();
    // partial layout: key, count state, sum state
    assertEquals(List.of(Row.of("a", 2L, 4L), Row.of("b", 1L, 2L)), h.drainRows());
    h.endOfEpoch();
    assertEquals(List.of(), h.drainRows(), "an epoch without rows emits no keyed groups");
    h.feed(0, batch(T, Row.of("a", 10L)));
    h.endOfEpoch();
    assertEquals(List.of(Row.of("a", 1L, 10L)), h.drainRows(), "the previous epoch's groups are gone");
    h.endOfInput(0);
    assertEquals(List.of(), h.drainRows(), "end of input after the last epoch emits nothing more");
  }

  @Test
  void globalPartialEmitsOneStateRowPerEpochAndNoneAtEndOfInputAfterwards() {
    OperatorHarness h = OperatorHarness.of(spec(List.of(), HashAggregateSpec.Mode.PARTIAL));
    h.feed(0, batch(T, Row.of("a", 1L), Row.of("b", 2L)));
    h.endOfEpoch();
    assertEquals(List.of(Row.of(2L, 3L)), h.drainRows());
    h.endOfEpoch();
    assertEquals(List.of(Row.of(0L, null)), h.drainRows());
    h.endOfInput(0);
    assertEquals(List.of(), h.drainRows());
  }

  @Test
  void rowsAfterTheLastEpochStillComeOutAtEndOfInput() {
    OperatorHarness h = OperatorHarness.of(spec(List.of("k"), HashAggregateSpec.Mode.PARTIAL));
    h.feed(0, batch(T, Row.of("a", 1L))).endOfEpoch().drainRows();
    h.feed(0, batch(T, Row.of("z", 5L))).endOfInput(0);
    assertEquals(List.of(Row.of("z", 1L, 5L)), h.drainRows());
  }

  @Test
  void finalAndCompleteIgnoreEpochs() {
    for (HashAggregateSpec.Mode mode : List.of(HashAggregateSpec.Mode.COMPLETE, HashAggregateSpec.Mode.FINAL)) {
      HashAggregateSpec s = mode == HashAggregateSpec.Mode.FINAL
          ? HashAggregateSpec.finalFor(spec(List.of("k"), HashAggregateSpec.Mode.PARTIAL))
          : spec(List.of("k"), mode);
      OperatorHarness h = OperatorHarness.of(s);
      h.feed(0, mode == HashAggregateSpec.Mode.FINAL
          ? batch(s.inputSchema(), Row.of("a", 1L, 1L), Row.of("a", 2L, 5L))
          : batch(T, Row.of("a", 1L), Row.of("a", 5L), Row.of("a", 0L)));
      h.endOfEpoch();
      assertEquals(List.of(), h.drainRows(), mode + " must not emit at an epoch");
      h.endOfInput(0);
      assertEquals(List.of(Row.of("a", 3L, 6L)), h.drainRows(), mode.toString());
    }
  }

  @Test
  void partialThenFinalOverEpochsEqualsCompleteOverAllRows() {
    HashAggregateSpec partial = spec(List.of("k"), HashAggregateSpec.Mode.PARTIAL);
    OperatorHarness p = OperatorHarness.of(partial);
    p.feed(0, batch(T, Row.of("a", 1L), Row.of("b", 2L))).endOfEpoch();
    p.feed(0, batch(T, Row.of("a", 3L), Row.of(null, 4L))).endOfEpoch();
    p.endOfInput(0);
    List<Row> out = OperatorHarness.of(HashAggregateSpec.finalFor(partial)).feed(0, p.outputBatches())
        .endAllInputs().outputRows();
    assertEquals(AggTestSupport.sorted(List.of(Row.of("a", 2L, 4L), Row.of("b", 1L, 2L), Row.of(null, 1L, 4L))),
        AggTestSupport.sorted(out));
  }
}
