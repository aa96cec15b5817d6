package io.ember.operators.state.offheap;

import io.ember.core.errors.EmberRuntimeException;
import io.ember.operators.state.StateTable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * A {@link StateTable} in an off-heap {@link ChronicleMap} of byte arrays ({@link ChronicleByteMap}). The map is
 * made at the first insert, so a task that never stores state allocates nothing. Chronicle maps have a fixed
 * capacity: the map is created for the expected entries with {@link #HEADROOM}, and when an insert fails
 * because it is full (or an entry is far larger than the sizes it was made for) the table copies its entries
 * into a map twice as large (with sizes that fit the entry) and retries.
 *
 * <p>Owned by one task; not thread-safe (the map itself is, but the table swaps maps when it grows).
 */
final class ChronicleStateTable implements StateTable {
  /** Capacity relative to the expected entry count. */
  static final double HEADROOM = ChronicleByteMap.HEADROOM;
  /** The smallest capacity a map is made with. */
  static final long MIN_ENTRIES = 1024;
  /** How many times one insert may grow the map before giving up. */
  private static final int MAX_GROWTHS_PER_PUT = 8;

  private final String name;
  /** Its map is null until the first insert. */
  private final ChronicleByteMap entries;
  private boolean closed;

  ChronicleStateTable(String name, long expectedEntries, int averageKeyBytes, int averageValueBytes) {
    this.name = name;
    this.entries = new ChronicleByteMap(name, "off-heap state table " + name, "Off-heap state needs the JVM flags"
        + " Ember's launcher sets (--add-exports and --add-opens for Chronicle Map); run with them or set"
        + " ember.streaming.stateStore=heap.", Math.max(MIN_ENTRIES, (long) Math.ceil(expectedEntries * HEADROOM)),
        Math.max(1, averageKeyBytes), Math.max(1, averageValueBytes));
  }

  /** The map, or null when nothing was stored yet; fails once the table is closed. */
  private ChronicleMap<byte[], byte[]> map() {
    if (closed) {
      throw new IllegalStateException("The off-heap state table " + name + " is closed");
    }
    return entries.map();
  }

  /** The number of entries the current map was made for. */
  long capacity() {
    return entries.capacity();
  }

  /** How many times the table was rebuilt into a larger map. */
  int growths() {
    return entries.growths();
  }

  @Override
  public byte[] get(byte[] key) {
    ChronicleMap<byte[], byte[]> m = map();
    return m == null ? null : m.get(key);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    if (map() == null) {
      entries.create();
    }
    for (int attempt = 0; ; attempt++) {
      try {
        entries.map().put(key, value);
        return;
      } catch (IllegalStateException | IllegalArgumentException full) {
        if (attempt == MAX_GROWTHS_PER_PUT) {
          throw new EmberRuntimeException("STATE_STORE_FULL", "The off-heap state table " + name + " cannot store an"
              + " entry of " + key.length + " key bytes and " + value.length + " value bytes after growing it to "
              + entries.capacity() + " entries: " + full.getMessage() + ". Use ember.streaming.stateStore=heap.", full);
        }
        entries.grow(key.length, value.length);
      }
    }
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
    entries.close();
    closed = true;
  }
}
