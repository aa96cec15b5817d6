package io.ember.runtime;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.OperatorSpec;
import io.ember.operators.Output;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Small operators for runtime tests, on {@link TestSources#KV} rows. */
final class TestOperators {
  /** {@code (k, v, task)}: the row and the index of the task that saw it. */
  static final StructType TAGGED = TestSources.KV.add("task", DataTypes.INTEGER);

  private TestOperators() {}

  /** Adds {@code addend} to {@code v}. */
  record AddSpec(long addend) implements OperatorSpec {
    @Override
    public Operator create() {
      return (input, batch, out) -> {
        long[] v = new long[batch.numRows()];
        LongVector in = (LongVector) batch.column(1);
        for (int r = 0; r < v.length; r++) {
          v[r] = in.getLong(r) + addend;
        }
        out.emit(new Batch(TestSources.KV,
            new ColumnVector[] {batch.column(0), new LongVector(DataTypes.LONG, v, null, v.length)}, v.length));
      };
    }

    @Override
    public StructType outputSchema() {
      return TestSources.KV;
    }

    @Override
    public String explain() {
      return "Add(" + addend + ")";
    }
  }

  /** Appends the task index to every row. */
  record TagSpec() implements OperatorSpec {
    @Override
    public Operator create() {
      return new Operator() {
        int task;

        @Override
        public void open(OperatorContext context) {
          task = context.taskIndex();
        }

        @Override
        public void process(int input, Batch batch, Output out) {
          int[] tags = new int[batch.numRows()];
          java.util.Arrays.fill(tags, task);
          out.emit(new Batch(TAGGED, new ColumnVector[] {batch.column(0), batch.column(1),
              new IntVector(DataTypes.INTEGER, tags, null, tags.length)}, tags.length));
        }
      };
    }

    @Override
    public StructType outputSchema() {
      return TAGGED;
    }

    @Override
    public String explain() {
      return "Tag";
    }
  }

  /** Passes batches through; throws {@code error} on the batch after {@code okBatches}; counts closes. */
  record FailSpec(int okBatches, Supplier<RuntimeException> error, AtomicInteger closes) implements OperatorSpec {
    @Override
    public Operator create() {
      return new Operator() {
        int seen;

        @Override
        public void process(int input, Batch batch, Output out) {
          if (seen++ >= okBatches) {
            throw error.get();
          }
          out.emit(batch);
        }

        @Override
        public void close() {
          closes.incrementAndGet();
        }
      };
    }

    @Override
    public StructType outputSchema() {
      return TestSources.KV;
    }

    @Override
    public String explain() {
      return "Fail";
    }
  }

  /**
   * A semi join: input 0 (build) collects keys, input 1 (probe) emits the rows whose key was built. Sets
   * {@code probedEarly} if a probe batch arrives before the build side ended.
   */
  record SemiJoinSpec(AtomicBoolean probedEarly) implements OperatorSpec {
    @Override
    public int numInputs() {
      return 2;
    }

    @Override
    public Operator create() {
      return new Operator() {
        final Set<Integer> keys = new HashSet<>();
        boolean buildEnded;

        @Override
        public void process(int input, Batch batch, Output out) {
          IntVector k = (IntVector) batch.column(0);
          if (input == 0) {
            for (int r = 0; r < batch.numRows(); r++) {
              keys.add(k.getInt(r));
            }
            return;
          }
          if (!buildEnded) {
            probedEarly.set(true);
          }
          int[] rows = new int[batch.numRows()];
          int n = 0;
          for (int r = 0; r < batch.numRows(); r++) {
            if (keys.contains(k.getInt(r))) {
              rows[n++] = r;
            }
          }
          out.emit(batch.take(rows, n));
        }

        @Override
        public void endOfInput(int input, Output out) {
          if (input == 0) {
            buildEnded = true;
          }
        }
      };
    }

    @Override
    public StructType outputSchema() {
      return TestSources.KV;
    }

    @Override
    public String explain() {
      return "SemiJoin";
    }
  }
}
