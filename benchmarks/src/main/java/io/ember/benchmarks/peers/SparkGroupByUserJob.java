package io.ember.benchmarks.peers;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import io.ember.benchmarks.data.EventsGenerator;
import io.ember.benchmarks.e2e.JobOutput;
import org.apache.spark.sql.SparkSession;

/**
 * Workload B2 on Spark 4: the same job as {@link io.ember.benchmarks.e2e.GroupByUserJob}. Arguments:
 * {@code <master> <events.csv> <output dir>}.
 */
public final class SparkGroupByUserJob {
  private SparkGroupByUserJob() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      throw new IllegalArgumentException("Usage: SparkGroupByUserJob <master> <events.csv> <output dir>");
    }
    long start = System.nanoTime();
    SparkSession spark = SparkSessions.local(args[0], "b2-group-by-user");
    long queryStart;
    try {
      queryStart = System.nanoTime();
      spark.read()
          .option("header", true)
          .schema(EventsGenerator.SCHEMA_DDL)
          .csv(args[1])
          .groupBy("user_id")
          .agg(count("*").alias("count"), sum("price").alias("sum"))
          .write().mode("overwrite").option("header", true).csv(args[2]);
    } finally {
      spark.stop();
    }
    new JobOutput().print(queryStart - start, System.nanoTime() - queryStart);
  }
}
