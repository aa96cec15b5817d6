package io.ember.benchmarks.jmh;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.LongVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.join.BuildSide;
import io.ember.operators.join.HashJoinSpec;
import io.ember.operators.join.JoinType;
import io.ember.operators.memory.MemoryBudget;
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
 * An inner hash join of a build side of {@code buildRows} rows ({@code key bigint} uniform over the build rows,
 * {@code price double}) with a probe side of four times as many rows of the same key range, through the join operator
 * as one task runs it (the single-key {@code LongBuildIndex} path), with a memory budget that holds the build side
 * ({@code budget} = 0, unlimited) or a fraction of it, so that it becomes a grace hash join that partitions both sides
 * to the default spill directory. Scores are seconds per join; the ratio of a spilling to the unlimited run is the
 * cost of spilling.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-Xms4g"})
public class JoinSpillBenchmark {
  static final int BATCH = 8192;
  static final StructType BUILD = StructType.of(new StructField("key", DataTypes.LONG, false),
      new StructField("price", DataTypes.DOUBLE, false));
  static final StructType PROBE = StructType.of(new StructField("pkey", DataTypes.LONG, false),
      new StructField("id", DataTypes.LONG, false));

  @Param({"2000000"})
  public int buildRows;

  /** Bytes of the task's memory budget; 0 for unlimited (no spill). The build side and its index take about 80 MB. */
  @Param({"0", "33554432", "8388608"})
  public long budget;

  private List<Batch> build;
  private List<Batch> probe;
  private HashJoinSpec spec;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    build = new ArrayList<>();
    for (int from = 0; from < buildRows; from += BATCH) {
      int n = Math.min(BATCH, buildRows - from);
      long[] keys = new long[n];
      double[] prices = new double[n];
      for (int i = 0; i < n; i++) {
        keys[i] = random.nextLong(buildRows);
        prices[i] = random.nextDouble() * 1000;
      }
      build.add(new Batch(BUILD, new ColumnVector[] {new LongVector(DataTypes.LONG, keys, null, n),
          new DoubleVector(prices, null, n)}, n));
    }
    probe = new ArrayList<>();
    long probeRows = 4L * buildRows;
    for (long from = 0; from < probeRows; from += BATCH) {
      int n = (int) Math.min(BATCH, probeRows - from);
      long[] keys = new long[n];
      long[] ids = new long[n];
      for (int i = 0; i < n; i++) {
        keys[i] = random.nextLong(buildRows);
        ids[i] = from + i;
      }
      probe.add(new Batch(PROBE, new ColumnVector[] {new LongVector(DataTypes.LONG, keys, null, n),
          new LongVector(DataTypes.LONG, ids, null, n)}, n));
    }
    spec = HashJoinSpec.onColumns(JoinType.INNER, BUILD, PROBE, new int[] {0}, new int[] {0}, BuildSide.LEFT);
  }

  /** Builds, probes and emits every joined row. */
  @Benchmark
  public void join(Blackhole bh) {
    MemoryBudget memory = budget == 0 ? MemoryBudget.unlimited() : new MemoryBudget(budget);
    Operator join = spec.create();
    join.open(new OperatorContext(0, 1, EvalContext.defaults(), memory, BATCH));
    for (Batch b : build) {
      join.process(0, b, bh::consume);
    }
    join.endOfInput(0, bh::consume);
    for (Batch b : probe) {
      join.process(1, b, bh::consume);
    }
    join.endOfInput(1, bh::consume);
    join.close();
    bh.consume(memory.spilledBytes());
  }
}
