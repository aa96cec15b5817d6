package io.ember.benchmarks.nexmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.Session;
import io.ember.api.streaming.StreamingQuery;
import io.ember.api.streaming.Trigger;
import io.ember.core.data.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ember's Nexmark queries on a tiny input (30,000 events, 1 ms of event time apart: 30 s, three 10 s windows)
 * against plain-Java answers over the same generated events, compared by digest; windowed queries on the rows
 * the watermark closed (their time before the last event's minus the delay and a window). Each stream is read by
 * one reader, in event-time order, so no row is late however the epochs are cut.
 */
class NexmarkQueriesTest {
  private static final long EVENTS = 30_000;
  private static final long DELAY_MICROS = 1_000;
  private static final NexmarkGenerator G = new NexmarkGenerator(NexmarkQueries.SEED, DELAY_MICROS);
  private static final long WINDOW_MS = 10_000;
  private static Session spark;

  @BeforeAll
  static void start() {
    spark = Session.builder().master("local[2]").appName("nexmark-test").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"q0", "q1", "q2", "q3", "q7", "q8"})
  void emberAnswersAsThePlainJavaQuery(String q) throws Exception {
    // One reader per stream: with two, a reader that runs ahead can move the stream's watermark (Spark's: the
    // largest event time seen minus the delay) past rows the other has not emitted yet, which are then dropped as
    // late; how many depends on scheduling, and the plain-Java answer drops none.
    StreamingQuery query = new NexmarkDataFrames(spark, EVENTS, 1, DELAY_MICROS).query(q)
        .writeStream().outputMode("append").format("memory").queryName("nexmark_" + q)
        .trigger(Trigger.AvailableNow()).start();
    query.awaitTermination();
    query.exception().ifPresent(e -> {
      throw e;
    });
    List<Object[]> rows = new ArrayList<>();
    for (Row r : spark.table("nexmark_" + q).collectAsList()) {
      rows.add(r.toArray());
    }
    int timeColumn = NexmarkQueries.timeColumn(q);
    long cutoff = (G.timestamp(EVENTS - 1) - WINDOW_MS) * 1000 - NexmarkQueries.WATERMARK_DELAY_MICROS;
    String expected = RowDigest.of(oracle(q), timeColumn, cutoff);
    String actual = RowDigest.of(rows, timeColumn, cutoff);
    assertTrue(!RowDigest.closedPart(expected).startsWith("0,"), "the test input must give closed rows: " + expected);
    assertEquals(RowDigest.closedPart(expected), RowDigest.closedPart(actual), q);
  }

  /**
   * q4, an updating aggregation feeding another, in update mode as {@link NexmarkJob} runs it: the last row of each
   * category ({@link LatestRows}) is the average highest bid per category over every event, which is Flink's
   * changelog materialized.
   */
  @Test
  void q4AnswersAsThePlainJavaQueryInUpdateMode() throws Exception {
    LatestRows latest = new LatestRows();
    StreamingQuery query = new NexmarkDataFrames(spark, EVENTS, 1, DELAY_MICROS).query("q4")
        .writeStream().outputMode("update")
        .foreachBatch((batch, id) -> batch.collectAsList().forEach(r -> latest.put(r.toArray())))
        .trigger(Trigger.AvailableNow()).start();
    query.awaitTermination();
    query.exception().ifPresent(e -> {
      throw e;
    });
    RowDigest actual = new RowDigest(-1, 0);
    latest.digestInto(actual);
    List<Object[]> expected = oracle("q4");
    assertTrue(expected.size() > 1, "the test input must give several categories");
    assertEquals(RowDigest.of(expected, -1, 0), actual.result());
  }

  private static List<Object[]> oracle(String q) {
    List<NexmarkGenerator.Person> persons = new ArrayList<>();
    List<NexmarkGenerator.Auction> auctions = new ArrayList<>();
    List<NexmarkGenerator.Bid> bids = new ArrayList<>();
    for (long i = 0; i < EVENTS; i++) {
      switch (NexmarkGenerator.kindOf(i)) {
        case PERSON -> persons.add(G.person(i));
        case AUCTION -> auctions.add(G.auction(i));
        case BID -> bids.add(G.bid(i));
      }
    }
    List<Object[]> out = new ArrayList<>();
    switch (q) {
      case "q0" -> bids.forEach(b -> out.add(new Object[] {b.auction(), b.bidder(), b.price(), time(b.dateTime()),
          b.extra()}));
      case "q1" -> bids.forEach(b -> out.add(new Object[] {b.auction(), b.bidder(),
          new BigDecimal("0.908").multiply(BigDecimal.valueOf(b.price())), time(b.dateTime()), b.extra()}));
      case "q2" -> bids.stream().filter(b -> b.auction() % 123 == 0)
          .forEach(b -> out.add(new Object[] {b.auction(), b.price()}));
      case "q3" -> {
        Map<Long, NexmarkGenerator.Person> byId = new HashMap<>();
        persons.stream().filter(p -> Set.of("OR", "ID", "CA").contains(p.state())).forEach(p -> byId.put(p.id(), p));
        for (NexmarkGenerator.Auction a : auctions) {
          NexmarkGenerator.Person p = byId.get(a.seller());
          if (a.category() == 10 && p != null) {
            out.add(new Object[] {p.name(), p.city(), p.state(), a.id()});
          }
        }
      }
      case "q4" -> {
        Map<Long, NexmarkGenerator.Auction> byId = new HashMap<>();
        auctions.forEach(a -> byId.put(a.id(), a));
        Map<Long, Long> highest = new HashMap<>();
        for (NexmarkGenerator.Bid b : bids) {
          NexmarkGenerator.Auction a = byId.get(b.auction());
          if (a != null && b.dateTime() >= a.dateTime() && b.dateTime() <= a.expires()) {
            highest.merge(a.id(), b.price(), Math::max);
          }
        }
        Map<Long, long[]> perCategory = new HashMap<>();
        highest.forEach((id, price) -> {
          long[] s = perCategory.computeIfAbsent(byId.get(id).category(), c -> new long[2]);
          s[0]++;
          s[1] += price;
        });
        perCategory.forEach((c, s) -> out.add(new Object[] {c, (double) s[1] / s[0]}));
      }
      case "q7" -> {
        Map<Long, Long> maxByWindowEnd = new HashMap<>();
        for (NexmarkGenerator.Bid b : bids) {
          maxByWindowEnd.merge(Math.floorDiv(b.dateTime(), WINDOW_MS) * WINDOW_MS + WINDOW_MS, b.price(), Math::max);
        }
        for (NexmarkGenerator.Bid b : bids) {
          maxByWindowEnd.forEach((end, max) -> {
            if (b.price() == max && b.dateTime() >= end - WINDOW_MS && b.dateTime() <= end) {
              out.add(new Object[] {b.auction(), b.price(), b.bidder(), time(b.dateTime()), b.extra()});
            }
          });
        }
      }
      case "q8" -> {
        Set<List<Long>> sellers = new HashSet<>();
        auctions.forEach(a -> sellers.add(List.of(a.seller(), Math.floorDiv(a.dateTime(), WINDOW_MS))));
        for (NexmarkGenerator.Person p : persons) {
          long w = Math.floorDiv(p.dateTime(), WINDOW_MS);
          if (sellers.contains(List.of(p.id(), w))) {
            out.add(new Object[] {p.id(), p.name(), time(w * WINDOW_MS)});
          }
        }
      }
      default -> throw new IllegalArgumentException(q);
    }
    return out;
  }

  private static Instant time(long millis) {
    return Instant.ofEpochMilli(millis);
  }
}
