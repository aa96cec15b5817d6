package io.ember.runtime.remote;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
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
 * Per key {@code k} of {@link Plans#KV} rows, the running sum of {@code v}: emits {@code (k, sum so far, v)} per row.
 * The sums are keyed state in a state table, so a task's output after a recovery is right only if its state was
 * restored (or rolled back) to exactly the epoch its input is replayed from. A plain value: it can run on any node.
 */
record RunningSum(int keys) implements OperatorSpec {
  static final StructType OUT = DataTypes.struct(DataTypes.field("k", DataTypes.LONG),
      DataTypes.field("sum", DataTypes.LONG), DataTypes.field("v", DataTypes.LONG));

  @Override
  public Operator create() {
    return new Operator() {
      private StateTable sums;

      @Override
      public void open(OperatorContext context) {
        sums = context.state().createTable("sums", keys, Long.BYTES, Long.BYTES);
      }

      @Override
      public void process(int input, Batch batch, Output out) {
        List<Row> rows = new ArrayList<>();
        for (Row r : batch.toRows()) {
          byte[] key = ByteBuffer.allocate(Long.BYTES).putLong(r.getLong(0)).array();
          byte[] before = sums.get(key);
          long sum = (before == null ? 0 : ByteBuffer.wrap(before).getLong()) + r.getLong(1);
          sums.put(key, ByteBuffer.allocate(Long.BYTES).putLong(sum).array());
          rows.add(Row.of(r.getLong(0), sum, r.getLong(1)));
        }
        out.emit(Batch.fromRows(OUT, rows));
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
    return OUT;
  }

  @Override
  public String explain() {
    return "RunningSum(" + keys + " keys)";
  }
}
