package io.ember.operators.analytic;

import com.esotericsoftware.kryo.io.Input;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.expr.EvalContext;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.Output;
import io.ember.operators.StateSnapshots;
import io.ember.operators.internal.BatchBuffer;
import io.ember.operators.internal.BatchSizes;
import io.ember.operators.memory.MemoryBudget;
import io.ember.operators.sort.ExternalSorter;
import io.ember.operators.sort.PermutationSort;
import io.ember.operators.sort.SortKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a {@link WindowSpec}: buffers batches (reserving their estimated size, and that of the results until they
 * are emitted), and at end of input sorts a permutation by partition then order keys, computes each function
 * partition by partition into one result vector per function ({@link PartitionFunctions}), and emits the sorted
 * rows with the results appended in batches of at most the context's batch size.
 *
 * <p>When the input outgrows the task's budget, the rows go to an {@link ExternalSorter} instead (which spills sorted
 * runs to disk), sorted by partition then order keys; at the end of input the sorted rows are read back and the
 * functions computed one window partition at a time, holding only that partition (and its results) in memory. A
 * single partition larger than the budget fails with {@code MEMORY_BUDGET_EXCEEDED} naming its key: the rows of one
 * partition are not spilled (Spark's external buffer does that, this operator does not).
 */
final class WindowOperator implements Operator {
  private static final int SNAPSHOT_VERSION = 1;
  private static final String OWNER = "Window";

  private final WindowSpec spec;
  private final StructType schema;
  private final StructType outSchema;
  private final BatchBuffer buffered;
  private final int numPart;
  private final boolean[] ascending;
  private final boolean[] nullsFirst;
  private final PermutationSort partCompare;
  private EvalContext eval;
  private MemoryBudget memory;
  private int batchSize;
  /** The input once it outgrew the budget, or null while it is buffered in memory. */
  private ExternalSorter sorter;
  /** While a spilled input is read back sorted: the rows of the current partition and the key of its last row. */
  private final List<Batch> partition = new ArrayList<>();
  private long partitionRows;
  private long partitionReserved;
  private ColumnVector[] partitionKey;

  WindowOperator(WindowSpec spec) {
    this.spec = spec;
    this.schema = spec.schema();
    this.outSchema = spec.outputSchema();
    this.buffered = new BatchBuffer(schema, OWNER);
    this.numPart = spec.partitionKeys().size();
    List<SortKey> orderKeys = spec.orderKeys();
    this.ascending = new boolean[numPart + orderKeys.size()];
    this.nullsFirst = new boolean[ascending.length];
    Arrays.fill(ascending, 0, numPart, true);
    Arrays.fill(nullsFirst, 0, numPart, true);
    for (int k = 0; k < orderKeys.size(); k++) {
      ascending[numPart + k] = orderKeys.get(k).ascending();
      nullsFirst[numPart + k] = orderKeys.get(k).nullsFirst();
    }
    this.partCompare = new PermutationSort(Arrays.copyOf(ascending, numPart), Arrays.copyOf(nullsFirst, numPart));
  }

  @Override
  public void open(OperatorContext context) {
    buffered.open(context.memory());
    this.memory = context.memory();
    this.eval = context.eval();
    this.batchSize = context.batchSize();
  }

  @Override
  public void process(int input, Batch batch, Output out) {
    if (batch.numRows() == 0) {
      return;
    }
    if (sorter == null && buffered.tryAdd(batch)) {
      return;
    }
    if (sorter == null) {
      startSorting();
    }
    sorter.add(batch);
  }

  /** Moves the buffered rows to an external sorter, which takes every row from now on. */
  private void startSorting() {
    List<Batch> held = buffered.batches();
    buffered.clear();
    sorter = new ExternalSorter(schema, OWNER, new PermutationSort(ascending, nullsFirst), this::sortKeys);
    sorter.open(memory, batchSize);
    held.forEach(sorter::add);
  }

  @Override
  public void endOfInput(int input, Output out) {
    if (sorter == null) {
      if (buffered.rows() == 0) {
        return;
      }
      if (emitWindowed(buffered.concat(), out, true)) {
        buffered.clear();
        return;
      }
      startSorting(); // the results did not fit next to the input
    }
    ExternalSorter sorted = sorter;
    try {
      sorted.spillAll();
      sorted.emitSorted(-1, b -> collect(b, out));
      flushPartition(out);
    } finally {
      sorted.clear();
      sorter = null;
      releasePartition();
    }
  }

  /** Adds sorted rows to the current partition, computing and emitting each partition that ends. */
  private void collect(Batch batch, Output out) {
    int n = batch.numRows();
    if (numPart == 0) {
      addToPartition(batch);
      return;
    }
    ColumnVector[] keys = new ColumnVector[numPart];
    for (int k = 0; k < numPart; k++) {
      keys[k] = spec.partitionKeys().get(k).evaluate(batch, eval);
    }
    int start = 0;
    for (int i = 0; i < n; i++) {
      boolean boundary = i == 0 ? partitionKey != null && partCompare.compare(partitionKey, 0, keys, 0) != 0
          : partCompare.compare(keys, i - 1, keys, i) != 0;
      if (boundary) {
        if (i > start) {
          addToPartition(batch.slice(start, i - start));
        }
        flushPartition(out);
        start = i;
      }
    }
    addToPartition(start == 0 ? batch : batch.slice(start, n - start));
    partitionKey = new ColumnVector[numPart];
    for (int k = 0; k < numPart; k++) {
      partitionKey[k] = keys[k].slice(n - 1, 1);
    }
  }

  private void addToPartition(Batch rows) {
    long bytes = BatchSizes.estimate(rows);
    if (!memory.tryReserve(bytes)) {
      throw partitionTooLarge(rows, bytes);
    }
    partitionReserved += bytes;
    partitionRows += rows.numRows();
    partition.add(rows);
  }

  /** Computes and emits the current partition, then forgets it. */
  private void flushPartition(Output out) {
    if (partition.isEmpty()) {
      return;
    }
    emitWindowed(Batch.concat(schema, partition), out, false);
    releasePartition();
  }

  private void releasePartition() {
    memory.release(partitionReserved);
    partitionReserved = 0;
    partitionRows = 0;
    partition.clear();
  }

  private EmberRuntimeException partitionTooLarge(Batch next, long nextBytes) {
    Batch sample = partition.isEmpty() ? next : partition.get(0);
    StringBuilder key = new StringBuilder("[");
    for (int k = 0; k < numPart; k++) {
      ColumnVector v = spec.partitionKeys().get(k).evaluate(sample.slice(0, 1), eval);
      key.append(k == 0 ? "" : ", ").append(v.isNull(0) ? "null" : String.valueOf(v.get(0)));
    }
    key.append(']');
    return new EmberRuntimeException("MEMORY_BUDGET_EXCEEDED",
        "Window: the window partition " + (numPart == 0 ? "(the whole input: no PARTITION BY)" : "of key " + key)
            + " has at least " + (partitionRows + next.numRows()) + " rows (about " + (partitionReserved + nextBytes)
            + " bytes), more than the task's memory budget of " + memory.limit() + " bytes holds; a window"
            + " partition is computed in memory. Raise the session option '" + MemoryBudget.CONFIG_KEY
            + "', or partition the window by more columns.");
  }

  /** The partition then order keys of {@code batch}. */
  private ColumnVector[] sortKeys(Batch batch) {
    List<SortKey> orderKeys = spec.orderKeys();
    ColumnVector[] keys = new ColumnVector[numPart + orderKeys.size()];
    for (int k = 0; k < numPart; k++) {
      keys[k] = spec.partitionKeys().get(k).evaluate(batch, eval);
    }
    for (int k = 0; k < orderKeys.size(); k++) {
      keys[numPart + k] = orderKeys.get(k).expression().evaluate(batch, eval);
    }
    return keys;
  }

  /**
   * Sorts {@code all} by partition then order keys, computes the functions partition by partition and emits the rows
   * with their results. The results' estimate is reserved from the buffer ({@code inBuffer}: false when it does not
   * fit, before anything was emitted) or with the current partition (failing when it does not fit).
   */
  private boolean emitWindowed(Batch all, Output out, boolean inBuffer) {
    int n = all.numRows();
    ColumnVector[] keys = sortKeys(all);
    Batch sorted = all;
    if (keys.length > 0) {
      int[] order = new PermutationSort(ascending, nullsFirst).order(keys, n);
      sorted = all.take(order, n);
      for (int k = 0; k < keys.length; k++) {
        keys[k] = keys[k].take(order, n);
      }
    }
    ColumnVector[] partKeys = Arrays.copyOfRange(keys, 0, numPart);
    ColumnVector[] ordKeys = Arrays.copyOfRange(keys, numPart, keys.length);
    PartitionFunctions functions = new PartitionFunctions(spec, sorted, ordKeys,
        new PermutationSort(Arrays.copyOfRange(ascending, numPart, keys.length),
            Arrays.copyOfRange(nullsFirst, numPart, keys.length)), eval);
    int start = 0;
    for (int i = 1; i <= n; i++) {
      if (i == n || partCompare.compare(partKeys, i - 1, partKeys, i) != 0) {
        functions.partition(start, i);
        start = i;
      }
    }
    ColumnVector[] results = functions.results();
    StructType resultSchema = new StructType(outSchema.fields().subList(schema.size(), outSchema.size()));
    long resultBytes = BatchSizes.estimate(new Batch(resultSchema, results, n));
    if (inBuffer) {
      if (!buffered.tryReserve(resultBytes)) {
        return false;
      }
    } else if (memory.tryReserve(resultBytes)) {
      partitionReserved += resultBytes;
    } else {
      throw partitionTooLarge(Batch.empty(schema), resultBytes);
    }
    int width = schema.size();
    for (int from = 0; from < n; from += batchSize) {
      int count = Math.min(batchSize, n - from);
      ColumnVector[] cols = new ColumnVector[width + results.length];
      Batch part = n <= batchSize ? sorted : sorted.slice(from, count);
      for (int c = 0; c < width; c++) {
        cols[c] = part.column(c);
      }
      for (int f = 0; f < results.length; f++) {
        cols[width + f] = n <= batchSize ? results[f] : results[f].slice(from, count);
      }
      out.emit(new Batch(outSchema, cols, count));
    }
    return true;
  }

  @Override
  public byte[] snapshot(long epoch) {
    if (sorter != null) {
      throw new EmberRuntimeException("INTERNAL_ERROR", "Window cannot snapshot rows spilled to disk: window"
          + " functions spill only in batch queries, whose tasks take no snapshots.");
    }
    com.esotericsoftware.kryo.io.Output out = StateSnapshots.begin(SNAPSHOT_VERSION);
    buffered.write(out);
    return out.toBytes();
  }

  @Override
  public void restore(byte[] snapshot) {
    Input in = StateSnapshots.open(snapshot, SNAPSHOT_VERSION, OWNER);
    buffered.read(in);
  }

  @Override
  public void close() {
    buffered.clear();
    if (sorter != null) {
      sorter.clear();
      sorter = null;
    }
    if (memory != null) {
      releasePartition();
    }
  }
}
