package io.ember.api.streaming.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.streaming.ForeachWriter;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ForeachWriterSinkTest {
  private static final StructType SCHEMA = new StructType(List.of(new StructField("n", DataTypes.LONG, false)));

  /** Events per test run, keyed by a run id the writer carries (copies share no fields with the original). */
  static final Map<String, List<String>> EVENTS = new ConcurrentHashMap<>();
  static final AtomicInteger RUNS = new AtomicInteger();

  private static Batch batch(long... values) {
    List<Row> rows = new ArrayList<>();
    for (long v : values) {
      rows.add(Row.of(v));
    }
    return Batch.fromRows(SCHEMA, rows);
  }

  /** Records its calls; {@code skipEpoch} is refused in open; {@code failOn} makes process throw. */
  static final class Recording extends ForeachWriter<Row> {
    private static final long serialVersionUID = 1L;
    final String run;
    final long skipEpoch;
    final long failOn;
    private final int identity = System.identityHashCode(this);
    private long processedHere;
    private long partition = -1;

    Recording(long skipEpoch, long failOn) {
      this.run = "run-" + RUNS.incrementAndGet();
      this.skipEpoch = skipEpoch;
      this.failOn = failOn;
      EVENTS.put(run, Collections.synchronizedList(new ArrayList<>()));
    }

    List<String> events() {
      return EVENTS.get(run);
    }

    @Override
    public boolean open(long partitionId, long epochId) {
      partition = partitionId;
      events().add("open " + partitionId + " " + epochId + (identity == System.identityHashCode(this) ? " original" : ""));
      return epochId != skipEpoch;
    }

    @Override
    public void process(Row value) {
      if (value.getLong(0) == failOn) {
        throw new IllegalStateException("cannot take " + failOn);
      }
      processedHere++;
      events().add("process " + partition + " " + value.getLong(0) + " #" + processedHere);
    }

    @Override
    public void close(Throwable errorOrNull) {
      events().add("close " + partition + " " + (errorOrNull == null ? "ok" : errorOrNull.getMessage()));
    }
  }

  @Test
  void openProcessCloseInOrderPerPartitionAndEpochOnFreshCopies() {
    Recording user = new Recording(-1, -1);
    ForeachWriterSink sink = new ForeachWriterSink(user);
    SinkWriter w0 = sink.createWriter(0, 2, SCHEMA);
    SinkWriter w1 = sink.createWriter(1, 2, SCHEMA);

    w0.write(batch(1, 2));
    assertEquals(List.of("open 0 0", "process 0 1 #1", "process 0 2 #2"), user.events(),
        "rows are processed as they arrive, before the epoch ends");
    w1.write(batch(3));
    w0.write(batch(4));
    w0.prepareCommit(0);
    w1.prepareCommit(0);
    sink.commit(0, List.of());

    w1.write(batch(5));
    w0.prepareCommit(1);
    w1.prepareCommit(1);

    assertEquals(List.of(
        "open 0 0", "process 0 1 #1", "process 0 2 #2",
        "open 1 0", "process 1 3 #1",
        "process 0 4 #3",
        "close 0 ok", "close 1 ok",
        "open 1 1", "process 1 5 #1",
        "open 0 1", "close 0 ok",
        "close 1 ok"), user.events());
  }

  @Test
  void aStartedQueryNumbersEpochsFromItsFirstEpoch() {
    Recording user = new Recording(-1, -1);
    ForeachWriterSink sink = new ForeachWriterSink(user, 5);
    SinkWriter w = sink.createWriter(3, 4, SCHEMA);
    w.prepareCommit(5);
    w.write(batch(1));
    w.prepareCommit(6);
    assertEquals(List.of("open 3 5", "close 3 ok", "open 3 6", "process 3 1 #1", "close 3 ok"), user.events());
  }

  @Test
  void openReturningFalseSkipsRowsButStillCloses() {
    Recording user = new Recording(0, -1);
    ForeachWriterSink sink = new ForeachWriterSink(user);
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    w.write(batch(1, 2));
    w.prepareCommit(0);
    w.write(batch(3));
    w.prepareCommit(1);
    assertEquals(List.of("open 0 0", "close 0 ok", "open 0 1", "process 0 3 #1", "close 0 ok"), user.events());
  }

  @Test
  void aProcessErrorClosesWithItAndFailsTheTask() {
    Recording user = new Recording(-1, 2);
    ForeachWriterSink sink = new ForeachWriterSink(user);
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.write(batch(1, 2, 3)));
    assertEquals("cannot take 2", e.getMessage());
    w.abort();
    w.close();
    assertEquals(List.of("open 0 0", "process 0 1 #1", "close 0 cannot take 2"), user.events());
  }

  @Test
  void anAbortedTaskClosesItsCopyWithAnError() {
    Recording user = new Recording(-1, -1);
    ForeachWriterSink sink = new ForeachWriterSink(user);
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    w.write(batch(1));
    w.abort();
    assertEquals(List.of("open 0 0", "process 0 1 #1", "close 0 [FOREACH_WRITER_ABORTED] Foreach writer has been aborted due to a task failure"),
        user.events());
  }

  static final class NotSerializable extends ForeachWriter<Row> {
    private final Object lock = new Object();

    @Override
    public boolean open(long partitionId, long epochId) {
      return lock != null;
    }

    @Override
    public void process(Row value) {}

    @Override
    public void close(Throwable errorOrNull) {}
  }

  @Test
  void aWriterThatCannotBeSerializedIsRejectedUpFront() {
    EmberIllegalArgumentException e =
        assertThrows(EmberIllegalArgumentException.class, () -> new ForeachWriterSink(new NotSerializable()));
    assertTrue(e.getMessage().contains("Task not serializable"), e.getMessage());
  }

  @Test
  void theUserObjectItselfIsNeverCalled() {
    Recording user = new Recording(-1, -1);
    ForeachWriterSink sink = new ForeachWriterSink(user);
    SinkWriter w = sink.createWriter(0, 1, SCHEMA);
    w.write(batch(7));
    w.prepareCommit(0);
    for (String ev : user.events()) {
      assertTrue(!ev.endsWith("original"), ev);
    }
    assertSame(user.events(), EVENTS.get(user.run));
  }
}
