package io.ember.operators;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.operators.state.ChunkedBytes;
import io.ember.operators.state.TrackedState;
import java.util.ArrayList;
import java.util.List;

/**
 * The checkpointed state of one operator instance: what its {@link Operator#snapshot} returned (its small fields:
 * watermark, counters, metrics) plus the sections of the keyed {@link io.ember.operators.state.StateTable}s it made
 * through its {@link TrackedState}. A state is <em>full</em> (every table entry) or a <em>delta</em> (the entries
 * put or removed since the operator's previous state, which is its base). Restoring applies a full state and then
 * the deltas after it in order; {@link #compact} turns such a chain into one full state.
 *
 * <p>Format {@link #FORMAT_VERSION}: the version (var-int), a kind byte ({@code F} full, {@code D} delta), the
 * operator's own bytes (var-int length + 1, 0 for none), then {@link TrackedState#write}'s sections.
 */
public final class OperatorStates {
  /** The format {@link #take} writes and the readers accept. */
  public static final int FORMAT_VERSION = 1;
  static final byte FULL = 'F';
  static final byte DELTA = 'D';

  private OperatorStates() {}

  /**
   * Takes {@code operator}'s state at epoch {@code epoch}: calls its {@link Operator#snapshot} first (which may
   * write buffered work into its tables), then writes its tables, all entries when {@code full}, else those
   * changed since the previous take. The tables forget their changes, so the next take is relative to this one.
   * The state of an operator without tables is always full. The state is written in chunks
   * ({@link ChunkedBytes#writer()}): no array of its size is made.
   *
   * @return the state, or null for an operator with neither own state nor tables
   */
  public static ChunkedBytes take(Operator operator, TrackedState tables, long epoch, boolean full) {
    byte[] own = operator.snapshot(epoch);
    if (own == null && tables.tableCount() == 0) {
      return null;
    }
    boolean whole = full || tables.tableCount() == 0; // without tables every state is whole
    ChunkedBytes.Writer out = ChunkedBytes.writer();
    writeStart(out, whole, own);
    tables.write(out, full, epoch);
    return out.finish();
  }

  private static void writeStart(com.esotericsoftware.kryo.io.Output out, boolean whole, byte[] own) {
    out.writeVarInt(FORMAT_VERSION, true);
    out.writeByte(whole ? FULL : DELTA);
    writeOwn(out, own);
  }

  /** Restores {@code operator} from one full state; see {@link #restore(Operator, TrackedState, List)}. */
  public static void restore(Operator operator, TrackedState tables, ChunkedBytes state) {
    restore(operator, tables, List.of(state));
  }

  /**
   * Restores a freshly opened {@code operator} from {@code chain}: a full state, then the deltas taken after it in
   * order. The tables are filled first, then the operator's {@link Operator#restore} reads the own bytes of the
   * last state (so it may look at its restored tables). The tables track changes from the restored state on. The
   * states are read through a small buffer, never copied whole.
   *
   * @throws EmberRuntimeException {@code INCOMPATIBLE_STATE} for another format version, a chain that does not
   *     start with a full state, or state written by an operator with other tables
   */
  public static void restore(Operator operator, TrackedState tables, List<ChunkedBytes> chain) {
    byte[] own = null;
    for (int i = 0; i < chain.size(); i++) {
      Input in = open(chain.get(i), i == 0, operator.getClass().getSimpleName());
      try {
        own = readOwn(in);
        tables.apply(in);
      } catch (KryoException | IllegalStateException | IndexOutOfBoundsException e) {
        throw unreadable(operator.getClass().getSimpleName(), e);
      }
    }
    if (own != null) {
      operator.restore(own);
    }
  }

