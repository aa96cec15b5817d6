package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static io.ember.api.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.checkpointing.CheckpointDirectory;
import io.ember.core.data.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code foreachBatch} with a checkpoint location is exactly-once across a restart: when the query dies after batch
 * {@code K} was checkpointed but before the function finished it, the query started again on the location calls the
 * function with batch {@code K} again, with the same rows, and the batches it gets equal those of a run without
 * failure (Spark re-runs a batch that is in the offset log but not in the commit log).
 */
@Timeout(120)
class ForeachBatchReplayTest extends StreamingSessionTest {
  private static final int BATCHES = 6;
  private static final int FAIL_AT = 3;

  /** The function's view: each batch id with the rows it got (as text, sorted), every call counted. */
  static final class Calls implements ForeachBatchFunction {
    final Map<Long, List<List<String>>> calls = new TreeMap<>();
    volatile long failAt = -1;

    @Override
    public synchronized void call(DataFrame batchDf, long batchId) {
      List<String> rows = new ArrayList<>();
      for (Row r : batchDf.collectAsList()) {
        rows.add(r.toString());
      }
      rows.sort(null);
      calls.computeIfAbsent(batchId, b -> new ArrayList<>()).add(rows);
      if (batchId == failAt) {
        failAt = -1;
        throw new IllegalStateException("the process dies in batch " + batchId);
      }
    }

    /** Each batch id with the rows of its last call. */
    synchronized Map<Long, List<String>> last() {
      Map<Long, List<String>> out = new TreeMap<>();
      calls.forEach((id, rows) -> out.put(id, rows.get(rows.size() - 1)));
      return out;
    }
  }

  /** The input: {@link #BATCHES} batches of keyed values, the same every time. */
  private static List<List<Row>> input() {
    Random random = new Random(11);
    List<List<Row>> batches = new ArrayList<>();
    for (int b = 0; b < BATCHES; b++) {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        rows.add(Row.of("k" + random.nextInt(5), (long) random.nextInt(100)));
      }
      batches.add(rows);
    }
    return batches;
  }

  /** Running sums per key (update mode) of {@code in}, to {@code f}, checkpointed at {@code checkpoint}. */
  private static StreamingQuery start(MemoryStream in, Calls f, Path checkpoint) {
    return in.toDF().groupBy(col("k")).agg(sum(col("v")).as("total")).writeStream().outputMode("update")
        .option("checkpointLocation", checkpoint.toString()).foreachBatch(f).start();
  }

  /** Adds batches {@code from} to {@code to} (exclusive) one at a time, each processed in a batch of its own. */
  private static void feed(StreamingQuery q, MemoryStream in, List<List<Row>> batches, int from, int to) {
    for (int b = from; b < to; b++) {
      in.addData(batches.get(b));
      q.processAllAvailable();
    }
  }

  @Test
  void aBatchCheckpointedButNotFinishedByTheFunctionIsCalledAgainWithTheSameIdAndRows() throws Exception {
    // Not a @TempDir: the commit thread may still be writing the last epoch's files when stop() returns.
    Path tmp = Files.createTempDirectory("foreach-batch-replay");
    try {
      replayAfterALostBatch(tmp);
    } finally {
      try (java.util.stream.Stream<Path> paths = Files.walk(tmp)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static void replayAfterALostBatch(Path tmp) {
    List<List<Row>> batches = input();
    Calls free = new Calls();
    MemoryStream freeIn = MemoryStream.of(session, KEY_VALUE);
    StreamingQuery freeRun = start(freeIn, free, tmp.resolve("free"));
    feed(freeRun, freeIn, batches, 0, BATCHES);
    freeRun.stop();
    assertEquals(BATCHES, free.last().size(), "one batch per added batch: " + free.last().keySet());

    Path checkpoint = tmp.resolve("checkpoint");
    Calls f = new Calls();
    MemoryStream in = MemoryStream.of(session, KEY_VALUE);
    StreamingQuery first = start(in, f, checkpoint);
    feed(first, in, batches, 0, FAIL_AT);
    f.failAt = FAIL_AT;
    in.addData(batches.get(FAIL_AT));
    assertThrows(StreamingQueryException.class, first::awaitTermination);
    CheckpointDirectory location = CheckpointDirectory.openForReading(checkpoint);
    assertEquals(FAIL_AT, location.latestCompleteEpoch().getAsLong(), "the batch was checkpointed");
    assertTrue(location.sinksCommitted(FAIL_AT - 1) && !location.sinksCommitted(FAIL_AT));

    // a new process: the program feeds its memory stream the same batches again
    MemoryStream again = MemoryStream.of(session, KEY_VALUE);
    StreamingQuery second = start(again, f, checkpoint);
    assertEquals(first.id(), second.id());
    for (int b = 0; b <= FAIL_AT; b++) {
      again.addData(batches.get(b));
    }
    second.processAllAvailable();
    feed(second, again, batches, FAIL_AT + 1, BATCHES);
    second.stop();

    assertEquals(free.last(), f.last(), "the batches, by id, equal those of a run without failure");
    List<List<String>> calls = f.calls.get((long) FAIL_AT);
    assertEquals(2, calls.size(), "the batch is handed over again");
    assertEquals(calls.get(0), calls.get(1), "with the same rows");
    f.calls.forEach((id, c) -> assertTrue(id == FAIL_AT || c.size() == 1, "batch " + id + " called once"));
  }
}
