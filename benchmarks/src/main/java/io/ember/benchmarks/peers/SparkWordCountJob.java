package io.ember.benchmarks.peers;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.split;

import io.ember.benchmarks.e2e.JobOutput;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Workload B3 on Spark 4: the same query and printed lines as {@link io.ember.benchmarks.e2e.WordCountJob}.
 * Arguments: {@code <master> <path>}.
 */
public final class SparkWordCountJob {
  private SparkWordCountJob() {}

  public static void main(String[] args) {
    long start = System.nanoTime();
    SparkSession spark = SparkSessions.local(args[0], "b3-word-count");
    List<Row> rows;
    long queryStart;
    try {
      queryStart = System.nanoTime();
      rows = spark.read().text(args[1])
          .select(explode(split(col("value"), " ")).alias("word"))
          .groupBy("word").count()
          .orderBy(col("count").desc(), col("word").asc())
          .limit(20)
          .collectAsList();
    } finally {
      spark.stop();
    }
    long end = System.nanoTime();
    JobOutput out = new JobOutput();
    rows.forEach(r -> out.row(r.getString(0) + "," + r.getLong(1)));
    out.print(queryStart - start, end - queryStart);
  }
}
