package io.ember.benchmarks.peers;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import io.ember.benchmarks.data.EventsGenerator;
import io.ember.benchmarks.e2e.JobOutput;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Workload B1 on Spark 4 ({@code local[2]}, explicit schema, UI off): the same query and the same printed
 * lines as {@link io.ember.benchmarks.e2e.GroupByCategoryJob}. Arguments: {@code <path> [master]}.
 */
public final class SparkGroupByCategoryJob {
  private SparkGroupByCategoryJob() {}

  public static void main(String[] args) {
    if (args.length < 1) {
      throw new IllegalArgumentException("Usage: SparkGroupByCategoryJob <events.csv> [master]");
    }
    String master = args.length > 1 ? args[1] : "local[2]";
    long start = System.nanoTime();
    SparkSession spark = SparkSessions.local(master, "b1-group-by-category");
    List<Row> rows;
    long queryStart;
    try {
      queryStart = System.nanoTime();
      rows = spark.read()
          .option("header", true)
          .schema(EventsGenerator.SCHEMA_DDL)
          .csv(args[0])
          .groupBy("category")
          .agg(count("*").alias("count"), sum("price").alias("sum"), avg("price").alias("avg"))
          .collectAsList();
    } finally {
      spark.stop();
    }
    long end = System.nanoTime();
    JobOutput out = new JobOutput();
    for (Row r : rows) {
      out.row(r.getString(0), r.getLong(1), r.getDouble(2), r.getDouble(3));
    }
    out.print(queryStart - start, end - queryStart);
  }
}
