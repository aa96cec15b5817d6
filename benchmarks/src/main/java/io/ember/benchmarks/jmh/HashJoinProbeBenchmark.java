package io.ember.benchmarks.jmh;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.join.BuildSide;
import io.ember.operators.join.HashJoinSpec;
import io.ember.operators.join.JoinType;
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
 * B4's join on one task: {@code events JOIN items ON events.item_id = items.item_id}, the items table (bigint
 * key, int department) the build side, {@link #ROWS} event rows (bigint item_id uniform over the items, every
 * row matching once) probing it in batches of 8192, through the hash join operator alone (no actors, no
 * exchange). Scores are probe rows per second on one core; the build is part of each invocation (about 2-5% of
 * it at 100k items).
 *
 * <p>Sweeps the build size: the index from cache-resident (1k items) to B4's 100k and past the caches (1M).
 * The key column is a bigint on both sides, the case the single-long-key index serves; compare operator builds
 * by running this benchmark against each.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Xms2g"})
public class HashJoinProbeBenchmark {
  /** Probe rows per invocation. */
  public static final int ROWS = 1 << 21;
  private static final int BATCH = 8192;

  static final StructType ITEMS = StructType.of(new StructField("item_id", DataTypes.LONG, false),
      new StructField("department", DataTypes.INTEGER, false));
  static final StructType EVENTS = StructType.of(new StructField("item_id", DataTypes.LONG, false),
      new StructField("price", DataTypes.DOUBLE, false));

  @Param({"1000", "100000", "1000000"})
  public int items;

  private List<Batch> build;
  private List<Batch> probe;
  private HashJoinSpec spec;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42L);
    build = new ArrayList<>();
    for (int from = 0; from < items; from += BATCH) {
      int n = Math.min(BATCH, items - from);
      VectorBuilder.Longs ids = (VectorBuilder.Longs) VectorBuilder.forType(DataTypes.LONG, n);
      VectorBuilder.Ints departments = (VectorBuilder.Ints) VectorBuilder.forType(DataTypes.INTEGER, n);
      for (int i = 0; i < n; i++) {
        ids.appendLong(1 + from + i);
        departments.appendInt(random.nextInt(50));
      }
      build.add(new Batch(ITEMS, new ColumnVector[] {ids.build(), departments.build()}, n));
    }
    probe = new ArrayList<>();
    for (int from = 0; from < ROWS; from += BATCH) {
      int n = Math.min(BATCH, ROWS - from);
      VectorBuilder.Longs ids = (VectorBuilder.Longs) VectorBuilder.forType(DataTypes.LONG, n);
      VectorBuilder.Doubles prices = (VectorBuilder.Doubles) VectorBuilder.forType(DataTypes.DOUBLE, n);
      for (int i = 0; i < n; i++) {
        ids.appendLong(1 + random.nextInt(items));
        prices.appendDouble(random.nextInt(100_000) / 100.0);
      }
      probe.add(new Batch(EVENTS, new ColumnVector[] {ids.build(), prices.build()}, n));
    }
    List<Expression> itemKey = List.of(new ColumnRef(0, "item_id", DataTypes.LONG, false));
    spec = new HashJoinSpec(JoinType.INNER, ITEMS, EVENTS, itemKey, itemKey, null, BuildSide.LEFT);
  }

  /** Builds the items table and probes it with every event batch. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void buildAndProbe(Blackhole bh) {
    OperatorRun.run(spec.create(), BATCH, bh, List.of(build, probe));
  }
}
