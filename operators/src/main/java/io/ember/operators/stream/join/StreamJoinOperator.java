package io.ember.operators.stream.join;

import com.esotericsoftware.kryo.io.Input;
import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.Output;
import io.ember.operators.StateMetrics;
import io.ember.operators.StateSnapshots;
import io.ember.operators.internal.EventTimes;
import io.ember.operators.stream.StateProgress;
import io.ember.operators.internal.KeyRows;
import io.ember.operators.internal.RowBytes;
import io.ember.operators.join.JoinType;
import io.ember.operators.state.ByteKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link StreamJoinSpec}. Per arriving batch of one side: drop late rows, look up each row's key in
 * the other side's state and gather (arriving row, stored row) pairs, up to a batch of pairs at a time; build
 * the joined rows, apply the condition, emit, and record matches (on the stored rows only when the other
 * side needs them: outer joins preserving it, or a left semi join); then store the arriving rows with their
 * matched flags. {@link #onWatermark} evicts both sides' expired rows and emits the unmatched ones of a
 * preserved side with nulls.
 */
final class StreamJoinOperator implements Operator {
  /**
   * Version of the snapshot: the watermark and counters (the task snapshots both sides' tables). 3: one table per side
   * keyed by join key and sequence number (2 had a count table and a dense index per key).
   */
  private static final int SNAPSHOT_VERSION = 3;
  private static final String NAME = "symmetricHashJoin";

  private final StreamJoinSpec spec;
  private final StructType outputSchema;
  private final StructType joinedSchema;
  private final StructType[] schemas;
  private final Expression[][] keys;
  private final int[] eventTimeColumns;
  private final JoinStateWatermarks.Side[] sides;
  private final boolean[] preserved;
  private final boolean semi;
  private final Expression condition;
  private final com.esotericsoftware.kryo.io.Output scratch = new com.esotericsoftware.kryo.io.Output(128, -1);

  private final JoinSideState[] state = new JoinSideState[2];
  private EvalContext eval;
  private int batchSize;
  private final StateProgress progress = new StateProgress();

  StreamJoinOperator(StreamJoinSpec spec) {
    this.spec = spec;
    this.outputSchema = spec.outputSchema();
    this.joinedSchema = spec.joinedSchema();
    this.schemas = new StructType[] {spec.leftSchema(), spec.rightSchema()};
    this.keys = new Expression[][] {
      spec.leftKeys().toArray(new Expression[0]), spec.rightKeys().toArray(new Expression[0])};
    this.eventTimeColumns = new int[] {spec.leftEventTimeColumn(), spec.rightEventTimeColumn()};
    this.sides = new JoinStateWatermarks.Side[] {spec.stateWatermarks().left(), spec.stateWatermarks().right()};
    JoinType t = spec.joinType();
    this.preserved = new boolean[] {t.preservesLeft(), t.preservesRight()};
    this.semi = t == JoinType.LEFT_SEMI;
    this.condition = spec.condition();
  }

  @Override
  public void open(OperatorContext context) {
    this.eval = context.eval();
    this.batchSize = context.batchSize();
    String name = "symmetricHashJoin-" + Integer.toHexString(System.identityHashCode(this));
    state[0] = new JoinSideState(context.state(), name + "-left");
    state[1] = new JoinSideState(context.state(), name + "-right");
  }

  @Override
  public void process(int input, Batch batch, Output out) {
    batch = dropLate(input, batch);
    int n = batch.numRows();
    if (n == 0) {
      return;
    }
    int other = 1 - input;
    ColumnVector[] keyVectors = new ColumnVector[keys[input].length];
    for (int k = 0; k < keyVectors.length; k++) {
      keyVectors[k] = keys[input][k].evaluate(batch, eval);
    }
    byte[][] keyBytes = new byte[n][];
    int[] hashes = new int[n];
    boolean[] hasNull = new boolean[n];
    boolean[] matched = new boolean[n];
    Pairs pairs = new Pairs(batchSize);
    JoinSideState stored = state[other];
    stored.prepare();
    state[input].prepare();
    for (int r = 0; r < n; r++) {
      keyBytes[r] = RowBytes.key(scratch, keyVectors, r);
      hashes[r] = ByteKey.hash(keyBytes[r]);
      hasNull[r] = KeyRows.anyNull(keyVectors, r);
      if (hasNull[r]) {
        continue;
      }
      int key = stored.find(keyBytes[r], hashes[r]);
      for (int row = stored.firstRow(key); row != JoinRowIndex.NONE; row = stored.nextRow(row)) {
        byte[] rowKey = stored.rowKey(key, row);
        byte[] value = stored.get(rowKey);
        if (semi && other == 0 && JoinSideState.matched(value)) {
          continue; // that left row was emitted already
        }
        pairs.add(r, rowKey, value);
        if (pairs.size == batchSize) {
          joinPairs(input, batch, pairs, matched, out);
        }
      }
    }
    joinPairs(input, batch, pairs, matched, out);
    if (semi && input == 0) {
      emitSelected(batch, matched, true, false, input, out);
    }
    store(input, batch, keyVectors, keyBytes, hashes, hasNull, matched, out);
  }

  @Override
  public void onWatermark(long watermarkMicros, Output out) {
    if (!progress.advanceWatermark(watermarkMicros)) {
      return;
    }
    for (int s = 0; s < 2; s++) {
      if (!sides[s].evicts()) {
        continue;
      }
      boolean emitUnmatched = preserved[s];
      List<byte[]> unmatched = new ArrayList<>();
      // the removed rows are emitted (in key order) only for a preserved side; otherwise their order is free
      progress.removed(state[s].evict(sides[s].threshold(watermarkMicros), v -> {
        if (emitUnmatched && !JoinSideState.matched(v)) {
          unmatched.add(v);
        }
      }, emitUnmatched));
      for (int from = 0; from < unmatched.size(); from += batchSize) {
        List<byte[]> chunk = unmatched.subList(from, Math.min(unmatched.size(), from + batchSize));
        out.emit(withNulls(s, decode(s, chunk.toArray(new byte[0][]), chunk.size())));
      }
    }
  }

  @Override
  public void endOfEpoch(long epoch, Output out) {
    progress.endEpoch();
  }

  /** Rows held by both sides now, and the counters of the last ended epoch. */
  @Override
  public StateMetrics stateMetrics() {
    return progress.metrics(NAME, state[0].size() + state[1].size(), state[0].memoryBytes() + state[1].memoryBytes());
  }

  @Override
  public byte[] snapshot(long epoch) {
    com.esotericsoftware.kryo.io.Output out = StateSnapshots.begin(SNAPSHOT_VERSION);
    progress.write(out);
    return out.toBytes();
  }

  @Override
  public void restore(byte[] snapshot) {
    Input in = StateSnapshots.open(snapshot, SNAPSHOT_VERSION, "StreamingSymmetricHashJoin");
    progress.read(in);
    for (JoinSideState side : state) {
      side.invalidateIndex(); // the tables were restored or rolled back under it
    }
  }

  @Override
  public void close() {
    for (int s = 0; s < 2; s++) {
      if (state[s] != null) {
        state[s].close();
        state[s] = null;
      }
    }
  }

  /** Drops rows whose event time is at or before the watermark, counting them. */
  private Batch dropLate(int input, Batch batch) {
    int column = eventTimeColumns[input];
    if (!progress.hasWatermark() || column < 0) {
      return batch;
    }
    LongVector times = EventTimes.times(batch.column(column));
    int n = batch.numRows();
    int[] keep = new int[n];
    int count = 0;
    for (int r = 0; r < n; r++) {
      if (times.isNull(r) || times.getLong(r) > progress.watermark()) {
        keep[count++] = r;
      }
    }
    progress.dropped(n - count);
    return count == n ? batch : batch.take(keep, count);
  }

  /** Joins the gathered pairs, emits the joined rows that satisfy the condition and records the matches. */
  private void joinPairs(int input, Batch batch, Pairs pairs, boolean[] matched, Output out) {
    int count = pairs.size;
    if (count == 0) {
      return;
    }
    int other = 1 - input;
    Batch stored = decode(other, pairs.values, count);
    Batch arriving = batch.take(pairs.rows, count);
    Batch joined = input == 0 ? concat(arriving, stored, count) : concat(stored, arriving, count);
    int[] kept = new int[count];
    int keptCount = 0;
    if (condition == null) {
      for (int i = 0; i < count; i++) {
        kept[keptCount++] = i;
      }
    } else if (condition.evaluate(joined, eval) instanceof BooleanVector bools) {
      for (int i = 0; i < count; i++) {
        if (!bools.isNull(i) && bools.getBoolean(i)) {
          kept[keptCount++] = i;
        }
      }
    }
    boolean markStored = preserved[other] || semi && other == 0;
    int[] newlyMatched = new int[keptCount];
    int newly = 0;
    for (int k = 0; k < keptCount; k++) {
      int p = kept[k];
      matched[pairs.rows[p]] = true;
      if (markStored) {
        byte[] current = state[other].get(pairs.rowKeys[p]);
        if (!JoinSideState.matched(current)) {
          state[other].markMatched(pairs.rowKeys[p], current);
          newlyMatched[newly++] = p;
        }
      }
    }
    if (!semi && keptCount > 0) {
      Batch rows = keptCount == count ? joined : joined.take(kept, keptCount);
      out.emit(rows.withSchema(outputSchema));
    } else if (semi && other == 0 && newly > 0) {
      out.emit(stored.take(newlyMatched, newly).withSchema(outputSchema));
    }
    pairs.clear();
  }

  /** Stores the arriving rows on their side, unless already evicted by its state watermark. */
  private void store(int input, Batch batch, ColumnVector[] keyVectors, byte[][] keyBytes, int[] hashes,
      boolean[] hasNull, boolean[] matched, Output out) {
    JoinStateWatermarks.Side side = sides[input];
    LongVector times = null;
    if (side.keyOrdinal() >= 0) {
      times = EventTimes.times(keyVectors[side.keyOrdinal()]);
    } else if (side.evicts() && eventTimeColumns[input] >= 0) {
      times = EventTimes.times(batch.column(eventTimeColumns[input]));
    }
    boolean evicting = progress.hasWatermark() && side.evicts();
    long threshold = evicting ? side.threshold(progress.watermark()) : Long.MIN_VALUE;
    int n = batch.numRows();
    boolean[] emitNow = new boolean[n];
    boolean anyEmit = false;
    for (int r = 0; r < n; r++) {
      if (semi && input == 0 && matched[r] || hasNull[r] && !preserved[input]) {
        continue; // emitted already, or can never match nor be emitted
      }
      long t = times == null || times.isNull(r) ? Long.MAX_VALUE : times.getLong(r);
      if (evicting && t <= threshold) {
        if (preserved[input] && !matched[r]) {
          emitNow[r] = true;
          anyEmit = true;
        }
        continue;
      }
      scratch.setPosition(JoinSideState.HEADER_BYTES);
      RowBytes.write(scratch, batch.columns(), r, false);
      byte[] value = scratch.toBytes();
      JoinSideState.writeHeader(value, matched[r], t);
      state[input].append(keyBytes[r], hashes[r], value);
      progress.updated();
    }
    if (anyEmit) {
      emitSelected(batch, emitNow, true, true, input, out);
    }
  }

  /** Emits the rows of {@code batch} whose flag equals {@code wanted}: alone, or with nulls for the other side. */
  private void emitSelected(Batch batch, boolean[] flags, boolean wanted, boolean padWithNulls, int input, Output out) {
    int n = batch.numRows();
    int[] rows = new int[n];
    int count = 0;
    for (int r = 0; r < n; r++) {
      if (flags[r] == wanted) {
        rows[count++] = r;
      }
    }
    if (count == 0) {
      return;
    }
    Batch taken = count == n ? batch : batch.take(rows, count);
    out.emit(padWithNulls ? withNulls(input, taken) : taken.withSchema(outputSchema));
  }

  /** Stored rows of side {@code side} as a batch of its schema. */
  private Batch decode(int side, byte[][] values, int count) {
    StructType schema = schemas[side];
    VectorBuilder[] builders = RowBytes.builders(schema, count);
    for (int i = 0; i < count; i++) {
      byte[] v = values[i];
      RowBytes.read(new Input(v, JoinSideState.HEADER_BYTES, v.length - JoinSideState.HEADER_BYTES), schema, builders);
    }
    ColumnVector[] cols = new ColumnVector[builders.length];
    for (int c = 0; c < cols.length; c++) {
      cols[c] = builders[c].build();
    }
    return new Batch(schema, cols, count);
  }

  private Batch concat(Batch left, Batch right, int count) {
    ColumnVector[] cols = new ColumnVector[left.numColumns() + right.numColumns()];
    System.arraycopy(left.columns(), 0, cols, 0, left.numColumns());
    System.arraycopy(right.columns(), 0, cols, left.numColumns(), right.numColumns());
    return new Batch(joinedSchema, cols, count);
  }

  /** Rows of side {@code side} joined to nulls for the other side. */
  private Batch withNulls(int side, Batch rows) {
    int n = rows.numRows();
    StructType nullSchema = schemas[1 - side];
    ColumnVector[] nulls = new ColumnVector[nullSchema.size()];
    for (int c = 0; c < nulls.length; c++) {
      nulls[c] = KeyRows.nulls(nullSchema.field(c).dataType(), n);
    }
    ColumnVector[] cols = new ColumnVector[outputSchema.size()];
    ColumnVector[] first = side == 0 ? rows.columns() : nulls;
    ColumnVector[] second = side == 0 ? nulls : rows.columns();
    System.arraycopy(first, 0, cols, 0, first.length);
    System.arraycopy(second, 0, cols, first.length, second.length);
    return new Batch(outputSchema, cols, n);
  }

  /** (arriving row, stored row) pairs awaiting the condition: the stored row by its table key and its bytes. */
  private static final class Pairs {
    final int[] rows;
    final byte[][] rowKeys;
    final byte[][] values;
    int size;

    Pairs(int capacity) {
      rows = new int[capacity];
      rowKeys = new byte[capacity][];
      values = new byte[capacity][];
    }

    void add(int row, byte[] rowKey, byte[] value) {
      rows[size] = row;
      rowKeys[size] = rowKey;
      values[size] = value;
      size++;
    }

    void clear() {
      java.util.Arrays.fill(rowKeys, 0, size, null);
      java.util.Arrays.fill(values, 0, size, null);
      size = 0;
    }
  }
}
