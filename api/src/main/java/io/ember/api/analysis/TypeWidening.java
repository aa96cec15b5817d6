package io.ember.api.analysis;

import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DateType;
import io.ember.core.types.DecimalType;
import io.ember.core.types.DoubleType;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import io.ember.core.types.NullType;
import io.ember.core.types.StringType;
import io.ember.core.types.TimestampType;

/**
 * The common type two columns widen to when they meet (union inputs, join keys), as Spark's
 * {@code findWiderTypeForTwo}: null widens to anything, numbers to the wider number (decimals keep
 * enough digits), date to timestamp, and anything atomic to string when one side is a string.
 */
final class TypeWidening {
  private TypeWidening() {}

  /** The wider type, or null when the two types have none. */
  static DataType wider(DataType a, DataType b) {
    if (a.equals(b)) {
      return a;
    }
    if (a instanceof NullType) {
      return b;
    }
    if (b instanceof NullType) {
      return a;
    }
    if (numericRank(a) > 0 && numericRank(b) > 0) {
      return widerNumeric(a, b);
    }
    if ((a instanceof DateType && b instanceof TimestampType) || (a instanceof TimestampType && b instanceof DateType)) {
      return DataTypes.TIMESTAMP;
    }
    if (a instanceof ArrayType x && b instanceof ArrayType y) {
      DataType e = wider(x.elementType(), y.elementType());
      return e == null ? null : new ArrayType(e, x.containsNull() || y.containsNull());
    }
    boolean atomic = !(a instanceof ArrayType) && !(b instanceof ArrayType)
        && !(a instanceof io.ember.core.types.StructType) && !(b instanceof io.ember.core.types.StructType);
    if (atomic && (a instanceof StringType || b instanceof StringType)) {
      return DataTypes.STRING;
    }
    return null;
  }

  private static int numericRank(DataType t) {
    if (t instanceof IntegerType) {
      return 1;
    }
    if (t instanceof LongType) {
      return 2;
    }
    if (t instanceof DecimalType) {
      return 3;
    }
    return t instanceof DoubleType ? 4 : 0;
  }

  private static DataType widerNumeric(DataType a, DataType b) {
    if (a instanceof DoubleType || b instanceof DoubleType) {
      return DataTypes.DOUBLE;
    }
    if (a instanceof DecimalType || b instanceof DecimalType) {
      DecimalType x = asDecimal(a);
      DecimalType y = asDecimal(b);
      int scale = Math.max(x.scale(), y.scale());
      int digits = Math.max(x.precision() - x.scale(), y.precision() - y.scale());
      return DataTypes.decimal(Math.min(38, digits + scale), Math.min(scale, 38));
    }
    return numericRank(a) >= numericRank(b) ? a : b;
  }

  private static DecimalType asDecimal(DataType t) {
    if (t instanceof DecimalType d) {
      return d;
    }
    return t instanceof IntegerType ? DataTypes.decimal(10, 0) : DataTypes.decimal(20, 0);
  }
}
