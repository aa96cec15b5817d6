package io.ember.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.state.ChunkedBytes;
import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.TrackedState;
import io.ember.operators.stream.dedup.StreamingDeduplicateSpec;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Full and delta operator states: sizes, chains, compaction, and the errors of states that cannot be read. */
class OperatorStatesTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER));
  private static final StreamingDeduplicateSpec SPEC = StreamingDeduplicateSpec.withoutWatermark(SCHEMA, List.of(0));

  private static Batch ids(int from, int to) {
    List<Row> rows = new ArrayList<>();
    for (int i = from; i < to; i++) {
      rows.add(Row.of(i));
    }
    return Batch.fromRows(SCHEMA, rows);
  }

  /** An opened dedup operator and its tables. */
  private record Opened(Operator operator, TrackedState tables) {
    static Opened of() {
      TrackedState tables = new TrackedState(HeapStateBackend.INSTANCE);
      Operator op = SPEC.create();
      op.open(OperatorContext.forTest().withState(tables));
      return new Opened(op, tables);
    }
  }

  @Test
  void aDeltaCarriesOnlyTheEpochsNewKeysAndAChainRestoresEverything() {
    Opened a = Opened.of();
    a.operator().process(0, ids(0, 10_000), b -> {});
    ChunkedBytes full = OperatorStates.take(a.operator(), a.tables(), 0, true);
    a.operator().process(0, ids(10_000, 10_050), b -> {});
    ChunkedBytes delta = OperatorStates.take(a.operator(), a.tables(), 1, false);
    assertFalse(OperatorStates.isDelta(full));
    assertTrue(OperatorStates.isDelta(delta));
    assertTrue(delta.length() * 100 < full.length(), delta.length() + " vs " + full.length());

    Opened b = Opened.of();
    OperatorStates.restore(b.operator(), b.tables(), List.of(full, delta));
    assertEquals(a.tables().contents(), b.tables().contents());
    assertEquals(10_050, b.operator().stateMetrics().numRowsTotal());
    Opened c = Opened.of();
    ChunkedBytes compacted = OperatorStates.compact(List.of(full, delta));
    assertFalse(OperatorStates.isDelta(compacted));
    OperatorStates.restore(c.operator(), c.tables(), compacted);
    assertEquals(a.tables().contents(), c.tables().contents());
  }

  @Test
  void theHarnessRestoresChainsOfDeltas() {
    OperatorHarness h = OperatorHarness.of(SPEC).withSnapshotRestoreBetweenBatches();
    h.feed(0, ids(0, 5), ids(3, 8));
    List<ChunkedBytes> chain = h.snapshotChain();
    assertEquals(2, chain.size());
    assertFalse(OperatorStates.isDelta(chain.get(0)));
    assertTrue(OperatorStates.isDelta(chain.get(1)));
    assertEquals(8, h.operator().stateMetrics().numRowsTotal());
    h.feed(0, ids(8, 9));
    assertEquals(1, h.snapshotChain().size(), "compacted at restore " + OperatorHarness.COMPACT_EVERY);
    assertEquals(9, h.outputRows().size());
    h.close();
  }

  @Test
  void statesThatCannotBeReadFailWithIncompatibleState() {
    Opened a = Opened.of();
    a.operator().process(0, ids(0, 3), b -> {});
    ChunkedBytes full = OperatorStates.take(a.operator(), a.tables(), 0, true);
    ChunkedBytes delta = OperatorStates.take(a.operator(), a.tables(), 1, false);

    byte[] future = full.toByteArray().clone();
    future[0] = (byte) (OperatorStates.FORMAT_VERSION + 1);
    EmberRuntimeException version = assertThrows(EmberRuntimeException.class,
        () -> OperatorStates.restore(Opened.of().operator(), Opened.of().tables(), ChunkedBytes.wrap(future)));
    assertTrue(version.getMessage().contains("format version " + (OperatorStates.FORMAT_VERSION + 1)), version.getMessage());

    Opened b = Opened.of();
    EmberRuntimeException deltaFirst = assertThrows(EmberRuntimeException.class,
        () -> OperatorStates.restore(b.operator(), b.tables(), List.of(delta)));
    assertTrue(deltaFirst.getMessage().contains("starts with a delta"), deltaFirst.getMessage());

    Opened c = Opened.of();
    ChunkedBytes truncated = ChunkedBytes.wrap(Arrays.copyOf(full.toByteArray(), (int) full.length() - 2));
    EmberRuntimeException torn = assertThrows(EmberRuntimeException.class,
        () -> OperatorStates.restore(c.operator(), c.tables(), truncated));
    assertEquals("INCOMPATIBLE_STATE", torn.errorClass());
  }
}
