package io.ember.operators.state.offheap;

import io.ember.core.errors.EmberRuntimeException;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * An off-heap {@link ChronicleMap} of byte arrays that is made on demand and can grow, for the off-heap state
 * tables and the off-heap replica stores. Chronicle maps have a fixed capacity and are sized for an average
 * entry; when an insert fails because the map is full (or its entry is far larger than the sizes the map was
 * made for), {@link #grow} copies every entry into a map twice as large (times {@link #HEADROOM} the entries it
 * holds, if more) with average sizes that fit the entry, and the caller retries.
 *
 * <p>Not thread-safe: {@link #create} and {@link #grow} replace the map, so a caller that shares the map
 * between threads excludes its readers while it calls them.
 */
public final class ChronicleByteMap implements AutoCloseable {
  /** Capacity relative to the entries expected (or held when growing). */
  public static final double HEADROOM = 1.5;
  /** The system property that keeps Chronicle from contacting its analytics host. */
  static final String ANALYTICS_PROPERTY = "chronicle.analytics.disable";

  static {
    // Chronicle contacts an analytics host at start unless told not to; an explicit setting is kept.
    if (System.getProperty(ANALYTICS_PROPERTY) == null) {
      System.setProperty(ANALYTICS_PROPERTY, "true");
    }
  }

  private final String name;
  private final String description;
  private final String unavailableAdvice;
  /** Null until {@link #create}; replaced by {@link #grow}. */
  private ChronicleMap<byte[], byte[]> map;
  private long capacity;
  private int averageKeyBytes;
  private int averageValueBytes;
  private int growths;

  /**
   * A map not made yet.
   *
   * @param name the map's name in Chronicle's logs
   * @param description what holds the map, in errors ({@code off-heap state table t1})
   * @param unavailableAdvice the sentence that ends the error when Chronicle cannot make a map: what it needs
   *     and what to use instead
   * @param capacity the entries the first map is made for
   * @param averageKeyBytes the average key size the first map is made for, at least 1
   * @param averageValueBytes the average value size the first map is made for, at least 1
   */
  public ChronicleByteMap(String name, String description, String unavailableAdvice, long capacity,
      int averageKeyBytes, int averageValueBytes) {
    this.name = name;
    this.description = description;
    this.unavailableAdvice = unavailableAdvice;
    this.capacity = capacity;
    this.averageKeyBytes = averageKeyBytes;
    this.averageValueBytes = averageValueBytes;
  }

  /** The map, or null before {@link #create} and after {@link #close}. */
  public ChronicleMap<byte[], byte[]> map() {
    return map;
  }

  /** Raises the average key size the map will be made for; has no effect once it is made. */
  public void widenAverageKey(int keyBytes) {
    averageKeyBytes = Math.max(averageKeyBytes, keyBytes);
  }

  /**
   * Makes the map if it is not made yet.
   *
   * @return the map
   * @throws EmberRuntimeException {@code STATE_STORE_UNAVAILABLE} when Chronicle cannot make it (JVM flags missing)
   */
  public ChronicleMap<byte[], byte[]> create() {
    if (map == null) {
      map = newMap();
    }
    return map;
  }

  /**
   * Copies every entry into a map twice as large, with average sizes that fit an entry of {@code keyBytes} and
   * {@code valueBytes}, and closes the old map. The map must be made.
   */
  public void grow(int keyBytes, int valueBytes) {
    ChronicleMap<byte[], byte[]> old = map;
    capacity = Math.max(capacity * 2, (long) Math.ceil(old.longSize() * 2 * HEADROOM));
    averageKeyBytes = Math.max(averageKeyBytes, keyBytes / 2);
    averageValueBytes = Math.max(averageValueBytes, valueBytes / 2);
    ChronicleMap<byte[], byte[]> grown = newMap();
    try {
      old.forEachEntry(e -> grown.put(e.key().getUsing(null), e.value().getUsing(null)));
    } catch (RuntimeException e) {
      grown.close();
      throw e;
    }
    map = grown;
    old.close();
    growths++;
  }

  private ChronicleMap<byte[], byte[]> newMap() {
    try {
      return ChronicleMapBuilder.of(byte[].class, byte[].class)
          .name(name)
          .entries(capacity)
          .averageKeySize(averageKeyBytes)
          .averageValueSize(averageValueBytes)
          .create();
    } catch (RuntimeException | LinkageError e) {
      throw new EmberRuntimeException("STATE_STORE_UNAVAILABLE",
          "Cannot create the " + description + " (" + e + "). " + unavailableAdvice, e);
    }
  }

  /** The number of entries the current map was made for (the first map: the constructor's capacity). */
  public long capacity() {
    return capacity;
  }

  /** How many times the map was rebuilt into a larger one. */
  public int growths() {
    return growths;
  }

  /** The off-heap memory the map uses, 0 before it is made. */
  public long memoryBytes() {
    return map == null ? 0 : map.offHeapMemoryUsed();
  }

  /** Closes the map if made; {@link #map()} is null afterwards. */
  @Override
  public void close() {
    if (map != null) {
      map.close();
      map = null;
    }
  }
}
