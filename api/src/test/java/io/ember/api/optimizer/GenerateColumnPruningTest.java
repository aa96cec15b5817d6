package io.ember.api.optimizer;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.max;
import static io.ember.api.functions.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.analysis.Attr;
import io.ember.api.analysis.ResolvedPlan;
import io.ember.core.data.Row;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Generate drops the child columns neither it nor its parents read (a Project under it), so a sliding window's
 * expansion does not copy a wide column per window: the optimized plan's Generate reads only the grouping and
 * aggregated columns, and the answers equal a plain-Java count and maximum per key and window over random rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GenerateColumnPruningTest {
  private static final long MINUTE_MICROS = 60_000_000L;
  private Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName("generate-pruning").getOrCreate();
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  static Stream<Long> seeds() {
    return Seeds.of("GenerateColumnPruningTest", 6);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void slidingWindowAggregateCarriesOnlyWhatItReads(long seed) {
    Seeds.check(seed, random -> {
      StructType schema = DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER),
          DataTypes.field("wide", DataTypes.STRING), DataTypes.field("t", DataTypes.TIMESTAMP),
          DataTypes.field("v", DataTypes.LONG));
      int n = Gen.between(random, 1, 300);
      List<Row> rows = new ArrayList<>();
      // key, window start (µs) -> {count, max v}
      Map<List<Long>, long[]> expected = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0))
          ? Long.compare(a.get(1), b.get(1)) : Long.compare(a.get(0), b.get(0)));
      for (int i = 0; i < n; i++) {
        int k = random.nextInt(4);
        long t = random.nextInt(60) * MINUTE_MICROS + random.nextInt(60_000_000);
        long v = random.nextInt(1000) - 500;
        rows.add(Row.of(k, "x".repeat(random.nextInt(50)), Instant.EPOCH.plusNanos(t * 1000), v));
        long lastStart = t - t % (5 * MINUTE_MICROS);
        for (long start = lastStart; start > t - 10 * MINUTE_MICROS; start -= 5 * MINUTE_MICROS) {
          long[] agg = expected.computeIfAbsent(List.of((long) k, start), x -> new long[] {0, Long.MIN_VALUE});
          agg[0]++;
          agg[1] = Math.max(agg[1], v);
        }
      }
      // a union keeps every column of its inputs (no scan below it to prune): the Project under the Generate does
      int half = rows.size() / 2;
      DataFrame input = session.createDataFrame(rows.subList(0, half), schema)
          .union(session.createDataFrame(rows.subList(half, rows.size()), schema));
      DataFrame counts = input
          .groupBy(col("k"), window(col("t"), "10 minutes", "5 minutes").alias("w"))
          .agg(count("*").alias("c"), max("v").alias("m"));

      ResolvedPlan.Generate generate = findGenerate(counts.queryExecution().optimized());
      assertNotNull(generate, "the plan expands the sliding window");
      assertEquals(List.of("k", "t", "v"), generate.child().output().stream().map(Attr::name).toList(),
          "the expansion's input");

      List<List<Long>> actual = new ArrayList<>();
      for (Row r : counts.select(col("k"), col("w.start"), col("c"), col("m")).orderBy("k", "start").collectAsList()) {
        long start = (((Instant) r.get(1)).getEpochSecond() * 1_000_000L) + ((Instant) r.get(1)).getNano() / 1000;
        actual.add(List.of(((Number) r.get(0)).longValue(), start, (Long) r.get(2), (Long) r.get(3)));
      }
      List<List<Long>> want = new ArrayList<>();
      expected.forEach((key, agg) -> want.add(List.of(key.get(0), key.get(1), agg[0], agg[1])));
      assertEquals(want, actual);
    });
  }

  private static ResolvedPlan.Generate findGenerate(ResolvedPlan plan) {
    if (plan instanceof ResolvedPlan.Generate g) {
      return g;
    }
    for (ResolvedPlan c : plan.children()) {
      ResolvedPlan.Generate g = findGenerate(c);
      if (g != null) {
        return g;
      }
    }
    return null;
  }
}
