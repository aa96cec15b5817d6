package io.ember.connectors.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.ReadAll;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceReader.Status;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MemoryStreamSourceTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("x", DataTypes.INTEGER));

  private static List<Row> rows(int... values) {
    return IntStream.of(values).mapToObj(Row::of).toList();
  }

  /** Polls until nothing is available (or the end); returns the values. */
  private static List<Integer> pollAll(SourceReader r, List<Integer> sizes) {
    List<Integer> out = new ArrayList<>();
    while (true) {
      List<Batch> got = new ArrayList<>();
      Status s = r.pollNext(got::add);
      for (Batch b : got) {
        sizes.add(b.numRows());
        b.toRows().forEach(row -> out.add(row.getInt(0)));
      }
      if (s != Status.MORE_AVAILABLE) {
        return out;
      }
    }
  }

  @Test
  void emitsAddedBatchesInOrderCutToTheBatchSizeAndWaitsForMore() {
    MemoryStreamSource s = new MemoryStreamSource(SCHEMA);
    assertFalse(s.isBounded());
    assertEquals(1, s.fixedParallelism());
    assertEquals(-1, s.latestOffset());
    assertEquals(0, s.addData(rows(1, 2, 3)));
    assertEquals(1, s.addData(rows()));
    assertEquals(2, s.addData(rows(4, 5)));
    try (SourceReader r = s.createReader(s.planSplits(4), ReadAll.context(2))) {
      assertNull(r.describeOffsets());
      List<Integer> sizes = new ArrayList<>();
      assertEquals(List.of(1, 2, 3, 4, 5), pollAll(r, sizes));
      assertEquals(List.of(2, 1, 2), sizes);
      assertEquals("2", r.describeOffsets());
      assertEquals(Status.NOTHING_AVAILABLE, r.pollNext(b -> { throw new AssertionError(); }));
      assertEquals(3, s.addData(Batch.fromRows(SCHEMA, rows(6))));
      assertEquals(List.of(6), pollAll(r, new ArrayList<>()));
    }
  }

  @Test
  void restoreMidBatchContinuesWithoutLossOrDuplication() {
    MemoryStreamSource s = new MemoryStreamSource(SCHEMA);
    s.addData(rows(1, 2, 3, 4, 5));
    s.addData(rows(6, 7));
    List<Integer> seen = new ArrayList<>();
    byte[] offsets;
    try (SourceReader r = s.createReader(s.planSplits(1), ReadAll.context(2))) {
      r.pollNext(b -> b.toRows().forEach(row -> seen.add(row.getInt(0))));
      offsets = r.snapshotOffsets(0);
      r.pollNext(b -> { });  // emitted after the snapshot: replayed after the restore
    }
    try (SourceReader r = s.createReader(s.planSplits(1), ReadAll.context(2))) {
      r.restoreOffsets(offsets);
      seen.addAll(pollAll(r, new ArrayList<>()));
    }
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), seen);
  }

  @Test
  void availableNowReadsTheBatchesAddedBeforeAndEnds() {
    MemoryStreamSource s = new MemoryStreamSource(SCHEMA);
    s.addData(rows(1));
    s.addData(rows(2, 3));
    Source bounded = s.availableNow();
    s.addData(rows(4));
    assertTrue(bounded.isBounded());
    assertEquals(List.of(1, 2, 3), ReadAll.rows(bounded).stream().map(r -> r.getInt(0)).toList());
    assertThrows(IllegalStateException.class, () -> ((MemoryStreamSource) bounded).addData(rows(9)));
    assertTrue(bounded.explain().startsWith("MemoryStream[availableNow, 2 batches]"), bounded.explain());
  }

  @Test
  void rejectsBatchesOfAnotherShape() {
    MemoryStreamSource s = new MemoryStreamSource(SCHEMA);
    StructType two = DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER), DataTypes.field("b", DataTypes.INTEGER));
    assertThrows(EmberIllegalArgumentException.class, () -> s.addData(Batch.fromRows(two, List.of(Row.of(1, 2)))));
  }

  @Test
  void concurrentWritersAndAReaderSeeEveryRowOnceInOffsetOrder() throws Exception {
    MemoryStreamSource s = new MemoryStreamSource(SCHEMA);
    ConcurrentLinkedQueue<long[]> offsets = new ConcurrentLinkedQueue<>();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int base = w * 1000;
      Thread t = new Thread(() -> {
        for (int i = 0; i < 200; i++) {
          offsets.add(new long[] {s.addData(rows(base + i)), base + i});
        }
      });
      writers.add(t);
      t.start();
    }
    List<Integer> seen = new ArrayList<>();
    try (SourceReader r = s.createReader(s.planSplits(1), ReadAll.context(64))) {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (seen.size() < 800 && System.nanoTime() < deadline) {
        seen.addAll(pollAll(r, new ArrayList<>()));
      }
    }
    for (Thread t : writers) {
      t.join();
    }
    assertEquals(800, seen.size());
    Integer[] byOffset = new Integer[800];
    for (long[] o : offsets) {
      byOffset[(int) o[0]] = (int) o[1];
    }
    assertEquals(List.of(byOffset), seen);
  }

  @Test
  void aReplayedEpochEmitsExactlyTheRowsUpToItsEndOffsetsThenWaitsForTheCut() {
    MemoryStreamSource s = new MemoryStreamSource(SCHEMA);
    s.addData(rows(1, 2, 3));
    s.addData(rows(4, 5, 6, 7));
    byte[] start;
    byte[] end;
    try (SourceReader first = s.createReader(s.planSplits(1), ReadAll.context(2))) {
      List<Batch> got = new ArrayList<>();
      first.pollNext(got::add); // 1, 2
      start = first.snapshotOffsets(0);
      first.pollNext(got::add); // 3
      first.pollNext(got::add); // 4, 5
      end = first.snapshotOffsets(1);
    }
    s.addData(rows(8));
    try (SourceReader replay = s.createReader(s.planSplits(1), ReadAll.context(2))) {
      replay.restoreOffsets(start);
      assertTrue(replay.replayUntil(end));
      List<Integer> sizes = new ArrayList<>();
      assertEquals(List.of(3, 4, 5), pollAll(replay, sizes));
      assertEquals(Status.WAITING_FOR_EPOCH, replay.pollNext(b -> { }), "held until the epoch is cut");
      assertArrayEquals(end, replay.snapshotOffsets(1));
      assertEquals(List.of(6, 7, 8), pollAll(replay, sizes), "then reads on without a bound");
      assertThrows(RuntimeException.class, () -> replay.replayUntil(start), "behind its position");
    }
    try (SourceReader unassigned = s.createReader(List.of(), ReadAll.context(2))) {
      unassigned.replayUntil(unassigned.snapshotOffsets(0));
      assertEquals(Status.WAITING_FOR_EPOCH, unassigned.pollNext(b -> { }));
    }
  }
}
