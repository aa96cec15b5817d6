package io.ember.operators.analytic;

import com.esotericsoftware.kryo.io.Input;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.Output;
import io.ember.operators.StateSnapshots;
import io.ember.operators.internal.BatchBuffer;
import io.ember.operators.internal.BatchSizes;
import io.ember.operators.sort.PermutationSort;
import io.ember.operators.sort.SortKey;
import java.util.List;

/**
 * Runs a {@link WindowSpec}: buffers batches (reserving their estimated size, and that of the results until they
 * are emitted), and at end of input sorts a permutation by partition then order keys, computes each function
 * partition by partition into one result vector per function ({@link PartitionFunctions}), and emits the sorted
 * rows with the results appended in batches of at most the context's batch size.
 */
final class WindowOperator implements Operator {
  private static final int SNAPSHOT_VERSION = 1;
  private static final String OWNER = "Window";

  private final WindowSpec spec;
  private final StructType schema;
  private final StructType outSchema;
  private final BatchBuffer buffered;
  private EvalContext eval;
  private int batchSize;

  WindowOperator(WindowSpec spec) {
    this.spec = spec;
    this.schema = spec.schema();
    this.outSchema = spec.outputSchema();
    this.buffered = new BatchBuffer(schema, OWNER);
  }

  @Override
  public void open(OperatorContext context) {
    buffered.open(context.memory());
    this.eval = context.eval();
    this.batchSize = context.batchSize();
  }

  @Override
  public void process(int input, Batch batch, Output out) {
    if (batch.numRows() > 0) {
      buffered.add(batch);
    }
  }

  @Override
  public void endOfInput(int input, Output out) {
    if (buffered.rows() == 0) {
      return;
    }
    Batch all = buffered.concat();
    int n = all.numRows();
    int numPart = spec.partitionKeys().size();
    List<SortKey> orderKeys = spec.orderKeys();
    ColumnVector[] keys = new ColumnVector[numPart + orderKeys.size()];
    boolean[] ascending = new boolean[keys.length];
    boolean[] nullsFirst = new boolean[keys.length];
    for (int k = 0; k < numPart; k++) {
      keys[k] = spec.partitionKeys().get(k).evaluate(all, eval);
      ascending[k] = true;
      nullsFirst[k] = true;
    }
    for (int k = 0; k < orderKeys.size(); k++) {
      SortKey key = orderKeys.get(k);
      keys[numPart + k] = key.expression().evaluate(all, eval);
      ascending[numPart + k] = key.ascending();
      nullsFirst[numPart + k] = key.nullsFirst();
    }
    Batch sorted = all;
    if (keys.length > 0) {
      int[] order = new PermutationSort(ascending, nullsFirst).order(keys, n);
      sorted = all.take(order, n);
      for (int k = 0; k < keys.length; k++) {
        keys[k] = keys[k].take(order, n);
      }
    }
    ColumnVector[] partKeys = java.util.Arrays.copyOfRange(keys, 0, numPart);
    ColumnVector[] ordKeys = java.util.Arrays.copyOfRange(keys, numPart, keys.length);
    PermutationSort partCompare = new PermutationSort(java.util.Arrays.copyOf(ascending, numPart),
        java.util.Arrays.copyOf(nullsFirst, numPart));
    PartitionFunctions functions = new PartitionFunctions(spec, sorted, ordKeys,
        new PermutationSort(java.util.Arrays.copyOfRange(ascending, numPart, keys.length),
            java.util.Arrays.copyOfRange(nullsFirst, numPart, keys.length)), eval);
    int start = 0;
    for (int i = 1; i <= n; i++) {
      if (i == n || partCompare.compare(partKeys, i - 1, partKeys, i) != 0) {
        functions.partition(start, i);
        start = i;
      }
    }
    ColumnVector[] results = functions.results();
    StructType resultSchema = new StructType(outSchema.fields().subList(schema.size(), outSchema.size()));
    buffered.reserve(BatchSizes.estimate(new Batch(resultSchema, results, n)));
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
    buffered.clear();
  }

  @Override
  public byte[] snapshot(long epoch) {
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
  }
}
