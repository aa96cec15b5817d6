package io.ember.operators.stream.aggregate;

import static io.ember.operators.testkit.AggregateResults.normalize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Literal;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.aggregate.AggregateFunction;
import io.ember.operators.aggregate.AggregateFunctions;
import io.ember.operators.aggregate.HashAggregateSpec;
import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.StateBackend;
import io.ember.operators.state.offheap.ChronicleStateBackend;
import io.ember.operators.stream.OutputMode;
import io.ember.operators.testkit.OperatorHarness;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every aggregate function of the batch core works in a stream ({@code first} and {@code last} when one partition
 * keeps the rows in order): rows split into epochs and partitions, a
 * PARTIAL aggregate per partition emitting per epoch, a hash exchange on the keys, and streaming aggregates
 * (complete or update mode, heap or off-heap state, with or without snapshot and restore) give, after each
 * epoch, what a batch aggregate over every row so far gives: all groups in complete mode, the groups with rows
 * in the epoch in update mode.
 */
class StreamingAggregateFunctionsPropertyTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER),
      DataTypes.field("g", DataTypes.STRING), DataTypes.field("v", DataTypes.LONG),
      DataTypes.field("d", DataTypes.DOUBLE), DataTypes.field("s", DataTypes.STRING),
      DataTypes.field("p", DataTypes.decimal(7, 2)));

  private static Expression col(String name) {
    int i = SCHEMA.requireIndex(name);
    StructField f = SCHEMA.field(i);
    return new ColumnRef(i, f.name(), f.dataType(), f.nullable());
  }

  private static AggregateFunction fn(String name, String arg) {
    return AggregateFunctions.build(name, List.of(col(arg)), false);
  }

  private static List<AggregateFunction> functions() {
    return List.of(AggregateFunctions.countStar(), fn("count", "v"), fn("sum", "v"), fn("sum", "p"),
        fn("avg", "d"), fn("avg", "p"), fn("min", "s"), fn("max", "v"), fn("min", "p"),
        AggregateFunctions.build("count", List.of(col("v"), col("s")), true),
        AggregateFunctions.build("sum", List.of(col("v")), true), fn("collect_set", "s"), fn("collect_list", "v"),
        fn("approx_count_distinct", "s"), fn("var_pop", "d"), fn("stddev", "d"), fn("variance", "d"),
        fn("stddev_pop", "d"));
  }

  private static List<Row> rows(Random random) {
    return Gen.listOf(random, 80, () -> {
      Integer k = Gen.orNull(random, 0.15, Gen.between(random, 0, 4));
      String g = Gen.orNull(random, 0.1, Gen.oneOf(random, "a", "b", "c"));
      Long v = Gen.orNull(random, 0.2, (long) Gen.between(random, -50, 50));
      String s = Gen.orNull(random, 0.2, Gen.oneOf(random, "x", "y", "zz", ""));
      BigDecimal p = Gen.orNull(random, 0.2, BigDecimal.valueOf(Gen.between(random, -9999, 9999), 2));
      return Row.of(k, g, v, v == null ? null : v * 0.5, s, p);
    });
  }

  static Stream<Long> seeds() {
    return Seeds.of("StreamingAggregateFunctionsPropertyTest", 40);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void streamingEqualsBatchAfterEveryEpoch(long seed) {
    Seeds.check(seed, random -> check(rows(random), Gen.between(random, 1, 4), Gen.between(random, 1, 3),
        Gen.between(random, 1, 2), Gen.between(random, 0, 2), random.nextBoolean() ? OutputMode.COMPLETE
            : OutputMode.UPDATE, Gen.between(random, 0, 3) == 0, random.nextBoolean(),
        Gen.betweenWithEdges(random, 1, 20)));
  }

  private static void check(List<Row> rows, int epochs, int partitions, int tasks, int keyCount, OutputMode mode,
      boolean offHeap, boolean snapshotRestore, int batchSize) {
    List<String> keys = List.of("k", "g").subList(0, keyCount);
    List<Expression> keyExprs = new ArrayList<>();
    keys.forEach(k -> keyExprs.add(col(k)));
    List<AggregateFunction> fns = new ArrayList<>(functions());
    if (partitions == 1) {
      // order-dependent functions give the batch result when the rows keep their order: one partition
      fns.addAll(List.of(fn("first", "v"), fn("last", "s"), AggregateFunctions.build("first",
          List.of(col("s"), new Literal(true, DataTypes.BOOLEAN)), false)));
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < fns.size(); i++) {
      names.add("f" + i);
    }
    HashAggregateSpec complete = HashAggregateSpec.complete(SCHEMA, keyExprs, keys, fns, names);
    HashAggregateSpec partial = HashAggregateSpec.partial(SCHEMA, keyExprs, keys, fns, names);
    StreamingAggregateSpec stateful = StreamingAggregateSpec.finalFor(partial, mode);
    StateBackend backend = offHeap ? ChronicleStateBackend.INSTANCE : HeapStateBackend.INSTANCE;
    int finalTasks = keyCount == 0 ? 1 : tasks; // a global aggregate's final phase is one task

    List<OperatorHarness> partials = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      partials.add(OperatorHarness.of(partial).withBatchSize(batchSize));
    }
    List<OperatorHarness> finals = new ArrayList<>();
    for (int t = 0; t < finalTasks; t++) {
      OperatorHarness h = OperatorHarness.of(stateful).withBatchSize(batchSize).withStateBackend(backend);
      finals.add(snapshotRestore ? h.withSnapshotRestoreBetweenBatches() : h);
    }
    List<Row> soFar = new ArrayList<>();
    int from = 0;
    for (int e = 0; e < epochs; e++) {
      int to = e == epochs - 1 ? rows.size() : from + (rows.size() - from) / (epochs - e);
      List<Row> epochRows = rows.subList(from, to);
      from = to;
      soFar.addAll(epochRows);
      List<List<Row>> exchanged = new ArrayList<>();
      for (int t = 0; t < finalTasks; t++) {
        exchanged.add(new ArrayList<>());
      }
      for (int p = 0; p < partitions; p++) {
        List<Row> part = new ArrayList<>();
        for (int i = p; i < epochRows.size(); i += partitions) {
          part.add(epochRows.get(i));
        }
        OperatorHarness h = partials.get(p);
        if (!part.isEmpty()) {
          h.feedRows(0, SCHEMA, part, batchSize);
        }
        int before = h.outputBatches().size();
        h.endOfEpoch();
        List<Batch> out = h.outputBatches();
        for (Batch b : out.subList(before, out.size())) {
          for (Row r : b.toRows()) {
            exchanged.get(Math.floorMod(Objects.hash(Arrays.copyOf(r.toArray(), keyCount)), finalTasks)).add(r);
          }
        }
      }
      List<Row> emitted = new ArrayList<>();
      for (int t = 0; t < finalTasks; t++) {
        OperatorHarness h = finals.get(t);
        if (!exchanged.get(t).isEmpty()) {
          h.feedRows(0, partial.partialOutputSchema(), exchanged.get(t), batchSize);
        }
        h.endOfEpoch();
        emitted.addAll(h.drainRows());
      }
      List<Row> batch = OperatorHarness.of(complete).feedRows(0, SCHEMA, soFar, Math.max(1, soFar.size()))
          .endAllInputs().outputRows();
      List<Row> expected = mode == OutputMode.COMPLETE || keyCount == 0 ? batch : updated(batch, epochRows, keyCount);
      assertEquals(normalize(expected), normalize(emitted), mode + " after epoch " + e);
    }
  }

  /** The batch result's groups whose keys occur in {@code epochRows}. */
  private static List<Row> updated(List<Row> batch, List<Row> epochRows, int keyCount) {
    Set<List<Object>> touched = new HashSet<>();
    for (Row r : epochRows) {
      touched.add(Arrays.asList(Arrays.copyOf(r.toArray(), keyCount)));
    }
    List<Row> out = new ArrayList<>();
    for (Row r : batch) {
      if (touched.contains(Arrays.asList(Arrays.copyOf(r.toArray(), keyCount)))) {
        out.add(r);
      }
    }
    return out;
  }
}