  /**
   * Rolls a freshly opened {@code operator} back in place to its state {@code state} of epoch {@code epoch}, which
   * the same task took: its {@code tables} (a {@link TrackedState#keepForRollback} state the operator took its kept
   * tables from) are put back with their undo logs ({@link TrackedState#rollBackTo}), and only the operator's own
   * bytes are read from {@code state}. Cost: the keys changed since {@code epoch}, not the size of the state.
   *
   * @throws EmberRuntimeException {@code INCOMPATIBLE_STATE} as {@link #restore} does, or when {@code state} holds
   *     another number of tables
   * @throws IllegalStateException when the tables cannot roll back to {@code epoch}
   */
  public static void rollBack(Operator operator, TrackedState tables, ChunkedBytes state, long epoch) {
    String name = operator.getClass().getSimpleName();
    Input in = open(state, false, name);
    byte[] own;
    try {
      own = readOwn(in);
      int n = in.readVarInt(true);
      if (n != tables.tableCount()) {
        throw new IllegalStateException("The state holds " + n + " tables but the operator has "
            + tables.tableCount());
      }
    } catch (KryoException | IllegalStateException | IndexOutOfBoundsException e) {
      throw unreadable(name, e);
    }
    tables.rollBackTo(epoch);
    if (own != null) {
      operator.restore(own);
    }
  }

  /** Whether {@code state} is a delta on an earlier state (false for a full one). */
  public static boolean isDelta(ChunkedBytes state) {
    return kind(state, "operator") == DELTA;
  }

  /**
   * One full state equal to applying {@code chain} (a full state, then deltas in order): the last state's own
   * bytes and the tables' merged entries. Needs no operator, so a replica store compacts chains itself. The states
   * are read through small buffers and the result is written in chunks: besides the result, the heap holds the
   * deltas' changes ({@link TrackedState#compact}), never an array of the state's size.
   *
   * @throws EmberRuntimeException {@code INCOMPATIBLE_STATE} as {@link #restore} does
   */
  public static ChunkedBytes compact(List<ChunkedBytes> chain) {
    if (chain.size() == 1 && !isDelta(chain.get(0))) {
      return chain.get(0);
    }
    List<Input> sections = new ArrayList<>(chain.size());
    byte[] own = null;
    for (int i = 0; i < chain.size(); i++) {
      Input in = open(chain.get(i), i == 0, "operator");
      try {
        own = readOwn(in);
      } catch (KryoException | IndexOutOfBoundsException e) {
        throw unreadable("operator", e);
      }
      sections.add(in);
    }
    ChunkedBytes.Writer out = ChunkedBytes.writer();
    writeStart(out, true, own);
    try {
      TrackedState.compact(sections, out);
    } catch (KryoException | IllegalStateException | IndexOutOfBoundsException e) {
      throw unreadable("operator", e);
    }
    return out.finish();
  }

  /** An input positioned after version and kind; a chain's first state must be full. */
  private static Input open(ChunkedBytes state, boolean mustBeFull, String operatorName) {
    ChunkedBytes.Reader in = state.input();
    if (kind(in, operatorName) != FULL && mustBeFull) {
      throw new EmberRuntimeException("INCOMPATIBLE_STATE", "The state of " + operatorName + " starts with a delta;"
          + " a chain of states must start with a full one.");
    }
    return in;
  }

  private static byte kind(ChunkedBytes state, String operatorName) {
    return kind(state.input(), operatorName);
  }

  /** Reads the version and kind at the start of a state. */
  private static byte kind(Input in, String operatorName) {
    int version;
    byte kind;
    try {
      version = in.readVarInt(true);
      kind = in.readByte();
    } catch (KryoException e) {
      throw unreadable(operatorName, e);
    }
    if (version != FORMAT_VERSION) {
      throw new EmberRuntimeException("INCOMPATIBLE_STATE", "The state of " + operatorName + " has format version "
          + version + " but this Ember reads version " + FORMAT_VERSION + ". Restart the query from a new"
          + " checkpoint location.");
    }
    if (kind != FULL && kind != DELTA) {
      throw unreadable(operatorName, new IllegalStateException("unknown kind " + kind));
    }
    return kind;
  }

  private static void writeOwn(com.esotericsoftware.kryo.io.Output out, byte[] own) {
    if (own == null) {
      out.writeVarInt(0, true);
    } else {
      out.writeVarInt(own.length + 1, true);
      out.writeBytes(own);
    }
  }

  private static byte[] readOwn(Input in) {
    int n = in.readVarInt(true);
    return n == 0 ? null : in.readBytes(n - 1);
  }

  private static EmberRuntimeException unreadable(String operatorName, Exception cause) {
    return new EmberRuntimeException("INCOMPATIBLE_STATE", "The state of " + operatorName + " is truncated or was"
        + " written by another query (" + cause.getMessage() + "). Restart the query from a new checkpoint location.",
        cause);
  }
}
