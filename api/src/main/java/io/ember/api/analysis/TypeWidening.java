package io.ember.api.analysis;

import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DateType;
import io.ember.core.types.NullType;
import io.ember.core.types.StringType;
import io.ember.core.types.TimestampType;

/**
 * The common type two columns widen to when they meet (union inputs, join keys), as Spark's
 * {@code findWiderTypeForTwo}: null widens to anything, numbers to the wider number (decimals keep
 * enough digits), date to timestamp, intervals of one kind to the fields of both, and anything atomic to string
 * when one side is a string.
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
    if (a.isNumeric() && b.isNumeric()) {
      return io.ember.core.expr.TypeCoercion.widerNumeric(a, b);
    }
    if ((a instanceof DateType && b instanceof TimestampType) || (a instanceof TimestampType && b instanceof DateType)) {
      return DataTypes.TIMESTAMP;
    }
    if (DataTypes.isInterval(a) && DataTypes.isInterval(b)) {
      return io.ember.core.expr.TypeCoercion.comparisonType(a, b);
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
}
