package io.ember.operators.state;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The keyed state of one operator instance, made incremental: a {@link StateBackend} that hands the operator
 * tables which remember the keys put or removed since the last snapshot, and that snapshots and restores those
 * tables itself. The task makes one per operator and passes it as {@link io.ember.operators.OperatorContext#state()};
 * {@link io.ember.operators.OperatorStates} writes the operator's own snapshot bytes and these tables' sections
 * together.
 *
 * <p>Tables are identified by the order in which the operator creates them, so an operator must create the same
 * tables in the same order in {@code open} every time (every stateful operator does).
 *
 * <p>Owned by one task; not thread-safe.
 */
public final class TrackedState implements StateBackend {
  private final StateBackend backend;
  private final List<TrackedTable> tables = new ArrayList<>();

  /** Tables of {@code backend}, tracked. */
  public TrackedState(StateBackend backend) {
    this.backend = backend;
  }

  @Override
  public StateTable createTable(String name, long expectedEntries, int averageKeyBytes, int averageValueBytes) {
    TrackedTable t = new TrackedTable(backend.createTable(name, expectedEntries, averageKeyBytes, averageValueBytes));
    tables.add(t);
    return t;
  }

  @Override
  public String name() {
    return backend.name();
  }

  /** How many tables the operator created. */
  public int tableCount() {
    return tables.size();
  }

  /** Keys changed since the last snapshot over all tables, counting a table due for a whole section as its size. */
  public long changedKeys() {
    long n = 0;
    for (TrackedTable t : tables) {
      long c = t.changedKeys();
      n += c < 0 ? t.size() : c;
    }
    return n;
  }

  /**
   * Writes every table's section in creation order: all its entries when {@code full}, else the entries changed
   * since the previous write (with removed keys); then forgets the changes, so the next write is relative to this
   * one.
   */
  public void write(Output out, boolean full) {
    out.writeVarInt(tables.size(), true);
    for (TrackedTable t : tables) {
      t.write(out, full);
    }
  }

  /**
   * Applies sections {@link #write} wrote to the tables: a whole section replaces a table's contents, a delta
   * section puts and removes its entries. Apply a full write, then the later writes in order.
   *
   * @throws IllegalStateException when the sections were written for another number of tables
   */
  public void apply(Input in) {
    int n = in.readVarInt(true);
    if (n != tables.size()) {
      throw new IllegalStateException("The state holds " + n + " tables but the operator has " + tables.size());
    }
    for (TrackedTable t : tables) {
      t.apply(in);
    }
  }

  /**
   * Reads the table sections of several writes, in order (the first a full one), from {@code inputs}, and writes
   * them to {@code out} as one full write: the contents the tables would have after applying them all.
   */
  public static void compact(List<Input> inputs, Output out) {
    List<Map<TrackedTable.Key, byte[]>> merged = new ArrayList<>();
    boolean first = true;
    for (Input in : inputs) {
      int n = in.readVarInt(true);
      if (first) {
        for (int t = 0; t < n; t++) {
          merged.add(new LinkedHashMap<>());
        }
      } else if (n != merged.size()) {
        throw new IllegalStateException("A state delta holds " + n + " tables but its base " + merged.size());
      }
      for (Map<TrackedTable.Key, byte[]> table : merged) {
        boolean replace = in.readBoolean();
        if (replace) {
          table.clear();
        } else if (first) {
          throw new IllegalStateException("A chain of state snapshots must start with a full one");
        }
        for (long e = in.readVarLong(true); e > 0; e--) {
          TrackedTable.Key key = new TrackedTable.Key(TrackedTable.readKey(in));
          byte[] value = TrackedTable.readValue(in);
          if (value == null) {
            table.remove(key);
          } else {
            table.put(key, value);
          }
        }
      }
      first = false;
    }
    out.writeVarInt(merged.size(), true);
    for (Map<TrackedTable.Key, byte[]> table : merged) {
      out.writeBoolean(true);
      out.writeVarLong(table.size(), true);
      for (Map.Entry<TrackedTable.Key, byte[]> e : table.entrySet()) {
        TrackedTable.writeKey(out, e.getKey().bytes());
        TrackedTable.writeValue(out, e.getValue());
      }
    }
  }

  /** Every table's entries sorted by key, copied: for checks that two states are equal whatever their history. */
  public List<SortedMap<ByteBuffer, ByteBuffer>> contents() {
    List<SortedMap<ByteBuffer, ByteBuffer>> out = new ArrayList<>(tables.size());
    for (TrackedTable t : tables) {
      out.add(t.contents());
    }
    return out;
  }
}
