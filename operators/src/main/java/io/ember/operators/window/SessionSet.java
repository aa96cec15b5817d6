package io.ember.operators.window;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.EvalContext;
import io.ember.core.types.StructType;
import io.ember.operators.aggregate.Accumulator;
import io.ember.operators.aggregate.AggregateFunction;
import io.ember.operators.internal.RowBytes;
import io.ember.operators.state.ByteKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sessions in memory, per encoded value of the other keys: each key's sessions sorted by start, never overlapping
 * nor touching, each with a group id into the functions' columnar {@link Accumulator}s. Adding a row's range
 * extends the session it overlaps or merges the several it bridges; the states of merged-away groups are folded
 * into the survivor by {@link #mergeDeadStates()} at the end of the batch (their ids are never reused, so a
 * set's garbage is bounded by the merges it saw). Single-threaded.
 *
 * <p>Stored form of a key's sessions ({@link #encode}, {@link #load}): a flag byte (1 when a session changed and
 * was not yet emitted), the smallest session end, the session count, then per session its start, end, changed
 * flag and the functions' state row ({@link RowBytes}). The flag and the smallest end let a scan skip entries
 * without decoding them.
 */
final class SessionSet {
  /** The sessions of one value of the other keys. */
  static final class KeySessions {
    final byte[] key;
    long[] starts = new long[2];
    long[] ends = new long[2];
    int[] groups = new int[2];
    int count;
    /** Sessions of this key in the state table when it was loaded (0 when new). */
    int storedCount;

    KeySessions(byte[] key) {
      this.key = key;
    }

    private void insert(int at, long start, long end, int group) {
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
        ends = Arrays.copyOf(ends, count * 2);
        groups = Arrays.copyOf(groups, count * 2);
      }
      System.arraycopy(starts, at, starts, at + 1, count - at);
      System.arraycopy(ends, at, ends, at + 1, count - at);
      System.arraycopy(groups, at, groups, at + 1, count - at);
      starts[at] = start;
      ends[at] = end;
      groups[at] = group;
      count++;
    }

    private void removeRange(int from, int to) {
      System.arraycopy(starts, to, starts, from, count - to);
      System.arraycopy(ends, to, ends, from, count - to);
      System.arraycopy(groups, to, groups, from, count - to);
      count -= to - from;
    }

