package io.ember.core.data;

import io.ember.core.types.DecimalType;
import java.math.BigDecimal;

/** A vector of decimals, each a {@link BigDecimal} at the type's scale. */
public final class DecimalVector extends ColumnVector {
  private final BigDecimal[] values;

  /** Wraps {@code values} (not copied); null entries must also be marked in {@code nulls}. */
  public DecimalVector(DecimalType type, BigDecimal[] values, boolean[] nulls, int size) {
    super(type, size, nulls);
    this.values = values;
  }

  public DecimalType decimalType() {
    return (DecimalType) type;
  }

  public BigDecimal getDecimal(int row) {
    return values[row];
  }

  @Override
  public Object get(int row) {
    return isNull(row) ? null : values[row];
  }

  @Override
  public ColumnVector take(int[] rows, int count) {
    BigDecimal[] out = new BigDecimal[count];
    for (int k = 0; k < count; k++) {
      int r = rows[k];
      out[k] = r >= 0 ? values[r] : null;
    }
    return new DecimalVector((DecimalType) type, out, takeNulls(rows, count), count);
  }

  @Override
  public int hashAt(int row) {
    return mix(values[row].stripTrailingZeros().hashCode());
  }

  @Override
  public boolean equalsAt(int row, ColumnVector other, int otherRow) {
    return values[row].compareTo(((DecimalVector) other).values[otherRow]) == 0;
  }

  @Override
  public int compareAt(int row, ColumnVector other, int otherRow) {
    return values[row].compareTo(((DecimalVector) other).values[otherRow]);
  }
}
