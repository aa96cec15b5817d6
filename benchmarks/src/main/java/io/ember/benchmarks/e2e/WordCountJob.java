package io.ember.benchmarks.e2e;

import static io.ember.api.functions.col;
import static io.ember.api.functions.explode;
import static io.ember.api.functions.split;

import io.ember.api.Session;
import io.ember.core.data.Row;
import java.util.List;

/**
 * Workload B3 on Ember, as a user would write it: read a text file, split each line on spaces, explode, count per
 * word, order by count descending then word, keep 20, collect. Arguments: {@code <master> <path>}. Prints the rows
 * as {@code word,count} in the query's order, and the session start-up and query times.
 */
public final class WordCountJob {
  private WordCountJob() {}

  public static void main(String[] args) {
    long start = System.nanoTime();
    List<Row> rows;
    long queryStart;
    try (Session spark = Session.builder().master(args[0]).appName("b3-word-count").getOrCreate()) {
      queryStart = System.nanoTime();
      rows = spark.read().text(args[1])
          .select(explode(split(col("value"), " ")).alias("word"))
          .groupBy("word").count()
          .orderBy(col("count").desc(), col("word").asc())
          .limit(20)
          .collectAsList();
    }
    long end = System.nanoTime();
    JobOutput out = new JobOutput();
    rows.forEach(r -> out.row(r.getString(0) + "," + r.getLong(1)));
    out.print(queryStart - start, end - queryStart);
  }
}
