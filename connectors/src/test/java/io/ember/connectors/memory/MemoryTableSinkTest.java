package io.ember.connectors.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MemoryTableSinkTest {
  private static final StructType SCHEMA = new StructType(List.of(
      new StructField("word", DataTypes.STRING, true), new StructField("n", DataTypes.LONG, false)));

  private static Batch batch(Row... rows) {
    return Batch.fromRows(SCHEMA, List.of(rows));
  }

  @Test
  void appendAddsEachEpochInTaskOrderAndSkipsReplays() {
    MemoryTableSink sink = new MemoryTableSink("counts", SCHEMA, MemoryTableSink.Mode.ofOutputMode("append"));
    SinkWriter w0 = sink.createWriter(0, 2, SCHEMA);
    SinkWriter w1 = sink.createWriter(1, 2, SCHEMA);
    w1.write(batch(Row.of("b", 2L)));
    w0.write(batch(Row.of("a", 1L)));
    CommitMessage m1 = w1.prepareCommit(0);
    CommitMessage m0 = w0.prepareCommit(0);
    sink.commit(0, List.of(m1, m0));
    assertEquals(List.of(Row.of("a", 1L), Row.of("b", 2L)), sink.rows());

    w0.write(batch(Row.of("c", 3L)));
    List<CommitMessage> epoch1 = List.of(w0.prepareCommit(1), w1.prepareCommit(1));
    sink.commit(1, epoch1);
    sink.commit(1, epoch1);
    sink.commit(0, List.of(m0, m1));
    assertEquals(List.of(Row.of("a", 1L), Row.of("b", 2L), Row.of("c", 3L)), sink.rows());
    assertEquals(1L, sink.latestEpoch());
  }

  @Test
  void updateModeAppendsLikeSpark() {
    assertEquals(MemoryTableSink.Mode.APPEND, MemoryTableSink.Mode.ofOutputMode("Update"));
    assertEquals(MemoryTableSink.Mode.COMPLETE, MemoryTableSink.Mode.ofOutputMode("complete"));
    assertThrows(IllegalArgumentException.class, () -> MemoryTableSink.Mode.ofOutputMode("upsert"));
    assertEquals(MemoryTableSink.Mode.COMPLETE, MemoryTableSink.create("q", SCHEMA, "Complete").mode());
    AnalysisException e = assertThrows(AnalysisException.class, () -> MemoryTableSink.create(null, SCHEMA, "append"));
    assertEquals("[QUERY_NAME_REQUIRED] queryName must be specified for memory sink", e.getMessage());
  }

  @Test
  void completeReplacesTheTableEachEpoch() {
    MemoryTableSink sink = new MemoryTableSink("counts", SCHEMA, MemoryTableSink.Mode.COMPLETE);
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    w.write(batch(Row.of("a", 1L)));
    sink.commit(0, List.of(w.prepareCommit(0)));
    w.write(batch(Row.of("a", 2L), Row.of("b", 1L)));
    sink.commit(1, List.of(w.prepareCommit(1)));
    assertEquals(List.of(Row.of("a", 2L), Row.of("b", 1L)), sink.rows());
    // an empty complete result empties the table
    sink.commit(2, List.of(w.prepareCommit(2)));
    assertEquals(List.of(), sink.rows());
  }

  @Test
  void abortedRowsNeverShowAndSnapshotsDoNotChange() {
    MemoryTableSink sink = new MemoryTableSink("t", SCHEMA, MemoryTableSink.Mode.APPEND);
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    w.write(batch(Row.of("a", 1L)));
    sink.commit(0, List.of(w.prepareCommit(0)));
    List<Batch> snapshot = sink.batches();

    w.write(batch(Row.of("lost", 9L)));
    w.abort();
    sink.abort(1, List.of());
    w.write(batch(Row.of("b", 2L)));
    sink.commit(1, List.of(w.prepareCommit(1)));

    assertEquals(List.of(Row.of("a", 1L), Row.of("b", 2L)), sink.rows());
    assertEquals(1, snapshot.size());
    assertEquals(List.of(Row.of("a", 1L)), snapshot.get(0).toRows());
    assertEquals(SCHEMA, sink.schema());
    assertEquals("t", sink.name());
  }

  @Test
  void readersSeeWholeEpochsWhileCommitsRun() throws Exception {
    MemoryTableSink sink = new MemoryTableSink("t", SCHEMA, MemoryTableSink.Mode.APPEND);
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    int epochs = 200;
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<String> bad = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      try {
        start.await();
        int seen = 0;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (seen < epochs * 2 && System.nanoTime() < deadline) {
          seen = sink.rows().size();
          if (seen % 2 != 0) {
            bad.set("saw half an epoch: " + seen + " rows");
            return;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    reader.start();
    start.countDown();
    for (int e = 0; e < epochs; e++) {
      w.write(batch(Row.of("x", (long) e)));
      w.write(batch(Row.of("y", (long) e)));
      sink.commit(e, List.of(w.prepareCommit(e)));
    }
    reader.join(30_000);
    assertEquals(null, bad.get());
    List<Long> ns = new ArrayList<>();
    for (Row r : sink.rows()) {
      ns.add(r.getLong(1));
    }
    assertEquals(epochs * 2, ns.size());
    assertEquals(epochs - 1L, ns.get(ns.size() - 1));
  }
}
