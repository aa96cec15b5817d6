package io.ember.operators.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import io.ember.operators.Output;
import io.ember.operators.limit.LimitSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorHarnessTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("x", DataTypes.INTEGER));

  private static List<Row> rows(int from, int to) {
    return java.util.stream.IntStream.range(from, to).mapToObj(i -> Row.of(i)).toList();
  }

  @Test
  void feedsBatchesAndCollectsRowsAndBatches() {
    OperatorHarness h = OperatorHarness.of(new LimitSpec(SCHEMA, 100))
        .feedRows(0, SCHEMA, rows(0, 5), 2)
        .endOfInput(0);
    assertEquals(rows(0, 5), h.outputRows());
    assertEquals(3, h.outputBatches().size());
    assertEquals(0, h.restoreCount());
  }

  @Test
  void snapshotRestoreBetweenBatchesRestoresIntoFreshInstances() {
    OperatorHarness h = OperatorHarness.of(new LimitSpec(SCHEMA, 3)).withSnapshotRestoreBetweenBatches();
    Operator first = h.operator();
    h.feedRows(0, SCHEMA, rows(0, 6), 1).endOfInput(0);
    assertEquals(rows(0, 3), h.outputRows());
    assertEquals(6, h.restoreCount());
    assertTrue(first != h.operator());
  }

  @Test
  void drainRowsReturnsOnlyNewRows() {
    OperatorHarness h = OperatorHarness.of(new LimitSpec(SCHEMA, 10));
    h.feedRows(0, SCHEMA, rows(0, 2), 5);
    assertEquals(rows(0, 2), h.drainRows());
    h.feedRows(0, SCHEMA, rows(2, 3), 5);
    assertEquals(rows(2, 3), h.drainRows());
    assertEquals(List.of(), h.drainRows());
  }

  @Test
  void batchOfWrongSchemaFailsTheTest() {
    OperatorSpec wrong = new OperatorSpec() {
      @Override
      public Operator create() {
        return (int input, Batch batch, Output out) ->
            out.emit(Batch.fromRows(DataTypes.struct(DataTypes.field("s", DataTypes.STRING)), List.of(Row.of("a"))));
      }

      @Override
      public StructType outputSchema() {
        return SCHEMA;
      }

      @Override
      public String explain() {
        return "Wrong";
      }
    };
    AssertionError e = assertThrows(AssertionError.class, () -> OperatorHarness.of(wrong).feedRows(0, SCHEMA, rows(0, 1), 1));
    assertEquals("Wrong emitted a batch of struct<s:string> but declares struct<x:int>", e.getMessage());
  }

  @Test
  void endingAnInputTwiceOrFeedingAnUnknownInputIsRejected() {
    OperatorHarness h = OperatorHarness.of(new LimitSpec(SCHEMA, 1)).endOfInput(0);
    assertThrows(IllegalStateException.class, () -> h.endOfInput(0));
    assertThrows(IllegalArgumentException.class, () -> h.feed(1, List.of()));
  }

  @Test
  void configuringAfterStartIsRejected() {
    OperatorHarness h = OperatorHarness.of(new LimitSpec(SCHEMA, 1));
    h.operator();
    assertThrows(IllegalStateException.class, () -> h.withBatchSize(3));
  }

  @Test
  void runFeedsEveryInputAndEndsThem() {
    List<Row> out = OperatorHarness.of(new LimitSpec(SCHEMA, 2))
        .run(OperatorHarness.batches(SCHEMA, rows(0, 4), 3));
    assertEquals(rows(0, 2), out);
  }

  @Test
  void batchSizeAndMemoryBudgetReachTheContext() {
    OperatorHarness h = OperatorHarness.of(new LimitSpec(SCHEMA, 1)).withBatchSize(7).withMemoryBudget(1234);
    assertEquals(7, h.context().batchSize());
    assertEquals(1234, h.context().memory().limit());
  }
}
