package io.ember.api.execution;

import static io.ember.api.execution.Plans.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.api.conf.SessionConf;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.Op;
import io.ember.core.data.Row;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.runtime.LocalRuntime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Group-by aggregates, joins and distinct give the same rows whatever the parallelism and the batch size,
 * and the rows a plain in-memory computation gives.
 */
class ParallelismInvariancePropertyTest {
  private static final int[] PARALLELISM = {1, 2, 4};
  private static final int[] BATCH_SIZES = {1, 7, 1000};
  private static final StructType KV = schema("k", DataTypes.INTEGER, "v", DataTypes.LONG);
  private static final Map<Integer, LocalRuntime> RUNTIMES = new HashMap<>();
  private static final int MAX_ROWS = 40;
  private static final double NULL_CHANCE = 0.1;
  private static final int CASES = 6;

  @BeforeAll
  static void start() {
    for (int p : PARALLELISM) {
      RUNTIMES.put(p, LocalRuntime.start(p));
    }
  }

  @AfterAll
  static void stop() {
    RUNTIMES.values().forEach(LocalRuntime::close);
  }

  static Stream<Long> groupBySeeds() {
    return Seeds.of("ParallelismInvariancePropertyTest.groupBy", CASES);
  }

  static Stream<Long> joinSeeds() {
    return Seeds.of("ParallelismInvariancePropertyTest.join", CASES);
  }

  static Stream<Long> distinctSeeds() {
    return Seeds.of("ParallelismInvariancePropertyTest.distinct", CASES);
  }

  /** Up to {@link #MAX_ROWS} rows (k INT in [0, 6], v BIGINT in [-50, 50]), each value null one time in ten. */
  private static List<Row> rows(Random random) {
    return Gen.listOf(random, MAX_ROWS, () -> Row.of(
        Gen.orNull(random, NULL_CHANCE, Gen.between(random, 0, 6)),
        Gen.orNull(random, NULL_CHANCE, (long) Gen.between(random, -50, 50))));
  }

  /** The rows of {@code query(batchRows)} under every parallelism and batch size, each run checked against {@code expected}. */
  private static void assertEverywhere(List<Row> expected, java.util.function.IntFunction<LogicalPlan> query) {
    for (int p : PARALLELISM) {
      for (int b : BATCH_SIZES) {
        SessionConf conf = new SessionConf();
        conf.set(SessionConf.BATCH_SIZE.key(), Integer.toString(b));
        List<Row> got = new QueryExecution(conf, RUNTIMES.get(p), query.apply(b)).collectRows();
        assertEquals(sorted(expected), sorted(got), "parallelism " + p + ", batch size " + b);
      }
    }
  }

  private static List<Row> sorted(List<Row> rows) {
    List<Row> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(Row::toString));
    return out;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("groupBySeeds")
  void groupByAggregatesDoNotDependOnParallelismOrBatchSize(long seed) {
    Seeds.check(seed, random -> groupByAggregatesDoNotDependOnParallelismOrBatchSize(rows(random)));
  }

  private static void groupByAggregatesDoNotDependOnParallelismOrBatchSize(List<Row> data) {
    Map<Integer, long[]> groups = new HashMap<>();
    Map<Integer, Boolean> seen = new HashMap<>();
    for (Row r : data) {
      long[] g = groups.computeIfAbsent((Integer) r.get(0), x -> new long[] {0, 0, 0, Long.MAX_VALUE});
      seen.putIfAbsent((Integer) r.get(0), false);
      g[0]++;
      if (r.get(1) != null) {
        long v = (Long) r.get(1);
        seen.put((Integer) r.get(0), true);
        g[1]++;
        g[2] += v;
        g[3] = Math.min(g[3], v);
      }
    }
    List<Row> expected = new ArrayList<>();
    groups.forEach((key, g) -> expected.add(Row.of(key, g[0], g[1], seen.get(key) ? g[2] : null,
        seen.get(key) ? g[3] : null)));
    assertEverywhere(expected, b -> groupBy(local(KV, b, data), List.of(col("k")), call("count", star()),
        call("count", col("v")), call("sum", col("v")), call("min", col("v"))));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("joinSeeds")
  void joinsDoNotDependOnParallelismOrBatchSize(long seed) {
    Seeds.check(seed, random -> joinsDoNotDependOnParallelismOrBatchSize(rows(random), rows(random)));
  }

  private static void joinsDoNotDependOnParallelismOrBatchSize(List<Row> left, List<Row> right) {
    List<Row> inner = new ArrayList<>();
    List<Row> leftOuter = new ArrayList<>();
    for (Row l : left) {
      boolean matched = false;
      for (Row r : right) {
        if (l.get(0) != null && Objects.equals(l.get(0), r.get(0))) {
          inner.add(Row.of(l.get(0), l.get(1), r.get(1)));
          matched = true;
        }
      }
      leftOuter.addAll(matched ? List.of() : List.of(Row.of(l.get(0), l.get(1), null)));
    }
    leftOuter.addAll(inner);
    for (String how : List.of("inner", "left_outer")) {
      assertEverywhere(how.equals("inner") ? inner : leftOuter, b -> {
        LogicalPlan l = local(KV, b, left);
        LogicalPlan r = local(KV, b, right);
        return select(join(l, r, how, op(Op.EQUAL, col(l, "k"), col(r, "k"))), col(l, "k"), col(l, "v"),
            col(r, "v"));
      });
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("distinctSeeds")
  void distinctDoesNotDependOnParallelismOrBatchSize(long seed) {
    Seeds.check(seed, random -> distinctDoesNotDependOnParallelismOrBatchSize(rows(random)));
  }

  private static void distinctDoesNotDependOnParallelismOrBatchSize(List<Row> data) {
    List<Row> expected = new ArrayList<>(new LinkedHashSet<>(data));
    assertEverywhere(expected, b -> distinct(local(KV, b, data)));
    List<Row> keys = new ArrayList<>(new LinkedHashSet<>(data.stream().map(r -> Row.of(r.get(0))).toList()));
    assertEverywhere(keys, b -> select(distinct(local(KV, b, data), "k"), col("k")));
  }
}
