package io.ember.operators.sort;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.data.Row;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sort and top-N agree with a stable sort of the rows, whatever the batching, limit and null placement, for an
 * int key (sorted packed as primitives) and a bigint key (sorted by comparator).
 */
class SortPropertyTest {
  private static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("k", DataTypes.INTEGER), DataTypes.field("i", DataTypes.INTEGER), DataTypes.field("l", DataTypes.LONG));

  static Stream<Long> seeds() {
    return Seeds.of("SortPropertyTest", 200);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void sortAgreesWithAStableReferenceSort(long seed) {
    Seeds.check(seed, random -> sortAgreesWithAStableReferenceSort(Gen.ints(random, 40, 0, 6), random.nextBoolean(),
        random.nextBoolean(), Gen.betweenWithEdges(random, -1, 12), Gen.between(random, 1, 9),
        Gen.between(random, 1, 9), random.nextBoolean(), random.nextBoolean()));
  }

  private static void sortAgreesWithAStableReferenceSort(List<Integer> codes, boolean ascending, boolean nullsFirst,
      int limit, int inputBatchRows, int outputBatchRows, boolean snapshotRestore, boolean longKey) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < codes.size(); i++) {
      Integer k = codes.get(i) == 6 ? null : codes.get(i);
      rows.add(Row.of(k, i, k == null ? null : (long) k));
    }
    Comparator<Integer> values = ascending ? Comparator.naturalOrder() : Comparator.reverseOrder();
    Comparator<Row> order = Comparator.comparing(
        (Row r) -> (Integer) r.get(0), nullsFirst ? Comparator.nullsFirst(values) : Comparator.nullsLast(values));
    List<Row> expected = rows.stream().sorted(order).limit(limit < 0 ? Long.MAX_VALUE : limit).toList();

    SortSpec spec = new SortSpec(SCHEMA, List.of(new SortKey(SortKey.column(SCHEMA, longKey ? 2 : 0, true).expression(), ascending, nullsFirst)), limit);
    OperatorHarness h = OperatorHarness.of(spec).withBatchSize(outputBatchRows);
    if (snapshotRestore) {
      h.withSnapshotRestoreBetweenBatches();
    }
    assertEquals(expected, h.run(OperatorHarness.batches(SCHEMA, rows, inputBatchRows)));
  }
}
