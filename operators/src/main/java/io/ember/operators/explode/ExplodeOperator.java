package io.ember.operators.explode;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.StringVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.Output;
import java.util.Arrays;

/**
 * Runs an {@link ExplodeSpec}: maps each output row to its input row and element index in reused index
 * arrays, then gathers every column with one {@code take}; emits batches of at most the context's batch size.
 */
final class ExplodeOperator implements Operator {
  private final ExplodeSpec spec;
  private final StructType outputSchema;
  private int batchSize;
  private int[] parents;
  private int[] elements;
  private int[] positions;

  ExplodeOperator(ExplodeSpec spec) {
    this.spec = spec;
    this.outputSchema = spec.outputSchema();
  }

  @Override
  public void open(OperatorContext context) {
    this.batchSize = context.batchSize();
    this.parents = new int[batchSize];
    this.elements = new int[batchSize];
    this.positions = new int[batchSize];
  }

  @Override
  public void process(int input, Batch batch, Output out) {
    ArrayVector arrays = (ArrayVector) batch.column(spec.arrayColumn());
    int count = 0;
    for (int r = 0; r < batch.numRows(); r++) {
      int len = arrays.isNull(r) ? 0 : arrays.length(r);
      int rowsOut = len == 0 && spec.outer() ? 1 : len;
      for (int k = 0; k < rowsOut; k++) {
        parents[count] = r;
        elements[count] = len == 0 ? -1 : arrays.start(r) + k;
        positions[count] = k;
        if (++count == batchSize) {
          out.emit(gather(batch, arrays, parents, elements, positions, count));
          count = 0;
        }
      }
    }
    if (count > 0) {
      out.emit(gather(batch, arrays, parents, elements, positions, count));
    }
  }

  private Batch gather(Batch batch, ArrayVector arrays, int[] parents, int[] elements, int[] positions, int count) {
    ColumnVector[] cols = new ColumnVector[outputSchema.size()];
    int c = 0;
    for (int i = 0; i < batch.numColumns(); i++) {
      if (i != spec.arrayColumn()) {
        cols[c++] = batch.column(i).take(parents, count);
      }
    }
    boolean[] missing = missing(elements, count);
    if (spec.withPosition()) {
      int[] pos = Arrays.copyOf(positions, count);
      cols[c++] = new IntVector(DataTypes.INTEGER, pos, missing, count);
    }
    cols[c] = missing == null ? gatherElements(arrays.elements(), elements, count)
        : gatherWithNulls(arrays.elements(), elements, count);
    return new Batch(outputSchema, cols, count);
  }

  /**
   * The elements {@code rows[0..count)}. When they are one run of consecutive elements of a string vector without
   * nulls (every element of the arrays, as a plain explode of non-empty arrays gives), a vector sharing the
   * source's bytes (new offsets only) instead of a copy of them.
   */
  static ColumnVector gatherElements(ColumnVector source, int[] rows, int count) {
    if (source instanceof StringVector strings && !strings.mayHaveNulls() && consecutive(rows, count)) {
      int first = rows[0];
      return new StringVector(strings.bytes(), Arrays.copyOfRange(strings.offsets(), first, first + count + 1),
          null, count);
    }
    return source.take(rows, count);
  }

  private static boolean consecutive(int[] rows, int count) {
    int first = rows[0];
    for (int k = 1; k < count; k++) {
      if (rows[k] != first + k) {
        return false;
      }
    }
    return true;
  }

  /** The rows without an element (outer rows), or null when there are none. */
  private static boolean[] missing(int[] elements, int count) {
    boolean[] mask = null;
    for (int k = 0; k < count; k++) {
      if (elements[k] < 0) {
        if (mask == null) {
          mask = new boolean[count];
        }
        mask[k] = true;
      }
    }
    return mask;
  }

  private static ColumnVector gatherWithNulls(ColumnVector source, int[] rows, int count) {
    VectorBuilder b = VectorBuilder.forType(source.type(), count);
    for (int k = 0; k < count; k++) {
      if (rows[k] < 0) {
        b.appendNull();
      } else {
        b.appendFrom(source, rows[k]);
      }
    }
    return b.build();
  }
}
