package io.ember.examples;

import static io.ember.api.functions.avg;
import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.lit;
import static io.ember.api.functions.max;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.streaming.StreamingQuery;
import io.ember.api.streaming.Trigger;

/**
 * An aggregation over the updates of another, Nexmark q4's shape: the highest bid per auction, then per category
 * the number of auctions and the average of their highest bids. The rate source's rows are made into bids on 20
 * auctions in 4 categories; every second the console shows the categories whose average changed (update mode).
 * When a higher bid beats an auction's highest, the per-category aggregation takes the old highest back before
 * adding the new one, so each auction counts once (Ember runs the pair as a changelog, as Flink does).
 *
 * <p>Run it with {@code bin/ember run --class io.ember.examples.ChangelogAggregation [seconds]} (default 6).
 */
public final class ChangelogAggregation {
  private ChangelogAggregation() {}

  public static void main(String[] args) throws Exception {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 6;
    try (Session spark = Session.builder().appName("changelog-aggregation").getOrCreate()) {
      DataFrame bids = spark.readStream().format("rate").option("rowsPerSecond", 50).load()
          .select(col("value").mod(20).alias("auction"), col("value").mod(4).alias("category"),
              col("value").multiply(7919).mod(1000).alias("price"));

      DataFrame highest = bids.groupBy(col("auction"), col("category")).agg(max("price").alias("final"));
      DataFrame perCategory = highest.groupBy(col("category"))
          .agg(count(lit(1)).alias("auctions"), avg("final").alias("average_highest_bid"));

      StreamingQuery query = perCategory.writeStream()
          .format("console")
          .outputMode("update")
          .trigger(Trigger.ProcessingTime("1 second"))
          .start();
      query.awaitTermination(seconds * 1000);
      query.stop();
    }
  }
}
