package io.ember.benchmarks.nexmark;

import java.time.Instant;

/**
 * The Nexmark event generator, as a pure function of the event number: event {@code i} of a run with a given seed
 * is always the same, whichever engine, reader or partition makes it, so a reader can start anywhere (replayable
 * offsets are event numbers) and two engines read the same stream.
 *
 * <p>The rules are the standard Nexmark generator's (Beam, and the Flink Nexmark benchmark after it):
 * <ul>
 *   <li>Events come in cycles of {@value #TOTAL}: in cycle {@code c} (events {@code 50c .. 50c+49}) the first is a
 *       person, the next three auctions, the other 46 bids (proportions 1:3:46).
 *   <li>Event {@code i} happens at {@code BASE + i * interEventDelay} (µs, truncated to the millisecond, as the
 *       reference generator's ms timestamps).
 *   <li>Ids: person {@code 1000 + i/50}; auction {@code 1000 + 3(i/50) + k} for the k-th auction of the cycle.
 *       An auction's seller is, 3 times out of 4, a "hot" person (the latest id rounded down to a multiple of 100),
 *       else one of the last 1,000 people (or one of the next 10 ids, not yet created); its category is one of
 *       {@code 10 .. 14}; its expiry lies within twice the event time 100 auctions take.
 *   <li>A bid's auction is, half the time, a hot auction (the latest id rounded down to a multiple of 100), else one
 *       of the last 100 auctions (or the next 10); its bidder is, 3 times out of 4, a hot bidder (latest person id
 *       rounded down to 100, plus 1), else as a seller; its price {@code round(100 * 10^(6u))} cents for a uniform
 *       {@code u}, so prices spread over six decades.
 *   <li>Names, cities and states come from fixed lists; other strings are random lower-case letters; each event
 *       carries an {@code extra} string that brings it to an average size (person 200, auction 500, bid 100 bytes).
 * </ul>
 * The random draws of event {@code i} come from a generator seeded by the run's seed and {@code i} alone.
 * Beam's newer bid fields {@code channel} and {@code url} are not generated (no query here reads them).
 */
public final class NexmarkGenerator {
  /** Events per cycle, and the persons, auctions and bids in it. */
  public static final int TOTAL = 50;
  public static final int PERSONS_PER_CYCLE = 1;
  public static final int AUCTIONS_PER_CYCLE = 3;
  public static final int BIDS_PER_CYCLE = 46;
  public static final long FIRST_PERSON_ID = 1000;
  public static final long FIRST_AUCTION_ID = 1000;
  public static final long FIRST_CATEGORY_ID = 10;
  static final int CATEGORIES = 5;
  static final int ACTIVE_PEOPLE = 1000;
  static final int PERSON_ID_LEAD = 10;
  static final int IN_FLIGHT_AUCTIONS = 100;
  static final int AUCTION_ID_LEAD = 10;
  /** Hot ids are rounded down to multiples of these. */
  static final int HOT_AUCTION_RATIO = 100;
  static final int HOT_BIDDER_RATIO = 100;
  static final int HOT_SELLER_RATIO = 100;
  /** One draw in this many is not hot (2: half the bids go to hot auctions; 4: a quarter of sellers are not hot). */
  static final int HOT_AUCTIONS_ONE_IN = 2;
  static final int HOT_BIDDERS_ONE_IN = 4;
  static final int HOT_SELLERS_ONE_IN = 4;
  static final int PERSON_BYTES = 200;
  static final int AUCTION_BYTES = 500;
  static final int BID_BYTES = 100;
  /** Event 0's time: 2026-01-01T00:00:00Z, in ms. */
  public static final long BASE_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  private static final String[] FIRST_NAMES =
      {"Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie", "Sarah", "Deiter", "Walter"};
  private static final String[] LAST_NAMES =
      {"Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith", "Jones", "Noris"};
  private static final String[] STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
  private static final String[] CITIES =
      {"Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland", "Bend", "Redmond", "Seattle", "Kent",
          "Cheyenne"};

  private final long seed;
  private final long interEventDelayMicros;

