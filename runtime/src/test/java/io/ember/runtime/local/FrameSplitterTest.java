package io.ember.runtime.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.runtime.remote.PlanCodec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cutting batches by rows to fit a frame: the size estimate, the row ranges, and the row that cannot fit. */
class FrameSplitterTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("id", DataTypes.LONG),
      DataTypes.field("s", DataTypes.STRING), DataTypes.field("n", DataTypes.INTEGER),
      DataTypes.field("xs", DataTypes.array(DataTypes.STRING)), DataTypes.field("d", DataTypes.decimal(38, 4)));

  /** Rows with ids 0.. and strings of random length up to {@code maxChars}, some nulls. */
  private static Batch randomBatch(Random random, int rows, int maxChars) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      String s = random.nextInt(10) == 0 ? null : "x".repeat(random.nextInt(maxChars + 1));
      List<String> xs = List.of("a".repeat(random.nextInt(maxChars / 4 + 1)), "b");
      out.add(Row.of((long) i, s, random.nextInt(), xs, new BigDecimal(random.nextLong()).movePointLeft(4)));
    }
    return Batch.fromRows(SCHEMA, out);
  }

  @Test
  void theEstimateBoundsTheSerializedSizeFromAbove() {
    Seeds.of("frame-estimate", 20).forEach(seed -> Seeds.check(seed, random -> {
      Batch batch = randomBatch(random, 1 + random.nextInt(400), 300);
      long actual = PlanCodec.encode(batch).length;
      long estimate = FrameSplitter.estimateBytes(batch);
      assertTrue(estimate >= actual, "estimate " + estimate + " below the actual " + actual);
      assertTrue(estimate <= 2 * actual + 4096, "estimate " + estimate + " far above the actual " + actual);
      long perRow = FrameSplitter.fixedBytes(batch);
      for (long r : FrameSplitter.rowBytes(batch)) {
        perRow += r;
      }
      assertEquals(estimate, perRow, "the row estimates add up to the batch's");
    }));
  }

  @Test
  void aBatchThatFitsIsHandedOverWhole() {
    Batch batch = randomBatch(new Random(1), 100, 50);
    List<Batch> pieces = new FrameSplitter(1 << 20).split(batch, "task 1");
    assertEquals(1, pieces.size());
    assertSame(batch, pieces.get(0));
  }

  @Test
  void aLargeBatchIsCutIntoConsecutiveRowRangesThatEachFit() {
    FrameSplitter frames = new FrameSplitter(64 * 1024);
    Seeds.of("frame-split", 20).forEach(seed -> Seeds.check(seed, random -> {
      Batch batch = randomBatch(random, 500 + random.nextInt(1500), 2000);
      List<Batch> pieces = frames.split(batch, "task 1");
      assertTrue(pieces.size() > 1, "a batch of " + FrameSplitter.estimateBytes(batch) + " bytes was not cut");
      int next = 0;
      for (Batch piece : pieces) {
        assertTrue(piece.numRows() > 0, "an empty piece");
        assertTrue(FrameSplitter.estimateBytes(piece) <= frames.payloadLimit(),
            "a piece estimated at " + FrameSplitter.estimateBytes(piece));
        assertTrue(PlanCodec.encode(piece).length <= frames.payloadLimit(),
            "a piece of " + PlanCodec.encode(piece).length + " bytes");
        for (int r = 0; r < piece.numRows(); r++) {
          assertEquals(batch.row(next + r), piece.row(r));
        }
        next += piece.numRows();
      }
      assertEquals(batch.numRows(), next);
    }));
  }

  @Test
  void packingKeepsTheOrderAndFillsEachGroupUpToTheLimit() {
    FrameSplitter frames = new FrameSplitter(64 * 1024);
    Random random = new Random(7);
    List<Batch> batches = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      batches.add(randomBatch(random, 1 + random.nextInt(200), 400));
    }
    List<List<Batch>> groups = frames.pack(batches, "the driver");
    assertTrue(groups.size() > 1);
    List<Row> expected = new ArrayList<>();
    batches.forEach(b -> expected.addAll(b.toRows()));
    List<Row> actual = new ArrayList<>();
    for (List<Batch> group : groups) {
      long size = 0;
      for (Batch b : group) {
        size += FrameSplitter.estimateBytes(b);
        actual.addAll(b.toRows());
      }
      assertTrue(size <= frames.payloadLimit(), "a group of " + size + " bytes");
    }
    assertEquals(expected, actual);
    assertEquals(1, frames.pack(List.of(batches.get(0)), "the driver").size());
  }

  /**
   * The partitions of one batch for several tasks of a node: each message fits, carries at most one piece per task,
   * and each task's pieces, read over the messages in order, are its slice's rows in order.
   */
  @Test
  void slicesForSeveralTasksArePackedIntoFramesKeepingEachTasksRowOrder() {
    FrameSplitter frames = new FrameSplitter(64 * 1024);
    Seeds.of("frame-pack-slices", 20).forEach(seed -> Seeds.check(seed, random -> {
      Batch[] slices = new Batch[1 + random.nextInt(5)];
      for (int i = 0; i < slices.length; i++) {
        if (random.nextInt(4) > 0) {
          slices[i] = randomBatch(random, 1 + random.nextInt(random.nextBoolean() ? 50 : 1500), 600);
        }
      }
      List<Batch[]> messages = frames.packSlices(slices, "tasks 1 2");
      List<List<Row>> got = new ArrayList<>();
      for (int i = 0; i < slices.length; i++) {
        got.add(new ArrayList<>());
      }
      for (Batch[] message : messages) {
        assertEquals(slices.length, message.length);
        long size = 0;
        boolean any = false;
        for (int i = 0; i < message.length; i++) {
          if (message[i] != null) {
            assertTrue(slices[i] != null, "a piece for a task without rows");
            assertTrue(message[i].numRows() > 0, "an empty piece");
            size += FrameSplitter.estimateBytes(message[i]);
            got.get(i).addAll(message[i].toRows());
            any = true;
          }
        }
        assertTrue(any, "an empty message");
        assertTrue(size <= frames.payloadLimit(), "a message estimated at " + size + " bytes");
      }
      for (int i = 0; i < slices.length; i++) {
        assertEquals(slices[i] == null ? List.of() : slices[i].toRows(), got.get(i), "task " + i);
      }
    }));
    Batch small = randomBatch(new Random(3), 10, 20);
    List<Batch[]> one = frames.packSlices(new Batch[] {small, null, small}, "tasks 1 2 3");
    assertEquals(1, one.size(), "slices that fit together travel in one message");
    assertSame(small, one.get(0)[0]);
    assertEquals(0, frames.packSlices(new Batch[2], "tasks 1 2").size());
  }

  @Test
  void aSingleRowLargerThanTheFrameFailsWithATypedError() {
    FrameSplitter frames = new FrameSplitter(64 * 1024);
    Batch batch = Batch.fromRows(DataTypes.struct(DataTypes.field("s", DataTypes.STRING)),
        List.of(Row.of("small"), Row.of("y".repeat(100_000)), Row.of("small")));
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> frames.split(batch, "task 4"));
    assertEquals("MESSAGE_TOO_LARGE", e.errorClass());
    assertTrue(e.getMessage().contains("task 4"), e.getMessage());
    assertTrue(e.getMessage().contains(String.valueOf(64 * 1024)), e.getMessage());
    assertTrue(e.getMessage().contains(FrameSplitter.FRAME_SIZE_KEY), e.getMessage());
    assertTrue(e.getMessage().matches("(?s).*about 1\\d{5} bytes.*"), e.getMessage());
    assertThrows(EmberRuntimeException.class, () -> frames.pack(List.of(batch), "the driver"));
    assertThrows(EmberRuntimeException.class, () -> frames.packSlices(new Batch[] {null, batch}, "tasks 1 2"));
  }
}
