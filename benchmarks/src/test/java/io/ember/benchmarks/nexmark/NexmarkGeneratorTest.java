package io.ember.benchmarks.nexmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Batch;
import io.ember.core.data.LongVector;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NexmarkGeneratorTest {
  private static final NexmarkGenerator G = new NexmarkGenerator(7, 10);

  @Test
  void theSameSeedMakesTheSameEventsAndAnotherSeedOthers() {
    NexmarkGenerator again = new NexmarkGenerator(7, 10);
    NexmarkGenerator other = new NexmarkGenerator(8, 10);
    for (long i = 0; i < 5_000; i++) {
      NexmarkStream kind = NexmarkGenerator.kindOf(i);
      assertEquals(List.of(kind.values(G, i)), List.of(kind.values(again, i)));
    }
    assertNotEquals(G.bid(4_321), other.bid(4_321));
  }

  @Test
  void eventsComeInCyclesOfOnePersonThreeAuctionsAndFortySixBids() {
    int[] counts = new int[3];
    for (long i = 0; i < 50_000; i++) {
      counts[NexmarkGenerator.kindOf(i).ordinal()]++;
    }
    assertEquals(1_000, counts[NexmarkStream.PERSON.ordinal()]);
    assertEquals(3_000, counts[NexmarkStream.AUCTION.ordinal()]);
    assertEquals(46_000, counts[NexmarkStream.BID.ordinal()]);
  }

  @Test
  void idsPricesCategoriesAndTimesFollowTheNexmarkRules() {
    long lastTime = Long.MIN_VALUE;
    Set<Long> auctionIds = new HashSet<>();
    long bidBytes = 0;
    int bids = 0;
    for (long i = 0; i < 100_000; i++) {
      long t = G.timestamp(i);
      assertTrue(t >= lastTime);
      lastTime = t;
      assertEquals(NexmarkGenerator.BASE_MILLIS + i * 10 / 1000, t);
      switch (NexmarkGenerator.kindOf(i)) {
        case PERSON -> {
          NexmarkGenerator.Person p = G.person(i);
          assertEquals(1000 + i / 50, p.id());
          assertTrue(List.of("AZ", "CA", "ID", "OR", "WA", "WY").contains(p.state()));
        }
        case AUCTION -> {
          NexmarkGenerator.Auction a = G.auction(i);
          assertEquals(1000 + 3 * (i / 50) + (i % 50 - 1), a.id());
          assertTrue(auctionIds.add(a.id()));
          assertTrue(a.category() >= 10 && a.category() <= 14);
          // sellers are people created so far, or one of the next 10 ids
          assertTrue(a.seller() >= 1000 && a.seller() <= 1000 + i / 50 + 10);
          assertTrue(a.expires() > a.dateTime());
          assertTrue(a.reserve() >= a.initialBid());
        }
        case BID -> {
          NexmarkGenerator.Bid b = G.bid(i);
          long lastAuction = 1000 + 3 * (i / 50) + 2;
          assertTrue(b.auction() >= 1000 && b.auction() <= lastAuction + 10, "auction " + b.auction());
          assertTrue(b.bidder() >= 1000 && b.bidder() <= 1000 + i / 50 + 10);
          assertTrue(b.price() >= 100 && b.price() <= 100_000_000);
          bidBytes += 32 + b.extra().length();
          bids++;
        }
      }
    }
    double average = (double) bidBytes / bids;
    assertTrue(average > 90 && average < 110, "average bid size " + average);
  }

  @Test
  void partitionsWalkEachStreamsEventsOnceInEventTimeOrder() {
    for (NexmarkStream s : NexmarkStream.values()) {
      for (int partitions : new int[] {1, 2, 3}) {
        for (long events : new long[] {1, 3, 4, 49, 50, 51, 149, 150, 1_000, 1_037}) {
          Set<Long> seen = new HashSet<>();
          for (int p = 0; p < partitions; p++) {
            long count = s.countIn(events, p, partitions);
            long last = -1;
            for (long k = 0; k < count; k++) {
              long id = s.eventId(k, p, partitions);
              assertTrue(id > last && id < events);
              assertEquals(s, NexmarkGenerator.kindOf(id));
              assertTrue(seen.add(id));
              last = id;
            }
          }
          long expected = 0;
          for (long i = 0; i < events; i++) {
            expected += NexmarkGenerator.kindOf(i) == s ? 1 : 0;
          }
          assertEquals(expected, seen.size(), s + " " + partitions + " " + events);
        }
      }
    }
  }

  @Test
  void theSourceReplaysFromItsOffsets() {
    Source source = new NexmarkSource(NexmarkStream.BID, 10_000, 2, 7, 10).availableNow();
    List<SourceSplit> splits = source.planSplits(2);
    SourceReader first = source.createReader(List.of(splits.get(1)), new ReaderContext(1, 2, 100, null));
    List<Batch> batches = new ArrayList<>();
    first.pollNext(batches::add);
    byte[] offsets = first.snapshotOffsets(1);
    List<Batch> rest = new ArrayList<>();
    while (first.pollNext(rest::add) != SourceReader.Status.END_OF_INPUT) {
      // drain
    }
    SourceReader replay = source.createReader(List.of(splits.get(1)), new ReaderContext(1, 2, 100, null));
    replay.restoreOffsets(offsets);
    List<Batch> replayed = new ArrayList<>();
    while (replay.pollNext(replayed::add) != SourceReader.Status.END_OF_INPUT) {
      // drain
    }
    assertEquals(prices(rest), prices(replayed));
    assertEquals(NexmarkStream.BID.countIn(10_000, 1, 2), prices(batches).size() + prices(rest).size());
    long firstEvent = NexmarkStream.BID.eventId(0, 1, 2);
    assertEquals(G.bid(firstEvent).price(), prices(batches).get(0));
    assertEquals(G.timestamp(firstEvent) * 1000, ((LongVector) batches.get(0).column(3)).getLong(0));
  }

  private static List<Long> prices(List<Batch> batches) {
    List<Long> out = new ArrayList<>();
    for (Batch b : batches) {
      LongVector v = (LongVector) b.column(2);
      for (int r = 0; r < b.numRows(); r++) {
        out.add(v.getLong(r));
      }
    }
    return out;
  }

  @Test
  void theDigestIgnoresOrderAndEngineClassesButNotRows() {
    Instant t = Instant.parse("2026-01-01T00:00:01.234Z");
    Object[] a = {1L, "x", t, new BigDecimal("1.500")};
    Object[] b = {2L, "y", t, new BigDecimal("0.908")};
    Object[] aAsFlink = {1, "x", LocalDateTime.ofInstant(t, ZoneOffset.UTC), new BigDecimal("1.5")};
    String digest = RowDigest.of(List.of(a, b), -1, 0);
    assertEquals(digest, RowDigest.of(List.of(b, aAsFlink), -1, 0));
    assertNotEquals(digest, RowDigest.of(List.of(a, b, b), -1, 0));
    assertNotEquals(digest, RowDigest.of(List.<Object[]>of(a), -1, 0));
    long cutoff = RowDigest.micros(t) + 1;
    assertEquals("1", RowDigest.closedPart(RowDigest.of(List.of(new Object[] {t}, new Object[] {t.plusSeconds(1)}), 0,
        cutoff)).split(",")[0]);
  }
}