  /**
   * @param seed the run's seed
   * @param interEventDelayMicros event time between two consecutive events, µs (10: 100,000 events per second of
   *     event time)
   */
  public NexmarkGenerator(long seed, long interEventDelayMicros) {
    if (interEventDelayMicros <= 0) {
      throw new IllegalArgumentException("interEventDelayMicros must be positive");
    }
    this.seed = seed;
    this.interEventDelayMicros = interEventDelayMicros;
  }

  /** A person. Times are ms since 1970. */
  public record Person(long id, String name, String emailAddress, String creditCard, String city, String state,
      long dateTime, String extra) {}

  /** An auction. Times are ms since 1970. */
  public record Auction(long id, String itemName, String description, long initialBid, long reserve, long dateTime,
      long expires, long seller, long category, String extra) {}

  /** A bid. The time is ms since 1970. */
  public record Bid(long auction, long bidder, long price, long dateTime, String extra) {}

  public long seed() {
    return seed;
  }

  public long interEventDelayMicros() {
    return interEventDelayMicros;
  }

  /** The kind of event {@code i}. */
  public static NexmarkStream kindOf(long i) {
    long rem = i % TOTAL;
    return rem < PERSONS_PER_CYCLE ? NexmarkStream.PERSON
        : rem < PERSONS_PER_CYCLE + AUCTIONS_PER_CYCLE ? NexmarkStream.AUCTION : NexmarkStream.BID;
  }

  /** Event {@code i}'s time, ms since 1970. */
  public long timestamp(long i) {
    return BASE_MILLIS + i * interEventDelayMicros / 1000;
  }

  /** Event {@code i}, which must be a person. */
  public Person person(long i) {
    Rng r = new Rng(seed, i);
    long id = lastBase0PersonId(i) + FIRST_PERSON_ID;
    String name = FIRST_NAMES[r.nextInt(FIRST_NAMES.length)] + " " + LAST_NAMES[r.nextInt(LAST_NAMES.length)];
    String email = r.letters(7) + "@" + r.letters(5) + ".com";
    String card = digits4(r) + " " + digits4(r) + " " + digits4(r) + " " + digits4(r);
    String city = CITIES[r.nextInt(CITIES.length)];
    String state = STATES[r.nextInt(STATES.length)];
    int size = 8 + name.length() + email.length() + card.length() + city.length() + state.length() + 8;
    return new Person(id, name, email, card, city, state, timestamp(i), extra(r, size, PERSON_BYTES));
  }

  /** Event {@code i}, which must be an auction. */
  public Auction auction(long i) {
    Rng r = new Rng(seed, i);
    long id = lastBase0AuctionId(i) + FIRST_AUCTION_ID;
    long seller = r.nextInt(HOT_SELLERS_ONE_IN) > 0
        ? (lastBase0PersonId(i) / HOT_SELLER_RATIO) * HOT_SELLER_RATIO
        : nextBase0PersonId(i, r);
    seller += FIRST_PERSON_ID;
    long category = FIRST_CATEGORY_ID + r.nextInt(CATEGORIES);
    long initialBid = price(r);
    long time = timestamp(i);
    long expires = time + auctionLengthMillis(i, r, time);
    String itemName = r.letters(20);
    String description = r.letters(100);
    long reserve = initialBid + price(r);
    int size = 8 + itemName.length() + description.length() + 8 + 8 + 8 + 8 + 8;
    return new Auction(id, itemName, description, initialBid, reserve, time, expires, seller, category,
        extra(r, size, AUCTION_BYTES));
  }

  /** Event {@code i}, which must be a bid. */
  public Bid bid(long i) {
    Rng r = new Rng(seed, i);
    long auction = r.nextInt(HOT_AUCTIONS_ONE_IN) > 0
        ? (lastBase0AuctionId(i) / HOT_AUCTION_RATIO) * HOT_AUCTION_RATIO
        : nextBase0AuctionId(i, r);
    long bidder = r.nextInt(HOT_BIDDERS_ONE_IN) > 0
        ? (lastBase0PersonId(i) / HOT_BIDDER_RATIO) * HOT_BIDDER_RATIO + 1
        : nextBase0PersonId(i, r);
    long price = price(r);
    return new Bid(auction + FIRST_AUCTION_ID, bidder + FIRST_PERSON_ID, price, timestamp(i),
        extra(r, 8 + 8 + 8 + 8, BID_BYTES));
  }

