package io.ember.operators.state;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
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
 * <p>In-place rollback: each table keeps an undo log of the before-images of the keys changed since its last few
 * snapshots ({@link UndoLog}). A task that rolls back to a snapshot of its own asks {@link #canRollBackTo}, then
 * {@link #keepForRollback} before closing its operator, opens a fresh operator instance with the returned state
 * (which hands it the same tables again) and calls {@link #rollBackTo}: the tables get their contents of that
 * snapshot back at the cost of the keys changed since, instead of being rebuilt from its bytes.
 *
 * <p>Owned by one task; not thread-safe.
 */
public final class TrackedState implements StateBackend {
  private final StateBackend backend;
  private final List<IncrementalTable> tables = new ArrayList<>();
  /** The tables of a closed operator instance that this one hands out again, in creation order; empty if none. */
  private final List<IncrementalTable> reused;

  /** Tables of {@code backend}, tracked. */
  public TrackedState(StateBackend backend) {
    this(backend, List.of());
  }

  private TrackedState(StateBackend backend, List<IncrementalTable> reused) {
    this.backend = backend;
    this.reused = reused;
  }

  /**
   * A new table, or for a state made by {@link #keepForRollback} the kept table at this creation position (tables
   * are identified by creation order, not by name: some operators name them per instance). The heap backend's tables
   * track their changes with marks in their own slots ({@link HeapTrackedTable}); other backends' tables are wrapped
   * in a {@link TrackedTable}.
   */
  @Override
  public StateTable createTable(String name, long expectedEntries, int averageKeyBytes, int averageValueBytes) {
    IncrementalTable t;
    if (tables.size() < reused.size()) {
      t = reused.get(tables.size());
      t.reuse();
    } else if (backend instanceof HeapStateBackend) {
      t = new HeapTrackedTable();
    } else {
      t = new TrackedTable(backend.createTable(name, expectedEntries, averageKeyBytes, averageValueBytes));
    }
    tables.add(t);
    return t;
  }

  /**
   * Whether every table can be put back in place to this state's snapshot of {@code epoch}: the operator made
   * tables, each wrote its section of that snapshot, and none was cleared, restored or gave up its undo log since.
   */
  public boolean canRollBackTo(long epoch) {
    if (tables.isEmpty()) {
      return false;
    }
    for (IncrementalTable t : tables) {
      if (!t.canRollBackTo(epoch)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Keeps the tables open when the operator closes them, and returns the state to open the operator's replacement
   * with: it hands out these tables again, in the same order, instead of creating new ones.
   */
  public TrackedState keepForRollback() {
    for (IncrementalTable t : tables) {
      t.keep();
    }
    return new TrackedState(backend, List.copyOf(tables));
  }

  /**
   * Puts every table back to its contents at the snapshot of {@code epoch} (see {@link #canRollBackTo}); the next
   * {@link #write} that is not full is a delta on that snapshot.
   *
   * @throws IllegalStateException when the operator did not take back exactly the kept tables, or a table's undo
   *     log does not reach {@code epoch}
   */
  public void rollBackTo(long epoch) {
    if (reused.isEmpty() || tables.size() != reused.size()) {
      throw new IllegalStateException("The operator took back " + tables.size() + " of " + reused.size()
          + " kept tables");
    }
    for (IncrementalTable t : tables) {
      if (!t.canRollBackTo(epoch)) {
        throw new IllegalStateException("A state table cannot roll back to epoch " + epoch);
      }
    }
    for (IncrementalTable t : tables) {
      t.rollBack(epoch);
    }
  }

  /** Per table, the epochs of the snapshots its undo log reaches, oldest first (for checks and tests). */
  public List<long[]> undoEpochs() {
    List<long[]> out = new ArrayList<>(tables.size());
    for (IncrementalTable t : tables) {
      out.add(t.undoEpochs());
    }
    return out;
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
    for (IncrementalTable t : tables) {
      long c = t.changedKeys();
      n += c < 0 ? t.size() : c;
    }
    return n;
  }

  /**
   * Writes every table's section of the snapshot of {@code epoch} in creation order: all its entries when
   * {@code full}, else the entries changed since the previous write (with removed keys); then forgets the changes,
   * so the next write is relative to this one, and starts an undo generation at {@code epoch}.
   */
  public void write(Output out, boolean full, long epoch) {
    out.writeVarInt(tables.size(), true);
    for (IncrementalTable t : tables) {
      t.write(out, full, epoch);
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
    for (IncrementalTable t : tables) {
      t.apply(in);
    }
  }

  /**
   * Reads the table sections of several writes, in order (the first a full one), from {@code inputs} (read in order
   * only: over arrays or {@link ChunkedBytes}), and writes them to {@code out} (a {@link ChunkedBytes.Writer} or an
   * output over an array) as one full write: the contents the tables would have after applying them all. Per table,
   * the later writes' changes are gathered and the full one is streamed past them (entries it holds unchanged are
   * copied as they are: {@link SectionMerge}), so the cost is a pass over the state plus the size of the changes.
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
      SectionMerge.mergeTable(inputs, out);
    }
  }

  /** Every table's entries sorted by key, copied: for checks that two states are equal whatever their history. */
  public List<SortedMap<ByteBuffer, ByteBuffer>> contents() {
    List<SortedMap<ByteBuffer, ByteBuffer>> out = new ArrayList<>(tables.size());
    for (IncrementalTable t : tables) {
      out.add(t.contents());
    }
    return out;
  }
}
