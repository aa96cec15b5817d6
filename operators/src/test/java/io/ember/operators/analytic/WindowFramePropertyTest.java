package io.ember.operators.analytic;

import static io.ember.operators.testkit.TestExprs.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.data.Row;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.aggregate.AggregateFunctions;
import io.ember.operators.sort.SortKey;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Window aggregates over random ROWS and RANGE frames equal a naive reference that decides, for every pair of
 * rows of a partition, whether one is in the other's frame by the bounds' definitions.
 */
class WindowFramePropertyTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("p", DataTypes.INTEGER),
      DataTypes.field("o", DataTypes.LONG), DataTypes.field("v", DataTypes.LONG));
  private static final String[] FUNCTIONS = {"sum", "count", "min", "max"};

  static Stream<Long> seeds() {
    return Seeds.of("WindowFramePropertyTest", 120);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aggregatesOverFramesEqualTheReference(long seed) {
    Seeds.check(seed, this::check);
  }

  private static long bound(Random random) {
    return switch (Gen.between(random, 0, 3)) {
      case 0 -> WindowFrame.CURRENT_ROW;
      case 1 -> random.nextBoolean() ? WindowFrame.UNBOUNDED_PRECEDING : WindowFrame.UNBOUNDED_FOLLOWING;
      default -> Gen.between(random, -3, 3);
    };
  }

  private void check(Random random) {
    List<Row> rows = Gen.listOf(random, 60, () -> Row.of(Gen.orNull(random, 0.1, Gen.between(random, 0, 2)),
        Gen.orNull(random, 0.2, (long) Gen.between(random, -4, 4)),
        Gen.orNull(random, 0.2, (long) Gen.between(random, -20, 20))));
    boolean ascending = random.nextBoolean();
    boolean nullsFirst = random.nextBoolean();
    long start = bound(random);
    long end = bound(random);
    if (start == WindowFrame.UNBOUNDED_FOLLOWING) {
      start = WindowFrame.UNBOUNDED_PRECEDING;
    }
    if (end == WindowFrame.UNBOUNDED_PRECEDING) {
      end = WindowFrame.UNBOUNDED_FOLLOWING;
    }
    WindowFrame frame = new WindowFrame(random.nextBoolean(), start, end);
    String fn = Gen.oneOf(random, FUNCTIONS);
    SortKey order = new SortKey(col(SCHEMA, "o"), ascending, nullsFirst);
    WindowSpec spec = new WindowSpec(SCHEMA, List.of(col(SCHEMA, "p")), List.of(order),
        List.of(new WindowFunction.Aggregate(AggregateFunctions.build(fn, List.of(col(SCHEMA, "v")), false), frame)),
        List.of("r"));
    List<Row> actual = OperatorHarness.of(spec).withBatchSize(Gen.between(random, 1, 16))
        .run(OperatorHarness.batches(SCHEMA, rows, Gen.between(random, 1, 20)));
    assertEquals(reference(rows, ascending, nullsFirst, frame, fn), actual, frame.sql() + " " + fn);
  }

  private static int compareKey(Long a, Long b, boolean ascending, boolean nullsFirst) {
    if (a == null || b == null) {
      return a == b ? 0 : (a == null) == nullsFirst ? -1 : 1;
    }
    return ascending ? Long.compare(a, b) : Long.compare(b, a);
  }

  private static List<Row> reference(List<Row> rows, boolean ascending, boolean nullsFirst, WindowFrame frame,
      String fn) {
    List<Row> sorted = new ArrayList<>(rows);
    Comparator<Row> byPartition = Comparator.comparing(r -> (Integer) r.get(0),
        Comparator.nullsFirst(Comparator.naturalOrder()));
    sorted.sort(byPartition.thenComparing((x, y) -> compareKey((Long) x.get(1), (Long) y.get(1), ascending,
        nullsFirst)));
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      List<Long> values = new ArrayList<>();
      for (int j = 0; j < sorted.size(); j++) {
        if (java.util.Objects.equals(sorted.get(i).get(0), sorted.get(j).get(0))
            && inFrame(sorted, i, j, frame, ascending, nullsFirst) && sorted.get(j).get(2) != null) {
          values.add((Long) sorted.get(j).get(2));
        }
      }
      Object result = switch (fn) {
        case "count" -> (long) values.size();
        case "sum" -> values.isEmpty() ? null : values.stream().mapToLong(Long::longValue).sum();
        case "min" -> values.stream().min(Long::compare).orElse(null);
        default -> values.stream().max(Long::compare).orElse(null);
      };
      Row r = sorted.get(i);
      out.add(Row.of(r.get(0), r.get(1), r.get(2), result));
    }
    return out;
  }

  /** Whether row {@code j} is in row {@code i}'s frame (both of one partition, in sorted order). */
  private static boolean inFrame(List<Row> sorted, int i, int j, WindowFrame frame, boolean ascending,
      boolean nullsFirst) {
    Long ki = (Long) sorted.get(i).get(1);
    Long kj = (Long) sorted.get(j).get(1);
    int cmp = compareKey(kj, ki, ascending, nullsFirst);
    return side(frame.start(), frame.rows(), j - i, cmp, ki, kj, ascending, nullsFirst, true)
        && side(frame.end(), frame.rows(), j - i, cmp, ki, kj, ascending, nullsFirst, false);
  }

  /** Whether row j is on the inner side of one bound ({@code lower}: at or after it; else at or before it). */
  private static boolean side(long bound, boolean rows, int distance, int cmp, Long ki, Long kj, boolean ascending,
      boolean nullsFirst, boolean lower) {
    if (bound == WindowFrame.UNBOUNDED_PRECEDING || bound == WindowFrame.UNBOUNDED_FOLLOWING) {
      return true;
    }
    if (rows) {
      return lower ? distance >= bound : distance <= bound;
    }
    if (bound == WindowFrame.CURRENT_ROW || ki == null) {
      return lower ? cmp >= 0 : cmp <= 0;
    }
    if (kj == null) {
      return lower != nullsFirst;
    }
    long d = ascending ? kj - ki : ki - kj;
    return lower ? d >= bound : d <= bound;
  }
}
