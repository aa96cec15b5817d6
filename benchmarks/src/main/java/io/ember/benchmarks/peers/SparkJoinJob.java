package io.ember.benchmarks.peers;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import io.ember.benchmarks.data.EventsGenerator;
import io.ember.benchmarks.data.ItemsGenerator;
import io.ember.benchmarks.e2e.JobOutput;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Workload B4 on Spark 4: the same job as {@link io.ember.benchmarks.e2e.JoinJob}. Arguments:
 * {@code <master> <events.csv> <items.csv>}.
 */
public final class SparkJoinJob {
  private SparkJoinJob() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      throw new IllegalArgumentException("Usage: SparkJoinJob <master> <events.csv> <items.csv>");
    }
    long start = System.nanoTime();
    SparkSession spark = SparkSessions.local(args[0], "b4-join");
    List<Row> rows;
    long queryStart;
    try {
      queryStart = System.nanoTime();
      Dataset<Row> events = spark.read().option("header", true).schema(EventsGenerator.SCHEMA_DDL).csv(args[1]);
      Dataset<Row> items = spark.read().option("header", true).schema(ItemsGenerator.SCHEMA_DDL).csv(args[2]);
      rows = events.join(items, "item_id")
          .groupBy("department")
          .agg(count("*").alias("count"), sum("price").alias("sum"))
          .collectAsList();
    } finally {
      spark.stop();
    }
    long end = System.nanoTime();
    JobOutput out = new JobOutput();
    rows.stream().sorted(Comparator.comparing((Row r) -> r.getString(0)))
        .forEach(r -> out.row(r.getString(0) + "," + r.getLong(1) + "," + r.getDouble(2)));
    out.print(queryStart - start, end - queryStart);
  }
}
