package io.ember.connectors.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.ReadAll;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceReader.Status;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.expr.EvalContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateSourceTest {
  private static final long START = 1_700_000_000_000L;

  /** Polls until nothing is available; returns the rows. */
  private static List<Row> pollDue(SourceReader r) {
    List<Row> rows = new ArrayList<>();
    for (int guard = 0; guard < 100_000; guard++) {
      List<Batch> out = new ArrayList<>();
      Status s = r.pollNext(out::add);
      out.forEach(b -> rows.addAll(b.toRows()));
      if (s == Status.NOTHING_AVAILABLE) {
        return rows;
      }
      assertEquals(Status.MORE_AVAILABLE, s, "an unbounded source never ends");
    }
    throw new AssertionError("the reader never ran dry");
  }

  private static List<Long> values(List<Row> rows) {
    return rows.stream().map(r -> r.getLong(1)).toList();
  }

  private static List<Long> millis(List<Row> rows) {
    return rows.stream().map(r -> r.getInstant(0).toEpochMilli()).toList();
  }

  @Test
  void emitsNothingBeforeTheFirstWholeSecondThenConsecutiveValuesSpreadOverEachSecond() {
    ManualClock clock = new ManualClock(START);
    RateSource source = RateSource.create(Map.of("rowsPerSecond", "4", "numPartitions", "1"), clock);
    assertFalse(source.isBounded());
    assertEquals(1, source.fixedParallelism());
    List<SourceSplit> splits = source.planSplits(8);
    assertEquals(1, splits.size());
    try (SourceReader r = source.createReader(splits, ReadAll.context(1024))) {
      clock.advance(999);
      assertEquals(Status.NOTHING_AVAILABLE, r.pollNext(b -> { throw new AssertionError("nothing is due"); }));
      clock.advance(1);
      List<Row> first = pollDue(r);
      assertEquals(List.of(0L, 1L, 2L, 3L), values(first));
      assertEquals(List.of(START, START + 250, START + 500, START + 750), millis(first));
      clock.advance(2500);
      List<Row> next = pollDue(r);
      assertEquals(List.of(4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), values(next));
      assertEquals(START + 1000, millis(next).get(0));
      assertEquals(START + 2750, millis(next).get(7));
      assertEquals("3", r.describeOffsets());
    }
  }

  @Test
  void partitionsEmitTheValuesOfTheirResidueAndTogetherEveryValueOnce() {
    ManualClock clock = new ManualClock(START);
    RateSource source = RateSource.create(Map.of("rowsPerSecond", "10", "numPartitions", "3"), clock);
    List<SourceSplit> splits = source.planSplits(1);
    assertEquals(3, splits.size());
    clock.advance(3000);
    List<Long> all = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      try (SourceReader r = source.createReader(List.of(splits.get(p)), new ReaderContext(p, 3, 4, EvalContext.defaults()))) {
        List<Long> mine = values(pollDue(r));
        for (long v : mine) {
          assertEquals(p, v % 3);
        }
        all.addAll(mine);
      }
    }
    assertEquals(30, all.size());
    assertEquals(java.util.stream.LongStream.range(0, 30).boxed().toList(), all.stream().sorted().toList());
  }

  @Test
  void rampUpGrowsTheSpeedAsSparkComputesIt() {
    // rowsPerSecond 10 over 4 s: 2, 4, 6, 8 values in seconds 0..3, then 10 per second
    assertEquals(List.of(0L, 2L, 6L, 12L, 20L, 30L, 40L),
        java.util.stream.LongStream.range(0, 7).map(s -> RateSource.valueAtSecond(s, 10, 4)).boxed().toList());
    ManualClock clock = new ManualClock(START);
    RateSource source = RateSource.create(Map.of("rowsPerSecond", "10", "rampUpTime", "4s", "numPartitions", "1"), clock);
    try (SourceReader r = source.createReader(source.planSplits(1), ReadAll.context(1024))) {
      clock.advance(1000);
      List<Row> second0 = pollDue(r);
      assertEquals(List.of(0L, 1L), values(second0));
      assertEquals(List.of(START, START + 500), millis(second0));
      clock.advance(1000);
      List<Row> second1 = pollDue(r);
      assertEquals(List.of(2L, 3L, 4L, 5L), values(second1));
      assertEquals(List.of(START + 1000, START + 1250, START + 1500, START + 1750), millis(second1));
      clock.advance(4000);
      assertEquals(40 - 6, pollDue(r).size());
    }
  }

  @Test
  void emitsAtMostTheBatchSizePerPoll() {
    ManualClock clock = new ManualClock(START);
    RateSource source = RateSource.create(Map.of("rowsPerSecond", "100"), clock);
    assertEquals(0, source.fixedParallelism());
    try (SourceReader r = source.createReader(source.planSplits(1), ReadAll.context(7))) {
      clock.advance(1000);
      List<Batch> out = new ArrayList<>();
      int polls = 0;
      while (r.pollNext(out::add) == Status.MORE_AVAILABLE) {
        polls++;
      }
      assertEquals(15, polls);
      assertTrue(out.stream().allMatch(b -> b.numRows() <= 7));
      assertEquals(100, out.stream().mapToInt(Batch::numRows).sum());
    }
  }

  @Test
  void restoredReaderContinuesAfterTheLastEmittedValueWithTheOriginalStart() {
    ManualClock clock = new ManualClock(START);
    RateSource source = RateSource.create(Map.of("rowsPerSecond", "5", "numPartitions", "2"), clock);
    List<SourceSplit> splits = source.planSplits(1);
    byte[] offsets;
    List<Long> before;
    try (SourceReader r = source.createReader(List.of(splits.get(1)), ReadAll.context(2))) {
      clock.advance(1000);
      List<Batch> out = new ArrayList<>();
      r.pollNext(out::add);
      before = values(out.get(0).toRows());
      offsets = r.snapshotOffsets(0);
    }
    assertEquals(List.of(1L, 3L), before);
    clock.advance(1000);
    List<SourceSplit> later = RateSource.create(Map.of("rowsPerSecond", "5", "numPartitions", "2"), clock).planSplits(1);
    try (SourceReader r = source.createReader(List.of(later.get(1)), ReadAll.context(100))) {
      r.restoreOffsets(offsets);
      List<Row> rows = pollDue(r);
      assertEquals(List.of(5L, 7L, 9L), values(rows));
      assertEquals(List.of(START + 1000, START + 1400, START + 1800), millis(rows),
          "timestamps keep the start recorded in the offset");
    }
  }

  @Test
  void aReplayedEpochEmitsTheValuesUpToItsEndOffsetsThoughMoreAreDue() {
    ManualClock clock = new ManualClock(START);
    RateSource source = RateSource.create(Map.of("rowsPerSecond", "5", "numPartitions", "2"), clock);
    List<SourceSplit> splits = source.planSplits(1);
    byte[] from;
    byte[] to;
    List<Long> epoch = new ArrayList<>();
    try (SourceReader r = source.createReader(splits, ReadAll.context(2))) {
      clock.advance(1000);
      r.pollNext(b -> { });
      from = r.snapshotOffsets(0);
      for (int p = 0; p < 2; p++) {
        r.pollNext(b -> epoch.addAll(values(b.toRows())));
      }
      to = r.snapshotOffsets(1);
    }
    assertEquals(List.of(1L, 3L, 4L), epoch);
    clock.advance(5000);
    try (SourceReader r = source.createReader(splits, ReadAll.context(2))) {
      r.restoreOffsets(from);
      assertTrue(r.replayUntil(to));
      List<Long> replayed = new ArrayList<>();
      Status s;
      while ((s = r.pollNext(b -> replayed.addAll(values(b.toRows())))) == Status.MORE_AVAILABLE) {
        assertTrue(replayed.size() < 100, "the replay ends");
      }
      assertEquals(Status.WAITING_FOR_EPOCH, s, "held until the epoch is cut");
      assertEquals(epoch, replayed.stream().sorted().toList());
      assertArrayEquals(to, r.snapshotOffsets(1));
      List<Long> rest = values(pollDue(r)).stream().sorted().toList();
      assertEquals(java.util.stream.LongStream.range(5, 30).boxed().toList(), rest, "then every value due after them");
    }
  }

  @Test
  void rejectsBadOptionsWithSparksMessages() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> RateSource.create(Map.of("rowsPerSecond", "0")));
    assertTrue(e.getMessage().contains("Invalid value '0'. The option 'rowsPerSecond' must be positive"), e.getMessage());
    e = assertThrows(EmberIllegalArgumentException.class, () -> RateSource.create(Map.of("rampUpTime", "-3")));
    assertTrue(e.getMessage().contains("The option 'rampUpTime' must not be negative"), e.getMessage());
    e = assertThrows(EmberIllegalArgumentException.class, () -> RateSource.create(Map.of("NUMPARTITIONS", "0")));
    assertTrue(e.getMessage().contains("Invalid value '0'. The option 'numPartitions' must be positive"), e.getMessage());
    e = assertThrows(EmberIllegalArgumentException.class, () -> RateSource.create(Map.of("rowsPerSecond", "fast")));
    assertTrue(e.getMessage().contains("rowsPerSecond"), e.getMessage());
    assertEquals(60, RateSource.create(Map.of("rampUpTime", "1m")).rampUpSeconds());
    assertTrue(RateSource.create(Map.of()).explain().startsWith("RateStream(rowsPerSecond=1, rampUpTimeSeconds=0"));
  }
}
