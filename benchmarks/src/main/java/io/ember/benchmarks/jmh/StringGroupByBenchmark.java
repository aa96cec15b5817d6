package io.ember.benchmarks.jmh;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.aggregate.AggregateFunctions;
import io.ember.operators.aggregate.HashAggregateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The string-keyed hash aggregate of word count (B3): {@code SELECT word, count(*) GROUP BY word} as a
 * one-phase aggregate over in-memory batches of words, one thread, no actors. Words are drawn with Zipf's law
 * (exponent 1) from {@code groups} distinct words of 2–12 ASCII letters, as B3's text is. Scores are input
 * rows per second on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Xms2g"})
public class StringGroupByBenchmark {
  /** Input rows per invocation. */
  public static final int ROWS = 1 << 21;
  static final int BATCH_SIZE = 4096;

  static final StructType INPUT = StructType.of(new StructField("word", DataTypes.STRING, false));

  @Param({"20", "50000"})
  public int groups;

  private List<Batch> batches;
  private HashAggregateSpec aggregate;

  @Setup
  public void setUp() {
    batches = batches(ROWS, groups, 42L);
    Expression word = new ColumnRef(0, "word", DataTypes.STRING, false);
    aggregate = HashAggregateSpec.complete(INPUT, List.of(word), List.of("word"),
        List.of(AggregateFunctions.countStar()), List.of("count"));
  }

  /** Groups every batch and emits the counts. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void groupByWord(Blackhole bh) {
    OperatorRun.run(aggregate.create(), BATCH_SIZE, bh, List.of(batches));
  }

  /** Seeded batches of Zipf-distributed words over {@code groups} distinct words. */
  static List<Batch> batches(int rows, int groups, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] words = new String[groups];
    for (int w = 0; w < groups; w++) {
      StringBuilder sb = new StringBuilder();
      int len = 2 + random.nextInt(11);
      for (int k = 0; k < len; k++) {
        sb.append((char) ('a' + random.nextInt(26)));
      }
      words[w] = sb.append(w).toString();
    }
    double[] cumulative = new double[groups];
    double total = 0;
    for (int w = 0; w < groups; w++) {
      total += 1.0 / (w + 1);
      cumulative[w] = total;
    }
    List<Batch> out = new ArrayList<>();
    for (int from = 0; from < rows; from += BATCH_SIZE) {
      int n = Math.min(BATCH_SIZE, rows - from);
      VectorBuilder b = VectorBuilder.forType(DataTypes.STRING, n);
      for (int i = 0; i < n; i++) {
        double u = random.nextDouble() * total;
        int lo = 0;
        int hi = groups - 1;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (cumulative[mid] < u) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        b.append(words[lo]);
      }
      out.add(new Batch(INPUT, new ColumnVector[] {b.build()}, n));
    }
    return out;
  }
}
