package io.ember.operators.state;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
   * them to {@code out} as one full write: the contents the tables would have after applying them all. Per table,
   * the later writes' changes are gathered in a map and the full one is streamed past them (entries it holds
   * unchanged are copied as they are), so the cost is a pass over the state plus the size of the changes.
   */
  public static void compact(List<Input> inputs, Output out) {
    int tables = inputs.get(0).readVarInt(true);
    for (int i = 1; i < inputs.size(); i++) {
      int n = inputs.get(i).readVarInt(true);
      if (n != tables) {
        throw new IllegalStateException("A state delta holds " + n + " tables but its base " + tables);
      }
    }
    out.writeVarInt(tables, true);
    for (int t = 0; t < tables; t++) {
      compactTable(inputs, out);
    }
  }

  /** Merges the next section of every input into one whole section on {@code out}. */
  private static void compactTable(List<Input> inputs, Output out) {
    Input base = inputs.get(0);
    if (!base.readBoolean()) {
      throw new IllegalStateException("A chain of state snapshots must start with a full one");
    }
    Map<ByteKey, byte[]> changes = new LinkedHashMap<>(); // a null value: removed
    boolean baseReplaced = false;
    for (int i = 1; i < inputs.size(); i++) {
      Input in = inputs.get(i);
      if (in.readBoolean()) {
        changes.clear();
        baseReplaced = true;
      }
      for (long e = in.readVarLong(true); e > 0; e--) {
        changes.put(new ByteKey(TrackedTable.readKey(in)), TrackedTable.readValue(in));
      }
    }
    long baseEntries = base.readVarLong(true);
    int start = base.position();
    long count = 0;
    Set<ByteKey> held = new HashSet<>();
    for (long e = 0; e < baseEntries; e++) { // first pass: what stays of the base
      byte[] key = TrackedTable.readKey(base);
      skipValue(base);
      if (baseReplaced) {
        continue;
      }
      ByteKey k = changes.isEmpty() ? null : new ByteKey(key);
      if (k != null && changes.containsKey(k)) {
        held.add(k);
        count += changes.get(k) == null ? 0 : 1;
      } else {
        count++;
      }
    }
    int end = base.position();
    for (Map.Entry<ByteKey, byte[]> c : changes.entrySet()) {
      if (c.getValue() != null && !held.contains(c.getKey())) {
        count++;
      }
    }
    out.writeBoolean(true);
    out.writeVarLong(count, true);
    if (!baseReplaced && changes.isEmpty()) {
      out.writeBytes(base.getBuffer(), start, end - start);
    } else if (!baseReplaced) {
      base.setPosition(start);
      for (long e = 0; e < baseEntries; e++) { // second pass: the base with its changes
        byte[] key = TrackedTable.readKey(base);
        ByteKey k = new ByteKey(key);
        if (changes.containsKey(k)) {
          skipValue(base);
          byte[] value = changes.get(k);
          if (value != null) {
            TrackedTable.writeKey(out, key);
            TrackedTable.writeValue(out, value);
          }
        } else {
          TrackedTable.writeKey(out, key);
          int length = base.readVarInt(true);
          out.writeVarInt(length, true);
          out.writeBytes(base.getBuffer(), base.position(), Math.max(0, length - 1));
          base.setPosition(base.position() + Math.max(0, length - 1));
        }
      }
    }
    base.setPosition(end);
    for (Map.Entry<ByteKey, byte[]> c : changes.entrySet()) {
      if (c.getValue() != null && !held.contains(c.getKey())) {
        TrackedTable.writeKey(out, c.getKey().bytes());
        TrackedTable.writeValue(out, c.getValue());
      }
    }
  }

  private static void skipValue(Input in) {
    int length = in.readVarInt(true);
    if (length > 1) {
      in.setPosition(in.position() + length - 1);
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
