package io.ember.benchmarks.peers;

import static org.apache.spark.sql.functions.col;

import io.ember.benchmarks.stream.LatencyJobs;
import io.ember.benchmarks.stream.LatencyRecorder;
import io.ember.benchmarks.stream.Masters;
import java.sql.Timestamp;
import org.apache.spark.sql.ForeachWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * Latency on Spark 4 Structured Streaming: the {@code rate} source at {@code rate} rows/s (one partition per
 * core; its {@code timestamp} is the time each value became due, in ms) → S0's projection → {@code foreach} with a
 * writer recording arrival minus that timestamp per row ({@link LatencyRecorder}); default trigger. Spark's rate
 * source makes a second's values available once that whole second has passed (its offsets count seconds), and
 * a micro-batch takes what is available when it starts, so Spark's figure holds both that and the micro-batch
 * cycle. Arguments: {@code <master> <rate> <seconds> <warmupSeconds>}.
 */
public final class SparkLatencyJob {
  private SparkLatencyJob() {}

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
      Timestamp t = row.getTimestamp(0);
      recorder.record(SparkWindowJob.micros(t));
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
    SparkSession spark = SparkStreams.session(args[0], "latency");
    long queryStart = System.nanoTime();
    LatencyRecorder recorder = LatencyRecorder.install(rate * warmup, events);
    long end;
    try {
      StreamingQuery query = spark.readStream().format("rate")
          .option("rowsPerSecond", rate)
          .option("numPartitions", Masters.cores(args[0]))
          .load()
          .filter(col("value").lt(events))
          .select(col("timestamp").alias("ts"), col("value").multiply(7919).mod(1000).alias("auction"),
              col("value").multiply(104_729).mod(100_003).multiply(0.908).alias("price_eur"))
          .writeStream()
          .foreach(new LatencyWriter())
          .start();
      LatencyJobs.awaitRows(recorder, events, seconds + 120, query::isActive);
      end = System.nanoTime();
      query.stop();
      if (query.exception().isDefined()) {
        throw query.exception().get();
      }
    } finally {
      spark.stop();
    }
    LatencyJobs.print(recorder, queryStart - start, end - queryStart);
  }
}
