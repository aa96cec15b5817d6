package io.ember.operators.state.offheap;

import io.ember.core.errors.EmberRuntimeException;
import io.ember.operators.state.StateTable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * A {@link StateTable} in an off-heap {@link ChronicleMap} of byte arrays. The map is made at the first insert,
 * so a task that never stores state allocates nothing. Chronicle maps have a fixed
 * capacity: the map is created for the expected entries with {@link #HEADROOM}, and when an insert fails
 * because it is full (or an entry is far larger than the sizes it was made for) the table copies its entries
 * into a map twice as large (with sizes that fit the entry) and retries.
 *
 * <p>Owned by one task; not thread-safe (the map itself is, but the table swaps maps when it grows).
 */
final class ChronicleStateTable implements StateTable {
  /** Capacity relative to the expected entry count. */
  static final double HEADROOM = 1.5;
  /** The smallest capacity a map is made with. */
  static final long MIN_ENTRIES = 1024;
  /** The system property that keeps Chronicle from contacting its analytics host. */
  static final String ANALYTICS_PROPERTY = "chronicle.analytics.disable";
  /** How many times one insert may grow the map before giving up. */
  private static final int MAX_GROWTHS_PER_PUT = 8;

  private final String name;
  /** Null until the first insert. */
  private ChronicleMap<byte[], byte[]> map;
  private boolean closed;
  private long capacity;
  private int averageKeyBytes;
  private int averageValueBytes;
  private int growths;

  ChronicleStateTable(String name, long expectedEntries, int averageKeyBytes, int averageValueBytes) {
    this.name = name;
    this.capacity = Math.max(MIN_ENTRIES, (long) Math.ceil(expectedEntries * HEADROOM));
    this.averageKeyBytes = Math.max(1, averageKeyBytes);
    this.averageValueBytes = Math.max(1, averageValueBytes);
  }

  /** The map, or null when nothing was stored yet; fails once the table is closed. */
  private ChronicleMap<byte[], byte[]> map() {
    if (closed) {
      throw new IllegalStateException("The off-heap state table " + name + " is closed");
    }
    return map;
  }

  static {
    // Chronicle contacts an analytics host at start unless told not to; an explicit setting is kept.
    if (System.getProperty(ANALYTICS_PROPERTY) == null) {
      System.setProperty(ANALYTICS_PROPERTY, "true");
    }
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
      throw new EmberRuntimeException("STATE_STORE_UNAVAILABLE", "Cannot create the off-heap state table " + name
          + " (" + e + "). Off-heap state needs the JVM flags Ember's launcher sets (--add-exports and --add-opens"
          + " for Chronicle Map); run with them or set ember.streaming.stateStore=heap.", e);
    }
  }

  /** The number of entries the current map was made for. */
  long capacity() {
    return capacity;
  }

  /** How many times the table was rebuilt into a larger map. */
  int growths() {
    return growths;
  }

  @Override
  public byte[] get(byte[] key) {
    ChronicleMap<byte[], byte[]> m = map();
    return m == null ? null : m.get(key);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    if (map() == null) {
      map = newMap();
    }
    for (int attempt = 0; ; attempt++) {
      try {
        map.put(key, value);
        return;
      } catch (IllegalStateException | IllegalArgumentException full) {
        if (attempt == MAX_GROWTHS_PER_PUT) {
          throw new EmberRuntimeException("STATE_STORE_FULL", "The off-heap state table " + name + " cannot store an"
              + " entry of " + key.length + " key bytes and " + value.length + " value bytes after growing it to "
              + capacity + " entries: " + full.getMessage() + ". Use ember.streaming.stateStore=heap.", full);
        }
        grow(key.length, value.length);
      }
    }
  }

  /** Copies every entry into a map of twice the capacity, with average sizes that fit the failed entry. */
  private void grow(int keyBytes, int valueBytes) {
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

  @Override
  public boolean remove(byte[] key) {
    ChronicleMap<byte[], byte[]> m = map();
    return m != null && m.remove(key) != null;
  }

  @Override
  public void forEach(BiConsumer<byte[], byte[]> visitor) {
    ChronicleMap<byte[], byte[]> m = map();
    if (m == null) {
      return;
    }
    m.forEachEntry(e -> visitor.accept(e.key().getUsing(null), e.value().getUsing(null)));
  }

  @Override
  public long removeIf(BiPredicate<byte[], byte[]> test) {
    ChronicleMap<byte[], byte[]> m = map();
    if (m == null) {
      return 0;
    }
    List<byte[]> doomed = new ArrayList<>();
    m.forEachEntry(e -> {
      byte[] k = e.key().getUsing(null);
      if (test.test(k, e.value().getUsing(null))) {
        doomed.add(k);
      }
    });
    for (byte[] k : doomed) {
      m.remove(k);
    }
    return doomed.size();
  }

  @Override
  public long size() {
    ChronicleMap<byte[], byte[]> m = map();
    return m == null ? 0 : m.longSize();
  }

  @Override
  public long memoryBytes() {
    ChronicleMap<byte[], byte[]> m = map();
    return m == null ? 0 : m.offHeapMemoryUsed();
  }

  @Override
  public void clear() {
    ChronicleMap<byte[], byte[]> m = map();
    if (m != null) {
      m.clear();
    }
  }

  @Override
  public void close() {
    if (map != null) {
      map.close();
      map = null;
    }
    closed = true;
  }
}
