package io.ember.operators.distinct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Deduplication keeps exactly the first row per key, whatever the batch size and with snapshot+restore. */
class DistinctPropertyTest {
  private static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("a", DataTypes.INTEGER), DataTypes.field("b", DataTypes.STRING), DataTypes.field("c", DataTypes.DOUBLE));

  private static Row row(int code) {
    Integer a = code % 4 == 3 ? null : code % 4;
    String b = (code / 4) % 3 == 2 ? null : "s" + (code / 4) % 3;
    Double c = (code / 12) % 3 == 2 ? null : (code / 12) % 3 == 1 ? -0.0 : 0.0; // -0.0 equals 0.0, as in Spark
    return Row.of(a, b, c);
  }

  @Property(tries = 200)
  void keepsTheFirstRowPerKey(
      @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 35) Integer> codes,
      @ForAll @IntRange(min = 0, max = 3) int keyChoice,
      @ForAll @IntRange(min = 1, max = 7) int batchRows,
      @ForAll boolean snapshotRestore) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < codes.size(); i++) {
      rows.add(row(codes.get(i)));
    }
    List<Integer> keys = switch (keyChoice) {
      case 0 -> List.of();
      case 1 -> List.of(0);
      case 2 -> List.of(1, 2);
      default -> List.of(2);
    };
    DistinctSpec spec = new DistinctSpec(SCHEMA, keys);
    int[] effective = spec.effectiveKeys();
    Map<List<Object>, Row> first = new LinkedHashMap<>();
    for (Row r : rows) {
      Object[] k = new Object[effective.length];
      for (int i = 0; i < k.length; i++) {
        Object v = r.get(effective[i]);
        k[i] = v instanceof Double d && d == 0.0 ? 0.0 : v;
      }
      first.putIfAbsent(Arrays.asList(k), r);
    }
    OperatorHarness h = OperatorHarness.of(spec);
    if (snapshotRestore) {
      h.withSnapshotRestoreBetweenBatches();
    }
    assertEquals(new ArrayList<>(first.values()), h.run(OperatorHarness.batches(SCHEMA, rows, batchRows)));
  }
}
