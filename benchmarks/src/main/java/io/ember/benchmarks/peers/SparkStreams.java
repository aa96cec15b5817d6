package io.ember.benchmarks.peers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_micros;

import io.ember.benchmarks.stream.Masters;
import io.ember.benchmarks.stream.StreamEvents;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQueryListener;

/** What the Spark stream jobs share: the session, the events from a sequence, following the query's progress. */
final class SparkStreams {
  /**
   * Rows per micro-batch of the {@code rate-micro-batch} source: 4M (20 s of event time), large enough that
   * Spark's fixed cost per micro-batch (planning, offset and commit logs) is a small part of each batch; the
   * system property {@code bench.spark.rowsPerBatch} overrides it.
   */
  static final long ROWS_PER_BATCH = Long.getLong("bench.spark.rowsPerBatch", 4_000_000L);

  private SparkStreams() {}

  /**
   * A local session as {@link SparkSessions#local}, with as many shuffle partitions as cores (Spark's default of
   * 200 would give a 2-core machine 200 state store partitions per stateful step).
   */
  static SparkSession session(String master, String appName) {
    SparkSession spark = SparkSessions.local(master, appName);
    spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(Masters.cores(master)));
    return spark;
  }

  /**
   * The events {@code 0 .. events-1} of {@link StreamEvents} from Spark's deterministic
   * {@code rate-micro-batch} source ({@link #ROWS_PER_BATCH} values per micro-batch, one partition per core,
   * whatever the wall clock), computed with the same arithmetic as the other engines; values past the end are
   * filtered out.
   */
  static Dataset<Row> events(SparkSession spark, String master, long events) {
    return events(spark, events, Masters.cores(master));
  }

  /** As {@link #events(SparkSession, String, long)} with {@code partitions} source partitions. */
  static Dataset<Row> events(SparkSession spark, long events, int partitions) {
    return spark.readStream().format("rate-micro-batch")
        .option("rowsPerBatch", ROWS_PER_BATCH)
        .option("numPartitions", partitions)
        .load()
        .filter(col("value").lt(events))
        .select(
            timestamp_micros(lit(StreamEvents.EPOCH_MICROS).plus(col("value").multiply(StreamEvents.MICROS_PER_EVENT)))
                .alias("ts"),
            col("value").multiply(StreamEvents.AUCTION_FACTOR).mod(StreamEvents.AUCTIONS).alias("auction"),
            col("value").multiply(StreamEvents.PRICE_FACTOR).mod(StreamEvents.PRICE_MODULUS).alias("price"));
  }

  /**
   * Follows a query's progress: the input rows so far, and when they first reached a target (the end of the
   * micro-batch that did, by the progress report's own times), then a few more batches.
   */
  static final class Progress extends StreamingQueryListener {
    private final long target;
    private final int batchesAfter;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private volatile long firstStartMillis = -1;
    private volatile long reachedMillis = -1;
    private volatile long rowsAtTarget = -1;
    private int after = -1;
    final CountDownLatch done = new CountDownLatch(1);

    /** Waits for {@code target} input rows, then for {@code batchesAfter} more micro-batches. */
    Progress(long target, int batchesAfter) {
      this.target = target;
      this.batchesAfter = batchesAfter;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {}

    @Override
    public synchronized void onQueryProgress(QueryProgressEvent event) {
      long start = Instant.parse(event.progress().timestamp()).toEpochMilli();
      if (firstStartMillis < 0) {
        firstStartMillis = start;
      }
      long total = rows.addAndGet(event.progress().numInputRows());
      for (var s : event.progress().stateOperators()) {
        late.addAndGet(s.numRowsDroppedByWatermark());
      }
      if (reachedMillis < 0 && total >= target) {
        reachedMillis = start + event.progress().batchDuration();
        rowsAtTarget = total;
        after = 0;
      } else if (after >= 0) {
        after++;
      }
      if (after >= batchesAfter) {
        done.countDown();
      }
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
      done.countDown();
    }

    /** Rows stateful operators dropped as later than the watermark, over the batches so far. */
    long lateRows() {
      return late.get();
    }

    /** Input rows up to the batch that reached the target. */
    long rowsAtTarget() {
      return rowsAtTarget;
    }

    /** Events per second from the first batch's start to the end of the batch reaching the target; -1 if never. */
    long eventsPerSecond(long events) {
      return reachedMillis < 0 ? -1 : Math.round(events * 1000.0 / Math.max(1, reachedMillis - firstStartMillis));
    }
  }
}
