package io.ember.operators.state;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;

/**
 * A {@link StateTable} that remembers which keys were put or removed since its last {@link #write}, so a snapshot
 * can hold just those entries. Works over any backend's table: the change set lives on the heap and holds the
 * callers' key arrays (which {@link StateTable} already forbids changing).
 *
 * <p>The table stops tracking (and its next section is whole) once more keys changed than it holds, or at least
 * {@link #MIN_TRACKED} did: a delta would then be as large as the table. It also writes a whole section after
 * {@link #clear()} and before its first write.
 *
 * <p>Section format (inside {@link io.ember.operators.StateSnapshots}' operator state): a boolean "whole" (the
 * reader clears the table first), an entry count, then per entry the key (var-int length, bytes) and the value
 * (var-int length + 1, bytes; 0 for a key removed since the last write, never in a whole section).
 */
final class TrackedTable implements StateTable {
  /** The fewest changed keys at which a table gives up tracking because they outnumber its entries. */
  static final int MIN_TRACKED = 1024;
  /** Heap bytes a tracked key costs besides its array, which the table shares with the caller. */
  static final long TRACKING_BYTES_PER_KEY = 64;

  private final StateTable table;
  private final Set<ByteKey> changed = new HashSet<>();
  /** The next section is whole: before the first write, after a clear, or when tracking gave up. */
  private boolean whole = true;

  TrackedTable(StateTable table) {
    this.table = table;
  }

  @Override
  public byte[] get(byte[] key) {
    return table.get(key);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    table.put(key, value);
    track(key);
  }

  @Override
  public boolean remove(byte[] key) {
    boolean removed = table.remove(key);
    if (removed) {
      track(key);
    }
    return removed;
  }

  @Override
  public void forEach(BiConsumer<byte[], byte[]> visitor) {
    table.forEach(visitor);
  }

  @Override
  public long removeIf(BiPredicate<byte[], byte[]> test) {
    return table.removeIf((k, v) -> {
      if (test.test(k, v)) {
        track(k);
        return true;
      }
      return false;
    });
  }

  private void track(byte[] key) {
    if (whole) {
      return; // the next section holds every entry anyway
    }
    changed.add(new ByteKey(key));
    if (changed.size() >= MIN_TRACKED && changed.size() > table.size()) {
      whole = true;
      changed.clear();
    }
  }

  @Override
  public long size() {
    return table.size();
  }

  @Override
  public long memoryBytes() {
    return table.memoryBytes() + changed.size() * TRACKING_BYTES_PER_KEY;
  }

  @Override
  public void clear() {
    table.clear();
    changed.clear();
    whole = true;
  }

  @Override
  public void close() {
    changed.clear();
    table.close();
  }

  /** Keys changed since the last write; -1 when the next section is whole whatever {@code full} says. */
  long changedKeys() {
    return whole ? -1 : changed.size();
  }

  /** Writes this table's section, whole when {@code full} (or when tracking requires), and forgets the changes. */
  void write(Output out, boolean full) {
    if (full || whole) {
      out.writeBoolean(true);
      out.writeVarLong(table.size(), true);
      long[] written = {0};
      table.forEach((k, v) -> {
        writeKey(out, k);
        writeValue(out, v);
        written[0]++;
      });
      if (written[0] != table.size()) {
        throw new IllegalStateException("The state table changed while it was written");
      }
    } else {
      out.writeBoolean(false);
      out.writeVarLong(changed.size(), true);
      for (ByteKey k : changed) {
        writeKey(out, k.bytes());
        writeValue(out, table.get(k.bytes()));
      }
    }
    changed.clear();
    whole = false;
  }

  /** Applies a section {@link #write} wrote (a whole one replaces the contents); the changes are not tracked. */
  void apply(Input in) {
    boolean replace = in.readBoolean();
    if (replace) {
      table.clear();
    }
    for (long n = in.readVarLong(true); n > 0; n--) {
      byte[] key = readKey(in);
      byte[] value = readValue(in);
      if (value != null) {
        table.put(key, value);
      } else if (replace) {
        throw new IllegalStateException("A whole state section holds a removed key");
      } else {
        table.remove(key);
      }
    }
    changed.clear();
    whole = false;
  }

  /** Every entry, sorted by key, copied. */
  SortedMap<ByteBuffer, ByteBuffer> contents() {
    SortedMap<ByteBuffer, ByteBuffer> out = new TreeMap<>();
    table.forEach((k, v) -> out.put(ByteBuffer.wrap(k.clone()), ByteBuffer.wrap(v.clone())));
    return out;
  }

  static void writeKey(Output out, byte[] key) {
    out.writeVarInt(key.length, true);
    out.writeBytes(key);
  }

  static byte[] readKey(Input in) {
    return in.readBytes(in.readVarInt(true));
  }

  static void writeValue(Output out, byte[] value) {
    if (value == null) {
      out.writeVarInt(0, true);
    } else {
      out.writeVarInt(value.length + 1, true);
      out.writeBytes(value);
    }
  }

  static byte[] readValue(Input in) {
    int n = in.readVarInt(true);
    return n == 0 ? null : in.readBytes(n - 1);
  }
}
