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
