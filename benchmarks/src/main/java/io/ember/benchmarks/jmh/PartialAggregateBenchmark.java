package io.ember.benchmarks.jmh;

import io.ember.core.data.Batch;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.aggregate.AggregateFunction;
import io.ember.operators.aggregate.AggregateFunctions;
import io.ember.operators.aggregate.HashAggregateSpec;
import java.util.List;
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
 * B2's partial aggregate on one task: {@code GROUP BY user_id: count(*), sum(price), avg(price)} in PARTIAL
 * mode (the phase before the hash exchange) over {@link #ROWS} rows whose bigint {@code user_id} is uniform over
 * {@code groups} values, as the planner builds it (default flush and adaptive settings). Scores are input rows per
 * second on one core; the output (partial state rows) goes to a blackhole, so the exchange and final phase that
 * would receive it are not measured. Compare operator builds by running this benchmark against each.
 *
 * <p>Sweeps the group count: 100 groups (grouping reduces the rows 20,000 to 1) to 1M (it barely reduces them;
 * B2 has 500k groups over 10M rows).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Xms2g"})
public class PartialAggregateBenchmark {
  /** Input rows per invocation. */
  public static final int ROWS = 1 << 21;
  private static final int BATCH = 8192;

  @Param({"100", "500000", "1000000"})
  public int groups;

  private List<Batch> batches;
  private HashAggregateSpec partial;

  @Setup
  public void setUp() {
    batches = FilterProjectAggregateBenchmark.batches(ROWS, BATCH, groups, 42L);
    StructType input = FilterProjectAggregateBenchmark.INPUT;
    Expression price = ref(input, 2);
    List<AggregateFunction> fns = List.of(AggregateFunctions.countStar(),
        AggregateFunctions.build("sum", List.of(price), false), AggregateFunctions.build("avg", List.of(price), false));
    partial = HashAggregateSpec.partial(input, List.of(ref(input, 0)), List.of("user_id"), fns,
        List.of("count", "sum_price", "avg_price"));
  }

  /** Runs the partial phase over every batch and emits what it holds at the end. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void partialAggregate(Blackhole bh) {
    OperatorRun.run(partial.create(), BATCH, bh, List.of(batches));
  }

  private static Expression ref(StructType schema, int i) {
    StructField f = schema.field(i);
    return new ColumnRef(i, f.name(), f.dataType(), f.nullable());
  }
}
