package io.ember.benchmarks.jmh;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.LongVector;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.EvalContext;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.memory.MemoryBudget;
import io.ember.operators.sort.SortKey;
import io.ember.operators.sort.SortSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A full sort of {@code rows} rows ({@code key bigint} uniform, {@code id bigint}, {@code price double}, in batches of
 * {@link #BATCH} rows) through the sort operator as one task runs it, with a memory budget that holds it all
 * ({@code budget} = 0, unlimited) or a fraction of it, so that it spills sorted runs to the default spill directory
 * and merges them. Scores are seconds per sort; the ratio of a spilling to the unlimited run is the cost of spilling.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Xms4g"})
public class SortSpillBenchmark {
  static final int BATCH = 8192;
  static final StructType INPUT = StructType.of(new StructField("key", DataTypes.LONG, false),
      new StructField("id", DataTypes.LONG, false), new StructField("price", DataTypes.DOUBLE, false));

  @Param({"10000000"})
  public int rows;

  /** Bytes of the task's memory budget; 0 for unlimited (no spill). The input estimates at about 240 MB. */
  @Param({"0", "134217728", "33554432"})
  public long budget;

  private List<Batch> batches;
  private SortSpec spec;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    batches = new ArrayList<>();
    for (int from = 0; from < rows; from += BATCH) {
      int n = Math.min(BATCH, rows - from);
      long[] keys = new long[n];
      long[] ids = new long[n];
      double[] prices = new double[n];
      for (int i = 0; i < n; i++) {
        keys[i] = random.nextLong(1_000_000_000L);
        ids[i] = from + i;
        prices[i] = random.nextDouble() * 1000;
      }
      batches.add(new Batch(INPUT, new ColumnVector[] {new LongVector(DataTypes.LONG, keys, null, n),
          new LongVector(DataTypes.LONG, ids, null, n), new DoubleVector(prices, null, n)}, n));
    }
    spec = new SortSpec(INPUT, List.of(SortKey.asc(new ColumnRef(0, "key", DataTypes.LONG, false))));
  }

  /** Sorts every batch and emits the sorted rows. */
  @Benchmark
  public void sort(Blackhole bh) {
    MemoryBudget memory = budget == 0 ? MemoryBudget.unlimited() : new MemoryBudget(budget);
    Operator sort = spec.create();
    sort.open(new OperatorContext(0, 1, EvalContext.defaults(), memory, BATCH));
    for (Batch b : batches) {
      sort.process(0, b, bh::consume);
    }
    sort.endOfInput(0, bh::consume);
    sort.close();
    bh.consume(memory.spilledBytes());
  }
}
