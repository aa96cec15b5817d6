package io.ember.operators.stream.aggregate;

import com.esotericsoftware.kryo.io.Input;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.Expression;
import io.ember.core.expr.ExpressionErrors;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.Output;
import io.ember.operators.StateMetrics;
import io.ember.operators.StateSnapshots;
import io.ember.operators.state.ByteKey;
import io.ember.operators.state.StateTable;
import io.ember.operators.stream.OutputMode;
import io.ember.operators.stream.RowKind;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The running instance of a {@link RetractingAggregateSpec}.
 *
 * <p>State: a {@link StateTable} from each group's encoded key ({@link StateKeys}) to its encoded {@link
 * GroupState}. During an epoch the groups touched form a working set of decoded states, loaded from the table when
 * first touched and written back at the end of the epoch, before a snapshot, and whenever the set reaches {@link
 * #FLUSH_GROUPS} groups; a group with no rows left is removed from the table instead. Emission decodes groups from the
 * table.
 *
 * <p>Snapshot format (version {@link #SNAPSHOT_VERSION}): the keys updated in the epoch in progress and the last
 * ended epoch's counters; the table's entries are snapshotted by the task, after the working set was written back.
 */
final class RetractingAggregateOperator implements Operator {
  static final int SNAPSHOT_VERSION = 1;
  static final int FLUSH_GROUPS = 1 << 14;
  static final String METRICS_NAME = "retractingAggregate";

  private final RetractingAggregateSpec spec;
  private final List<RetractableFunction> functions;
  private final StateKeys keys;
  private final StructType outputSchema;
  private final boolean global;
  private OperatorContext context;
  private StateTable state;
  private final com.esotericsoftware.kryo.io.Output scratch = new com.esotericsoftware.kryo.io.Output(64, -1);

  private final Map<ByteKey, GroupState> working = new LinkedHashMap<>();
  private final LinkedHashSet<ByteKey> updatedKeys = new LinkedHashSet<>();
  private long removed;
  private long reserved;
  private StateMetrics lastMetrics;

  RetractingAggregateOperator(RetractingAggregateSpec spec) {
    this.spec = spec;
    this.functions = spec.retractable();
    this.keys = new StateKeys(spec.keySchema(), StreamingAggregateSpec.NO_EVENT_TIME_KEY);
    this.outputSchema = spec.outputSchema();
    this.global = spec.keyColumns().length == 0;
  }

  @Override
  public void open(OperatorContext context) {
    this.context = context;
    this.state = context.state().createTable("retracting-aggregate-" + context.taskIndex(),
        StreamingAggregateOperator.EXPECTED_GROUPS, keys.estimatedBytes(), 8 + 16 * functions.size());
  }

  @Override
  public void process(int input, Batch batch, Output out) {
    int n = batch.numRows();
    if (n == 0) {
      return;
    }
    int[] kinds = ((IntVector) batch.column(spec.rowKindColumn())).values();
    ColumnVector[] keyColumns = new ColumnVector[spec.keyColumns().length];
    for (int k = 0; k < keyColumns.length; k++) {
      keyColumns[k] = batch.column(spec.keyColumns()[k]);
    }
    keyColumns = keys.encodingOrder(keyColumns);
    ColumnVector[][] args = new ColumnVector[functions.size()][];
    for (int f = 0; f < args.length; f++) {
      List<Expression> in = functions.get(f).inputs();
      args[f] = new ColumnVector[in.size()];
      for (int a = 0; a < args[f].length; a++) {
        args[f][a] = in.get(a).evaluate(batch, context.eval());
      }
    }
    boolean ansi = context.eval().ansi();
    for (int i = 0; i < n; i++) {
      GroupState g = group(global ? keys.globalKey() : keys.encode(scratch, keyColumns, i));
      int kind = kinds[i];
      g.rows += kind;
      for (int f = 0; f < args.length; f++) {
        if (!allPresent(args[f], i)) {
          continue;
        }
        g.counts[f] += kind;
        RetractableFunction fn = functions.get(f);
        if (fn.floating()) {
          g.doubleSums[f] += kind * ((DoubleVector) args[f][0]).values()[i];
        } else if (fn.hasSum()) {
          long v = ((LongVector) args[f][0]).values()[i];
          g.longSums[f] = add(g.longSums[f], kind == RowKind.RETRACT ? -v : v, ansi);
        }
      }
    }
    reserveMemory();
    if (working.size() >= FLUSH_GROUPS) {
      flush();
    }
  }

  private static long add(long sum, long v, boolean ansi) {
    if (!ansi) {
      return sum + v;
    }
    try {
      return Math.addExact(sum, v);
    } catch (ArithmeticException e) {
      throw ExpressionErrors.arithmeticOverflow("long overflow", "try_sum");
    }
  }

  private static boolean allPresent(ColumnVector[] args, int row) {
    for (ColumnVector a : args) {
      if (a.isNull(row)) {
        return false;
      }
    }
    return true;
  }

  private GroupState group(byte[] key) {
    ByteKey k = new ByteKey(key);
    GroupState g = working.get(k);
    if (g == null) {
      byte[] stored = state.get(k);
      g = stored == null ? new GroupState(functions.size()) : GroupState.decode(stored, functions);
      working.put(k, g);
    }
    return g;
  }

  /** Writes the working set back to the state table (removing the groups left without rows) and empties it. */
  private void flush() {
    for (Map.Entry<ByteKey, GroupState> e : working.entrySet()) {
      GroupState g = e.getValue();
      if (g.rows == 0 && !global) {
        if (state.remove(e.getKey().bytes())) {
          removed++;
        }
      } else {
        scratch.setPosition(0);
        g.encode(scratch, functions);
        state.replace(e.getKey(), scratch.toBytes());
      }
      updatedKeys.add(e.getKey());
    }
    working.clear();
    context.memory().release(reserved);
    reserved = 0;
  }

  @Override
  public void endOfEpoch(long epoch, Output out) {
    if (global && working.isEmpty()) {
      group(keys.globalKey()); // the global row is emitted at every epoch
    }
    flush();
    Emitter emitter = new Emitter(out);
    if (spec.outputMode() == OutputMode.COMPLETE) {
      state.forEach(emitter::add);
    } else {
      for (ByteKey k : updatedKeys) {
        byte[] value = state.get(k);
        if (value != null) {
          emitter.add(k.bytes(), value);
        }
      }
    }
    emitter.finish();
    lastMetrics = currentMetrics();
    updatedKeys.clear();
    removed = 0;
  }

  /** Decodes state entries into batches of keys and results of at most the batch size. */
  private final class Emitter {
    private final Output out;
    private final int batchSize = Math.max(1, context.batchSize());
    private VectorBuilder[] keyBuilders;
    private VectorBuilder[] resultBuilders;
    private int count;

    Emitter(Output out) {
      this.out = out;
      start();
    }

    private void start() {
      int capacity = Math.min(batchSize, 1024);
      keyBuilders = keys.builders(capacity);
      resultBuilders = new VectorBuilder[functions.size()];
      for (int f = 0; f < resultBuilders.length; f++) {
        resultBuilders[f] = VectorBuilder.forType(functions.get(f).resultType(), capacity);
      }
      count = 0;
    }

    void add(byte[] key, byte[] value) {
      keys.decode(key, keyBuilders);
      GroupState g = GroupState.decode(value, functions);
      for (int f = 0; f < resultBuilders.length; f++) {
        resultBuilders[f].append(g.result(functions.get(f), f));
      }
      if (++count == batchSize) {
        finish();
        start();
      }
    }

    void finish() {
      if (count == 0) {
        return;
      }
      ColumnVector[] cols = new ColumnVector[outputSchema.size()];
      ColumnVector[] keyColumns = keys.build(keyBuilders);
      System.arraycopy(keyColumns, 0, cols, 0, keyColumns.length);
      for (int f = 0; f < resultBuilders.length; f++) {
        cols[keyColumns.length + f] = resultBuilders[f].build();
      }
      out.emit(new Batch(outputSchema, cols, count));
      count = 0;
    }
  }

  private StateMetrics currentMetrics() {
    return new StateMetrics(METRICS_NAME, state.size(), updatedKeys.size(), removed, 0, state.memoryBytes() + reserved);
  }

  @Override
  public StateMetrics stateMetrics() {
    return lastMetrics != null ? lastMetrics : currentMetrics();
  }

  private void reserveMemory() {
    long estimate = (64L + 24L * functions.size()) * working.size();
    reserved = context.memory().resize(reserved, estimate, spec.explain());
  }

  @Override
  public byte[] snapshot(long epoch) {
    if (!working.isEmpty()) {
      flush();
    }
    com.esotericsoftware.kryo.io.Output out = StateSnapshots.begin(SNAPSHOT_VERSION);
    out.writeVarLong(removed, true);
    out.writeVarInt(updatedKeys.size(), true);
    for (ByteKey k : updatedKeys) {
      out.writeVarInt(k.bytes().length, true);
      out.writeBytes(k.bytes());
    }
    out.writeBoolean(lastMetrics != null);
    if (lastMetrics != null) {
      out.writeVarLong(lastMetrics.numRowsTotal(), true);
      out.writeVarLong(lastMetrics.numRowsUpdated(), true);
      out.writeVarLong(lastMetrics.numRowsRemoved(), true);
      out.writeVarLong(lastMetrics.memoryUsedBytes(), true);
    }
    return out.toBytes();
  }

  @Override
  public void restore(byte[] snapshot) {
    Input in = StateSnapshots.open(snapshot, SNAPSHOT_VERSION, "RetractingAggregate");
    working.clear();
    context.memory().release(reserved);
    reserved = 0;
    updatedKeys.clear();
    removed = in.readVarLong(true);
    for (int i = in.readVarInt(true); i > 0; i--) {
      updatedKeys.add(new ByteKey(in.readBytes(in.readVarInt(true))));
    }
    lastMetrics = in.readBoolean() ? new StateMetrics(METRICS_NAME, in.readVarLong(true), in.readVarLong(true),
        in.readVarLong(true), 0, in.readVarLong(true)) : null;
  }

  @Override
  public void close() {
    if (context != null) {
      context.memory().release(reserved);
      reserved = 0;
    }
    if (state != null) {
      state.close();
      state = null;
    }
  }
}
