package io.ember.benchmarks.nexmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.Session;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Comparison;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.In;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The source's batches: every column as {@link NexmarkStream#values} gives the event, only the columns it is told
 * to read, and only the events its filters pass, with offsets counting every event read.
 */
class NexmarkSourceTest {
  private static final long EVENTS = 20_000;
  private static final long SEED = 11;
  private static final long DELAY = 10;
  private static final NexmarkGenerator G = new NexmarkGenerator(SEED, DELAY);

  /** All rows of a source's readers (one reader per split, batches of {@code batchSize}). */
  private static List<Row> read(Source source, int batchSize) {
    List<Row> rows = new ArrayList<>();
    List<SourceSplit> splits = source.planSplits(2);
    for (int s = 0; s < splits.size(); s++) {
      SourceReader reader = source.createReader(List.of(splits.get(s)),
          new ReaderContext(s, splits.size(), batchSize, EvalContext.defaults()));
      List<Batch> batches = new ArrayList<>();
      while (reader.pollNext(batches::add) != SourceReader.Status.END_OF_INPUT) {
        // drain
      }
      for (Batch b : batches) {
        assertEquals(source.schema(), b.schema());
        assertTrue(b.numRows() > 0, "an empty batch was emitted");
        rows.addAll(b.toRows());
      }
    }
    return rows;
  }

