package io.ember.operators.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.testkit.OperatorHarness;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LimitOperatorTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("x", DataTypes.INTEGER));

  private static List<Row> rows(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> Row.of(i % 3 == 0 ? null : i)).toList();
  }

  private static List<Row> run(LimitSpec spec, int batchRows, boolean restore) {
    OperatorHarness h = OperatorHarness.of(spec);
    if (restore) {
      h.withSnapshotRestoreBetweenBatches();
    }
    return h.run(OperatorHarness.batches(SCHEMA, rows(0, 10), batchRows));
  }

  @Test
  void passesTheFirstRowsAcrossBatches() {
    for (int size : new int[] {1, 3, 4, 10}) {
      assertEquals(rows(0, 4), run(new LimitSpec(SCHEMA, 4), size, false));
      assertEquals(rows(0, 4), run(new LimitSpec(SCHEMA, 4), size, true));
    }
  }

  @Test
  void offsetSkipsRowsFirst() {
    for (int size : new int[] {1, 3, 7}) {
      assertEquals(rows(2, 7), run(new LimitSpec(SCHEMA, 5, 2), size, false));
      assertEquals(rows(2, 7), run(new LimitSpec(SCHEMA, 5, 2), size, true));
      assertEquals(rows(8, 10), run(new LimitSpec(SCHEMA, 5, 8), size, true));
    }
  }

  @Test
  void perEpochLimitStartsOverAtEveryEpochAndAWholeStreamLimitDoesNot() {
    OperatorHarness perEpoch = OperatorHarness.of(new LimitSpec(SCHEMA, 2, 0, true));
    perEpoch.feed(0, OperatorHarness.batches(SCHEMA, rows(0, 5), 2)).endOfEpoch();
    assertEquals(rows(0, 2), perEpoch.drainRows());
    perEpoch.feed(0, OperatorHarness.batches(SCHEMA, rows(5, 9), 3)).endOfEpoch();
    assertEquals(rows(5, 7), perEpoch.drainRows());

    OperatorHarness whole = OperatorHarness.of(new LimitSpec(SCHEMA, 3));
    whole.feed(0, OperatorHarness.batches(SCHEMA, rows(0, 2), 2)).endOfEpoch();
    assertEquals(rows(0, 2), whole.drainRows());
    whole.feed(0, OperatorHarness.batches(SCHEMA, rows(2, 9), 3)).endOfEpoch();
    assertEquals(rows(2, 3), whole.drainRows());
  }

  @Test
  void limitZeroAndLimitPastTheEnd() {
    assertEquals(List.of(), run(new LimitSpec(SCHEMA, 0), 3, false));
    assertEquals(rows(0, 10), run(new LimitSpec(SCHEMA, Long.MAX_VALUE, 0), 3, false));
    assertEquals(List.of(), run(new LimitSpec(SCHEMA, 3, 20), 3, false));
    assertEquals(List.of(), OperatorHarness.of(new LimitSpec(SCHEMA, 3)).run(List.of()));
  }

  @Test
  void negativeLimitIsRejected() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class, () -> new LimitSpec(SCHEMA, -1));
    assertEquals(
        "[INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE] The limit like expression \"-1\" is invalid. The limit expression"
            + " must be equal to or greater than 0, but got -1.",
        e.getMessage());
  }

  @Test
  void snapshotOfAnotherVersionIsRejected() {
    OperatorHarness h = OperatorHarness.of(new LimitSpec(SCHEMA, 1));
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> h.operator().restore(new byte[] {9}));
    assertEquals("INCOMPATIBLE_STATE", e.errorClass());
  }

  @Test
  void explainShowsLimitAndOffset() {
    assertEquals("Limit(5)", new LimitSpec(SCHEMA, 5).explain());
    assertEquals("Limit(5, offset=2)", new LimitSpec(SCHEMA, 5, 2).explain());
  }
}
