package io.ember.benchmarks.e2e;

import static io.ember.api.functions.count;
import static io.ember.api.functions.sum;

import io.ember.api.Session;
import io.ember.benchmarks.data.EventsGenerator;

/**
 * Workload B2 on Ember: group the events CSV by {@code user_id} with {@code count(*), sum(price)} and write
 * the result as CSV with a header (overwriting). Arguments: {@code <master> <events.csv> <output dir>}.
 */
public final class GroupByUserJob {
  private GroupByUserJob() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      throw new IllegalArgumentException("Usage: GroupByUserJob <master> <events.csv> <output dir>");
    }
    long start = System.nanoTime();
    long queryStart;
    try (Session spark = Session.builder().master(args[0]).appName("b2-group-by-user").getOrCreate()) {
      queryStart = System.nanoTime();
      spark.read()
          .option("header", true)
          .schema(EventsGenerator.SCHEMA_DDL)
          .csv(args[1])
          .groupBy("user_id")
          .agg(count("*").alias("count"), sum("price").alias("sum"))
          .write().mode("overwrite").option("header", true).csv(args[2]);
    }
    new JobOutput().print(queryStart - start, System.nanoTime() - queryStart);
  }
}