  /** The events of the stream, partition by partition, as rows of the given columns (times in µs). */
  private static List<Row> expected(NexmarkStream stream, int partitions, int[] columns,
      java.util.function.Predicate<Object[]> keep) {
    List<Row> out = new ArrayList<>();
    StructType schema = stream.schema();
    for (int p = 0; p < partitions; p++) {
      for (long k = 0, n = stream.countIn(EVENTS, p, partitions); k < n; k++) {
        Object[] v = stream.values(G, stream.eventId(k, p, partitions));
        if (!keep.test(v)) {
          continue;
        }
        Object[] picked = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
          Object x = v[columns[i]];
          picked[i] = schema.field(columns[i]).dataType().equals(DataTypes.TIMESTAMP)
              ? java.time.Instant.ofEpochMilli((Long) x) : x;
        }
        out.add(Row.of(picked));
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(NexmarkStream.class)
  void everyColumnHoldsTheGeneratorsValues(NexmarkStream stream) {
    int[] all = new int[stream.columns().size()];
    Arrays.setAll(all, i -> i);
    Source source = new NexmarkSource(stream, EVENTS, 2, SEED, DELAY).availableNow();
    List<Row> want = expected(stream, 2, all, v -> true);
    assertEquals(want, read(source, 97));
    assertEquals(want, read(source, 700), "batches of several chunks of events");
  }

  @ParameterizedTest
  @EnumSource(NexmarkStream.class)
  void aProjectedSourceReadsOnlyItsColumnsInTheirOrder(NexmarkStream stream) {
    int width = stream.columns().size();
    int[] some = {width - 1, 0, width / 2}; // the last (a string), the first, one between
    NexmarkSource full = new NexmarkSource(stream, EVENTS, 2, SEED, DELAY);
    Source projected = full.withColumns(some).withColumns(new int[] {2, 0}).availableNow();
    int[] expectedColumns = {some[2], some[0]};
    assertEquals(stream.schema().select(expectedColumns), projected.schema());
    assertEquals(expected(stream, 2, expectedColumns, v -> true), read(projected, 128));
  }

  @Test
  void filtersOnColumnsTheOutputDropsPassOnlyTheirEvents() {
    NexmarkStream stream = NexmarkStream.AUCTION;
    StructType schema = stream.schema();
    // Read id and seller; filter on category (8) = 10 and seller (7) < a bound, pushed before and after pruning.
    NexmarkSource s = new NexmarkSource(stream, EVENTS, 2, SEED, DELAY)
        .withFilters(List.of(new Comparison(Comparison.Op.EQ, ref(schema, 8, 8), new Literal(10L, DataTypes.LONG))))
        .withColumns(new int[] {0, 7});
    long bound = 1100;
    Source source = s.withFilters(List.of(new Comparison(Comparison.Op.LT, ref(schema, 1, 7),
        new Literal(bound, DataTypes.LONG)))).availableNow();
    List<Row> want = expected(stream, 2, new int[] {0, 7},
        v -> (Long) v[8] == 10 && (Long) v[7] < bound);
    assertFalse(want.isEmpty());
    assertEquals(want, read(source, 64));
    assertEquals(want, read(source, 700), "batches of several chunks of events");
    assertTrue(source.explain().contains("filters=["), source.explain());
  }

  @Test
  void aBatchNoEventPassesIsSkippedButItsEventsCountAsRead() {
    NexmarkStream stream = NexmarkStream.PERSON;
    StructType schema = stream.schema();
    Expression state = new In(ref(schema, 5, 5), List.of(new Literal("OR", DataTypes.STRING)));
    Source source = new NexmarkSource(stream, EVENTS, 1, SEED, DELAY).withFilters(List.of(state))
        .withColumns(new int[] {0, 5}).availableNow();
    SourceReader reader = source.createReader(source.planSplits(1),
        new ReaderContext(0, 1, 1, EvalContext.defaults()));
    int emitted = 0;
    int polls = 0;
    List<Batch> out = new ArrayList<>();
    while (reader.pollNext(out::add) != SourceReader.Status.END_OF_INPUT) {
      polls++;
    }
    for (Batch b : out) {
      emitted += b.numRows();
      assertEquals("OR", b.column(1).get(0));
    }
    long persons = stream.countIn(EVENTS, 0, 1);
    assertEquals(persons, polls);
    assertEquals(Long.toString(persons), reader.describeOffsets());
    assertEquals(expected(stream, 1, new int[] {0, 5}, v -> "OR".equals(v[5])).size(), emitted);
    assertTrue(emitted > 0 && emitted < persons);
  }

  @Test
  void theQueriesPushTheirColumnsAndFiltersIntoTheSource() {
    try (Session spark = Session.builder().master("local[1]").appName("nexmark-pushdown").getOrCreate()) {
      String plan = new NexmarkDataFrames(spark, EVENTS, 1).query("q3").queryExecution().explain(false);
      assertTrue(plan.contains("Nexmark(auction") && plan.contains("Nexmark(person"), plan);
      assertFalse(plan.contains("description"), "q3 does not read an auction's description: " + plan);
      assertTrue(plan.contains("filters=["), plan);
    }
  }

  @Test
  void aDataFrameReadTwiceStaysOneSharedSubplanAfterPushdown() {
    try (Session spark = Session.builder().master("local[1]").appName("nexmark-reuse").getOrCreate()) {
      String plan = new NexmarkDataFrames(spark, EVENTS, 1).query("q5").queryExecution().explain(false);
      assertTrue(plan.contains("ReusedSubplan"), "q5's window counts feed both sides of its join once: " + plan);
    }
    NexmarkSource source = new NexmarkSource(NexmarkStream.BID, EVENTS, 2, 7, 10);
    assertEquals(source.withColumns(new int[] {0, 3}), source.withColumns(new int[] {0, 3}));
    assertNotEquals(source.withColumns(new int[] {0, 3}), source.withColumns(new int[] {0, 2}));
    assertNotEquals(source, new NexmarkSource(NexmarkStream.BID, EVENTS, 2, 8, 10));
  }

  @Test
  void stringAndLongValuesRejectColumnsOfTheOtherKind() {
    Record bid = NexmarkStream.BID.event(G, 10);
    assertEquals(G.bid(10).extra(), NexmarkStream.BID.stringValue(bid, 4));
    assertThrows(IllegalArgumentException.class, () -> NexmarkStream.BID.longValue(bid, 4));
    assertThrows(IllegalArgumentException.class, () -> NexmarkStream.BID.stringValue(bid, 0));
  }

  private static ColumnRef ref(StructType schema, int index, int field) {
    return new ColumnRef(index, schema.field(field).name(), schema.field(field).dataType(), false);
  }
}
