package io.ember.operators.distinct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.data.Row;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

  static Stream<Long> seeds() {
    return Seeds.of("DistinctPropertyTest", 200);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void keepsTheFirstRowPerKey(long seed) {
    Seeds.check(seed, random -> keepsTheFirstRowPerKey(Gen.ints(random, 30, 0, 35), Gen.between(random, 0, 3),
        Gen.between(random, 1, 7), random.nextBoolean()));
  }

  private static void keepsTheFirstRowPerKey(List<Integer> codes, int keyChoice, int batchRows,
      boolean snapshotRestore) {
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
