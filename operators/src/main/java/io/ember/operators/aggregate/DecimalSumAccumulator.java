package io.ember.operators.aggregate;

import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.expr.ExpressionErrors;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import io.ember.core.types.StructField;
import java.math.BigDecimal;
import java.util.List;

/**
 * Decimal sums at the sum type's scale, one {@link BigDecimal} per group. As in Spark, the state is
 * {@code (sum, isEmpty)}: a null sum of a non-empty group means it overflowed (legacy mode), so the result
 * stays null after merging. Also the sum half of a decimal average.
 */
final class DecimalSumAccumulator implements Accumulator {
  private final DecimalType sumType;
  private final boolean ansi;
  private BigDecimal[] sums = new BigDecimal[0];
  private boolean[] present = new boolean[0];
  private boolean[] overflowed = new boolean[0];

  DecimalSumAccumulator(DecimalType sumType, boolean ansi) {
    this.sumType = sumType;
    this.ansi = ansi;
  }

  static List<StructField> stateFields(DecimalType sumType) {
    return List.of(new StructField("sum", sumType, true), new StructField("isEmpty", DataTypes.BOOLEAN, false));
  }

  @Override
  public void ensureGroups(int groupCount) {
    sums = States.grow(sums, groupCount);
    present = States.grow(present, groupCount);
    overflowed = States.grow(overflowed, groupCount);
  }

  @Override
  public void update(int[] groupIds, int numRows, ColumnVector[] args) {
    ColumnVector v = args[0];
    if (!(v instanceof DecimalVector d)) {
      return; // the null type: nothing to add
    }
    for (int i = 0; i < numRows; i++) {
      if (!d.isNull(i)) {
        add(groupIds[i], d.getDecimal(i));
      }
    }
  }

  private void add(int g, BigDecimal value) {
    BigDecimal s = sums[g];
    sums[g] = s == null ? value.setScale(sumType.scale()) : s.add(value);
    present[g] = true;
  }

  @Override
  public void merge(int[] groupIds, int numRows, ColumnVector[] state) {
    DecimalVector s = (DecimalVector) state[0];
    BooleanVector empty = (BooleanVector) state[1];
    for (int i = 0; i < numRows; i++) {
      if (empty.getBoolean(i)) {
        continue;
      }
      int g = groupIds[i];
      if (s.isNull(i)) {
        present[g] = true;
        overflowed[g] = true;
      } else {
        add(g, s.getDecimal(i));
      }
    }
  }

  @Override
  public ColumnVector[] state(int from, int count) {
    boolean[] empty = new boolean[count];
    for (int k = 0; k < count; k++) {
      empty[k] = !present[from + k];
    }
    return new ColumnVector[] {result(from, count), new BooleanVector(empty, null, count)};
  }

  @Override
  public ColumnVector result(int from, int count) {
    BigDecimal[] out = new BigDecimal[count];
    boolean[] nulls = null;
    for (int k = 0; k < count; k++) {
      out[k] = sum(from + k);
      if (out[k] == null) {
        nulls = nulls == null ? new boolean[count] : nulls;
        nulls[k] = true;
      }
    }
    return new DecimalVector(sumType, out, nulls, count);
  }

  /** The sum of group {@code g}, or null when empty or overflowed (legacy mode). */
  BigDecimal sum(int g) {
    if (!present[g] || overflowed[g]) {
      return null;
    }
    return checkFits(sums[g], sumType, ansi);
  }

  /** {@code value}, or null (legacy) / {@code NUMERIC_VALUE_OUT_OF_RANGE} (ANSI) when it has too many digits. */
  static BigDecimal checkFits(BigDecimal value, DecimalType type, boolean ansi) {
    if (value.precision() - value.scale() <= type.precision() - type.scale()) {
      return value;
    }
    if (ansi) {
      throw ExpressionErrors.decimalOutOfRange(value, type);
    }
    return null;
  }

  @Override
  public long estimatedBytes() {
    return (10L + VectorSizes.DECIMAL_BYTES) * sums.length;
  }
}
