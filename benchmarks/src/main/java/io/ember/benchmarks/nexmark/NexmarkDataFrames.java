package io.ember.benchmarks.nexmark;

import static io.ember.api.functions.avg;
import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.expr;
import static io.ember.api.functions.lit;
import static io.ember.api.functions.max;
import static io.ember.api.functions.window;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import java.math.BigDecimal;

/**
 * The Nexmark queries as Ember DataFrame queries (Spark's API), over {@link NexmarkSource} streams. Each stream is
 * watermarked on {@code dateTime} with {@link NexmarkQueries#WATERMARK_DELAY_MICROS}; columns of the two sides of
 * a join are renamed apart rather than qualified. The output columns are those of {@link NexmarkQueries#flinkSql},
 * a window start given as the window struct ({@link RowDigest} digests it by its start).
 *
 * <p>q4 is an updating aggregation feeding another (the highest bid per auction, then the average per category):
 * run in update output mode, Ember plans it as a changelog, the outer aggregation taking back an auction's previous
 * highest bid when a higher one arrives, as Flink's retracting aggregation does.
 */
public final class NexmarkDataFrames {
  private final Session spark;
  private final long events;
  private final int partitions;
  private final long interEventDelayMicros;

  /**
   * The benchmark's streams ({@link NexmarkQueries#SEED}, {@link NexmarkQueries#INTER_EVENT_DELAY_MICROS}).
   *
   * @param spark the session
   * @param events the length of the event sequence
   * @param partitions the reader partitions of each stream
   */
  public NexmarkDataFrames(Session spark, long events, int partitions) {
    this(spark, events, partitions, NexmarkQueries.INTER_EVENT_DELAY_MICROS);
  }

  /** As the benchmark's, with another event-time step (tests: a few events spanning several windows). */
  public NexmarkDataFrames(Session spark, long events, int partitions, long interEventDelayMicros) {
    this.spark = spark;
    this.events = events;
    this.partitions = partitions;
    this.interEventDelayMicros = interEventDelayMicros;
  }

  /** A new scan of {@code stream}, watermarked on {@code dateTime}. */
  public DataFrame stream(NexmarkStream stream) {
    return spark.dataFrame(new LogicalPlan.SourceScan(PlanIds.next(), new NexmarkSource(stream, events, partitions,
            NexmarkQueries.SEED, interEventDelayMicros)))
        .withWatermark("dateTime", (NexmarkQueries.WATERMARK_DELAY_MICROS / 1_000_000) + " seconds");
  }

  /** Query {@code q} ({@link NexmarkQueries#ALL}). */
  public DataFrame query(String q) {
    return switch (NexmarkQueries.require(q)) {
      case "q0" -> stream(NexmarkStream.BID).select(col("auction"), col("bidder"), col("price"), col("dateTime"),
          col("extra"));
      case "q1" -> stream(NexmarkStream.BID).select(col("auction"), col("bidder"),
          lit(new BigDecimal("0.908")).multiply(col("price")).alias("price"), col("dateTime"), col("extra"));
      case "q2" -> stream(NexmarkStream.BID).filter(col("auction").mod(123).equalTo(0))
          .select(col("auction"), col("price"));
      case "q3" -> q3();
      case "q4" -> q4();
      case "q5" -> q5();
      case "q7" -> q7();
      case "q8" -> q8();
      default -> throw new IllegalStateException(q);
    };
  }

  private DataFrame q3() {
    DataFrame auctions = stream(NexmarkStream.AUCTION).filter(col("category").equalTo(10))
        .select(col("id").alias("a_id"), col("seller"));
    DataFrame persons = stream(NexmarkStream.PERSON).filter(col("state").isin("OR", "ID", "CA"))
        .select(col("id").alias("p_id"), col("name"), col("city"), col("state"));
    return auctions.join(persons, col("seller").equalTo(col("p_id")))
        .select(col("name"), col("city"), col("state"), col("a_id").alias("id"));
  }

  private DataFrame q4() {
    DataFrame auctions = stream(NexmarkStream.AUCTION).select(col("id"), col("category"),
        col("dateTime").alias("a_time"), col("expires"));
    DataFrame bids = stream(NexmarkStream.BID).select(col("auction"), col("price"), col("dateTime").alias("b_time"));
    return auctions.join(bids, col("id").equalTo(col("auction"))
            .and(col("b_time").between(col("a_time"), col("expires"))))
        .groupBy(col("id"), col("category")).agg(max("price").alias("final"))
        .groupBy(col("category")).agg(avg("final"));
  }

  /**
   * The hot items: the bid count per auction and sliding window, joined with the largest count of its window. The
   * counts are one DataFrame read by both sides, as Flink's SQL repeats one subquery: the planner runs it once and
   * feeds both ({@code spark.sql.exchange.reuse}), as Flink's planner reuses the repeated sub-plan.
   */
  private DataFrame q5() {
    DataFrame counts = stream(NexmarkStream.BID)
        .groupBy(window(col("dateTime"), "10 seconds", "2 seconds").alias("w"), col("auction"))
        .agg(count("*").alias("num"));
    DataFrame maxima = counts.groupBy(col("w").alias("mw")).agg(max("num").alias("maxn"));
    return counts.join(maxima, col("w").equalTo(col("mw")).and(col("num").geq(col("maxn"))))
        .select(col("auction"), col("num"), col("w").alias("starttime"));
  }

  /**
   * The highest bids of each 10 s window: the maximum price per tumbling window (one aggregation, emitted when the
   * watermark passes the window) joined with the bids of the 10 s up to the window's end, ends included.
   */
  private DataFrame q7() {
    DataFrame maxima = stream(NexmarkStream.BID)
        .groupBy(window(col("dateTime"), "10 seconds").alias("w"))
        .agg(max("price").alias("maxprice"))
        .select(col("maxprice"), expr("window_time(w)").alias("w_last"));
    DataFrame bids = stream(NexmarkStream.BID);
    // window_time is the window's end minus 1 µs: end - 10 s <= dateTime <= end.
    return bids.join(maxima, col("price").equalTo(col("maxprice"))
            .and(expr("`dateTime` >= w_last - INTERVAL 10 SECONDS + INTERVAL 1 MICROSECOND"))
            .and(expr("`dateTime` <= w_last + INTERVAL 1 MICROSECOND")))
        .select(col("auction"), col("price"), col("bidder"), col("dateTime"), col("extra"));
  }

  /**
   * New users: the people who opened an auction in the 10 s window they registered in. Persons have unique ids, so
   * Flink's grouping of persons by id, name and window is the persons themselves; the sellers are grouped by seller
   * and window (one aggregation, emitted when the watermark passes the window), then joined on id and window.
   */
  private DataFrame q8() {
    DataFrame persons = stream(NexmarkStream.PERSON)
        .select(col("id"), col("name"), window(col("dateTime"), "10 seconds").alias("pw"));
    DataFrame sellers = stream(NexmarkStream.AUCTION)
        .groupBy(col("seller"), window(col("dateTime"), "10 seconds").alias("aw"))
        .agg(count("*").alias("auctions"));
    return persons.join(sellers, col("id").equalTo(col("seller")).and(col("pw").equalTo(col("aw"))))
        .select(col("id"), col("name"), col("pw").alias("starttime"));
  }
}
