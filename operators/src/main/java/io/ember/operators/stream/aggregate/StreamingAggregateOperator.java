package io.ember.operators.stream.aggregate;

import com.esotericsoftware.kryo.io.Input;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.Output;
import io.ember.operators.StateMetrics;
import io.ember.operators.StateSnapshots;
import io.ember.operators.aggregate.Accumulator;
import io.ember.operators.aggregate.AggregateFunction;
import io.ember.operators.internal.EventTimes;
import io.ember.operators.internal.RowBytes;
import io.ember.operators.state.ByteKey;
import io.ember.operators.state.StateTable;
import io.ember.operators.stream.OutputMode;
import io.ember.operators.stream.RowKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The running instance of a {@link StreamingAggregateSpec}.
 *
 * <p>State: a {@link StateTable} from each group's encoded key ({@link StateKeys}) to its encoded partial state
 * (every function's {@link AggregateFunction#stateFields() state fields}, one row in {@link RowBytes} form).
 * During an epoch the touched groups form a working set: a map from encoded key to a dense group id and one
 * {@link Accumulator} per function; a group's stored state is loaded (merged) when the group is first touched,
 * and the working set is written back ("flushed") at the end of the epoch, before a watermark or snapshot, and
 * whenever it reaches {@link #FLUSH_GROUPS} groups, so its memory stays bounded. Emission always decodes
 * groups from the state table, so it does not matter how often the working set was flushed.
 *
 * <p>When the aggregate {@link StreamingAggregateSpec#usesWatermark() uses the watermark}, an {@link
 * EventTimeKeyIndex} (heap, never snapshotted) holds the stored keys by event time, so a watermark step visits only
 * the groups it closes. A key enters it when its group is first loaded and found absent from the state table (it is
 * stored at the next flush, before any watermark step), and leaves it when evicted. It starts empty at {@code open}
 * when the table is empty; otherwise it is built from the state table at the first watermark step after {@code open}
 * or {@link #restore} (which follows a restore or an in-place rollback of the table); and it is rebuilt whenever it
 * and the table disagree on the number of keys.
 *
 * <p>A {@link StreamingAggregateSpec#changelog() changelog} aggregate also remembers, for each group the epoch
 * touches, its stored state as it was when the epoch first loaded it ({@link #previous}): at the end of the epoch the
 * groups whose state changed emit the result of that state as a retraction, then their new result.
 *
 * <p>Metrics: counters run from one end of epoch to the next (evictions at a watermark, which the task calls
 * after ending epoch {@code N}, count towards {@code N + 1}, whose rows follow the watermark); {@link
 * #stateMetrics()} returns those of the last ended epoch.
 *
 * <p>Snapshot format (version {@link #SNAPSHOT_VERSION}): the watermark, the counters and keys updated of the
 * epoch in progress and the last ended epoch's counters; the state table's entries are snapshotted by the task
 * ({@link io.ember.operators.OperatorStates}), after the working set was flushed into it. A changelog aggregate
 * appends the previous states of the epoch in progress (empty at a barrier, which follows the end of the epoch).
 */
final class StreamingAggregateOperator implements Operator {
  static final int SNAPSHOT_VERSION = 2;
  /** The working set is written back to the state table when it holds this many groups. */
  static final int FLUSH_GROUPS = 1 << 14;
  /** The size hint for a new state table (off-heap tables grow when it is exceeded). */
  static final long EXPECTED_GROUPS = 1 << 14;
  static final String METRICS_NAME = "stateStoreSave";

  private final StreamingAggregateSpec spec;
  private final List<AggregateFunction> functions;
  private final StateKeys keys;
  private final StructType stateSchema;
  private final int[] stateOffsets;
  private final int[] stateWidths;
  private final StructType outputSchema;
  private final boolean global;
  private OperatorContext context;
  private StateTable state;
  private final com.esotericsoftware.kryo.io.Output scratch = new com.esotericsoftware.kryo.io.Output(256, -1);
  /** Reads stored states (reused: no allocation per state). */
  private final Input reader = new Input();

  // the epoch's working set
  private final GroupIndex groupIndex = new GroupIndex();
  /** The working set's keys by group id: {@link #groupIndex}'s. */
  private final List<ByteKey> groupKeys = groupIndex.keys();
  private Accumulator[] accumulators;
  private int[] ids = new int[0];
  private long reserved;

  // the stored keys by event time (usesWatermark only); null until built
  private EventTimeKeyIndex index;
  /** Stored keys with a null event time, which the index leaves out. */
  private long untimed;

  // watermark and per-epoch counters
  private boolean hasWatermark;
  private long watermark;
  /** The keys the epoch in progress updated, in order of their first update. */
  private final GroupIndex updatedKeys = new GroupIndex();
  /** Changelog only: each group touched this epoch to its state before the epoch, or NO_PREVIOUS for a new group. */
  private final Map<ByteKey, byte[]> previous = new HashMap<>();
  private static final byte[] NO_PREVIOUS = new byte[0];
  private long removed;
  private long dropped;
  private StateMetrics lastMetrics;

  StreamingAggregateOperator(StreamingAggregateSpec spec) {
    this.spec = spec;
    this.functions = spec.partial().functions();
    this.global = spec.isGlobal();
    StructType input = spec.inputSchema();
    int numKeys = spec.partial().groupingExpressions().size();
    this.keys = new StateKeys(input.select(range(0, numKeys)), spec.eventTimeKey());
    this.stateSchema = input.select(range(numKeys, input.size()));
    this.stateOffsets = new int[functions.size()];
    this.stateWidths = new int[functions.size()];
    int offset = numKeys;
    for (int f = 0; f < functions.size(); f++) {
      stateOffsets[f] = offset;
      stateWidths[f] = functions.get(f).stateFields().size();
      offset += stateWidths[f];
    }
    this.outputSchema = spec.outputSchema();
  }

  private static int[] range(int from, int to) {
    int[] out = new int[to - from];
    for (int i = 0; i < out.length; i++) {
      out[i] = from + i;
    }
    return out;
  }

  @Override
  public void open(OperatorContext context) {
    this.context = context;
    this.state = context.state().createTable("streaming-aggregate-" + context.taskIndex(), EXPECTED_GROUPS,
        keys.estimatedBytes(), StateKeys.estimateRowBytes(stateSchema));
    // an empty table's index is empty: keep it from the start rather than build it at the first watermark step
    index = spec.usesWatermark() && state.size() == 0 ? new EventTimeKeyIndex() : null;
    untimed = 0;
    resetWorkingSet();
  }

  private void resetWorkingSet() {
    groupIndex.clear();
    accumulators = newAccumulators();
  }

  private Accumulator[] newAccumulators() {
    Accumulator[] out = new Accumulator[functions.size()];
    for (int f = 0; f < out.length; f++) {
      out[f] = functions.get(f).newAccumulator(context.eval());
    }
    return out;
  }

  @Override
  public void process(int input, Batch batch, Output out) {
    Batch rows = spec.usesWatermark() && hasWatermark ? dropLate(batch) : batch;
    int n = rows.numRows();
    if (n == 0) {
      return;
    }
    if (ids.length < n) {
      ids = new int[Math.max(n, ids.length * 2)];
    }
    ColumnVector[] keyColumns = keys.encodingOrder(Arrays.copyOf(rows.columns(), keys.size()));
    int before = groupKeys.size();
    for (int i = 0; i < n; i++) {
      int length = keys.encodeInto(scratch, keyColumns, i);
      ids[i] = groupFor(scratch.getBuffer(), length);
    }
    loadStoredState(before, groupKeys.size());
    for (int f = 0; f < accumulators.length; f++) {
      ColumnVector[] stateColumns = new ColumnVector[stateWidths[f]];
      System.arraycopy(rows.columns(), stateOffsets[f], stateColumns, 0, stateWidths[f]);
      accumulators[f].merge(ids, n, stateColumns);
    }
    reserveMemory();
    if (groupKeys.size() >= FLUSH_GROUPS) {
      flush();
    }
  }

  /** The rows whose event-time key is not at or before the watermark; counts the others as dropped. */
  private Batch dropLate(Batch batch) {
    int n = batch.numRows();
    LongVector times = EventTimes.times(batch.column(spec.eventTimeKey()));
    long[] values = times.values();
    int[] keep = null;
    int kept = 0;
    for (int i = 0; i < n; i++) {
      boolean late = !times.isNull(i) && values[i] <= watermark;
      if (late && keep == null) {
        keep = new int[n];
        for (int j = 0; j < i; j++) {
          keep[j] = j;
        }
        kept = i;
      } else if (!late && keep != null) {
        keep[kept++] = i;
      }
    }
    if (keep == null) {
      return batch;
    }
    dropped += n - kept;
    return batch.take(keep, kept);
  }

  /** The working set's id of the group of the first {@code length} bytes of {@code key}; added when new. */
  private int groupFor(byte[] key, int length) {
    int before = groupIndex.size();
    int group = groupIndex.idOf(key, length);
    if (group == before) {
      for (Accumulator a : accumulators) {
        a.ensureGroups(group + 1);
      }
    }
    return group;
  }

  /** Merges the stored state of groups {@code [from, to)} of the working set, which were just added. */
  private void loadStoredState(int from, int to) {
    if (from == to) {
      return;
    }
    int[] loaded = new int[to - from];
    int count = 0;
    VectorBuilder[] builders = RowBytes.builders(stateSchema, to - from);
    for (int g = from; g < to; g++) {
      ByteKey k = groupKeys.get(g);
      byte[] key = k.bytes();
      byte[] value = state.get(k);
      if (spec.changelog()) {
        previous.putIfAbsent(k, value == null ? NO_PREVIOUS : value); // first load of the epoch: state before it
      }
      if (value != null) {
        reader.setBuffer(value);
        RowBytes.read(reader, stateSchema, builders);
        loaded[count++] = g;
      } else if (index != null) {
        indexNewKey(index, key); // stored at the next flush
      }
    }
    if (count > 0) {
      mergeStates(accumulators, loaded, count, build(builders));
    }
  }

  private static ColumnVector[] build(VectorBuilder[] builders) {
    ColumnVector[] out = new ColumnVector[builders.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = builders[c].build();
    }
    return out;
  }

  /** Merges state columns (laid out as {@code stateSchema}) into {@code into}: row {@code i} into group {@code groups[i]}. */
  private void mergeStates(Accumulator[] into, int[] groups, int count, ColumnVector[] stateColumns) {
    int c = 0;
    for (int f = 0; f < into.length; f++) {
      into[f].merge(groups, count, Arrays.copyOfRange(stateColumns, c, c + stateWidths[f]));
      c += stateWidths[f];
    }
  }

  /** Writes the working set back to the state table and empties it. */
  private void flush() {
    int groups = groupKeys.size();
    int batchSize = Math.max(1, context.batchSize());
    for (int from = 0; from < groups; from += batchSize) {
      int count = Math.min(batchSize, groups - from);
      ColumnVector[] stateColumns = new ColumnVector[stateSchema.size()];
      int c = 0;
      for (Accumulator a : accumulators) {
        for (ColumnVector s : a.state(from, count)) {
          stateColumns[c++] = s;
        }
      }
      for (int k = 0; k < count; k++) {
        ByteKey key = groupKeys.get(from + k);
        scratch.setPosition(0);
        RowBytes.write(scratch, stateColumns, k, false);
        state.replace(key, scratch.toBytes());
        updatedKeys.add(key);
      }
    }
    releaseMemory();
    resetWorkingSet();
  }

  @Override
  public void endOfEpoch(long epoch, Output out) {
    if (global && groupKeys.isEmpty() && spec.outputMode() != OutputMode.APPEND) {
      byte[] global = keys.globalKey();
      groupFor(global, global.length);
      loadStoredState(0, 1); // the global row is emitted at every epoch, as Spark's final phase always yields it
    }
    flush();
    if (spec.changelog()) {
      emitChanges(out);
    } else if (spec.outputMode() == OutputMode.UPDATE) {
      EntryEmitter emitter = new EntryEmitter(out, 0);
      for (ByteKey k : updatedKeys.keys()) {
        byte[] value = state.get(k.bytes());
        if (value != null) {
          emitter.add(k.bytes(), value);
        }
      }
      emitter.finish();
    } else if (spec.outputMode() == OutputMode.COMPLETE) {
      EntryEmitter emitter = new EntryEmitter(out, 0);
      state.forEach(emitter::add);
      emitter.finish();
    }
    lastMetrics = currentMetrics();
    updatedKeys.clear();
    removed = 0;
    dropped = 0;
  }

  /**
   * The changelog of the epoch: for each updated group whose state changed, the previous result as a retraction
   * (unless the group is new), then the new result. Retractions go first, in batches of their own.
   */
  private void emitChanges(Output out) {
    EntryEmitter retractions = new EntryEmitter(out, RowKind.RETRACT);
    List<ByteKey> changed = new ArrayList<>();
    for (ByteKey k : updatedKeys.keys()) {
      byte[] value = state.get(k);
      byte[] before = previous.get(k);
      boolean existed = before != null && before != NO_PREVIOUS;
      if (value == null || existed && Arrays.equals(before, value)) {
        continue; // unchanged: its row stands as emitted
      }
      if (existed) {
        retractions.add(k.bytes(), before);
      }
      changed.add(k);
    }
    retractions.finish();
    EntryEmitter inserts = new EntryEmitter(out, RowKind.INSERT);
    for (ByteKey k : changed) {
      inserts.add(k.bytes(), state.get(k));
    }
    inserts.finish();
    previous.clear();
  }

  @Override
  public void onWatermark(long watermarkMicros, Output out) {
    if (hasWatermark && watermarkMicros <= watermark) {
      return;
    }
    hasWatermark = true;
    watermark = watermarkMicros;
    if (!spec.usesWatermark()) {
      return;
    }
    if (!groupKeys.isEmpty()) {
      flush();
    }
    if (index == null || index.size() + untimed != state.size()) {
      rebuildIndex();
    }
    List<byte[]> due = index.removeAtOrBefore(watermarkMicros); // by event time, then key bytes
    if (spec.outputMode() == OutputMode.UPDATE) {
      for (byte[] k : due) {
        if (state.remove(k)) {
          removed++;
        }
      }
      return;
    }
    EntryEmitter emitter = new EntryEmitter(out, 0);
    for (byte[] k : due) {
      byte[] v = state.removeValue(new ByteKey(k));
      if (v != null) {
        emitter.add(k, v);
        removed++;
      }
    }
    emitter.finish();
  }

  /**
   * In append mode with a watermark: the smallest event time (window end) of a group that a watermark step would
   * emit, from the index; {@link Long#MAX_VALUE} in other modes (a watermark step only evicts), and while the index is
   * not built (until the first watermark step after {@code open} or {@link #restore}).
   */
  @Override
  public long nextEmissionWatermarkMicros() {
    if (!spec.usesWatermark() || spec.outputMode() != OutputMode.APPEND || index == null) {
      return Long.MAX_VALUE;
    }
    return index.firstTime();
  }

  /** Builds the index of stored keys by event time from the state table. */
  private void rebuildIndex() {
    EventTimeKeyIndex fresh = new EventTimeKeyIndex();
    untimed = 0;
    state.forEach((k, v) -> indexNewKey(fresh, k));
    index = fresh;
  }

  private void indexNewKey(EventTimeKeyIndex into, byte[] key) {
    if (keys.hasEventTime(key)) {
      into.add(key, keys.eventTime(key));
    } else {
      untimed++;
    }
  }

  /**
   * Decodes state entries into batches of keys and results of at most the batch size, followed by a row-kind column
   * of {@code kind} for a changelog.
   */
  private final class EntryEmitter {
    private final Output out;
    private final int kind;
    private final int batchSize = Math.max(1, context.batchSize());
    private VectorBuilder[] keyBuilders;
    private VectorBuilder[] stateBuilders;
    private int count;

    EntryEmitter(Output out, int kind) {
      this.out = out;
      this.kind = kind;
      start();
    }

    private void start() {
      keyBuilders = keys.builders(Math.min(batchSize, 1024));
      stateBuilders = RowBytes.builders(stateSchema, Math.min(batchSize, 1024));
      count = 0;
    }

    void add(byte[] key, byte[] value) {
      keys.decode(key, keyBuilders);
      reader.setBuffer(value);
      RowBytes.read(reader, stateSchema, stateBuilders);
      if (++count == batchSize) {
        finish();
        start();
      }
    }

    void finish() {
      if (count == 0) {
        return;
      }
      Accumulator[] results = newAccumulators();
      int[] groups = range(0, count);
      for (Accumulator a : results) {
        a.ensureGroups(count);
      }
      mergeStates(results, groups, count, build(stateBuilders));
      ColumnVector[] cols = new ColumnVector[outputSchema.size()];
      ColumnVector[] keyColumns = keys.build(keyBuilders);
      System.arraycopy(keyColumns, 0, cols, 0, keyColumns.length);
      for (int f = 0; f < results.length; f++) {
        cols[keyColumns.length + f] = results[f].result(0, count);
      }
      if (spec.changelog()) {
        int[] kinds = new int[count];
        Arrays.fill(kinds, kind);
        cols[cols.length - 1] = new IntVector(DataTypes.INTEGER, kinds, null, count);
      }
      out.emit(new Batch(outputSchema, cols, count));
      count = 0;
    }
  }

  private StateMetrics currentMetrics() {
    return new StateMetrics(METRICS_NAME, state.size(), updatedKeys.size(), removed, dropped,
        state.memoryBytes() + reserved + (index == null ? 0 : index.memoryBytes()));
  }

  @Override
  public StateMetrics stateMetrics() {
    return lastMetrics != null ? lastMetrics : currentMetrics();
  }

  private void reserveMemory() {
    long estimate = 64L * groupKeys.size();
    for (ByteKey k : groupKeys) {
      estimate += k.bytes().length;
    }
    for (Accumulator a : accumulators) {
      estimate += a.estimatedBytes();
    }
    reserved = context.memory().resize(reserved, estimate, spec.explain());
  }

  private void releaseMemory() {
    context.memory().release(reserved);
    reserved = 0;
  }

  @Override
  public byte[] snapshot(long epoch) {
    if (!groupKeys.isEmpty()) {
      flush();
    }
    com.esotericsoftware.kryo.io.Output out = StateSnapshots.begin(SNAPSHOT_VERSION);
    out.writeBoolean(hasWatermark);
    out.writeLong(watermark);
    out.writeVarLong(removed, true);
    out.writeVarLong(dropped, true);
    out.writeVarInt(updatedKeys.size(), true);
    for (ByteKey k : updatedKeys.keys()) {
      writeBytes(out, k.bytes());
    }
    out.writeBoolean(lastMetrics != null);
    if (lastMetrics != null) {
      out.writeVarLong(lastMetrics.numRowsTotal(), true);
      out.writeVarLong(lastMetrics.numRowsUpdated(), true);
      out.writeVarLong(lastMetrics.numRowsRemoved(), true);
      out.writeVarLong(lastMetrics.numRowsDroppedByWatermark(), true);
      out.writeVarLong(lastMetrics.memoryUsedBytes(), true);
    }
    if (spec.changelog()) {
      out.writeVarInt(previous.size(), true);
      for (Map.Entry<ByteKey, byte[]> e : previous.entrySet()) {
        writeBytes(out, e.getKey().bytes());
        out.writeBoolean(e.getValue() != NO_PREVIOUS);
        if (e.getValue() != NO_PREVIOUS) {
          writeBytes(out, e.getValue());
        }
      }
    }
    return out.toBytes();
  }

  private static void writeBytes(com.esotericsoftware.kryo.io.Output out, byte[] b) {
    out.writeVarInt(b.length, true);
    out.writeBytes(b);
  }

  private static byte[] readBytes(Input in) {
    return in.readBytes(in.readVarInt(true));
  }

  @Override
  public void restore(byte[] snapshot) {
    Input in = StateSnapshots.open(snapshot, SNAPSHOT_VERSION, "StreamingAggregate");
    releaseMemory();
    resetWorkingSet();
    index = null; // the table was restored or rolled back under it: rebuilt at the next watermark step
    updatedKeys.clear();
    hasWatermark = in.readBoolean();
    watermark = in.readLong();
    removed = in.readVarLong(true);
    dropped = in.readVarLong(true);
    for (int i = in.readVarInt(true); i > 0; i--) {
      updatedKeys.add(new ByteKey(readBytes(in)));
    }
    StateMetrics last = in.readBoolean() ? new StateMetrics(METRICS_NAME, in.readVarLong(true), in.readVarLong(true),
        in.readVarLong(true), in.readVarLong(true), in.readVarLong(true)) : null;
    lastMetrics = last;
    previous.clear();
    if (spec.changelog()) {
      for (int i = in.readVarInt(true); i > 0; i--) {
        ByteKey k = new ByteKey(readBytes(in));
        previous.put(k, in.readBoolean() ? readBytes(in) : NO_PREVIOUS);
      }
    }
  }

  @Override
  public void close() {
    if (context != null) {
      releaseMemory();
    }
    if (state != null) {
      state.close();
      state = null;
    }
  }
}
