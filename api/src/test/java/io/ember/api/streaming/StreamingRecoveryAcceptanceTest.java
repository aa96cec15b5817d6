package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static io.ember.api.functions.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.internal.ExternalRows;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.api.streaming.FaultInjection.Faults;
import io.ember.api.streaming.StreamingTestKit.EpochRecorder;
import io.ember.connectors.memory.MemoryStreamSource;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The acceptance test of streaming recovery: a windowed aggregation over 100,000 keys, in append mode with a
 * watermark, survives many task failures at random points (several seeds) with exactly the output of a failure-free
 * run, and every recovery shows in the query's progress; with a checkpoint interval too. It takes about 20 s; the
 * timeout only bounds a hang, with room for a machine many times slower.
 */
@Timeout(600)
class StreamingRecoveryAcceptanceTest {
  private static final StructType EVENTS = DataTypes.struct(DataTypes.field("ts", DataTypes.TIMESTAMP),
      DataTypes.field("key", DataTypes.LONG));
  private static final int KEYS = 100_000;
  private static final int BATCHES = 8;
  private static final int ROWS_PER_BATCH = 25_000;
  private static final int FAULTS_PER_RUN = 6;
  private static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("StreamingRecoveryAcceptanceTest")
        .config("spark.sql.shuffle.partitions", "2")
        .config("ember.streaming.epochInterval", "20ms")
        // recentProgress must hold every epoch of a run to show every recovery: a slow machine cuts more epochs
        // of 20 ms than the 100 it keeps by default
        .config("spark.sql.streaming.numRecentProgressUpdates", "100000")
        .config("ember.streaming.maxTaskFailures", String.valueOf(FAULTS_PER_RUN + 2)).getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  /** Batch {@code b}: rows {@code i} with key {@code i % KEYS} at second {@code 5b + i % 5}. */
  private static List<Row> batch(int b) {
    List<Row> rows = new ArrayList<>(ROWS_PER_BATCH);
    for (int n = 0; n < ROWS_PER_BATCH; n++) {
      long i = (long) b * ROWS_PER_BATCH + n;
      rows.add(Row.of(Instant.ofEpochSecond(5L * b + i % 5), i % KEYS));
    }
    return ExternalRows.convert(rows, EVENTS);
  }

  /** Every row the query's sink received, sorted; {@code faults} null for a failure-free run. */
  private static List<List<Object>> run(Faults faults, List<StreamingQueryProgress> progress) {
    MemoryStreamSource source = new MemoryStreamSource(EVENTS);
    DataFrame events = faults == null
        ? session.dataFrame(new LogicalPlan.SourceScan(PlanIds.next(), source))
        : FaultInjection.failing(session, source, faults);
    DataFrame counts = events.withWatermark("ts", "0 seconds")
        .groupBy(window(col("ts"), "10 seconds"), col("key")).count()
        .select(col("window.start"), col("key"), col("count"));
    EpochRecorder out = new EpochRecorder();
    StreamingQuery q = counts.writeStream().outputMode("append").foreachBatch(out).start();
    try {
      for (int b = 0; b < BATCHES; b++) {
        source.addData(batch(b));
        q.processAllAvailable();
      }
      progress.addAll(List.of(q.recentProgress()));
    } finally {
      q.stop();
    }
    return out.newRows();
  }

  @Test
  void aWindowedAggregationOver100kKeysSurvivesRandomTaskFailuresWithTheOutputOfAFailureFreeRun() {
    List<List<Object>> expected = run(null, new ArrayList<>());
    // windows [0,10), [10,20) and [20,30) (50,000 keys each) close as the watermark passes them; [30,40) stays open
    assertEquals(3 * 2 * ROWS_PER_BATCH, expected.size(), "windows emitted in the failure-free run");
    // faults fire before the last batch is read, so that an epoch after each recovery reports it
    long faultRange = (long) (BATCHES - 1) * ROWS_PER_BATCH;
    for (long seed = 1; seed <= 4; seed++) {
      // the last seed checkpoints at most every 50 ms: recoveries replay the epochs since the last checkpoint
      boolean everyEpoch = seed < 4;
      session.conf().set("ember.streaming.checkpointInterval", everyEpoch ? "0" : "50ms");
      Faults faults = Faults.random(seed, FAULTS_PER_RUN, faultRange);
      List<StreamingQueryProgress> progress = new ArrayList<>();
      List<List<Object>> actual;
      try {
        actual = run(faults, progress);
      } finally {
        session.conf().unset("ember.streaming.checkpointInterval");
      }
      String where = "seed " + seed + (everyEpoch ? "" : ", checkpoint interval 50 ms");
      assertEquals(FAULTS_PER_RUN, faults.fired(), where + ": every fault fired");
      assertEquals(expected.size(), actual.size(), where + ": no row lost or repeated");
      assertTrue(expected.equals(actual), where + ": the output of the failure-free run");
      List<RecoveryProgress> recoveries = progress.stream().flatMap(p -> p.recoveries().stream()).toList();
      assertEquals(FAULTS_PER_RUN, recoveries.size(), where + ": every recovery is reported: " + recoveries);
      for (RecoveryProgress r : recoveries) {
        assertEquals(1, r.failedTasks().size(), where + ": only the failed source task restarted: " + r);
        assertTrue(r.error().contains("Injected fault"), r.error());
        assertTrue(r.durationMs() >= 0 && r.fromEpoch() >= -1, r.toString());
      }
      if (everyEpoch) {
        assertTrue(progress.stream().allMatch(p -> p.checkpoint() != null && p.checkpoint().sizeBytes() > 0),
            where + ": every epoch is checkpointed");
      }
    }
  }
}
