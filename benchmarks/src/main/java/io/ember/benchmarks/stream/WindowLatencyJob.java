package io.ember.benchmarks.stream;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.max;
import static io.ember.api.functions.window;

import io.ember.api.Session;
import io.ember.api.streaming.ForeachWriter;
import io.ember.api.streaming.StreamingQuery;
import io.ember.core.data.Row;
import java.util.concurrent.atomic.AtomicLong;

/**
 * S1's emission latency on Ember: {@link EventGeneratorSource} throttled to {@code rate} events/s (one partition
 * per core, {@code ts} = the wall-clock time each event became due), S1's query ({@code withWatermark("ts", "2
 * seconds")}, {@code groupBy(window(ts, "10 seconds"), auction).agg(count, max(price))}, append mode), default
 * trigger, into {@code foreach} with a writer that records, per emitted row, its arrival time minus the creation
 * time of the first event that lets the window close: {@code window end + 2 s} (the first event whose timestamp
 * moves the watermark to the window's end). The first window emitted (partial: the source starts inside it) and
 * the windows starting less than {@code warmupSeconds} after the next one are emitted but not measured (the
 * engine's start, the JIT). Windows close in event-time order, so the first row to arrive is of the first window.
 *
 * <p>Arguments: {@code <master> <rate> <windows> <warmupSeconds>}: runs until {@code windows} measured windows
 * (1,000 rows each) reached the sink, then stops the query. Prints one row {@code <measured windows>,<rows with
 * a wrong count>} (a measured window is complete, so every auction counted {@code rate * 10 / 1000} events, give
 * or take one), then the latency percentiles in µs.
 */
public final class WindowLatencyJob {
  /** Window length and watermark delay of S1, µs. */
  static final long WINDOW_MICROS = 10_000_000L;
  static final long DELAY_MICROS = 2_000_000L;
  /** Auctions: rows per window. */
  static final long AUCTIONS = 1000;

  private static final AtomicLong WRONG_COUNTS = new AtomicLong();
  /** The start (µs) of the first window to arrive, or {@link Long#MIN_VALUE} before any. */
  private static final AtomicLong FIRST_WINDOW = new AtomicLong(Long.MIN_VALUE);

  private WindowLatencyJob() {}

  /** Records each measured window row's emission latency; counts the rows whose count is not the exact one. */
  static final class EmissionWriter extends ForeachWriter<Row> {
    private static final long serialVersionUID = 1L;
    private final long warmupMicros;
    private final long minCount;
    private final long maxCount;
    private transient LatencyRecorder recorder;

    EmissionWriter(long warmupMicros, long rate) {
      this.warmupMicros = warmupMicros;
      long perWindow = rate * (WINDOW_MICROS / 1_000_000L);
      this.minCount = (perWindow - 1) / AUCTIONS;
      this.maxCount = (perWindow + 1 + AUCTIONS - 1) / AUCTIONS;
    }

    @Override
    public boolean open(long partitionId, long epochId) {
      recorder = LatencyRecorder.global();
      return true;
    }

    @Override
    public void process(Row row) {
      long now = LatencyRecorder.nowMicros();
      Row w = row.getStruct(0);
      long start = StreamJobs.micros(w.getInstant(0));
      FIRST_WINDOW.compareAndSet(Long.MIN_VALUE, start);
      if (start < FIRST_WINDOW.get() + WINDOW_MICROS + warmupMicros) {
        return;
      }
      long bids = row.getLong(2);
      if (bids < minCount || bids > maxCount) {
        WRONG_COUNTS.incrementAndGet();
      }
      recorder.record(StreamJobs.micros(w.getInstant(1)) + DELAY_MICROS, now);
    }

    @Override
    public void close(Throwable errorOrNull) {}
  }

  public static void main(String[] args) throws Exception {
    long rate = Long.parseLong(args[1]);
    long windows = Long.parseLong(args[2]);
    long warmup = Long.parseLong(args[3]);
    long rows = windows * AUCTIONS;
    // Enough events for the warm-up, a partial window, the measured windows and the delay, with slack.
    long seconds = warmup + (windows + 2) * (WINDOW_MICROS / 1_000_000L) + 30;
    long start = System.nanoTime();
    long queryStart;
    long end;
    LatencyRecorder recorder;
    try (Session spark = StreamJobs.session(args[0], "s1-latency")) {
      queryStart = System.nanoTime();
      recorder = LatencyRecorder.install(0, rows);
      StreamingQuery query = StreamJobs.events(spark, rate * seconds, Masters.cores(args[0]), rate)
          .withWatermark("ts", "2 seconds")
          .groupBy(window(col("ts"), "10 seconds"), col("auction"))
          .agg(count("*").alias("bids"), max("price").alias("max_price"))
          .writeStream()
          .outputMode("append")
          .foreach(new EmissionWriter(warmup * 1_000_000L, rate))
          .start();
      LatencyJobs.awaitRows(recorder, rows, seconds + 120, query::isActive);
      end = System.nanoTime();
      query.stop();
      StreamJobs.rethrow(query);
    }
    long measured = Math.min(recorder.rows(), rows) / AUCTIONS;
    LatencyJobs.print(recorder, measured + "," + WRONG_COUNTS.get(), queryStart - start, end - queryStart);
  }
}
