package io.ember.operators.state;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/** Keeps state tables in {@link HashMap}s on the Java heap: the fastest backend while state fits the heap. */
public final class HeapStateBackend implements StateBackend {
  /** The shared instance; the backend itself holds nothing. */
  public static final HeapStateBackend INSTANCE = new HeapStateBackend();

  /** Bytes a map entry costs beyond its key and value arrays (entry, key wrapper, array headers). */
  private static final long ENTRY_OVERHEAD_BYTES = 96;

  private HeapStateBackend() {}

  @Override
  public StateTable createTable(String name, long expectedEntries, int averageKeyBytes, int averageValueBytes) {
    return new Table();
  }

  @Override
  public String name() {
    return "heap";
  }

  private static final class Table implements StateTable {
    private Map<ByteKey, byte[]> map = new HashMap<>();
    private long bytes;

    @Override
    public byte[] get(byte[] key) {
      return map.get(new ByteKey(key));
    }

    @Override
    public void put(byte[] key, byte[] value) {
      replace(new ByteKey(key), value);
    }

    @Override
    public boolean remove(byte[] key) {
      return removeValue(new ByteKey(key)) != null;
    }

    @Override
    public byte[] get(ByteKey key) {
      return map.get(key);
    }

    @Override
    public byte[] replace(ByteKey key, byte[] value) {
      byte[] old = map.put(key, value);
      bytes += value.length - (old == null ? -key.bytes().length - ENTRY_OVERHEAD_BYTES : old.length);
      return old;
    }

    @Override
    public byte[] removeValue(ByteKey key) {
      byte[] old = map.remove(key);
      if (old != null) {
        bytes -= key.bytes().length + old.length + ENTRY_OVERHEAD_BYTES;
      }
      return old;
    }

    @Override
    public void forEach(BiConsumer<byte[], byte[]> visitor) {
      map.forEach((k, v) -> visitor.accept(k.bytes(), v));
    }

    @Override
    public long removeIf(BiPredicate<byte[], byte[]> test) {
      long removed = 0;
      for (Iterator<Map.Entry<ByteKey, byte[]>> it = map.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<ByteKey, byte[]> e = it.next();
        if (test.test(e.getKey().bytes(), e.getValue())) {
          bytes -= e.getKey().bytes().length + e.getValue().length + ENTRY_OVERHEAD_BYTES;
          it.remove();
          removed++;
        }
      }
      return removed;
    }

    @Override
    public long size() {
      return map.size();
    }

    @Override
    public long memoryBytes() {
      return bytes;
    }

    @Override
    public void clear() {
      map.clear();
      bytes = 0;
    }

    @Override
    public void close() {
      map = Map.of();
      bytes = 0;
    }
  }
}