    /** Drops the sessions at positions where {@code drop} is set; returns how many. */
    int removeWhere(BitSet drop) {
      int kept = 0;
      int removed = 0;
      for (int j = 0; j < count; j++) {
        if (drop.get(j)) {
          removed++;
        } else {
          starts[kept] = starts[j];
          ends[kept] = ends[j];
          groups[kept] = groups[j];
          kept++;
        }
      }
      count = kept;
      return removed;
    }
  }

  private final StructType stateSchema;
  private final int[] stateWidths;
  final Accumulator[] accumulators;
  private int groupCount;
  private final Map<ByteKey, KeySessions> keys = new LinkedHashMap<>();
  private final Map<Integer, Integer> mergedInto = new HashMap<>();
  /** Groups created or changed since they were last emitted (kept only when the owner asks, in update mode). */
  final BitSet changed = new BitSet();

  SessionSet(List<AggregateFunction> functions, StructType stateSchema, EvalContext eval) {
    this.stateSchema = stateSchema;
    this.accumulators = new Accumulator[functions.size()];
    this.stateWidths = new int[functions.size()];
    for (int f = 0; f < accumulators.length; f++) {
      accumulators[f] = functions.get(f).newAccumulator(eval);
      stateWidths[f] = functions.get(f).stateFields().size();
    }
  }

  KeySessions get(byte[] key) {
    return keys.get(new ByteKey(key));
  }

  KeySessions create(byte[] key) {
    KeySessions ks = new KeySessions(key);
    keys.put(new ByteKey(key), ks);
    return ks;
  }

  Collection<KeySessions> all() {
    return keys.values();
  }

  boolean isEmpty() {
    return keys.isEmpty();
  }

  int groupCount() {
    return groupCount;
  }

  private int newGroups(int n) {
    int first = groupCount;
    groupCount += n;
    for (Accumulator a : accumulators) {
      a.ensureGroups(groupCount);
    }
    return first;
  }

  /**
   * Adds the range {@code [start, end]} to {@code ks}: it extends the session it overlaps or touches, merges all
   * those it bridges, or starts a new one. Returns the session's group, valid until {@link #mergeDeadStates()};
   * resolve it with {@link #root} first. {@code track} marks the session changed.
   */
  int add(KeySessions ks, long start, long end, boolean track) {
    int first = -1;
    int last = -1;
    // sessions are disjoint and sorted by start, so their ends are sorted too: skip those ending before start
    int lo = 0;
    int hi = ks.count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ks.ends[mid] < start) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int insertAt = ks.count;
    for (int j = lo; j < ks.count; j++) {
      if (ks.starts[j] > end) {
        if (first < 0) {
          insertAt = j;
        }
        break;
      }
      if (ks.ends[j] >= start) {
        if (first < 0) {
          first = j;
        }
        last = j;
      }
    }
    int group;
    if (first < 0) {
      group = newGroups(1);
      ks.insert(insertAt, start, end, group);
    } else {
      group = ks.groups[first];
      ks.starts[first] = Math.min(start, ks.starts[first]);
      ks.ends[first] = Math.max(end, ks.ends[last]);
      for (int j = first + 1; j <= last; j++) {
        mergedInto.put(ks.groups[j], group);
      }
      ks.removeRange(first + 1, last + 1);
    }
    if (track) {
      changed.set(group);
    }
    return group;
  }

  /** The group that {@code group} was merged into during this batch, or itself. */
  int root(int group) {
    Integer next;
    while ((next = mergedInto.get(group)) != null) {
      group = next;
    }
    return group;
  }

  /** Folds the state of every group merged away during the batch into its surviving session's group. */
  void mergeDeadStates() {
    int[] target = new int[1];
    for (int dead : mergedInto.keySet()) {
      target[0] = root(dead);
      for (Accumulator a : accumulators) {
        a.merge(target, 1, a.state(dead, 1));
      }
    }
    mergedInto.clear();
  }

  /** Adds the stored sessions {@code value} (see the class comment) to {@code ks}, which has none yet. */
  void load(KeySessions ks, byte[] value) {
    Input in = new Input(value);
    in.readByte();
    in.readLong();
    int n = in.readVarInt(true);
    int base = newGroups(n);
    VectorBuilder[] builders = RowBytes.builders(stateSchema, n);
    for (int i = 0; i < n; i++) {
      long start = in.readLong();
      long end = in.readLong();
      if (in.readBoolean()) {
        changed.set(base + i);
      }
      ks.insert(ks.count, start, end, base + i);
      RowBytes.read(in, stateSchema, builders);
    }
    ks.storedCount = n;
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = base + i;
    }
    int c = 0;
    for (int f = 0; f < accumulators.length; f++) {
      ColumnVector[] state = new ColumnVector[stateWidths[f]];
      for (int s = 0; s < state.length; s++) {
        state[s] = builders[c++].build();
      }
      accumulators[f].merge(ids, n, state);
    }
  }

  /** Every function's state columns over all groups, in {@link SessionWindowAggregateSpec#stateSchema()} order. */
  ColumnVector[] stateColumns() {
    List<ColumnVector> out = new ArrayList<>();
    for (Accumulator a : accumulators) {
      out.addAll(Arrays.asList(a.state(0, groupCount)));
    }
    return out.toArray(new ColumnVector[0]);
  }

  /** The stored form of {@code ks}'s sessions; {@code states} from {@link #stateColumns()}. */
  byte[] encode(KeySessions ks, ColumnVector[] states) {
    boolean anyChanged = false;
    long minEnd = Long.MAX_VALUE;
    for (int j = 0; j < ks.count; j++) {
      anyChanged |= changed.get(ks.groups[j]);
      minEnd = Math.min(minEnd, ks.ends[j]);
    }
    Output out = new Output(64, -1);
    out.writeByte(anyChanged ? 1 : 0);
    out.writeLong(minEnd);
    out.writeVarInt(ks.count, true);
    for (int j = 0; j < ks.count; j++) {
      out.writeLong(ks.starts[j]);
      out.writeLong(ks.ends[j]);
      out.writeBoolean(changed.get(ks.groups[j]));
      RowBytes.write(out, states, ks.groups[j], false);
    }
    return out.toBytes();
  }

  /** True when stored sessions {@code value} hold one not yet emitted since it changed. */
  static boolean anyChanged(byte[] value) {
    return value[0] != 0;
  }

  /** The smallest end among the stored sessions {@code value}. */
  static long minEnd(byte[] value) {
    return new Input(value, 1, 8).readLong();
  }

  /** An estimate of the bytes held, for the memory budget. */
  long estimatedBytes() {
    long bytes = 0;
    for (Accumulator a : accumulators) {
      bytes += a.estimatedBytes();
    }
    for (KeySessions ks : keys.values()) {
      bytes += 96 + ks.key.length + 20L * ks.starts.length;
    }
    return bytes + 48L * mergedInto.size();
  }
}
