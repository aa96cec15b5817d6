package io.ember.operators.state;

import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * Keyed state of one stateful operator instance: a map from encoded keys to encoded values. Keys compare
 * by content. The operator owns the encoding (it usually writes key columns and state fields with Kryo),
 * so the same operator code runs on the heap backend and on the off-heap one.
 *
 * <p>Arrays passed in are not kept by reference by off-heap tables and may be kept by heap tables: callers
 * must not change an array after passing it. Arrays returned must not be changed either.
 *
 * <p>Owned by one task; not thread-safe.
 */
public interface StateTable extends AutoCloseable {
  /** The value under {@code key}, or null. */
  byte[] get(byte[] key);

  /** Stores {@code value} under {@code key}, replacing any value. */
  void put(byte[] key, byte[] value);

  /** Removes {@code key}; true when it was present. */
  boolean remove(byte[] key);

  /**
   * The value under {@code key}, or null: as {@link #get(byte[])}, for a caller that holds the key wrapped already
   * (a heap table then need not hash it again).
   */
  default byte[] get(ByteKey key) {
    return get(key.bytes());
  }

  /** Stores {@code value} under {@code key}, replacing any value; returns the value replaced, or null. */
  default byte[] replace(ByteKey key, byte[] value) {
    byte[] old = get(key.bytes());
    put(key.bytes(), value);
    return old;
  }

  /** Removes {@code key}; returns the value it had, or null when it was absent. */
  default byte[] removeValue(ByteKey key) {
    byte[] old = get(key.bytes());
    if (old != null) {
      remove(key.bytes());
    }
    return old;
  }

  /** Calls {@code visitor} for every entry, in no particular order. The table must not change meanwhile. */
  void forEach(BiConsumer<byte[], byte[]> visitor);

  /** Removes every entry for which {@code test} holds; returns how many. */
  long removeIf(BiPredicate<byte[], byte[]> test);

  /** The number of entries. */
  long size();

  /** An estimate of the bytes the entries occupy, on or off the heap. */
  long memoryBytes();

  /** Removes every entry. */
  void clear();

  /** Releases the table's memory; the table is unusable afterwards. */
  @Override
  void close();
}
