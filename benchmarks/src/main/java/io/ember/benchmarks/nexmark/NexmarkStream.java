package io.ember.benchmarks.nexmark;

import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.List;

/**
 * The three Nexmark streams (persons, auctions, bids), each the events of one kind out of the one event sequence
 * of {@link NexmarkGenerator}, and how a reader partition walks them.
 *
 * <p>Partition {@code p} of {@code P} reads the cycles {@code c} with {@code c mod P = p}, in order, and within a
 * cycle this stream's events in order: its {@code k}-th event is event
 * {@code 50 ((k / perCycle) P + p) + firstInCycle + k mod perCycle}. Each partition's events are in event-time
 * order, and the partitions advance through event time side by side. Replayable offsets are the ordinals
 * {@code k}.
 */
public enum NexmarkStream {
  PERSON(NexmarkGenerator.PERSONS_PER_CYCLE, 0,
      List.of("id", "name", "emailAddress", "creditCard", "city", "state", "dateTime", "extra")),
  AUCTION(NexmarkGenerator.AUCTIONS_PER_CYCLE, NexmarkGenerator.PERSONS_PER_CYCLE,
      List.of("id", "itemName", "description", "initialBid", "reserve", "dateTime", "expires", "seller", "category",
          "extra")),
  BID(NexmarkGenerator.BIDS_PER_CYCLE, NexmarkGenerator.PERSONS_PER_CYCLE + NexmarkGenerator.AUCTIONS_PER_CYCLE,
      List.of("auction", "bidder", "price", "dateTime", "extra"));

  private final int perCycle;
  private final int firstInCycle;
  private final List<String> columns;

  NexmarkStream(int perCycle, int firstInCycle, List<String> columns) {
    this.perCycle = perCycle;
    this.firstInCycle = firstInCycle;
    this.columns = columns;
  }

  /** Events of this kind per cycle of {@value NexmarkGenerator#TOTAL}. */
  public int perCycle() {
    return perCycle;
  }

  /** The column names, in the order of the records' components. */
  public List<String> columns() {
    return columns;
  }

  /** The event number of the {@code k}-th event of partition {@code p} of {@code partitions}. */
  public long eventId(long k, int p, int partitions) {
    long cycle = (k / perCycle) * partitions + p;
    return cycle * NexmarkGenerator.TOTAL + firstInCycle + k % perCycle;
  }

  /** How many of this stream's events partition {@code p} of {@code partitions} holds among the first {@code events}. */
  public long countIn(long events, int p, int partitions) {
    long fullCycles = events / NexmarkGenerator.TOTAL;
    long mine = fullCycles / partitions + (p < fullCycles % partitions ? 1 : 0);
    long count = mine * perCycle;
    long partialCycle = fullCycles;
    if (partialCycle % partitions == p) {
      long left = events - partialCycle * NexmarkGenerator.TOTAL;
      count += Math.max(0, Math.min(perCycle, left - firstInCycle));
    }
    return count;
  }

  /** The Ember schema: ids, prices and categories {@code bigint}, times {@code timestamp}, the rest strings. */
  public StructType schema() {
    var fields = new java.util.ArrayList<io.ember.core.types.StructField>();
    for (String c : columns) {
      fields.add(DataTypes.field(c, switch (c) {
        case "dateTime", "expires" -> DataTypes.TIMESTAMP;
        case "id", "initialBid", "reserve", "seller", "category", "auction", "bidder", "price" -> DataTypes.LONG;
        default -> DataTypes.STRING;
      }));
    }
    return DataTypes.struct(fields.toArray(io.ember.core.types.StructField[]::new));
  }

  /** The stream's name as the queries call it: {@code person}, {@code auction}, {@code bid}. */
  public String tableName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Event {@code i} (of this kind) as the generator's record: a {@code Person}, {@code Auction} or {@code Bid}. */
  public Record event(NexmarkGenerator g, long i) {
    return switch (this) {
      case PERSON -> g.person(i);
      case AUCTION -> g.auction(i);
      case BID -> g.bid(i);
    };
  }

  /**
   * Column {@code column} of {@code event} (a record of this stream, as {@link #event}), a {@code bigint} or
   * {@code timestamp} column: the long as {@link #values} gives it (times as ms since 1970).
   *
   * @throws IllegalArgumentException if the column is a string column
   */
  public long longValue(Record event, int column) {
    return switch (this) {
      case PERSON -> {
        NexmarkGenerator.Person p = (NexmarkGenerator.Person) event;
        yield switch (column) {
          case 0 -> p.id();
          case 6 -> p.dateTime();
          default -> throw notA("bigint or timestamp", column);
        };
      }
      case AUCTION -> {
        NexmarkGenerator.Auction a = (NexmarkGenerator.Auction) event;
        yield switch (column) {
          case 0 -> a.id();
          case 3 -> a.initialBid();
          case 4 -> a.reserve();
          case 5 -> a.dateTime();
          case 6 -> a.expires();
          case 7 -> a.seller();
          case 8 -> a.category();
          default -> throw notA("bigint or timestamp", column);
        };
      }
      case BID -> {
        NexmarkGenerator.Bid b = (NexmarkGenerator.Bid) event;
        yield switch (column) {
          case 0 -> b.auction();
          case 1 -> b.bidder();
          case 2 -> b.price();
          case 3 -> b.dateTime();
          default -> throw notA("bigint or timestamp", column);
        };
      }
    };
  }

  /**
   * Column {@code column} of {@code event} (a record of this stream, as {@link #event}), a string column.
   *
   * @throws IllegalArgumentException if the column is not a string column
   */
  public String stringValue(Record event, int column) {
    return switch (this) {
      case PERSON -> {
        NexmarkGenerator.Person p = (NexmarkGenerator.Person) event;
        yield switch (column) {
          case 1 -> p.name();
          case 2 -> p.emailAddress();
          case 3 -> p.creditCard();
          case 4 -> p.city();
          case 5 -> p.state();
          case 7 -> p.extra();
          default -> throw notA("string", column);
        };
      }
      case AUCTION -> {
        NexmarkGenerator.Auction a = (NexmarkGenerator.Auction) event;
        yield switch (column) {
          case 1 -> a.itemName();
          case 2 -> a.description();
          case 9 -> a.extra();
          default -> throw notA("string", column);
        };
      }
      case BID -> {
        if (column != 4) {
          throw notA("string", column);
        }
        yield ((NexmarkGenerator.Bid) event).extra();
      }
    };
  }

  private IllegalArgumentException notA(String kind, int column) {
    return new IllegalArgumentException("Column " + column + " of " + tableName() + " is not a " + kind + " column");
  }

  /**
   * Event {@code i} (of this kind) as its column values: longs, strings, and times as ms since 1970 (longs). The
   * same values as {@link #event} with {@link #longValue}/{@link #stringValue}, boxed.
   */
  public Object[] values(NexmarkGenerator g, long i) {
    return switch (this) {
      case PERSON -> {
        NexmarkGenerator.Person p = g.person(i);
        yield new Object[] {p.id(), p.name(), p.emailAddress(), p.creditCard(), p.city(), p.state(), p.dateTime(),
            p.extra()};
      }
      case AUCTION -> {
        NexmarkGenerator.Auction a = g.auction(i);
        yield new Object[] {a.id(), a.itemName(), a.description(), a.initialBid(), a.reserve(), a.dateTime(),
            a.expires(), a.seller(), a.category(), a.extra()};
      }
      case BID -> {
        NexmarkGenerator.Bid b = g.bid(i);
        yield new Object[] {b.auction(), b.bidder(), b.price(), b.dateTime(), b.extra()};
      }
    };
  }
}
