package io.ember.operators.aggregate;

import static io.ember.operators.aggregate.AggTestSupport.cols;
import static io.ember.operators.aggregate.AggTestSupport.fn;
import static io.ember.operators.aggregate.AggTestSupport.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.testkit.OperatorHarness;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashAggregateOperatorTest {
  private static final StructType SALES = DataTypes.struct(DataTypes.field("category", DataTypes.STRING),
      DataTypes.field("day", DataTypes.DATE), DataTypes.field("price", DataTypes.decimal(7, 2)),
      DataTypes.field("qty", DataTypes.INTEGER));

  private static List<Row> sales() {
    return Arrays.asList(
        Row.of("fruit", LocalDate.of(2024, 1, 1), new BigDecimal("1.50"), 3),
        Row.of("veg", LocalDate.of(2024, 1, 1), new BigDecimal("0.75"), null),
        Row.of(null, LocalDate.of(2024, 1, 2), new BigDecimal("9.99"), 1),
        Row.of("fruit", LocalDate.of(2024, 1, 2), null, 2),
        Row.of(null, null, new BigDecimal("0.01"), 5),
        Row.of("fruit", LocalDate.of(2024, 1, 1), new BigDecimal("2.00"), 1));
  }

  private static HashAggregateSpec byCategory(HashAggregateSpec.Mode mode) {
    List<AggregateFunction> fns = List.of(AggregateFunctions.countStar(), fn(SALES, "sum", "price"),
        fn(SALES, "max", "qty"));
    List<String> names = List.of("n", "revenue", "most");
    return mode == HashAggregateSpec.Mode.PARTIAL
        ? HashAggregateSpec.partial(SALES, cols(SALES, "category"), List.of("category"), fns, names)
        : HashAggregateSpec.complete(SALES, cols(SALES, "category"), List.of("category"), fns, names);
  }

  private static final List<Row> BY_CATEGORY = List.of(
      Row.of("fruit", 3L, new BigDecimal("3.50"), 3),
      Row.of("veg", 1L, new BigDecimal("0.75"), null),
      Row.of(null, 2L, new BigDecimal("10.00"), 5));

  @Test
  void groupsByStringKeyWithNullAsItsOwnGroupInFirstSeenOrder() {
    HashAggregateSpec spec = byCategory(HashAggregateSpec.Mode.COMPLETE);
    assertEquals(BY_CATEGORY, AggTestSupport.run(spec, sales(), 4));
    assertEquals("struct<category:string,n:bigint,revenue:decimal(17,2),most:int>", spec.outputSchema().simpleString());
    assertEquals(false, spec.outputSchema().field(1).nullable());
  }

  @Test
  void groupsByCompositeKeysOfSeveralTypes() {
    HashAggregateSpec spec = HashAggregateSpec.complete(SALES, cols(SALES, "category", "day"),
        List.of("category", "day"), List.of(fn(SALES, "sum", "qty")), List.of("q"));
    List<Row> expected = sorted(Arrays.asList(
        Row.of("fruit", LocalDate.of(2024, 1, 1), 4L),
        Row.of("veg", LocalDate.of(2024, 1, 1), null),
        Row.of(null, LocalDate.of(2024, 1, 2), 1L),
        Row.of("fruit", LocalDate.of(2024, 1, 2), 2L),
        Row.of(null, null, 5L)));
    assertEquals(expected, sorted(AggTestSupport.run(spec, sales(), 1)));
  }

  @Test
  void partialThenFinalEqualsComplete() {
    HashAggregateSpec partial = byCategory(HashAggregateSpec.Mode.PARTIAL);
    HashAggregateSpec fin = HashAggregateSpec.finalFor(partial);
    List<Batch> partialOut = new ArrayList<>();
    for (List<Row> part : List.of(sales().subList(0, 3), sales().subList(3, 6))) {
      partialOut.addAll(OperatorHarness.of(partial).feedRows(0, SALES, part, 2).endAllInputs().outputBatches());
    }
    List<Row> out = OperatorHarness.of(fin).feed(0, partialOut).endAllInputs().outputRows();
    assertEquals(sorted(BY_CATEGORY), sorted(out));
    assertEquals(partial.partialOutputSchema(), fin.inputSchema());
    assertEquals("struct<category:string,n.count:bigint,revenue.sum:decimal(17,2),revenue.isEmpty:boolean,most.max:int>",
        partial.outputSchema().simpleString());
    assertEquals(byCategory(HashAggregateSpec.Mode.COMPLETE).outputSchema(), fin.outputSchema());
    assertEquals(0, partial.keyColumns()[0]);
  }

  @Test
  void explainShowsSparkStyleKeysAndFunctions() {
    HashAggregateSpec partial = byCategory(HashAggregateSpec.Mode.PARTIAL);
    assertEquals("HashAggregate(keys=[category], functions=[partial_count(1), partial_sum(price), partial_max(qty)])",
        partial.explain());
    assertEquals("HashAggregate(keys=[category], functions=[count(1), sum(price), max(qty)])",
        HashAggregateSpec.finalFor(partial).explain());
    HashAggregateSpec distinct = HashAggregateSpec.complete(SALES, List.of(), List.of(),
        List.of(AggregateFunctions.build("count", cols(SALES, "category", "qty"), true)), List.of("c"));
    assertEquals("HashAggregate(keys=[], functions=[count(DISTINCT category, qty)])", distinct.explain());
  }

  @Test
  void globalAggregateEmitsOneRowOnEmptyInputInEveryMode() {
    List<AggregateFunction> fns = List.of(AggregateFunctions.countStar(), fn(SALES, "sum", "qty"));
    HashAggregateSpec partial = HashAggregateSpec.partial(SALES, List.of(), List.of(), fns, List.of("n", "s"));
    List<Batch> partialOut = OperatorHarness.of(partial).endAllInputs().outputBatches();
    assertEquals(List.of(Row.of(0L, null)), partialOut.get(0).toRows());
    List<Row> out = OperatorHarness.of(HashAggregateSpec.finalFor(partial)).feed(0, partialOut).endAllInputs().outputRows();
    assertEquals(List.of(Row.of(0L, null)), out);
    List<Row> noPartials = OperatorHarness.of(HashAggregateSpec.finalFor(partial)).endAllInputs().outputRows();
    assertEquals(List.of(Row.of(0L, null)), noPartials);
  }

  @Test
  void nullIntegerKeyIsNotConfusedWithZero() {
    StructType t = DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER), DataTypes.field("v", DataTypes.LONG));
    List<Row> rows = Arrays.asList(Row.of(0, 1L), Row.of(null, 2L), Row.of(0, 3L), Row.of(null, 4L), Row.of(-1, 5L));
    HashAggregateSpec spec = AggTestSupport.complete(t, List.of("k"), List.of(fn(t, "sum", "v")));
    assertEquals(List.of(Row.of(0, 4L), Row.of(null, 6L), Row.of(-1, 5L)), AggTestSupport.run(spec, rows, 2));
  }

  @Test
  void keyedAggregateOnEmptyInputEmitsNothing() {
    assertEquals(List.of(), AggTestSupport.run(byCategory(HashAggregateSpec.Mode.COMPLETE), List.of(), 3));
  }

  @Test
  void outputComesInBatchesOfAtMostTheBatchSize() {
    StructType t = DataTypes.struct(DataTypes.field("k", DataTypes.LONG));
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < 2500; i++) {
      rows.add(Row.of(i % 1000));
    }
    HashAggregateSpec spec = AggTestSupport.complete(t, List.of("k"), List.of(AggregateFunctions.countStar()));
    List<Batch> out = OperatorHarness.of(spec).withBatchSize(300).feedRows(0, t, rows, 700).endAllInputs()
        .outputBatches();
    assertEquals(4, out.size());
    int total = 0;
    for (Batch b : out) {
      assertTrue(b.numRows() <= 300);
      total += b.numRows();
      for (Row r : b.toRows()) {
        long k = r.getLong(0);
        assertEquals(k < 500 ? 3L : 2L, r.getLong(1));
      }
    }
    assertEquals(1000, total);
  }

  @Test
  void partialAggregateFlushesWhenItsTableReachesTheBound() {
    StructType t = DataTypes.struct(DataTypes.field("k", DataTypes.INTEGER));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(Row.of(i % 5));
    }
    HashAggregateSpec partial = HashAggregateSpec.partial(t, cols(t, "k"), List.of("k"),
        List.of(AggregateFunctions.countStar()), List.of("n")).withPartialFlushGroups(3);
    List<Batch> out = OperatorHarness.of(partial).feedRows(0, t, rows, 4).endAllInputs().outputBatches();
    List<Row> flushed = new ArrayList<>();
    out.forEach(b -> flushed.addAll(b.toRows()));
    assertTrue(flushed.size() > 5, "the partial aggregate flushed and started over: " + flushed);
    List<Row> merged = OperatorHarness.of(HashAggregateSpec.finalFor(partial)).feed(0, out).endAllInputs().outputRows();
    assertEquals(sorted(List.of(Row.of(0, 2L), Row.of(1, 2L), Row.of(2, 2L), Row.of(3, 2L), Row.of(4, 2L))),
        sorted(merged));
  }

  @Test
  void exceedingTheMemoryBudgetSpillsInsteadOfFailing() {
    StructType t = DataTypes.struct(DataTypes.field("s", DataTypes.STRING));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      rows.add(Row.of("key-number-" + i));
    }
    HashAggregateSpec spec = AggTestSupport.complete(t, List.of("s"), List.of(fn(t, "collect_list", "s")));
    OperatorHarness h = OperatorHarness.of(spec).withMemoryBudget(256 * 1024);
    List<Row> out = h.feedRows(0, t, rows, 1000).endAllInputs().outputRows();
    assertEquals(20_000, out.size());
    for (Row r : out) {
      assertEquals(List.of(r.get(0)), r.get(1));
    }
    assertTrue(h.context().memory().spillFiles() > 0);
    assertEquals(0, h.context().memory().used());
  }

  @Test
  void memoryIsReleasedAtEndOfInput() {
    HashAggregateSpec spec = byCategory(HashAggregateSpec.Mode.COMPLETE);
    OperatorHarness h = OperatorHarness.of(spec).withMemoryBudget(1 << 20).feedRows(0, SALES, sales(), 2);
    assertTrue(h.context().memory().used() > 0);
    h.endAllInputs();
    assertEquals(0, h.context().memory().used());
  }
}
