package io.ember.operators.aggregate;

import com.esotericsoftware.kryo.io.Input;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.Output;
import io.ember.operators.StateSnapshots;
import io.ember.operators.aggregate.HashAggregateSpec.Mode;
import io.ember.operators.memory.SpillFile;
import java.util.List;

/**
 * The running instance of a {@link HashAggregateSpec}: a {@link KeyTable} from keys to group ids and one
 * {@link Accumulator} per function. Each batch is processed column-wise: keys are hashed and probed for all
 * rows, then every accumulator updates (or merges) all rows at once. Memory is reserved from the task's
 * budget as the state grows, checked after every batch.
 *
 * <p>Snapshot format (version {@link #SNAPSHOT_VERSION}): group count, key columns, then each function's
 * state columns, as the PARTIAL output would carry them; restoring re-inserts the keys in group order and
 * merges the states into empty accumulators.
 *
 * <p>A keyed PARTIAL aggregate is adaptive ({@link HashAggregateSpec.AdaptivePartial}): while it samples, it
 * counts rows and groups across its flushes and epochs; when grouping does not pay it emits its table and
 * then passes each batch through, every row a group of its own (fresh accumulators updated with group ids
 * {@code 0..n-1}, so each function's state columns hold exactly that row's partial state), and samples again
 * after a while. The pass-through mode is not part of the snapshot: a restored operator samples afresh.
 */
final class HashAggregateOperator implements Operator {
  static final int SNAPSHOT_VERSION = 1;

  private final HashAggregateSpec spec;
  private final boolean keyed;
  private final DataType[] keyTypes;
  private final StructType outputSchema;
  private final int[] stateOffsets;
  private final String owner;
  private OperatorContext context;
  private KeyTable table;
  private Accumulator[] accumulators;
  private int groupCount;
  private int[] groupIds = new int[0];
  private long reserved;
  /** Epochs ended so far: a partial aggregate in a stream emits per epoch. */
  private long epochsEnded;
  /** Input rows since the table was last emitted and emptied. */
  private long rowsSinceReset;
  /** Whether this keyed PARTIAL may pass rows through (adaptive partial aggregation). */
  private final boolean adaptive;
  /** Sampling: rows and groups of the tables emptied since sampling began (the current table adds its own). */
  private boolean sampling;
  private long sampledRows;
  private long sampledGroups;
  /** Passing rows through, and how many so far. */
  private boolean passingThrough;
  private long passedRows;
  private int[] identity = new int[0];

  HashAggregateOperator(HashAggregateSpec spec) {
    this.spec = spec;
    List<Expression> keys = spec.groupingExpressions();
    this.keyed = !keys.isEmpty();
    this.keyTypes = new DataType[keys.size()];
    for (int i = 0; i < keyTypes.length; i++) {
      keyTypes[i] = keys.get(i).dataType();
    }
    this.outputSchema = spec.outputSchema();
    this.owner = spec.explain();
    this.stateOffsets = new int[spec.functions().size()];
    int offset = keys.size();
    for (int i = 0; i < stateOffsets.length; i++) {
      stateOffsets[i] = offset;
      offset += spec.functions().get(i).stateFields().size();
    }
    this.adaptive = spec.mode() == Mode.PARTIAL && keyed && spec.adaptivePartial().enabled()
        && spec.functions().stream().allMatch(HashAggregateOperator::smallRowState);
    this.sampling = adaptive;
  }

  /** Whether one row's partial state is small: not approx_count_distinct's fixed array of registers. */
  private static boolean smallRowState(AggregateFunction f) {
    AggregateFunction inner = f instanceof RenamedFunction r ? r.delegate() : f;
    return !(inner instanceof ApproxCountDistinctFunction);
  }

  @Override
  public void open(OperatorContext context) {
    this.context = context;
    reset();
  }