  /** The 0-based id of the last person created at or before event {@code i}. */
  static long lastBase0PersonId(long i) {
    return i / TOTAL;
  }

  /** The 0-based id of the last auction created at or before event {@code i} (-1 before the first). */
  static long lastBase0AuctionId(long i) {
    long cycle = i / TOTAL;
    long offset = i % TOTAL;
    if (offset < PERSONS_PER_CYCLE) {
      cycle--;
      offset = AUCTIONS_PER_CYCLE - 1;
    } else if (offset >= PERSONS_PER_CYCLE + AUCTIONS_PER_CYCLE) {
      offset = AUCTIONS_PER_CYCLE - 1;
    } else {
      offset -= PERSONS_PER_CYCLE;
    }
    return cycle * AUCTIONS_PER_CYCLE + offset;
  }

  /** One of the last {@value #ACTIVE_PEOPLE} people, or of the next {@value #PERSON_ID_LEAD} ids. */
  private static long nextBase0PersonId(long i, Rng r) {
    long people = lastBase0PersonId(i) + 1;
    long active = Math.min(people, ACTIVE_PEOPLE);
    return people - active + r.nextLong(active + PERSON_ID_LEAD);
  }

  /** One of the last {@value #IN_FLIGHT_AUCTIONS} auctions, or of the next {@value #AUCTION_ID_LEAD} ids. */
  private static long nextBase0AuctionId(long i, Rng r) {
    long last = lastBase0AuctionId(i);
    long min = Math.max(last - IN_FLIGHT_AUCTIONS, 0);
    return min + r.nextLong(last - min + 1 + AUCTION_ID_LEAD);
  }

  /** Up to twice the event time that {@value #IN_FLIGHT_AUCTIONS} auctions span, at least 1 ms. */
  private long auctionLengthMillis(long i, Rng r, long time) {
    long eventsForAuctions = (long) IN_FLIGHT_AUCTIONS * TOTAL / AUCTIONS_PER_CYCLE;
    long horizon = timestamp(i + eventsForAuctions) - time;
    return 1 + r.nextLong(Math.max(horizon * 2, 1));
  }

  private static long price(Rng r) {
    return Math.round(Math.pow(10.0, r.nextDouble() * 6.0) * 100.0);
  }

  private static String digits4(Rng r) {
    int v = r.nextInt(10_000);
    char[] c = {(char) ('0' + v / 1000), (char) ('0' + v / 100 % 10), (char) ('0' + v / 10 % 10),
        (char) ('0' + v % 10)};
    return new String(c);
  }

  /** Letters bringing an event of {@code size} bytes to about {@code average} (±20%), empty if already there. */
  private static String extra(Rng r, int size, int average) {
    if (size >= average) {
      return "";
    }
    int want = average - size;
    int delta = Math.round(want * 0.2f);
    return r.letters(want - delta + (delta == 0 ? 0 : r.nextInt(2 * delta)));
  }

  /** SplitMix64 seeded by the run's seed and the event number: the draws of one event. */
  static final class Rng {
    private long state;

    Rng(long seed, long event) {
      this.state = mix(seed * 0x9E3779B97F4A7C15L + event);
    }

    long nextLong() {
      state += 0x9E3779B97F4A7C15L;
      return mix(state);
    }

    /** Uniform in {@code [0, bound)}, bound positive. */
    long nextLong(long bound) {
      return Math.floorMod(nextLong(), bound);
    }

    int nextInt(int bound) {
      return (int) nextLong(bound);
    }

    double nextDouble() {
      return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** {@code n} random lower-case letters. */
    String letters(int n) {
      byte[] b = new byte[n];
      long bits = 0;
      int left = 0;
      for (int k = 0; k < n; k++) {
        if (left == 0) {
          bits = nextLong() >>> 1;
          left = 12; // 26^12 < 2^63
        }
        b[k] = (byte) ('a' + (int) (bits % 26));
        bits /= 26;
        left--;
      }
      return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static long mix(long z) {
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }
  }
}
