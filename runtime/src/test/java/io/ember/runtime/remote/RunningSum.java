package io.ember.runtime.remote;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.OperatorSpec;
import io.ember.operators.Output;
import io.ember.operators.state.StateTable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Per key {@code k} (column 0, an int or a long) of {@code (k, v)} rows, the running sum of {@code v} (column 1, a
 * long): emits {@code (k, sum so far, v)} per row, as {@code out} (whose first field's type is the key's). The sums
 * are keyed state in a state table, which the task snapshots incrementally (a full snapshot first, then deltas), so
 * a task's output after a recovery is right only if its state was restored (or rolled back) to exactly the epoch its
 * input is replayed from. A plain value: it can run on any node.
 *
 * @param keys the number of keys to expect
 * @param out the output schema
 */
public record RunningSum(int keys, StructType out) implements OperatorSpec {
  /** The output over long keys, as {@link Plans#KV}'s. */
  public static final StructType OUT = DataTypes.struct(DataTypes.field("k", DataTypes.LONG),
      DataTypes.field("sum", DataTypes.LONG), DataTypes.field("v", DataTypes.LONG));

  /** Checks that the key is an int or a long. */
  public RunningSum {
    if (!(out.field(0).dataType() instanceof IntegerType || out.field(0).dataType() instanceof LongType)) {
      throw new IllegalArgumentException("The key of a RunningSum is an int or a long, not "
          + out.field(0).dataType());
    }
  }

  /** Over the long keys of {@link Plans#KV} rows, emitting {@link #OUT}. */
  public RunningSum(int keys) {
    this(keys, OUT);
  }

  @Override
  public Operator create() {
    boolean intKeys = out.field(0).dataType() instanceof IntegerType;
    return new Operator() {
      private StateTable sums;

      @Override
      public void open(OperatorContext context) {
        sums = context.state().createTable("sums", keys, intKeys ? Integer.BYTES : Long.BYTES, Long.BYTES);
      }

      @Override
      public void process(int input, Batch batch, Output output) {
        List<Row> rows = new ArrayList<>();
        for (Row r : batch.toRows()) {
          byte[] key = intKeys ? ByteBuffer.allocate(Integer.BYTES).putInt(r.getInt(0)).array()
              : ByteBuffer.allocate(Long.BYTES).putLong(r.getLong(0)).array();
          byte[] before = sums.get(key);
          long sum = (before == null ? 0 : ByteBuffer.wrap(before).getLong()) + r.getLong(1);
          sums.put(key, ByteBuffer.allocate(Long.BYTES).putLong(sum).array());
          rows.add(Row.of(intKeys ? (Object) r.getInt(0) : (Object) r.getLong(0), sum, r.getLong(1)));
        }
        output.emit(Batch.fromRows(out, rows));
      }

      @Override
      public void close() {
        if (sums != null) {
          sums.close();
        }
      }
    };
  }

  @Override
  public boolean isStateful() {
    return true;
  }

  @Override
  public StructType outputSchema() {
    return out;
  }

  @Override
  public String explain() {
    return "RunningSum(" + keys + " keys)";
  }
}
