package io.ember.examples;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.max;
import static io.ember.api.functions.window;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.streaming.StreamingQuery;
import io.ember.api.streaming.Trigger;

/**
 * The rate source printed to the console: the "hello world" of streaming. The source makes
 * {@code rowsPerSecond} rows of {@code (timestamp, value)}; the query counts them per parity in 2-second
 * windows and prints the running result once a second ({@code Batch: N} and a table, as Spark's console
 * sink does), in update mode.
 *
 * <p>Run it with {@code bin/ember example rate [seconds]} (default 6).
 */
public final class RateConsole {
  private RateConsole() {}

  public static void main(String[] args) throws Exception {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 6;
    try (Session spark = Session.builder().appName("rate-console").getOrCreate()) {
      DataFrame rate = spark.readStream().format("rate").option("rowsPerSecond", 100).load();

      DataFrame counts = rate
          .withColumn("parity", col("value").mod(2))
          .withWatermark("timestamp", "1 second")
          .groupBy(window(col("timestamp"), "2 seconds"), col("parity"))
          .agg(count("*").alias("rows"), max("value").alias("max_value"));

      StreamingQuery query = counts.writeStream()
          .format("console")
          .outputMode("update")
          .option("truncate", false)
          .trigger(Trigger.ProcessingTime("1 second"))
          .start();
      query.awaitTermination(seconds * 1000);
      query.stop();
    }
  }
}
