package io.ember.benchmarks.data;

/**
 * What {@link EventsGenerator} writes: an {@code events.csv} of {@code ts_ms,user_id,item_id,category,price}
 * rows, the same for the same spec on any machine.
 *
 * <p>Exactly one of {@code rows} and {@code minBytes} is positive: the file holds {@code rows} rows, or
 * as many rows as it takes to reach {@code minBytes} bytes (the last row may cross it).
 *
 * @param rows the number of data rows, or 0 when sized by bytes
 * @param minBytes the size to reach, or 0 when sized by rows
 * @param categories the number of distinct {@code category} values, at least 1
 * @param seed the random seed
 */
public record EventsSpec(long rows, long minBytes, int categories, long seed) {
  /** The seed every published figure was measured with. */
  public static final long DEFAULT_SEED = 20_240_101L;
  /** Distinct users, as issue B2's group-by-user workload expects (500k groups). */
  public static final int USERS = 500_000;
  /** Distinct items, as the items table of the join workload has. */
  public static final int ITEMS = 100_000;

  public EventsSpec {
    if ((rows > 0) == (minBytes > 0)) {
      throw new IllegalArgumentException(
          "Give either a row count or a byte size (exactly one positive), got rows=" + rows + ", bytes=" + minBytes);
    }
    if (categories < 1) {
      throw new IllegalArgumentException("categories must be at least 1, got " + categories);
    }
  }

  /** {@code rows} rows over {@code categories} categories. */
  public static EventsSpec ofRows(long rows, int categories, long seed) {
    return new EventsSpec(rows, 0, categories, seed);
  }

  /** At least {@code bytes} bytes of rows over {@code categories} categories. */
  public static EventsSpec ofBytes(long bytes, int categories, long seed) {
    return new EventsSpec(0, bytes, categories, seed);
  }

  /** True when the next row should be written, given what is written so far. */
  boolean wantsMore(long rowsWritten, long bytesWritten) {
    return rows > 0 ? rowsWritten < rows : bytesWritten < minBytes;
  }

  /** A one-line description, stored beside the data to tell whether a file can be reused. */
  public String describe() {
    return "rows=" + rows + " minBytes=" + minBytes + " categories=" + categories + " seed=" + seed;
  }
}
