package io.ember.operators.stream.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.aggregate.AggregateFunction;
import io.ember.operators.aggregate.AggregateFunctions;
import io.ember.operators.aggregate.HashAggregateSpec;
import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.StateBackend;
import io.ember.operators.state.offheap.ChronicleStateBackend;
import io.ember.operators.stream.OutputMode;
import io.ember.operators.stream.RowKind;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An updating aggregation feeding another: the changelog a {@link StreamingAggregateSpec#changelog()} aggregate
 * emits, the {@link RetractingAggregateSpec} applying it (count, sum, avg; groups that lose their last row), the
 * refused cases, and both across snapshots and restores, against a plain-Java answer (Nexmark q4's shape: the
 * highest bid per auction, then per category the count, sum and average of those highest bids).
 */
class RetractingAggregateTest {
  /** Bids: auction, category, price. */
  private static final StructType BIDS = DataTypes.struct(DataTypes.field("auction", DataTypes.LONG),
      DataTypes.field("category", DataTypes.LONG), DataTypes.field("price", DataTypes.LONG));
  /** A changelog of highest bids: auction, category, final, row kind. */
  private static final StructType FINALS = RowKind.append(DataTypes.struct(DataTypes.field("auction", DataTypes.LONG),
      DataTypes.field("category", DataTypes.LONG), DataTypes.field("final", DataTypes.LONG)));

  static Stream<StateBackend> backends() {
    return Stream.of(HeapStateBackend.INSTANCE, ChronicleStateBackend.INSTANCE);
  }

  private static HashAggregateSpec maxPerAuction() {
    return HashAggregateSpec.partial(BIDS, List.of(ref(0, "auction"), ref(1, "category")),
        List.of("auction", "category"),
        List.of(AggregateFunctions.build("max", List.of(ref(2, "price")), false)), List.of("final"));
  }

  private static ColumnRef ref(int index, String name) {
    return new ColumnRef(index, name, DataTypes.LONG, true);
  }

  private static RetractingAggregateSpec perCategory(OutputMode mode) {
    ColumnRef fin = ref(2, "final");
    List<AggregateFunction> fns = List.of(AggregateFunctions.countStar(),
        AggregateFunctions.build("sum", List.of(fin), false), AggregateFunctions.build("avg", List.of(fin), false));
    return new RetractingAggregateSpec(FINALS, new int[] {1}, List.of("category"), fns, List.of("n", "total", "mean"),
        mode);
  }

  /** One epoch of bids through the partial phase into the changelog aggregate; the changelog rows it emits. */
  private static List<Batch> changelogEpoch(OperatorHarness partial, OperatorHarness changelog, List<Row> bids) {
    int before = partial.outputBatches().size();
    if (!bids.isEmpty()) {
      partial.feedRows(0, BIDS, bids, 3);
    }
    partial.endOfEpoch();
    List<Batch> out = partial.outputBatches();
    int emitted = changelog.outputBatches().size();
    changelog.feed(0, out.subList(before, out.size()));
    changelog.endOfEpoch();
    return List.copyOf(changelog.outputBatches().subList(emitted, changelog.outputBatches().size()));
  }

  private static List<Row> rows(List<Batch> batches) {
    List<Row> out = new ArrayList<>();
    batches.forEach(b -> out.addAll(b.toRows()));
    out.sort(Comparator.comparing(Row::toString));
    return out;
  }

  @Test
  void changelogRetractsTheRowEmittedBeforeAndSkipsUnchangedGroups() {
    HashAggregateSpec partial = maxPerAuction();
    OperatorHarness p = OperatorHarness.of(partial);
    OperatorHarness c = OperatorHarness.of(StreamingAggregateSpec.changelogFor(partial, OutputMode.UPDATE));
    assertEquals(rows(List.of(Batch.fromRows(FINALS, List.of(Row.of(1L, 10L, 5L, 1), Row.of(2L, 10L, 3L, 1))))),
        rows(changelogEpoch(p, c, List.of(Row.of(1L, 10L, 5L), Row.of(2L, 10L, 3L), Row.of(1L, 10L, 4L)))));
    assertEquals(rows(List.of(Batch.fromRows(FINALS, List.of(Row.of(2L, 10L, 3L, -1), Row.of(2L, 10L, 7L, 1))))),
        rows(changelogEpoch(p, c, List.of(Row.of(1L, 10L, 4L), Row.of(2L, 10L, 7L)))),
        "auction 1's highest bid did not change: nothing for it");
    assertEquals(List.of(), rows(changelogEpoch(p, c, List.of())));
    assertEquals(FINALS, StreamingAggregateSpec.changelogFor(partial, OutputMode.COMPLETE).outputSchema());
  }

  @ParameterizedTest
  @MethodSource("backends")
  void retractionsUpdateCountSumAndAverageAndRemoveEmptiedGroups(StateBackend backend) {
    OperatorHarness u = OperatorHarness.of(perCategory(OutputMode.UPDATE)).withStateBackend(backend);
    OperatorHarness all = OperatorHarness.of(perCategory(OutputMode.COMPLETE)).withStateBackend(backend)
        .withSnapshotRestoreBetweenBatches();
    Batch first = Batch.fromRows(FINALS, List.of(Row.of(1L, 10L, 5L, 1), Row.of(2L, 10L, 3L, 1),
        Row.of(3L, 20L, 8L, 1)));
    Batch second = Batch.fromRows(FINALS, List.of(Row.of(2L, 10L, 3L, -1), Row.of(2L, 10L, 7L, 1),
        Row.of(3L, 20L, 8L, -1)));
    u.feed(0, first).endOfEpoch();
    all.feed(0, first).endOfEpoch();
    assertEquals(List.of(Row.of(10L, 2L, 8L, 4.0), Row.of(20L, 1L, 8L, 8.0)), sortedByKey(u.drainRows()));
    assertEquals(List.of(Row.of(10L, 2L, 8L, 4.0), Row.of(20L, 1L, 8L, 8.0)), sortedByKey(all.drainRows()));
    u.feed(0, second).endOfEpoch();
    all.feed(0, second).endOfEpoch();
    assertEquals(List.of(Row.of(10L, 2L, 12L, 6.0)), sortedByKey(u.drainRows()),
        "category 20 lost its only row: removed, not emitted");
    assertEquals(List.of(Row.of(10L, 2L, 12L, 6.0)), sortedByKey(all.drainRows()));
    assertEquals(1, u.operator().stateMetrics().numRowsTotal());
    assertEquals(1, u.operator().stateMetrics().numRowsRemoved());
  }

  @Test
  void aGlobalAggregateKeepsItsRowWhenEveryRowIsTakenBack() {
    ColumnRef fin = ref(2, "final");
    RetractingAggregateSpec spec = new RetractingAggregateSpec(FINALS, new int[0], List.of(),
        List.of(AggregateFunctions.build("count", List.of(fin), false),
            AggregateFunctions.build("sum", List.of(fin), false)), List.of("n", "total"), OutputMode.UPDATE);
    OperatorHarness h = OperatorHarness.of(spec);
    h.feed(0, Batch.fromRows(FINALS, List.of(Row.of(1L, 10L, 5L, 1), Row.of(2L, 10L, null, 1)))).endOfEpoch();
    assertEquals(List.of(Row.of(1L, 5L)), h.drainRows());
    h.feed(0, Batch.fromRows(FINALS, List.of(Row.of(1L, 10L, 5L, -1)))).endOfEpoch();
    assertEquals(List.of(Row.of(0L, null)), h.drainRows(), "no non-null input left: count 0, sum null");
    h.endOfEpoch();
    assertEquals(List.of(Row.of(0L, null)), h.drainRows(), "emitted at every epoch");
  }

  @Test
  void functionsThatCannotTakeARowBackAreRefusedByName() {
    ColumnRef fin = ref(2, "final");
    AnalysisException e = assertThrows(AnalysisException.class, () -> new RetractingAggregateSpec(FINALS,
        new int[] {1}, List.of("category"), List.of(AggregateFunctions.build("max", List.of(fin), false)),
        List.of("m"), OutputMode.UPDATE));
    assertEquals("STREAMING_RETRACTION_UNSUPPORTED_FUNCTION", e.errorClass());
    assertTrue(e.getMessage().contains("max(final)"), e.getMessage());
    AnalysisException append = assertThrows(AnalysisException.class, () -> perCategory(OutputMode.APPEND));
    assertTrue(append.getMessage().contains("Append output mode not supported"), append.getMessage());
    assertThrows(EmberIllegalArgumentException.class, () -> new RetractingAggregateSpec(
        RowKind.append(BIDS).select(new int[] {0, 1, 2}), new int[] {1}, List.of("category"), List.of(), List.of(),
        OutputMode.UPDATE), "the input must be a changelog");
    assertThrows(AnalysisException.class, () -> new StreamingAggregateSpec(maxPerAuction(),
        OutputMode.APPEND, StreamingAggregateSpec.NO_EVENT_TIME_KEY, true), "no changelog in append mode");
  }

  static Stream<Object[]> cases() {
    List<Object[]> out = new ArrayList<>();
    for (long seed : Seeds.of("RetractingAggregateTest.q4", 6).toList()) {
      for (OutputMode mode : List.of(OutputMode.UPDATE, OutputMode.COMPLETE)) {
        out.add(new Object[] {seed, mode, out.size() % 2 == 0 ? HeapStateBackend.INSTANCE
            : ChronicleStateBackend.INSTANCE, out.size() % 3 == 0});
      }
    }
    return out.stream();
  }

  /**
   * Random bids over several epochs, higher ones arriving later: after each epoch the outer aggregate's rows are
   * those of a plain-Java computation over all bids so far (every category in complete mode; in update mode those
   * with an auction whose highest bid changed in the epoch).
   */
  @ParameterizedTest(name = "seed {0}, {1}, {2}, snapshots {3}")
  @MethodSource("cases")
  void highestBidsPerCategoryMatchAPlainJavaAnswer(long seed, OutputMode mode, StateBackend backend,
      boolean snapshots) {
    Seeds.check(seed, random -> {
      HashAggregateSpec partial = maxPerAuction();
      OperatorHarness p = OperatorHarness.of(partial);
      OperatorHarness c = OperatorHarness.of(StreamingAggregateSpec.changelogFor(partial, mode))
          .withStateBackend(backend).withBatchSize(4);
      OperatorHarness outer = OperatorHarness.of(perCategory(mode)).withStateBackend(backend).withBatchSize(3);
      if (snapshots) {
        c.withSnapshotRestoreBetweenBatches();
        outer.withSnapshotRestoreBetweenBatches();
      }
      Map<Long, Long> highest = new HashMap<>();
      for (int epoch = 0; epoch < 8; epoch++) {
        List<Row> bids = bids(random, epoch);
        Map<Long, Long> before = new HashMap<>(highest);
        for (Row b : bids) {
          highest.merge((Long) b.get(0), (Long) b.get(2), Math::max);
        }
        outer.feed(0, changelogEpoch(p, c, bids)).endOfEpoch();
        Map<Long, Row> expected = perCategory(highest);
        List<Row> want = new ArrayList<>();
        for (Map.Entry<Long, Row> e : expected.entrySet()) {
          boolean changed = highest.entrySet().stream().anyMatch(h -> h.getKey() % 4 == e.getKey()
              && !h.getValue().equals(before.get(h.getKey())));
          if (mode == OutputMode.COMPLETE || changed) {
            want.add(e.getValue());
          }
        }
        assertEquals(want, sortedByKey(outer.drainRows()), "epoch " + epoch);
      }
    });
  }

  /** 0 to 20 bids on auctions 0-11 (category = auction % 4), prices growing with the epoch so later ones win. */
  private static List<Row> bids(Random random, int epoch) {
    List<Row> out = new ArrayList<>();
    for (int i = random.nextInt(21); i > 0; i--) {
      long auction = random.nextInt(12);
      out.add(Row.of(auction, auction % 4, (long) random.nextInt(50) + 10L * epoch));
    }
    return out;
  }

  private static Map<Long, Row> perCategory(Map<Long, Long> highest) {
    Map<Long, long[]> sums = new TreeMap<>();
    highest.forEach((auction, price) -> {
      long[] s = sums.computeIfAbsent(auction % 4, k -> new long[2]);
      s[0]++;
      s[1] += price;
    });
    Map<Long, Row> out = new TreeMap<>();
    sums.forEach((category, s) -> out.put(category, Row.of(category, s[0], s[1], (double) s[1] / s[0])));
    return out;
  }

  private static List<Row> sortedByKey(List<Row> rows) {
    List<Row> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(r -> (Long) r.get(0)));
    return out;
  }
}
