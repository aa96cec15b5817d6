package io.ember.benchmarks.stream;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The events of the stream workloads, {@code (ts, auction, price)}, as pure functions of the event's index
 * {@code i = 0, 1, 2, ...}, so that every engine computes exactly the same stream from its own sequence source
 * (Ember's {@link EventGeneratorSource}, Flink's {@code fromSequence}, Spark's {@code rate-micro-batch} values)
 * with the same arithmetic, and the windowed answer can be computed here ({@link #windowAnswer}):
 *
 * <ul>
 *   <li>{@code ts} = {@link #EPOCH_MICROS} + i * {@link #MICROS_PER_EVENT}: event time advances 5 µs per event,
 *       200,000 events per second of event time, in order within each partition;
 *   <li>{@code auction} = (i * 7919) mod 1000: every auction in every window;
 *   <li>{@code price} = (i * 104729) mod 100003 (cents).
 * </ul>
 * All arithmetic stays far from overflow for the sizes used (i below 10^9).
 */
public final class StreamEvents {
  /** 2026-01-01T00:00:00Z in µs: the event time of event 0, on a 10 s window boundary. */
  public static final long EPOCH_MICROS = 1_767_225_600_000_000L;
  /** Event time between consecutive events. */
  public static final long MICROS_PER_EVENT = 5;
  /** Distinct auctions. */
  public static final int AUCTIONS = 1000;
  /** The auction multiplier. */
  public static final long AUCTION_FACTOR = 7919;
  /** The price multiplier. */
  public static final long PRICE_FACTOR = 104_729;
  /** The price modulus. */
  public static final long PRICE_MODULUS = 100_003;
  /** S1's tumbling window. */
  public static final long WINDOW_MICROS = 10_000_000;
  /** S1's watermark delay. */
  public static final long WATERMARK_DELAY_MICROS = 2_000_000;

  private StreamEvents() {}

  public static long ts(long i) {
    return EPOCH_MICROS + i * MICROS_PER_EVENT;
  }

  public static long auction(long i) {
    return (i * AUCTION_FACTOR) % AUCTIONS;
  }

  public static long price(long i) {
    return (i * PRICE_FACTOR) % PRICE_MODULUS;
  }

  /** S1's result row as every engine prints it: {@code window_start_us,auction,count,max_price}. */
  public static String windowRow(long windowStartMicros, long auction, long count, long maxPrice) {
    return windowStartMicros + "," + auction + "," + count + "," + maxPrice;
  }

  /**
   * S1's exact answer over events {@code [0, events)}: per 10 s window (in order) and auction (in order), the count
   * and the highest price, as {@link #windowRow} lines.
   */
  public static List<String> windowAnswer(long events) {
    int windows = (int) ((ts(events - 1) - EPOCH_MICROS) / WINDOW_MICROS + 1);
    long[] counts = new long[windows * AUCTIONS];
    long[] max = new long[windows * AUCTIONS];
    for (long i = 0; i < events; i++) {
      int w = (int) ((ts(i) - EPOCH_MICROS) / WINDOW_MICROS);
      int k = w * AUCTIONS + (int) auction(i);
      counts[k]++;
      max[k] = Math.max(max[k], price(i));
    }
    List<String> out = new ArrayList<>();
    for (int w = 0; w < windows; w++) {
      for (int a = 0; a < AUCTIONS; a++) {
        int k = w * AUCTIONS + a;
        if (counts[k] > 0) {
          out.add(windowRow(EPOCH_MICROS + w * WINDOW_MICROS, a, counts[k], max[k]));
        }
      }
    }
    return out;
  }

  /**
   * The windows an append-mode query must have emitted by the end of {@code events} events: those that end at
   * or before the last event time minus the watermark delay minus {@code slackMicros} (the event time one
   * micro-batch or epoch may span, since an engine judges a window closed by the watermark of the previous
   * batch). Windows after that may or may not have been emitted (Flink closes all at the end of a bounded
   * input; Spark and Ember keep the open ones, as Spark does); those emitted must be exact too.
   */
  public static long requiredWindowEndMicros(long events, long slackMicros) {
    return ts(events - 1) - WATERMARK_DELAY_MICROS - slackMicros;
  }

  /**
   * Compares S1 rows (sorted by window start, then auction) with the answer: every emitted window must be
   * complete and exact, and every window ending by {@link #requiredWindowEndMicros} must be there.
   *
   * @return the differences, at most ten lines; empty when the rows are right
   */
  public static List<String> checkWindows(List<String> rows, long events, long slackMicros) {
    return checkWindows(rows, windowAnswer(events), events, slackMicros);
  }

  /** As {@link #checkWindows(List, long, long)} against an {@code answer} computed once. */
  public static List<String> checkWindows(List<String> rows, List<String> answer, long events, long slackMicros) {
    long required = requiredWindowEndMicros(events, slackMicros);
    Set<String> emittedWindows = new HashSet<>();
    for (String r : rows) {
      emittedWindows.add(r.substring(0, r.indexOf(',')));
    }
    List<String> problems = new ArrayList<>();
    int j = 0;
    for (String expected : answer) {
      long start = Long.parseLong(expected.substring(0, expected.indexOf(',')));
      boolean mustHave = start + WINDOW_MICROS <= required;
      if (j < rows.size() && rows.get(j).equals(expected)) {
        j++;
        continue;
      }
      if (mustHave || emittedWindows.contains(Long.toString(start))) {
        problems.add("expected " + expected + " but found " + (j < rows.size() ? rows.get(j) : "nothing"));
        if (problems.size() >= 10) {
          return problems;
        }
      }
    }
    if (j < rows.size() && problems.isEmpty()) {
      problems.add("unexpected row " + rows.get(j) + " (" + (rows.size() - j) + " rows left over)");
    }
    return problems;
  }

  /** The windows in {@code rows} (S1 rows): how many distinct window starts. */
  public static long windowCount(List<String> rows) {
    return rows.stream().map(r -> r.substring(0, r.indexOf(','))).distinct().count();
  }
}
