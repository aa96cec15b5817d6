package io.ember.benchmarks.nexmark;

import java.util.List;

/**
 * The Nexmark queries both engines run, what their outputs are, and the settings every run shares: the watermark
 * delay (4 s, as the Flink Nexmark benchmark's {@code dateTime - INTERVAL '4' SECOND}), the window sizes, and which
 * output rows are final in a bounded run.
 *
 * <p>Flink closes every window at the end of a bounded input; Ember (Spark's semantics) keeps the windows the
 * watermark has not passed. So the answers are compared on the rows of a query's time column before
 * {@link #cutoffMicros} (the closed rows, {@link RowDigest}); queries without a time column are compared whole.
 *
 * <p>The Flink SQL is the standard Nexmark SQL with the column names of {@link NexmarkStream}; q5 and q8 also
 * output the window start (q5's standard output is {@code auction, num}) so that the closed rows can be told; q4
 * averages {@code CAST(Q.final AS DOUBLE)}, since Flink's {@code AVG} of a {@code BIGINT} is a {@code BIGINT} (the
 * quotient truncated) where Spark's and Ember's is a {@code DOUBLE}.
 */
public final class NexmarkQueries {
  /** The queries of issue 7, in order. */
  public static final List<String> ALL = List.of("q0", "q1", "q2", "q3", "q4", "q5", "q7", "q8");
  /** The watermark delay on every stream's {@code dateTime}, µs. */
  public static final long WATERMARK_DELAY_MICROS = 4_000_000;
  /** The event time after the watermark delay and the longest window within which a row may still change, µs. */
  public static final long SLACK_MICROS = 20_000_000;
  /** The longest window of any query (q5's hop, q7's and q8's tumble), µs. */
  public static final long WINDOW_MICROS = 10_000_000;
  /** The generator's seed, and its default event-time step (100,000 events per second of event time). */
  public static final long SEED = 20_261_126;
  public static final long INTER_EVENT_DELAY_MICROS = 10;

  private NexmarkQueries() {}

  /** Checks {@code q} is one of {@link #ALL}. */
  public static String require(String q) {
    if (!ALL.contains(q)) {
      throw new IllegalArgumentException("Unknown Nexmark query '" + q + "'; known: " + String.join(", ", ALL));
    }
    return q;
  }

  /** The streams {@code q} reads. */
  public static List<NexmarkStream> inputs(String q) {
    return switch (require(q)) {
      case "q0", "q1", "q2", "q5", "q7" -> List.of(NexmarkStream.BID);
      case "q3", "q8" -> List.of(NexmarkStream.PERSON, NexmarkStream.AUCTION);
      default -> List.of(NexmarkStream.AUCTION, NexmarkStream.BID);
    };
  }

  /** The output column whose time decides whether a row is final in a bounded run, or -1 when all rows are. */
  public static int timeColumn(String q) {
    return switch (require(q)) {
      case "q5", "q8" -> 2;
      case "q7" -> 3;
      default -> -1;
    };
  }

  /**
   * Rows whose time column is before this are final in a bounded run of {@code events} events, {@code
   * interEventDelayMicros} apart, on every engine: the last event's time minus the watermark delay, the longest
   * window and {@link #SLACK_MICROS} (the event time an epoch or micro-batch may span).
   */
  public static long cutoffMicros(long events, long interEventDelayMicros) {
    long last = new NexmarkGenerator(SEED, interEventDelayMicros).timestamp(events - 1) * 1000;
    return last - WATERMARK_DELAY_MICROS - WINDOW_MICROS - SLACK_MICROS;
  }

  /**
   * Whether the answer to {@code q} updates earlier rows: Flink's is a changelog, materialized before digesting;
   * Ember runs the query in update output mode and digests the last row of each key ({@link LatestRows}).
   */
  public static boolean updating(String q) {
    return require(q).equals("q4");
  }

  /** The standard Nexmark SQL of {@code q} over the views {@code person}, {@code auction}, {@code bid}. */
  public static String flinkSql(String q) {
    return standardSql(q).replace("dateTime", "`dateTime`"); // a reserved word of Flink's parser
  }

  private static String standardSql(String q) {
    return switch (require(q)) {
      case "q0" -> "SELECT auction, bidder, price, dateTime, extra FROM bid";
      case "q1" -> "SELECT auction, bidder, 0.908 * price AS price, dateTime, extra FROM bid";
      case "q2" -> "SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0";
      case "q3" -> "SELECT P.name, P.city, P.state, A.id FROM auction AS A INNER JOIN person AS P ON A.seller = P.id"
          + " WHERE A.category = 10 AND (P.state = 'OR' OR P.state = 'ID' OR P.state = 'CA')";
      case "q4" -> "SELECT Q.category, AVG(CAST(Q.final AS DOUBLE)) FROM (SELECT MAX(B.price) AS final, A.category"
          + " FROM auction A, bid B WHERE A.id = B.auction AND B.dateTime BETWEEN A.dateTime AND A.expires"
          + " GROUP BY A.id, A.category) Q GROUP BY Q.category";
      case "q5" -> "SELECT AuctionBids.auction, AuctionBids.num, AuctionBids.starttime FROM ("
          + " SELECT auction, count(*) AS num, window_start AS starttime, window_end AS endtime"
          + " FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND))"
          + " GROUP BY auction, window_start, window_end) AS AuctionBids JOIN ("
          + " SELECT max(CountBids.num) AS maxn, CountBids.starttime, CountBids.endtime FROM ("
          + " SELECT count(*) AS num, window_start AS starttime, window_end AS endtime"
          + " FROM TABLE(HOP(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '2' SECOND, INTERVAL '10' SECOND))"
          + " GROUP BY auction, window_start, window_end) AS CountBids"
          + " GROUP BY CountBids.starttime, CountBids.endtime) AS MaxBids"
          + " ON AuctionBids.starttime = MaxBids.starttime AND AuctionBids.endtime = MaxBids.endtime"
          + " AND AuctionBids.num >= MaxBids.maxn";
      case "q7" -> "SELECT B.auction, B.price, B.bidder, B.dateTime, B.extra FROM bid B JOIN ("
          + " SELECT MAX(price) AS maxprice, window_end AS dateTime"
          + " FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))"
          + " GROUP BY window_start, window_end) B1 ON B.price = B1.maxprice"
          + " WHERE B.dateTime BETWEEN B1.dateTime - INTERVAL '10' SECOND AND B1.dateTime";
      case "q8" -> "SELECT P.id, P.name, P.starttime FROM ("
          + " SELECT id, name, window_start AS starttime, window_end AS endtime"
          + " FROM TABLE(TUMBLE(TABLE person, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))"
          + " GROUP BY id, name, window_start, window_end) P JOIN ("
          + " SELECT seller, window_start AS starttime, window_end AS endtime"
          + " FROM TABLE(TUMBLE(TABLE auction, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))"
          + " GROUP BY seller, window_start, window_end) A"
          + " ON P.id = A.seller AND P.starttime = A.starttime AND P.endtime = A.endtime";
      default -> throw new IllegalStateException(q);
    };
  }
}
