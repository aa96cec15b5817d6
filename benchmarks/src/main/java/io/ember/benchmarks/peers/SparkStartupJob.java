package io.ember.benchmarks.peers;

import io.ember.benchmarks.e2e.JobOutput;
import org.apache.spark.sql.SparkSession;

/** The start-up workload on Spark 4: {@code range(10).count()} in a fresh JVM. Arguments: {@code [master]}. */
public final class SparkStartupJob {
  private SparkStartupJob() {}

  public static void main(String[] args) {
    String master = args.length > 0 ? args[0] : "local[2]";
    long start = System.nanoTime();
    SparkSession spark = SparkSessions.local(master, "startup");
    long count;
    long queryStart;
    try {
      queryStart = System.nanoTime();
      count = spark.range(10).count();
    } finally {
      spark.stop();
    }
    new JobOutput().row(Long.toString(count)).print(queryStart - start, System.nanoTime() - queryStart);
  }
}
