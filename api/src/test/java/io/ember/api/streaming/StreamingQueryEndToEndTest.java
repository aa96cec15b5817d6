package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stateless streaming queries from a memory stream into the memory and foreachBatch sinks. */
@Timeout(60)
class StreamingQueryEndToEndTest extends StreamingSessionTest {
  @Test
  void memorySinkTableGrowsWithEachBatchOfInput() {
    MemoryStream input = MemoryStream.of(session, KEY_VALUE);
    DataFrame doubled = input.toDF().filter(col("v").gt(0)).select(col("k"), col("v").multiply(2).alias("v2"));
    input.addData(Row.of("a", 1L), Row.of("b", -1L));
    StreamingQuery q = doubled.writeStream().format("memory").queryName("doubled").start();
    assertTrue(q.isActive());
    assertEquals("doubled", q.name());
    q.processAllAvailable();
    assertEquals(List.of("[a,2]"), sorted(session.table("doubled").collectAsList()));
    input.addData(Row.of("c", 3L), Row.of("d", 4L));
    q.processAllAvailable();
    DataFrame table = session.table("doubled");
    assertFalse(table.isStreaming());
    assertEquals(List.of("[a,2]", "[c,6]", "[d,8]"), sorted(table.collectAsList()));
    assertSame(q, session.streams().get(q.id()));
    assertSame(q, session.streams().get(q.id().toString()));
    q.stop();
    assertFalse(q.isActive());
    assertTrue(q.exception().isEmpty());
    assertEquals(0, session.streams().active().length);
    assertEquals(3, session.table("doubled").count(), "the table outlives its query, as in Spark");
  }

  @Test
  void foreachBatchSeesEachEpochOnceInOrder() {
    MemoryStream input = MemoryStream.of(session, KEY_VALUE);
    ConcurrentLinkedQueue<long[]> epochs = new ConcurrentLinkedQueue<>();
    StreamingQuery q = input.toDF().writeStream()
        .foreachBatch((df, id) -> epochs.add(new long[] {id, df.count()}))
        .start();
    input.addData(Row.of("a", 1L));
    q.processAllAvailable();
    input.addData(Row.of("b", 2L), Row.of("c", 3L));
    q.processAllAvailable();
    q.stop();
    long expectedId = 0;
    long rows = 0;
    for (long[] e : epochs) {
      assertEquals(expectedId++, e[0], "epoch ids count up from 0 without gaps");
      rows += e[1];
    }
    assertEquals(3, rows);
  }

  @Test
  void aRefusedMemoryQueryLeavesTheTableOfTheActiveOne() {
    MemoryStream input = MemoryStream.of(session, KEY_VALUE);
    StreamingQuery first = input.toDF().writeStream().format("memory").queryName("kept").start();
    input.addData(Row.of("a", 1L));
    first.processAllAvailable();
    assertThrows(EmberIllegalArgumentException.class,
        () -> input.toDF().writeStream().format("memory").queryName("kept").start());
    assertEquals(1, session.table("kept").count());
    first.stop();
  }

  @Test
  void duplicateActiveNamesAreRejected() {
    MemoryStream input = MemoryStream.of(session, KEY_VALUE);
    StreamingQuery first = input.toDF().writeStream().format("noop").queryName("same").start();
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> input.toDF().writeStream().format("noop").queryName("same").start());
    assertTrue(e.getMessage().contains("Cannot start query with name same as a query with that name is already active"),
        e.getMessage());
    first.stop();
    StreamingQuery second = input.toDF().writeStream().format("noop").queryName("same").start();
    assertTrue(second.isActive(), "the name is free once the first query stopped");
    second.stop();
  }

  @Test
  void progressReportsEpochsWithTheirInput() {
    MemoryStream input = MemoryStream.of(session, KEY_VALUE);
    StreamingQuery q = input.toDF().writeStream().format("noop").queryName("progress").start();
    assertNull(q.lastProgress());
    input.addData(Row.of("a", 1L), Row.of("b", 2L));
    q.processAllAvailable();
    StreamingQueryProgress last = q.lastProgress();
    assertNotNull(last);
    long rows = 0;
    for (StreamingQueryProgress p : q.recentProgress()) {
      assertEquals(q.id(), p.id());
      assertEquals(q.runId(), p.runId());
      assertEquals("progress", p.name());
      assertEquals(1, p.sources().size());
      assertEquals(p.numInputRows(), p.sources().get(0).numInputRows());
      assertTrue(p.durationMs().containsKey("triggerExecution"));
      rows += p.numInputRows();
    }
    assertEquals(2, rows);
    assertEquals("NoopSink", last.sink().description());
    assertEquals("0", last.sources().get(0).endOffset(),
        "the memory stream's offset: the index of the last batch read");
    q.stop();
    assertEquals("Stopped", q.status().message());
  }

  @Test
  void recentProgressKeepsTheConfiguredNumberOfReports() {
    session.conf().set("spark.sql.streaming.numRecentProgressUpdates", "2");
    try {
      MemoryStream input = MemoryStream.of(session, KEY_VALUE);
      StreamingQuery q = input.toDF().writeStream().format("noop").start();
      for (long i = 0; i < 4; i++) {
        input.addData(Row.of("k", i));
        q.processAllAvailable();
      }
      StreamingQueryProgress[] recent = q.recentProgress();
      assertEquals(2, recent.length);
      assertTrue(recent[0].batchId() < recent[1].batchId());
      assertEquals(q.lastProgress(), recent[1]);
      q.stop();
    } finally {
      session.conf().unset("spark.sql.streaming.numRecentProgressUpdates");
    }
  }

  @Test
  void aLongEpochIntervalHoldsEpochsBackUntilProcessAllAvailable() throws Exception {
    session.conf().set("ember.streaming.epochInterval", "1h");
    try {
      MemoryStream input = MemoryStream.of(session, KEY_VALUE);
      StreamingQuery q = input.toDF().writeStream().format("memory").queryName("slow").start();
      input.addData(Row.of("a", 1L));
      q.processAllAvailable();
      long first = q.lastProgress().batchId();
      input.addData(Row.of("b", 2L));
      assertFalse(q.awaitTermination(300));
      assertEquals(first, q.lastProgress().batchId(), "no epoch is cut before the interval since the last one passed");
      assertEquals(1, session.table("slow").count());
      q.processAllAvailable();
      assertEquals(2, session.table("slow").count(), "processAllAvailable cuts an epoch at once");
      q.stop();
    } finally {
      session.conf().unset("ember.streaming.epochInterval");
    }
  }
}
