package io.ember.benchmarks.peers;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import io.ember.benchmarks.data.CategoryTotals.EngineRow;
import io.ember.benchmarks.data.EventsGenerator;
import io.ember.benchmarks.e2e.JobOutput;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Workload B1 on Spark 4 (explicit schema, UI off): the same query and the same printed lines as
 * {@link io.ember.benchmarks.e2e.GroupByCategoryJob}. Arguments: {@code <master> <path>}.
 */
public final class SparkGroupByCategoryJob {
  private SparkGroupByCategoryJob() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      throw new IllegalArgumentException("Usage: SparkGroupByCategoryJob <master> <events.csv>");
    }
    long start = System.nanoTime();
    SparkSession spark = SparkSessions.local(args[0], "b1-group-by-category");
    List<Row> rows;
    long queryStart;
    try {
      queryStart = System.nanoTime();
      rows = spark.read()
          .option("header", true)
          .schema(EventsGenerator.SCHEMA_DDL)
          .csv(args[1])
          .groupBy("category")
          .agg(count("*").alias("count"), sum("price").alias("sum"), avg("price").alias("avg"))
          .collectAsList();
    } finally {
      spark.stop();
    }
    long end = System.nanoTime();
    JobOutput out = new JobOutput();
    rows.stream()
        .map(r -> new EngineRow(r.getString(0), r.getLong(1), r.getDouble(2), r.getDouble(3)))
        .sorted(Comparator.comparing(EngineRow::category))
        .forEach(r -> out.row(r.format()));
    out.print(queryStart - start, end - queryStart);
  }
}
