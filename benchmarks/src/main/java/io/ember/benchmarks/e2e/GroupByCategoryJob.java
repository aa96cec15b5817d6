package io.ember.benchmarks.e2e;

import static io.ember.api.functions.avg;
import static io.ember.api.functions.count;
import static io.ember.api.functions.sum;

import io.ember.api.Session;
import io.ember.benchmarks.data.EventsGenerator;
import io.ember.core.data.Row;
import java.util.List;

/**
 * Workload B1 on Ember, as a user would write it: read an events CSV with an explicit schema, group by
 * {@code category} with {@code count(*), sum(price), avg(price)}, collect. One run per JVM.
 *
 * <p>Arguments: {@code <path> [master]} (master default {@code local[2]}). Prints {@link JobOutput}'s lines:
 * the rows as {@code category,count,sum,avg} and the time from before the session starts to the result.
 */
public final class GroupByCategoryJob {
  private GroupByCategoryJob() {}

  public static void main(String[] args) {
    if (args.length < 1) {
      throw new IllegalArgumentException("Usage: GroupByCategoryJob <events.csv> [master]");
    }
    String master = args.length > 1 ? args[1] : "local[2]";
    long start = System.nanoTime();
    List<Row> rows;
    long queryStart;
    try (Session spark = Session.builder().master(master).appName("b1-group-by-category").getOrCreate()) {
      queryStart = System.nanoTime();
      rows = spark.read()
          .option("header", true)
          .schema(EventsGenerator.SCHEMA_DDL)
          .csv(args[0])
          .groupBy("category")
          .agg(count("*").alias("count"), sum("price").alias("sum"), avg("price").alias("avg"))
          .collectAsList();
    }
    long end = System.nanoTime();
    JobOutput out = new JobOutput();
    for (Row r : rows) {
      out.row(r.getString(0), r.getLong(1), r.getDouble(2), r.getDouble(3));
    }
    out.print(queryStart - start, end - queryStart);
  }
}
