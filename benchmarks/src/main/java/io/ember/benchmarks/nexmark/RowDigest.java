package io.ember.benchmarks.nexmark;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An order-independent digest of a query's output rows, the same for every engine: the number of rows and the sum
 * (mod 2^64) of a 64-bit hash of each row, over all rows and over the "closed" rows, those whose time column is
 * before a cutoff. Two outputs with the same rows, in any order and any partitioning, have the same digest; a row
 * missing, extra or repeated changes it.
 *
 * <p>Values are hashed by what they mean, not by their engine's class: integers of any width alike, decimals by
 * their value whatever their scale, times ({@link Instant}, or a {@link LocalDateTime} read as UTC) by their µs
 * since 1970, a window struct (an {@code io.ember.core.data.Row} of start and end) by its start, which is the
 * column Flink's window table functions call {@code window_start}. Thread-safe: writers of several partitions
 * add to one digest.
 */
public final class RowDigest {
  private static final long NULL_HASH = 0x5bd1e9955bd1e995L;

  private final int timeColumn;
  private final long cutoffMicros;
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong sum = new AtomicLong();
  private final AtomicLong closedRows = new AtomicLong();
  private final AtomicLong closedSum = new AtomicLong();

  /**
   * @param timeColumn the output column whose time decides whether a row is closed, or -1 (every row is)
   * @param cutoffMicros rows whose time is before this (µs since 1970) are closed
   */
  public RowDigest(int timeColumn, long cutoffMicros) {
    this.timeColumn = timeColumn;
    this.cutoffMicros = cutoffMicros;
  }

  /** A partial digest kept by one writer without synchronization, added to its digest at once by {@link #flush}. */
  public final class Part {
    private long rowsPart;
    private long sumPart;
    private long closedRowsPart;
    private long closedSumPart;

    /** Adds a row given as its values (a window struct by its start, see the class comment). */
    public void add(Object[] values) {
      long h = rowHash(values);
      rowsPart++;
      sumPart += h;
      if (timeColumn < 0 || micros(values[timeColumn]) < cutoffMicros) {
        closedRowsPart++;
        closedSumPart += h;
      }
    }

    /** Adds what this part holds to the digest and empties it; returns the rows it held. */
    public long flush() {
      long flushed = rowsPart;
      rows.addAndGet(rowsPart);
      sum.addAndGet(sumPart);
      closedRows.addAndGet(closedRowsPart);
      closedSum.addAndGet(closedSumPart);
      rowsPart = 0;
      sumPart = 0;
      closedRowsPart = 0;
      closedSumPart = 0;
      return flushed;
    }
  }

  /** A new partial digest of this digest. */
  public Part part() {
    return new Part();
  }

  /** The result row: {@code rows,sum,closed_rows,closed_sum} (sums in hex). */
  public String result() {
    return rows.get() + "," + Long.toHexString(sum.get()) + "," + closedRows.get() + ","
        + Long.toHexString(closedSum.get());
  }

  /** The closed part of a {@link #result} row: {@code closed_rows,closed_sum}. */
  public static String closedPart(String result) {
    String[] f = result.split(",");
    return f[2] + "," + f[3];
  }

  /** A row's hash: its values' hashes combined in column order. */
  public static long rowHash(Object[] values) {
    long h = 0x243F6A8885A308D3L;
    for (Object v : values) {
      h = mix(h * 31 + valueHash(v));
    }
    return h;
  }

  /** A value's hash by its meaning (see the class comment). */
  public static long valueHash(Object v) {
    if (v == null) {
      return NULL_HASH;
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return mix(((Number) v).longValue());
    } else if (v instanceof BigDecimal d) {
      return stringHash(d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
    } else if (v instanceof Double d) {
      return mix(Double.doubleToLongBits(d == 0.0 ? 0.0 : d));
    } else if (v instanceof String s) {
      return stringHash(s);
    } else if (v instanceof Instant || v instanceof LocalDateTime || v instanceof io.ember.core.data.Row) {
      return mix(micros(v) ^ 0x7A3D1E4F00000000L);
    } else if (v instanceof Boolean b) {
      return b ? 0x1L : 0x2L;
    }
    throw new IllegalArgumentException("No digest for a " + v.getClass().getName() + ": " + v);
  }

  /** µs since 1970 of a time value: an instant, a local date-time read as UTC, a window struct's start. */
  public static long micros(Object v) {
    if (v instanceof Instant t) {
      return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    } else if (v instanceof LocalDateTime t) {
      return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
    } else if (v instanceof io.ember.core.data.Row r) {
      return micros(r.get(0));
    }
    throw new IllegalArgumentException("Not a time: " + v);
  }

  /** The digest of rows given at once (tests, oracles). */
  public static String of(List<Object[]> rows, int timeColumn, long cutoffMicros) {
    RowDigest d = new RowDigest(timeColumn, cutoffMicros);
    Part p = d.part();
    rows.forEach(p::add);
    p.flush();
    return d.result();
  }

  private static long stringHash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return mix(h);
  }

  private static long mix(long z) {
    return NexmarkGenerator.Rng.mix(z + 0x9E3779B97F4A7C15L);
  }
}
