package io.ember.benchmarks.stream;

import static io.ember.api.functions.col;

import io.ember.api.Session;
import io.ember.api.streaming.ForeachWriter;
import io.ember.api.streaming.StreamingQuery;
import io.ember.benchmarks.e2e.JobOutput;
import io.ember.core.data.Row;

/**
 * Latency on Ember: {@link EventGeneratorSource} throttled to {@code rate} events/s (one partition per core,
 * {@code ts} = the time each event became due) → S0's projection → {@code foreach} with a writer recording
 * arrival time minus {@code ts} per row ({@link LatencyRecorder}); default trigger (epochs every
 * {@code ember.streaming.epochInterval}, 100 ms). Arguments: {@code <master> <rate> <seconds> <warmupSeconds>}.
 * Runs until all {@code rate * seconds} rows reached the sink, then stops the query; prints the rows seen and
 * the latency percentiles in µs.
 */
public final class LatencyJob {
  private LatencyJob() {}

  /** Records each row's latency in this JVM's recorder. */
  static final class LatencyWriter extends ForeachWriter<Row> {
    private static final long serialVersionUID = 1L;
    private transient LatencyRecorder recorder;

    @Override
    public boolean open(long partitionId, long epochId) {
      recorder = LatencyRecorder.global();
      return true;
    }

    @Override
    public void process(Row row) {
      recorder.record(StreamJobs.micros(row.getInstant(0)));
    }

    @Override
    public void close(Throwable errorOrNull) {}
  }

  public static void main(String[] args) throws Exception {
    long rate = Long.parseLong(args[1]);
    long seconds = Long.parseLong(args[2]);
    long warmup = Long.parseLong(args[3]);
    long events = rate * seconds;
    long start = System.nanoTime();
    long queryStart;
    long end;
    LatencyRecorder recorder;
    try (Session spark = StreamJobs.session(args[0], "latency")) {
      queryStart = System.nanoTime();
      recorder = LatencyRecorder.install(rate * warmup, events);
      StreamingQuery query = StreamJobs.events(spark, events, Masters.cores(args[0]), rate)
          .select(col("ts"), col("auction"), col("price").multiply(0.908).alias("price_eur"))
          .writeStream()
          .foreach(new LatencyWriter())
          .start();
      LatencyJobs.awaitRows(recorder, events, seconds + 120, query::isActive);
      end = System.nanoTime();
      query.stop();
      StreamJobs.rethrow(query);
    }
    LatencyJobs.print(recorder, queryStart - start, end - queryStart);
  }
}
