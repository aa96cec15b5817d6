package io.ember.operators.aggregate;

import static io.ember.operators.aggregate.AggTestSupport.cols;
import static io.ember.operators.aggregate.AggTestSupport.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.StateSnapshots;
import io.ember.operators.testkit.OperatorHarness;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Snapshot and restore between batches changes nothing in the output, for every function and key type. */
class HashAggregateSnapshotTest {
  private static final StructType T = DataTypes.struct(DataTypes.field("k", DataTypes.STRING),
      DataTypes.field("day", DataTypes.DATE), DataTypes.field("i", DataTypes.INTEGER),
      DataTypes.field("ts", DataTypes.TIMESTAMP), DataTypes.field("m", DataTypes.decimal(6, 3)),
      DataTypes.field("d", DataTypes.DOUBLE), DataTypes.field("b", DataTypes.BOOLEAN),
      DataTypes.field("arr", DataTypes.array(DataTypes.INTEGER)));

  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (int n = 0; n < 60; n++) {
      rows.add(Row.of(n % 7 == 0 ? null : "key" + (n % 5), n % 4 == 0 ? null : LocalDate.of(2024, 1, 1 + n % 3),
          n % 6 == 0 ? null : n, Instant.ofEpochSecond(1_700_000_000L + n * 37L),
          n % 5 == 0 ? null : new BigDecimal(n + ".125"), n * 0.25, n % 3 == 0, n % 9 == 0 ? null : List.of(n, n % 2)));
    }
    return rows;
  }

  private static List<AggregateFunction> everyFunction() {
    Literal yes = new Literal(true, DataTypes.BOOLEAN);
    return List.of(AggregateFunctions.countStar(), fn(T, "count", "i"), fn(T, "sum", "i"), fn(T, "sum", "m"),
        fn(T, "avg", "m"), fn(T, "avg", "d"), fn(T, "min", "ts"), fn(T, "max", "m"), fn(T, "min", "arr"),
        fn(T, "max", "b"), fn(T, "first", "m"), fn(T, "last", "arr"),
        AggregateFunctions.build("first", List.of(AggTestSupport.col(T, "i"), yes), false),
        fn(T, "collect_list", "arr"), fn(T, "collect_set", "day"), fn(T, "variance", "i"), fn(T, "stddev_pop", "d"),
        fn(T, "approx_count_distinct", "ts"), AggregateFunctions.build("count", cols(T, "i", "day"), true),
        AggregateFunctions.build("avg", cols(T, "m"), true));
  }

  @Test
  void completeAggregateGivesTheSameOutputWhenRestoredAfterEveryBatch() {
    HashAggregateSpec spec = AggTestSupport.complete(T, List.of("k", "day"), everyFunction());
    List<Row> plain = OperatorHarness.of(spec).feedRows(0, T, rows(), 7).endAllInputs().outputRows();
    OperatorHarness restored = OperatorHarness.of(spec).withSnapshotRestoreBetweenBatches();
    List<Row> again = restored.feedRows(0, T, rows(), 7).endAllInputs().outputRows();
    assertEquals(9, restored.restoreCount());
    assertEquals(plain, again);
    assertTrue(plain.size() > 10);
  }

  @Test
  void globalAndPartialAggregatesSurviveRestoreToo() {
    HashAggregateSpec global = AggTestSupport.complete(T, List.of(), everyFunction());
    assertEquals(OperatorHarness.of(global).feedRows(0, T, rows(), 11).endAllInputs().outputRows(),
        OperatorHarness.of(global).withSnapshotRestoreBetweenBatches().feedRows(0, T, rows(), 11).endAllInputs()
            .outputRows());
    List<String> names = new ArrayList<>();
    everyFunction().forEach(f -> names.add("f" + names.size()));
    HashAggregateSpec partial = HashAggregateSpec.partial(T, cols(T, "k"), List.of("k"), everyFunction(), names);
    assertEquals(OperatorHarness.of(partial).feedRows(0, T, rows(), 5).endAllInputs().outputRows(),
        OperatorHarness.of(partial).withSnapshotRestoreBetweenBatches().feedRows(0, T, rows(), 5).endAllInputs()
            .outputRows());
  }

  @Test
  void restoringASnapshotOfAnotherVersionFailsClearly() {
    HashAggregateSpec spec = AggTestSupport.complete(T, List.of("k"), List.of(AggregateFunctions.countStar()));
    Operator op = spec.create();
    op.open(OperatorContext.forTest());
    byte[] future = StateSnapshots.begin(HashAggregateOperator.SNAPSHOT_VERSION + 1).toBytes();
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> op.restore(future));
    assertEquals("INCOMPATIBLE_STATE", e.errorClass());
  }
}
