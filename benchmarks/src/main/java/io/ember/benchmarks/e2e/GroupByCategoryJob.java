package io.ember.benchmarks.e2e;

import static io.ember.api.functions.avg;
import static io.ember.api.functions.count;
import static io.ember.api.functions.sum;

import io.ember.api.Session;
import io.ember.benchmarks.data.CategoryTotals.EngineRow;
import io.ember.benchmarks.data.EventsGenerator;
import io.ember.core.data.Row;
import java.util.Comparator;
import java.util.List;

/**
 * Workload B1 on Ember, as a user would write it: read an events CSV with an explicit schema, group by
 * {@code category} with {@code count(*), sum(price), avg(price)}, collect. One run per JVM.
 *
 * <p>Arguments: {@code <master> <path>}. Prints {@link JobOutput}'s lines: the rows as
 * {@code category,count,sum,avg} sorted by category, and the session start-up and query times.
 */
public final class GroupByCategoryJob {
  private GroupByCategoryJob() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      throw new IllegalArgumentException("Usage: GroupByCategoryJob <master> <events.csv>");
    }
    long start = System.nanoTime();
    List<Row> rows;
    long queryStart;
    try (Session spark = Session.builder().master(args[0]).appName("b1-group-by-category").getOrCreate()) {
      queryStart = System.nanoTime();
      rows = spark.read()
          .option("header", true)
          .schema(EventsGenerator.SCHEMA_DDL)
          .csv(args[1])
          .groupBy("category")
          .agg(count("*").alias("count"), sum("price").alias("sum"), avg("price").alias("avg"))
          .collectAsList();
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
