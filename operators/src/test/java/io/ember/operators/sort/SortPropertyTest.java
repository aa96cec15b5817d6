package io.ember.operators.sort;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Sort and top-N agree with a stable sort of the rows, whatever the batching, limit and null placement, for an
 * int key (sorted packed as primitives) and a bigint key (sorted by comparator).
 */
class SortPropertyTest {
  private static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("k", DataTypes.INTEGER), DataTypes.field("i", DataTypes.INTEGER), DataTypes.field("l", DataTypes.LONG));

  @Property(tries = 200)
  void sortAgreesWithAStableReferenceSort(
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 6) Integer> codes,
      @ForAll boolean ascending,
      @ForAll boolean nullsFirst,
      @ForAll @IntRange(min = -1, max = 12) int limit,
      @ForAll @IntRange(min = 1, max = 9) int inputBatchRows,
      @ForAll @IntRange(min = 1, max = 9) int outputBatchRows,
      @ForAll boolean snapshotRestore,
      @ForAll boolean longKey) {
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
