package io.ember.benchmarks.e2e;

import static io.ember.api.functions.count;
import static io.ember.api.functions.sum;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.benchmarks.data.EventsGenerator;
import io.ember.benchmarks.data.ItemsGenerator;
import io.ember.core.data.Row;
import java.util.Comparator;
import java.util.List;

/**
 * Workload B4 on Ember: events joined with items on {@code item_id}, grouped by {@code department} with
 * {@code count(*), sum(price)}. Arguments: {@code <master> <events.csv> <items.csv>}. Prints
 * {@code department,count,sum} rows sorted by department.
 */
public final class JoinJob {
  private JoinJob() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      throw new IllegalArgumentException("Usage: JoinJob <master> <events.csv> <items.csv>");
    }
    long start = System.nanoTime();
    List<Row> rows;
    long queryStart;
    try (Session spark = Session.builder().master(args[0]).appName("b4-join").getOrCreate()) {
      queryStart = System.nanoTime();
      DataFrame events = spark.read().option("header", true).schema(EventsGenerator.SCHEMA_DDL).csv(args[1]);
      DataFrame items = spark.read().option("header", true).schema(ItemsGenerator.SCHEMA_DDL).csv(args[2]);
      rows = events.join(items, "item_id")
          .groupBy("department")
          .agg(count("*").alias("count"), sum("price").alias("sum"))
          .collectAsList();
    }
    long end = System.nanoTime();
    JobOutput out = new JobOutput();
    rows.stream().sorted(Comparator.comparing(r -> r.getString(0)))
        .forEach(r -> out.row(r.getString(0) + "," + r.getLong(1) + "," + r.getDouble(2)));
    out.print(queryStart - start, end - queryStart);
  }
}
