package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.streaming.StreamingQueryListener.QueryIdleEvent;
import io.ember.api.streaming.StreamingQueryListener.QueryProgressEvent;
import io.ember.api.streaming.StreamingQueryListener.QueryStartedEvent;
import io.ember.api.streaming.StreamingQueryListener.QueryTerminatedEvent;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberArithmeticException;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Listener events, failures, termination, and the triggers that end a query. */
@Timeout(60)
class StreamingQueryLifecycleTest extends StreamingSessionTest {
  private static final long WAIT_MS = 30_000;
  @AfterEach
  void removeListeners() {
    for (StreamingQueryListener l : session.streams().listListeners()) {
      session.streams().removeListener(l);
    }
  }

  /** Records every event it hears; {@link #terminated} opens on the terminated event. */
  private static final class Recorder extends StreamingQueryListener {
    final List<Object> events = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final CountDownLatch terminated = new CountDownLatch(1);

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
      record(event);
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
      record(event);
    }

    @Override
    public void onQueryIdle(QueryIdleEvent event) {
      record(event);
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
      record(event);
      terminated.countDown();
    }

    private void record(Object event) {
      events.add(event);
      threads.add(Thread.currentThread().getName());
    }

    void awaitTerminated() throws InterruptedException {
      assertTrue(terminated.await(WAIT_MS, TimeUnit.MILLISECONDS), "no terminated event");
    }
  }

  @Test
  void listenerHearsStartedProgressAndTerminatedInOrder() throws Exception {
    Recorder recorder = new Recorder();
    session.streams().addListener(recorder);
    MemoryStream input = MemoryStream.of(session, KEY_VALUE);
    StreamingQuery q = input.toDF().writeStream().format("noop").queryName("heard").start();
    assertInstanceOf(QueryStartedEvent.class, recorder.events.get(0), "started is heard before start() returns");
    QueryStartedEvent started = (QueryStartedEvent) recorder.events.get(0);
    assertEquals(q.id(), started.id());
    assertEquals(q.runId(), started.runId());
    assertEquals("heard", started.name());
    input.addData(Row.of("a", 1L));
    q.processAllAvailable();
    input.addData(Row.of("b", 2L));
    q.processAllAvailable();
    q.stop();
    recorder.awaitTerminated();
    List<Object> events = new ArrayList<>(recorder.events);
    assertInstanceOf(QueryTerminatedEvent.class, events.get(events.size() - 1));
    QueryTerminatedEvent end = (QueryTerminatedEvent) events.get(events.size() - 1);
    assertEquals(q.id(), end.id());
    assertTrue(end.exception().isEmpty(), "a stopped query has no exception");
    long lastBatch = -1;
    long rows = 0;
    for (Object e : events.subList(1, events.size() - 1)) {
      if (e instanceof QueryProgressEvent p) {
        assertTrue(p.progress().batchId() > lastBatch, "progress in epoch order");
        lastBatch = p.progress().batchId();
        rows += p.progress().numInputRows();
      }
    }
    assertEquals(2, rows);
    assertTrue(recorder.threads.stream().allMatch("ember-streaming-listener"::equals), recorder.threads.toString());
    session.streams().removeListener(recorder);
    assertFalse(session.streams().listListeners().contains(recorder));
  }

  @Test
  void failingQueryTerminatesWithStreamingQueryException() throws Exception {
    Recorder recorder = new Recorder();
    session.streams().addListener(recorder);
    MemoryStream input = MemoryStream.of(session, KEY_VALUE);
    DataFrame divided = input.toDF().select(col("v").divide(col("v").minus(col("v"))).alias("x"));
    StreamingQuery q = divided.writeStream().format("noop").start();
    input.addData(Row.of("a", 1L));
    StreamingQueryException e = assertThrows(StreamingQueryException.class, q::awaitTermination);
    assertInstanceOf(EmberArithmeticException.class, e.getCause());
    assertTrue(e.getMessage().startsWith("[STREAM_FAILED] Query [id = " + q.id() + ", runId = " + q.runId()
        + "] terminated with exception: "), e.getMessage());
    assertTrue(e.getMessage().contains("DIVIDE_BY_ZERO"), e.getMessage());
    assertFalse(q.isActive());
    assertEquals(e, q.exception().orElseThrow());
    assertTrue(q.status().message().startsWith("Terminated with exception: "), q.status().message());
    assertThrows(StreamingQueryException.class, () -> q.awaitTermination(1000));
    assertThrows(StreamingQueryException.class, q::processAllAvailable);
    assertThrows(StreamingQueryException.class, () -> session.streams().awaitAnyTermination());
    recorder.awaitTerminated();
    QueryTerminatedEvent end = (QueryTerminatedEvent) recorder.events.get(recorder.events.size() - 1);
    assertTrue(end.exception().orElseThrow().contains("DIVIDE_BY_ZERO"), end.exception().toString());
    assertEquals("DIVIDE_BY_ZERO", end.errorClassOnException().orElseThrow());
    q.stop();
  }

  @Test
  void foreachBatchCanStopItsOwnQuery() {
    MemoryStream input = MemoryStream.of(session, KEY_VALUE);
    StreamingQuery[] self = new StreamingQuery[1];
    CountDownLatch started = new CountDownLatch(1);
    StreamingQuery q = input.toDF().writeStream().foreachBatch((df, id) -> {
      started.await();
      self[0].stop();
    }).start();
    self[0] = q;
    started.countDown();
    input.addData(Row.of("a", 1L));
    assertTrue(q.awaitTermination(WAIT_MS), "the query stopped itself");
    assertTrue(q.exception().isEmpty(), () -> q.exception().toString());
  }

  @Test
  void waitingForAQueryInsideItsOwnForeachBatchIsRefused() {
    MemoryStream input = MemoryStream.of(session, KEY_VALUE);
    StreamingQuery[] self = new StreamingQuery[1];
    CountDownLatch started = new CountDownLatch(1);
    List<String> errors = new CopyOnWriteArrayList<>();
    StreamingQuery q = input.toDF().writeStream().foreachBatch((df, id) -> {
      started.await();
      try {
        self[0].processAllAvailable();
      } catch (IllegalStateException e) {
        errors.add(e.getMessage());
      }
      try {
        self[0].awaitTermination(10);
      } catch (IllegalStateException e) {
        errors.add(e.getMessage());
      }
    }).start();
    self[0] = q;
    started.countDown();
    input.addData(Row.of("a", 1L));
    q.processAllAvailable();
    q.stop();
    assertEquals(List.of("Cannot wait for a query state from the same thread that is running the query",
        "Cannot wait for a query state from the same thread that is running the query"), errors.subList(0, 2));
  }

  @Test
  void awaitTerminationTimesOutWhileTheQueryRuns() {
    MemoryStream input = MemoryStream.of(session, KEY_VALUE);
    StreamingQuery q = input.toDF().writeStream().format("noop").start();
    assertFalse(q.awaitTermination(50));
    assertFalse(session.streams().awaitAnyTermination(50));
    assertThrows(EmberIllegalArgumentException.class, () -> q.awaitTermination(0));
    assertEquals(1, session.streams().active().length);
    q.stop();
    assertTrue(q.awaitTermination(1000));
    assertTrue(session.streams().awaitAnyTermination(1000));
    session.streams().resetTerminated();
    assertFalse(session.streams().awaitAnyTermination(20), "reset forgets terminated queries");
  }

  @Test
  void onceReadsWhatIsAvailableInOneEpochThenEnds() {
    MemoryStream input = MemoryStream.of(session, KEY_VALUE);
    input.addData(Row.of("a", 1L));
    input.addData(Row.of("b", 2L), Row.of("c", 3L));
    StreamingQuery q = input.toDF().writeStream().format("memory").queryName("once").trigger(Trigger.Once()).start();
    assertTrue(q.awaitTermination(WAIT_MS), "Trigger.Once ends the query");
    assertTrue(q.exception().isEmpty());
    assertEquals(3, session.table("once").count());
    long epochsWithRows = 0;
    for (StreamingQueryProgress p : q.recentProgress()) {
      epochsWithRows += p.numInputRows() > 0 ? 1 : 0;
    }
    assertEquals(1, epochsWithRows, "one epoch holds all the input");
    input.addData(Row.of("d", 4L));
    assertEquals(3, session.table("once").count(), "data added after the end is not read");
  }

  @Test
  void onceOverADirectoryWithAFileBudgetStillReadsEveryFileAndEnds(@TempDir Path dir) throws Exception {
    for (int i = 0; i < 3; i++) {
      Files.writeString(dir.resolve("part-" + i + ".json"), "{\"k\":\"f" + i + "\",\"v\":" + i + "}\n");
    }
    DataFrame files = session.readStream().schema(KEY_VALUE).option("maxFilesPerTrigger", 1).json(dir.toString());
    StreamingQuery q = files.writeStream().format("memory").queryName("once_files").trigger(Trigger.Once()).start();
    assertTrue(q.awaitTermination(WAIT_MS), "Trigger.Once ends the query even when files wait for later epochs");
    assertTrue(q.exception().isEmpty());
    assertEquals(3, session.table("once_files").count());
  }

  @Test
  void availableNowOverADirectoryReadsEveryFileThenEnds(@TempDir Path dir) throws Exception {
    for (int i = 0; i < 3; i++) {
      Files.writeString(dir.resolve("part-" + i + ".json"),
          "{\"k\":\"f" + i + "\",\"v\":" + i + "}\n{\"k\":\"g" + i + "\",\"v\":" + (10 + i) + "}\n");
    }
    DataFrame files = session.readStream().schema(KEY_VALUE).option("maxFilesPerTrigger", 1).json(dir.toString());
    StreamingQuery q = files.writeStream().format("memory").queryName("files").trigger(Trigger.AvailableNow())
        .start();
    assertTrue(q.awaitTermination(WAIT_MS), "Trigger.AvailableNow ends the query");
    assertTrue(q.exception().isEmpty(), () -> q.exception().toString());
    assertEquals(6, session.table("files").count());
    long epochsWithRows = 0;
    for (StreamingQueryProgress p : q.recentProgress()) {
      assertTrue(p.numInputRows() <= 2, "maxFilesPerTrigger 1: one file per epoch");
      epochsWithRows += p.numInputRows() > 0 ? 1 : 0;
    }
    assertEquals(3, epochsWithRows);
  }

  @Test
  void processAllAvailableReadsEveryFileEvenOnePerEpoch(@TempDir Path dir) throws Exception {
    for (int i = 0; i < 4; i++) {
      Files.writeString(dir.resolve("part-" + i + ".json"),
          "{\"k\":\"f" + i + "\",\"v\":" + i + "}\n{\"k\":\"g" + i + "\",\"v\":" + (10 + i) + "}\n");
    }
    DataFrame files = session.readStream().schema(KEY_VALUE).option("maxFilesPerTrigger", 1).json(dir.toString());
    StreamingQuery q = files.writeStream().format("memory").queryName("onePerEpoch")
        .trigger(Trigger.ProcessingTime("1 hour")).start();
    q.processAllAvailable();
    assertEquals(List.of("[f0,0]", "[f1,1]", "[f2,2]", "[f3,3]", "[g0,10]", "[g1,11]", "[g2,12]", "[g3,13]"),
        sorted(session.table("onePerEpoch").collectAsList()), "every file, though the hour-long trigger never fired");
    for (StreamingQueryProgress p : q.recentProgress()) {
      assertTrue(p.numInputRows() <= 2, "maxFilesPerTrigger 1: one file per epoch");
    }
    Files.writeString(dir.resolve("part-4.json"), "{\"k\":\"f4\",\"v\":4}\n");
    Files.writeString(dir.resolve("part-5.json"), "{\"k\":\"f5\",\"v\":5}\n");
    q.processAllAvailable();
    assertEquals(10, session.table("onePerEpoch").count(), "files added later, also one per epoch");
    assertTrue(q.exception().isEmpty(), () -> q.exception().toString());
  }

  @Test
  void rateSourceFeedsAQueryUntilStopped() throws Exception {
    CountDownLatch rows = new CountDownLatch(1);
    AtomicLong seen = new AtomicLong();
    DataFrame rate = session.readStream().format("rate").option("rowsPerSecond", 50).load();
    assertEquals(List.of("timestamp", "value"), List.of(rate.columns()));
    StreamingQuery q = rate.writeStream().trigger(Trigger.ProcessingTime("100 milliseconds"))
        .foreachBatch((df, id) -> {
          seen.addAndGet(df.count());
          if (seen.get() > 0) {
            rows.countDown();
          }
        }).start();
    assertTrue(rows.await(WAIT_MS, TimeUnit.MILLISECONDS), "the rate source produced rows");
    q.stop();
    assertFalse(q.isActive());
    assertTrue(q.exception().isEmpty());
  }

  @Test
  void consoleSinkPrintsEachEpoch() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    StreamingQuery q;
    MemoryStream input = MemoryStream.of(session, KEY_VALUE);
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      q = input.toDF().writeStream().format("console").start();
      input.addData(Row.of("hello", 7L));
      q.processAllAvailable();
      q.stop();
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("Batch: 0"), out);
    assertTrue(out.contains("|hello|  7|"), out);
  }
}
