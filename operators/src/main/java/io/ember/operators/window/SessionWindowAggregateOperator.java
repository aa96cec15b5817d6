package io.ember.operators.window;

import com.esotericsoftware.kryo.io.Input;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.StructVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.Expression;
import io.ember.core.expr.datetime.TimeWindow;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.Output;
import io.ember.operators.StateMetrics;
import io.ember.operators.StateSnapshots;
import io.ember.operators.aggregate.Accumulator;
import io.ember.operators.aggregate.AggregateFunction;
import io.ember.operators.internal.RowBytes;
import io.ember.operators.state.StateTable;
import io.ember.operators.stream.OutputMode;
import io.ember.operators.window.SessionSet.KeySessions;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The running instance of a {@link SessionWindowAggregateSpec}. Rows go into a {@link SessionSet} (the working
 * set); in a stream, a key's stored sessions are loaded from the keyed {@link StateTable} when the key is first
 * seen in an epoch, and the working set is written back at the end of the epoch (and before a snapshot or a
 * watermark), so the table holds every open session between epochs. In batch the table is only used to carry a
 * snapshot.
 *
 * <p>Snapshot format (version {@link #SNAPSHOT_VERSION}): the watermark, the epoch's metric counters and the last
 * epoch's metrics. The table's entries (key bytes, stored sessions as {@link SessionSet} encodes them) are
 * snapshotted by the task ({@link io.ember.operators.OperatorStates}) after {@link #snapshot} flushed the working
 * set into the table.
 */
final class SessionWindowAggregateOperator implements Operator {
  static final int SNAPSHOT_VERSION = 2;
  /** Spark's name for the operator in {@code stateOperators} of a progress report. */
  static final String METRICS_NAME = "sessionWindowStateStoreSaveExec";

  /** Chooses sessions of a key by position. */
  @FunctionalInterface
  private interface Pick {
    boolean test(SessionSet set, KeySessions ks, int j);
  }

  private final SessionWindowAggregateSpec spec;
  private final StructType stateSchema;
  private final StructType keySchema;
  private final List<Expression> otherKeys = new ArrayList<>();
  private final Expression sessionKey;
  private final boolean track;
  private OperatorContext context;
  private SessionSet set;
  private StateTable table;
  private long watermark = Long.MIN_VALUE;
  private long reserved;
  private long storedSessions;
  private long updated;
  private long removed;
  private long late;
  private StateMetrics lastMetrics;
  private final com.esotericsoftware.kryo.io.Output scratch = new com.esotericsoftware.kryo.io.Output(64, -1);

  SessionWindowAggregateOperator(SessionWindowAggregateSpec spec) {
    this.spec = spec;
    this.stateSchema = spec.stateSchema();
    List<StructField> keyFields = new ArrayList<>();
    for (int i : spec.otherKeyPositions()) {
      Expression k = spec.groupingExpressions().get(i);
      otherKeys.add(k);
      keyFields.add(new StructField(spec.groupingNames().get(i), k.dataType(), true));
    }
    this.keySchema = new StructType(keyFields);
    this.sessionKey = spec.groupingExpressions().get(spec.sessionKeyIndex());
    this.track = spec.outputMode() == OutputMode.UPDATE;
  }

  @Override
  public void open(OperatorContext context) {
    this.context = context;
    this.set = newSet();
    this.table = context.state().createTable("session-window", 1 << 14, 32, 128);
  }

  private SessionSet newSet() {
    return new SessionSet(spec.functions(), stateSchema, context.eval());
  }

  @Override
  public void process(int input, Batch batch, Output out) {
    int n = batch.numRows();
    if (n == 0) {
      return;
    }
    ColumnVector[] keyColumns = new ColumnVector[otherKeys.size()];
    for (int k = 0; k < keyColumns.length; k++) {
      keyColumns[k] = otherKeys.get(k).evaluate(batch, context.eval());
    }
    StructVector window = (StructVector) sessionKey.evaluate(batch, context.eval());
    ColumnVector starts = window.child(0);
    ColumnVector ends = window.child(1);
    int[] rows = new int[n];
    int[] groups = new int[n];
    int m = 0;
    KeySessions current = null;
    int currentRow = -1;
    for (int i = 0; i < n; i++) {
      if (window.isNull(i) || starts.isNull(i) || ends.isNull(i)) {
        continue;
      }
      long start = ((LongVector) starts).getLong(i);
      long end = ((LongVector) ends).getLong(i);
      if (end <= start) {
        continue;
      }
      if (spec.streaming() && spec.outputMode() != OutputMode.COMPLETE && end <= watermark) {
        late++;
        continue;
      }
      if (current == null || !sameKey(keyColumns, currentRow, i)) {
        current = keySessions(keyColumns, i);
        currentRow = i;
      }
      groups[m] = set.add(current, start, end, track);
      rows[m++] = i;
    }
    for (int j = 0; j < m; j++) {
      groups[j] = set.root(groups[j]);
    }
    set.mergeDeadStates();
    List<AggregateFunction> functions = spec.functions();
    for (int f = 0; f < functions.size(); f++) {
      ColumnVector[] args = functions.get(f).evaluateInputs(batch, context.eval());
      if (m < n) {
        for (int a = 0; a < args.length; a++) {
          args[a] = args[a].take(rows, m);
        }
      }
      set.accumulators[f].update(groups, m, args);
    }
    reserveMemory();
  }

  private static boolean sameKey(ColumnVector[] keys, int a, int b) {
    for (ColumnVector k : keys) {
      boolean an = k.isNull(a);
      if (an != k.isNull(b) || (!an && !k.equalsAt(a, k, b))) {
        return false;
      }
    }
    return true;
  }

  private KeySessions keySessions(ColumnVector[] keyColumns, int row) {
    byte[] key = RowBytes.key(scratch, keyColumns, row);
    KeySessions ks = set.get(key);
    if (ks == null) {
      ks = set.create(key);
      byte[] stored = table.get(key);
      if (stored != null) {
        set.load(ks, stored);
      }
    }
    return ks;
  }

  @Override
  public void endOfInput(int input, Output out) {
    if (spec.streaming()) {
      return; // a stream keeps its sessions
    }
    if (table.size() == 0) {
      emit(set, (s, ks, j) -> true, out);
    } else {
      flush();
      scan(v -> true, (s, ks, j) -> true, (s, ks, j) -> true, out);
    }
    set = newSet();
    table.clear();
    storedSessions = 0;
    releaseMemory();
  }

  @Override
  public void endOfEpoch(long epoch, Output out) {
    if (!spec.streaming()) {
      return;
    }
    flush();
    if (spec.outputMode() == OutputMode.UPDATE) {
      scan(SessionSet::anyChanged, (s, ks, j) -> s.changed.get(ks.groups[j]), (s, ks, j) -> false, out);
    } else if (spec.outputMode() == OutputMode.COMPLETE) {
      scan(v -> true, (s, ks, j) -> true, (s, ks, j) -> false, out);
    }
    lastMetrics = new StateMetrics(METRICS_NAME, storedSessions, updated, removed, late, table.memoryBytes());
    updated = 0;
    removed = 0;
    late = 0;
  }

  @Override
  public void onWatermark(long watermarkMicros, Output out) {
    if (!spec.streaming() || watermarkMicros <= watermark) {
      return;
    }
    watermark = watermarkMicros;
    if (spec.outputMode() == OutputMode.COMPLETE) {
      return;
    }
    flush();
    long w = watermark;
    Pick closed = (s, ks, j) -> ks.ends[j] <= w;
    scan(v -> SessionSet.minEnd(v) <= w, spec.outputMode() == OutputMode.APPEND ? closed : (s, ks, j) -> false, closed,
        out);
  }

  /** Writes the working set back to the table and starts an empty one. */
  private void flush() {
    if (set.isEmpty()) {
      return;
    }
    ColumnVector[] states = set.stateColumns();
    for (KeySessions ks : set.all()) {
      if (ks.count == 0) {
        table.remove(ks.key);
      } else {
        table.put(ks.key, set.encode(ks, states));
      }
      storedSessions += ks.count - ks.storedCount;
    }
    for (KeySessions ks : set.all()) {
      for (int j = 0; j < ks.count; j++) {
        updated += !track || set.changed.get(ks.groups[j]) ? 1 : 0;
      }
    }
    set = newSet();
    releaseMemory();
  }

  /**
   * Loads the table entries {@code candidate} accepts (judged on their stored bytes), emits their sessions that
   * {@code emit} picks, removes those {@code remove} picks, clears the changed marks of the emitted ones, and
   * writes the entries back. The working set must be empty (flushed).
   */
  private void scan(java.util.function.Predicate<byte[]> candidate, Pick emit, Pick remove, Output out) {
    List<byte[]> keys = new ArrayList<>();
    List<byte[]> values = new ArrayList<>();
    table.forEach((k, v) -> {
      if (candidate.test(v)) {
        keys.add(k);
        values.add(v);
      }
    });
    if (keys.isEmpty()) {
      return;
    }
    SessionSet loaded = newSet();
    for (int i = 0; i < keys.size(); i++) {
      loaded.load(loaded.create(keys.get(i)), values.get(i));
    }
    emit(loaded, emit, out);
    for (KeySessions ks : loaded.all()) {
      for (int j = 0; j < ks.count; j++) {
        if (emit.test(loaded, ks, j)) {
          loaded.changed.clear(ks.groups[j]);
        }
      }
    }
    ColumnVector[] states = loaded.stateColumns();
    for (KeySessions ks : loaded.all()) {
      BitSet drop = new BitSet();
      for (int j = 0; j < ks.count; j++) {
        if (remove.test(loaded, ks, j)) {
          drop.set(j);
        }
      }
      int dropped = ks.removeWhere(drop);
      removed += dropped;
      storedSessions -= dropped;
      if (ks.count == 0) {
        table.remove(ks.key);
      } else {
        table.put(ks.key, loaded.encode(ks, states));
      }
    }
  }

  /** Emits the sessions of {@code from} that {@code pick} selects, in batches of at most the batch size. */
  private void emit(SessionSet from, Pick pick, Output out) {
    int batchSize = Math.max(1, context.batchSize());
    ColumnVector[] results = new ColumnVector[from.accumulators.length];
    for (int f = 0; f < results.length; f++) {
      results[f] = from.accumulators[f].result(0, from.groupCount());
    }
    Rows rows = new Rows(batchSize);
    for (KeySessions ks : from.all()) {
      for (int j = 0; j < ks.count; j++) {
        if (pick.test(from, ks, j)) {
          rows.add(ks, j);
          if (rows.size == batchSize) {
            out.emit(rows.build(results));
            rows = new Rows(batchSize);
          }
        }
      }
    }
    if (rows.size > 0) {
      out.emit(rows.build(results));
    }
  }

  /** Output rows being gathered: the other keys, the session, and the group whose results follow. */
  private final class Rows {
    final VectorBuilder[] keys = RowBytes.builders(keySchema, 16);
    final long[] starts;
    final long[] ends;
    final int[] groups;
    int size;

    Rows(int capacity) {
      starts = new long[capacity];
      ends = new long[capacity];
      groups = new int[capacity];
    }

    void add(KeySessions ks, int j) {
      RowBytes.read(new Input(ks.key), keySchema, keys);
      starts[size] = ks.starts[j];
      ends[size] = ks.ends[j];
      groups[size] = ks.groups[j];
      size++;
    }

    Batch build(ColumnVector[] results) {
      StructType schema = spec.outputSchema();
      ColumnVector[] cols = new ColumnVector[schema.size()];
      int other = 0;
      for (int i = 0; i < spec.groupingExpressions().size(); i++) {
        if (i == spec.sessionKeyIndex()) {
          ColumnVector[] bounds = {
              new LongVector(DataTypes.TIMESTAMP, java.util.Arrays.copyOf(starts, size), null, size),
              new LongVector(DataTypes.TIMESTAMP, java.util.Arrays.copyOf(ends, size), null, size)};
          cols[i] = new StructVector(TimeWindow.TYPE, bounds, null, size);
        } else {
          cols[i] = keys[other++].build();
        }
      }
      for (int f = 0; f < results.length; f++) {
        cols[spec.groupingExpressions().size() + f] = results[f].take(groups, size);
      }
      return new Batch(schema, cols, size);
    }
  }

  @Override
  public StateMetrics stateMetrics() {
    if (!spec.streaming()) {
      return null;
    }
    return lastMetrics != null ? lastMetrics
        : new StateMetrics(METRICS_NAME, storedSessions, 0, 0, 0, table.memoryBytes());
  }

  private void reserveMemory() {
    long estimate = set.estimatedBytes();
    reserved = context.memory().resize(reserved, estimate, spec.explain());
  }

  private void releaseMemory() {
    context.memory().release(reserved);
    reserved = 0;
  }

  @Override
  public byte[] snapshot(long epoch) {
    flush();
    com.esotericsoftware.kryo.io.Output out = StateSnapshots.begin(SNAPSHOT_VERSION);
    out.writeLong(watermark);
    out.writeVarLong(updated, true);
    out.writeVarLong(removed, true);
    out.writeVarLong(late, true);
    out.writeBoolean(lastMetrics != null);
    if (lastMetrics != null) {
      out.writeVarLong(lastMetrics.numRowsUpdated(), true);
      out.writeVarLong(lastMetrics.numRowsRemoved(), true);
      out.writeVarLong(lastMetrics.numRowsDroppedByWatermark(), true);
    }
    return out.toBytes();
  }

  @Override
  public void restore(byte[] snapshot) {
    Input in = StateSnapshots.open(snapshot, SNAPSHOT_VERSION, "SessionWindowAggregate");
    set = newSet();
    releaseMemory();
    watermark = in.readLong();
    updated = in.readVarLong(true);
    removed = in.readVarLong(true);
    late = in.readVarLong(true);
    long[] last = in.readBoolean() ? new long[] {in.readVarLong(true), in.readVarLong(true), in.readVarLong(true)} : null;
    long[] sessions = {0};
    table.forEach((key, value) -> sessions[0] += new Input(value, 9, value.length - 9).readVarInt(true));
    storedSessions = sessions[0];
    lastMetrics = last == null ? null
        : new StateMetrics(METRICS_NAME, storedSessions, last[0], last[1], last[2], table.memoryBytes());
  }

  @Override
  public void close() {
    if (context != null) {
      releaseMemory();
      table.close();
    }
  }
}
