package io.ember.benchmarks.jmh;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.aggregate.AggregateFunction;
import io.ember.operators.aggregate.AggregateFunctions;
import io.ember.operators.aggregate.HashAggregateSpec;
import io.ember.operators.calc.CalcSpec;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Filter + project + hash aggregate over in-memory batches, through the operators as one task runs them
 * (no actors, no exchange, one thread): the CPU cost per input row of
 * <pre>
 *   SELECT user_id, count(*), sum(price * 1.08), avg(price * 1.08)
 *   FROM events WHERE price &gt; 100.0 GROUP BY user_id
 * </pre>
 * over {@link #ROWS} rows whose {@code user_id} is uniform over {@code groups} values. The filter keeps about
 * 90% of the rows. Scores are input rows per second on one core; the inverse is the cost per row.
 *
 * <p>Sweeps the group count (the hash table from cache-resident to far larger than the caches) and the batch
 * size (per-batch overhead against per-row work).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Xms2g"})
public class FilterProjectAggregateBenchmark {
  /** Input rows per invocation. */
  public static final int ROWS = 1 << 21;

  static final StructType INPUT = StructType.of(
      new StructField("user_id", DataTypes.LONG, false),
      new StructField("item_id", DataTypes.LONG, false),
      new StructField("price", DataTypes.DOUBLE, false));

  @Param({"10", "10000", "1000000"})
  public int groups;

  @Param({"1024", "8192"})
  public int batchSize;

  private List<Batch> batches;
  private CalcSpec calc;
  private HashAggregateSpec aggregate;

  @Setup
  public void setUp() {
    batches = batches(ROWS, batchSize, groups, 42L);
    calc = filterProject();
    aggregate = aggregate(calc.outputSchema());
  }

  /** Runs the whole query once over every batch and emits the groups. */
  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void filterProjectAggregate(Blackhole bh) {
    OperatorContext ctx = new OperatorContext(0, 1, EvalContext.defaults(),
        MemoryBudget.unlimited(), batchSize);
    Operator filter = calc.create();
    Operator agg = aggregate.create();
    filter.open(ctx);
    agg.open(ctx);
    for (Batch b : batches) {
      filter.process(0, b, out -> agg.process(0, out, bh::consume));
    }
    agg.endOfInput(0, bh::consume);
    filter.close();
    agg.close();
  }

  /** {@code WHERE price > 100.0}, projecting {@code user_id, price * 1.08 AS gross}. */
  static CalcSpec filterProject() {
    Expression userId = ref(INPUT, 0);
    Expression price = ref(INPUT, 2);
    Expression predicate = Expressions.greaterThan(price, new Literal(100.0, DataTypes.DOUBLE));
    Expression gross = Expressions.multiply(price, new Literal(1.08, DataTypes.DOUBLE));
    return new CalcSpec(INPUT, predicate, List.of(userId, gross), List.of("user_id", "gross"));
  }

  /** {@code GROUP BY user_id: count(*), sum(gross), avg(gross)}, one phase. */
  static HashAggregateSpec aggregate(StructType input) {
    Expression gross = ref(input, 1);
    List<AggregateFunction> fns = List.of(AggregateFunctions.countStar(),
        AggregateFunctions.build("sum", List.of(gross), false), AggregateFunctions.build("avg", List.of(gross), false));
    return HashAggregateSpec.complete(input, List.of(ref(input, 0)), List.of("user_id"), fns,
        List.of("count", "sum_gross", "avg_gross"));
  }

  private static Expression ref(StructType schema, int i) {
    StructField f = schema.field(i);
    return new ColumnRef(i, f.name(), f.dataType(), f.nullable());
  }

  /** Seeded batches of {@link #INPUT}: user ids uniform over {@code groups}, prices uniform in [0, 1000). */
  static List<Batch> batches(int rows, int batchSize, int groups, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Batch> out = new ArrayList<>();
    for (int from = 0; from < rows; from += batchSize) {
      int n = Math.min(batchSize, rows - from);
      VectorBuilder.Longs users = (VectorBuilder.Longs) VectorBuilder.forType(DataTypes.LONG, n);
      VectorBuilder.Longs items = (VectorBuilder.Longs) VectorBuilder.forType(DataTypes.LONG, n);
      VectorBuilder.Doubles prices = (VectorBuilder.Doubles) VectorBuilder.forType(DataTypes.DOUBLE, n);
      for (int i = 0; i < n; i++) {
        users.appendLong(random.nextInt(groups));
        items.appendLong(1 + random.nextInt(100_000));
        prices.appendDouble(random.nextInt(100_000) / 100.0);
      }
      out.add(new Batch(INPUT, new ColumnVector[] {users.build(), items.build(), prices.build()}, n));
    }
    return out;
  }
}