  private void reset() {
    if (sampling) {
      sampledRows += rowsSinceReset;
      sampledGroups += groupCount;
    }
    table = keyed ? new KeyTable(keyTypes) : null;
    List<AggregateFunction> functions = spec.functions();
    accumulators = new Accumulator[functions.size()];
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i] = functions.get(i).newAccumulator(context.eval());
    }
    groupCount = 0;
    rowsSinceReset = 0;
    if (!keyed) {
      ensureGroups(1);
    }
  }

  private void ensureGroups(int count) {
    groupCount = count;
    for (Accumulator a : accumulators) {
      a.ensureGroups(count);
    }
  }

  @Override
  public void process(int input, Batch batch, Output out) {
    int n = batch.numRows();
    if (n == 0) {
      return;
    }
    if (passingThrough) {
      passThrough(batch, n, out);
      return;
    }
    rowsSinceReset += n;
    int[] ids = assignGroups(batch, n);
    List<AggregateFunction> functions = spec.functions();
    for (int f = 0; f < accumulators.length; f++) {
      if (spec.mode() == Mode.FINAL) {
        int width = functions.get(f).stateFields().size();
        ColumnVector[] state = new ColumnVector[width];
        System.arraycopy(batch.columns(), stateOffsets[f], state, 0, width);
        accumulators[f].merge(ids, n, state);
      } else {
        accumulators[f].update(ids, n, functions.get(f).evaluateInputs(batch, context.eval()));
      }
    }
    reserveMemory();
    if (sampling && decide()) {
      emitAll(out);
      releaseMemory();
      reset();
      sampling = false;
      passingThrough = true;
      passedRows = 0;
    } else if (spec.mode() == Mode.PARTIAL && keyed
        && (groupCount >= spec.partialFlushGroups() || partialOverBudget)) {
      emitAll(out);
      releaseMemory();
      reset();
    }
  }

  /**
   * Once the sample is complete: true when its groups exceed the ratio of its rows (pass rows through from
   * now), else false and sampling ends (keep grouping). False while the sample is incomplete.
   */
  private boolean decide() {
    HashAggregateSpec.AdaptivePartial a = spec.adaptivePartial();
    long rows = sampledRows + rowsSinceReset;
    if (rows < a.sampleRows()) {
      return false;
    }
    sampling = false;
    return sampledGroups + groupCount > a.maxGroupRatio() * rows;
  }

  /** Emits the batch's rows as one-row groups: their keys, then each function's state of that row alone. */
  private void passThrough(Batch batch, int n, Output out) {
    if (identity.length < n) {
      identity = new int[n];
      for (int i = 0; i < n; i++) {
        identity[i] = i;
      }
    }
    List<Expression> keys = spec.groupingExpressions();
    List<AggregateFunction> functions = spec.functions();
    ColumnVector[] cols = new ColumnVector[outputSchema.size()];
    for (int k = 0; k < keys.size(); k++) {
      cols[k] = keys.get(k).evaluate(batch, context.eval());
    }
    int c = keys.size();
    for (AggregateFunction f : functions) {
      Accumulator one = f.newAccumulator(context.eval());
      one.ensureGroups(n);
      one.update(identity, n, f.evaluateInputs(batch, context.eval()));
      for (ColumnVector s : one.state(0, n)) {
        cols[c++] = s;
      }
    }
    out.emit(new Batch(outputSchema, cols, n));
    passedRows += n;
    if (passedRows >= spec.adaptivePartial().passRows()) {
      passingThrough = false; // sample again: the input may group better now
      sampling = true;
      sampledRows = 0;
      sampledGroups = 0;
    }
  }

  private int[] assignGroups(Batch batch, int n) {
    if (groupIds.length < n) {
      groupIds = new int[Math.max(n, groupIds.length * 2)];
    }
    if (keyed) {
      List<Expression> keys = spec.groupingExpressions();
      ColumnVector[] keyColumns = new ColumnVector[keys.size()];
      for (int k = 0; k < keyColumns.length; k++) {
        keyColumns[k] = keys.get(k).evaluate(batch, context.eval());
      }
      table.findOrInsert(keyColumns, n, groupIds);
      if (table.size() > groupCount) {
        ensureGroups(table.size());
      }
    }
    return groupIds; // without keys every id is 0: the buffer is never written
  }

  @Override
  public void endOfInput(int input, Output out) {
    if (spiller != null) {
      emitSpilled(out);
      return;
    }
    if (spec.mode() == Mode.PARTIAL && epochsEnded > 0 && rowsSinceReset == 0) {
      return; // a stream's final epoch already emitted everything (a global state row would be a repeat)
    }
    emitAll(out);
    releaseMemory();
    reset();
  }

  /**
   * PARTIAL: emits the epoch's groups (a global aggregate its single state row, even when the epoch had no
   * rows) and starts empty, so that the stateful final phase after the exchange sees each epoch's partial
   * states within that epoch. FINAL and COMPLETE are batch phases and ignore epochs.
   */
  @Override
  public void endOfEpoch(long epoch, Output out) {
    if (spec.mode() != Mode.PARTIAL) {
      return;
    }
    epochsEnded++;
    emitAll(out);
    releaseMemory();
    reset();
  }

  private void emitAll(Output out) {
    if (groupCount == 0) {
      return;
    }
    ColumnVector[] keys = keyed ? table.keyColumns() : new ColumnVector[0];
    int batchSize = Math.max(1, context.batchSize());
    for (int from = 0; from < groupCount; from += batchSize) {
      int count = Math.min(batchSize, groupCount - from);
      ColumnVector[] cols = new ColumnVector[outputSchema.size()];
      for (int k = 0; k < keys.length; k++) {
        cols[k] = from == 0 && count == groupCount ? keys[k] : keys[k].slice(from, count);
      }
      int c = keys.length;
      for (Accumulator a : accumulators) {
        if (spec.mode() == Mode.PARTIAL) {
          for (ColumnVector s : a.state(from, count)) {
            cols[c++] = s;
          }
        } else {
          cols[c++] = a.result(from, count);
        }
      }
      out.emit(new Batch(outputSchema, cols, count));
    }
  }

  private void reserveMemory() {
    long estimate = keyed ? table.estimatedBytes() : 0;
    for (Accumulator a : accumulators) {
      estimate += a.estimatedBytes();
    }
    if (canSpill() && estimate > reserved) {
      if (context.memory().tryReserve(estimate - reserved)) {
        reserved = estimate;
      } else {
        spillGroups();
      }
      return;
    }
    if (spec.mode() == Mode.PARTIAL && keyed && estimate > reserved) {
      if (context.memory().tryReserve(estimate - reserved)) {
        reserved = estimate;
      } else {
        partialOverBudget = true; // process emits the groups and starts empty, as at partialFlushGroups
      }
      return;
    }
    reserved = context.memory().resize(reserved, estimate, owner);
  }

  // Spilling (FINAL and COMPLETE with keys): past the budget the groups' partial states go to disk, partitioned by
  // key hash (AggregateSpiller); at the end each partition is merged on its own by a FINAL aggregate of this spec,
  // which spills again one level deeper if it still does not fit. PARTIAL never spills: past the budget it emits its
  // groups early (partialOverBudget), as it does at partialFlushGroups.

  /** A keyed PARTIAL whose groups outgrew the budget: it emits and empties its table before the next batch. */
  private boolean partialOverBudget;

  /** Groups spilled so far, or null when none were. */
  private AggregateSpiller spiller;
  /** 0, or one more than the level of the aggregate whose spilled partition this instance merges. */
  private int spillLevel;

  private boolean canSpill() {
    return keyed && spec.mode() != Mode.PARTIAL && spillLevel < AggregateSpiller.MAX_LEVEL;
  }

  /** Writes every group's key and partial state to the spiller and starts an empty table. */
  private void spillGroups() {
    if (spiller == null) {
      spiller = new AggregateSpiller(spec.partialOutputSchema(), keyTypes.length, spillLevel, "aggregate",
          context.memory());
    }
    ColumnVector[] keys = table.keyColumns();
    int batchSize = Math.max(1, context.batchSize());
    for (int from = 0; from < groupCount; from += batchSize) {
      int count = Math.min(batchSize, groupCount - from);
      spiller.spill(partialColumns(keys, from, count), count);
    }
    releaseMemory();
    reset();
  }

  /** Groups {@code [from, from + count)} as the PARTIAL output lays them out: keys, then each function's state. */
  private ColumnVector[] partialColumns(ColumnVector[] keys, int from, int count) {
    ColumnVector[] cols = new ColumnVector[spec.partialOutputSchema().size()];
    for (int k = 0; k < keys.length; k++) {
      cols[k] = from == 0 && count == keys[k].size() ? keys[k] : keys[k].slice(from, count);
    }
    int c = keys.length;
    for (Accumulator a : accumulators) {
      for (ColumnVector s : a.state(from, count)) {
        cols[c++] = s;
      }
    }
    return cols;
  }

  /**
   * The snapshot of an aggregate that spilled: the same layout, whose rows are the spilled states and then the groups
   * held, so a key may repeat; restoring merges the repeats in that order, which is the order they were aggregated.
   */
  private byte[] snapshotWithSpilled() {
    List<Batch> rows = new java.util.ArrayList<>(spiller.spilledRows());
    StructType layout = spec.partialOutputSchema();
    if (groupCount > 0) {
      rows.add(new Batch(layout, partialColumns(table.keyColumns(), 0, groupCount), groupCount));
    }
    Batch all = Batch.concat(layout, rows);
    com.esotericsoftware.kryo.io.Output out = StateSnapshots.begin(SNAPSHOT_VERSION);
    out.writeVarInt(all.numRows(), true);
    for (ColumnVector c : all.columns()) {
      VectorCodec.write(out, c);
    }
    return out.toBytes();
  }

  /** Spills the groups still held, then merges each spilled partition on its own and emits its groups. */
  private void emitSpilled(Output out) {
    if (groupCount > 0) {
      spillGroups();
    }
    List<SpillFile> partitions = spiller.finish();
    spiller = null;
    HashAggregateSpec merge = HashAggregateSpec.finalFor(HashAggregateSpec.partial(spec.inputSchema(),
        spec.groupingExpressions(), spec.groupingNames(), spec.functions(), spec.functionNames()));
    try {
      for (SpillFile partition : partitions) {
        HashAggregateOperator merger = new HashAggregateOperator(merge);
        merger.spillLevel = spillLevel + 1;
        merger.open(context);
        try {
          try (SpillFile.Reader reader = partition.open(merge.inputSchema())) {
            for (Batch b = reader.next(); b != null; b = reader.next()) {
              merger.process(0, b, out);
            }
          }
          partition.delete();
          merger.endOfInput(0, out);
        } finally {
          merger.close();
        }
      }
    } finally {
      partitions.forEach(SpillFile::delete);
    }
  }

  private void releaseMemory() {
    context.memory().release(reserved);
    reserved = 0;
    partialOverBudget = false;
  }

  @Override
  public byte[] snapshot(long epoch) {
    if (spiller != null) {
      return snapshotWithSpilled();
    }
    com.esotericsoftware.kryo.io.Output out = StateSnapshots.begin(SNAPSHOT_VERSION);
    out.writeVarInt(groupCount, true);
    if (keyed) {
      for (ColumnVector k : table.keyColumns()) {
        VectorCodec.write(out, k);
      }
    }
    for (Accumulator a : accumulators) {
      for (ColumnVector s : a.state(0, groupCount)) {
        VectorCodec.write(out, s);
      }
    }
    return out.toBytes();
  }

  @Override
  public void restore(byte[] snapshot) {
    Input in = StateSnapshots.open(snapshot, SNAPSHOT_VERSION, "HashAggregate");
    releaseMemory();
    if (spiller != null) {
      spiller.delete();
      spiller = null;
    }
    reset();
    int n = in.readVarInt(true);
    int[] ids = new int[n];
    if (keyed) {
      ColumnVector[] keys = new ColumnVector[keyTypes.length];
      for (int k = 0; k < keys.length; k++) {
        keys[k] = VectorCodec.read(in, keyTypes[k]);
      }
      table.findOrInsert(keys, n, ids);
      ensureGroups(table.size());
    }
    List<AggregateFunction> functions = spec.functions();
    for (int f = 0; f < accumulators.length; f++) {
      List<StructField> fields = functions.get(f).stateFields();
      ColumnVector[] state = new ColumnVector[fields.size()];
      for (int s = 0; s < state.length; s++) {
        state[s] = VectorCodec.read(in, fields.get(s).dataType());
      }
      accumulators[f].merge(ids, n, state);
    }
    reserveMemory();
  }

  @Override
  public void close() {
    if (context != null) {
      releaseMemory();
    }
    if (spiller != null) {
      spiller.delete();
      spiller = null;
    }
  }
}
