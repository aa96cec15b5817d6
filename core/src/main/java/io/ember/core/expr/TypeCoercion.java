package io.ember.core.expr;

import io.ember.core.types.ArrayType;
import io.ember.core.types.BooleanType;
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
import java.math.BigDecimal;
import java.util.List;

/**
 * Spark's implicit type coercion rules that {@link Expressions} applies: numeric widening, the decimal
 * precision rules of Spark's {@code DecimalPrecision} (with {@code spark.sql.decimalOperations.allowPrecisionLoss}
 * on, its default), and the promotion of strings in comparisons. Returns null where no common type exists.
 */
public final class TypeCoercion {
  /** The smallest scale a decimal result keeps when its precision must be cut to {@link DecimalType#MAX_PRECISION}. */
  static final int MINIMUM_ADJUSTED_SCALE = 6;

  private TypeCoercion() {}

  /** The decimal type that holds every value of an integral type, or {@code t} itself for a decimal. */
  public static DecimalType asDecimal(DataType t) {
    if (t instanceof DecimalType d) {
      return d;
    }
    if (t instanceof IntegerType) {
      return DataTypes.decimal(10, 0);
    }
    if (t instanceof LongType) {
      return DataTypes.decimal(20, 0);
    }
    throw new IllegalArgumentException("Not an exact numeric type: " + t);
  }

  /**
   * The decimal type an operand {@code e} (of promoted type {@code t}) takes in arithmetic with an operand of type
   * {@code other}: an integer literal next to a decimal takes the fewest digits its value needs ({@code 2} is
   * {@code decimal(1,0)}, not {@code decimal(10,0)}), as Spark's DecimalPrecision promotes integral literals, so
   * that {@code dec * 2} keeps its scale; anything else as {@link #asDecimal(DataType)}.
   */
  public static DecimalType asDecimal(Expression e, DataType t, DataType other) {
    if (e instanceof Literal lit && other instanceof DecimalType
        && (lit.value() instanceof Integer || lit.value() instanceof Long)) {
      int digits = new BigDecimal(((Number) lit.value()).longValue()).precision();
      return DataTypes.decimal(digits, 0);
    }
    return asDecimal(t);
  }

  /** The wider of two numeric types: int < bigint < decimal < double, decimals widened to hold both. */
  public static DataType widerNumeric(DataType a, DataType b) {
    if (a.equals(b)) {
      return a;
    }
    if (a instanceof DoubleType || b instanceof DoubleType) {
      return DataTypes.DOUBLE;
    }
    if (a instanceof DecimalType || b instanceof DecimalType) {
      return widerDecimal(asDecimal(a), asDecimal(b));
    }
    return DataTypes.LONG;
  }

  /** A decimal holding both {@code a} and {@code b}: the larger scale and the larger integral part, bounded by 38. */
  public static DecimalType widerDecimal(DecimalType a, DecimalType b) {
    int scale = Math.max(a.scale(), b.scale());
    int range = Math.max(a.precision() - a.scale(), b.precision() - b.scale());
    return bounded(range + scale, scale);
  }

  static DecimalType bounded(int precision, int scale) {
    return DataTypes.decimal(Math.min(precision, DecimalType.MAX_PRECISION), Math.min(scale, DecimalType.MAX_PRECISION));
  }

  /** Spark's {@code adjustPrecisionScale}: keeps the integral digits, cutting the scale down to at least 6. */
  static DecimalType adjust(int precision, int scale) {
    if (precision <= DecimalType.MAX_PRECISION) {
      return DataTypes.decimal(precision, scale);
    }
    int intDigits = precision - scale;
    int minScale = Math.min(scale, MINIMUM_ADJUSTED_SCALE);
    int adjustedScale = Math.max(DecimalType.MAX_PRECISION - intDigits, minScale);
    return DataTypes.decimal(DecimalType.MAX_PRECISION, adjustedScale);
  }

  /** The result type of decimal {@code op} on {@code a} and {@code b}, as Spark's DecimalPrecision. */
  public static DecimalType decimalResult(BinaryArithmetic.Op op, DecimalType a, DecimalType b) {
    int p1 = a.precision();
    int s1 = a.scale();
    int p2 = b.precision();
    int s2 = b.scale();
    return switch (op) {
      case ADD, SUBTRACT -> {
        int s = Math.max(s1, s2);
        yield adjust(Math.max(p1 - s1, p2 - s2) + s + 1, s);
      }
      case MULTIPLY -> adjust(p1 + p2 + 1, s1 + s2);
      case DIVIDE -> {
        int scale = Math.max(MINIMUM_ADJUSTED_SCALE, s1 + p2 + 1);
        yield adjust(p1 - s1 + s2 + scale, scale);
      }
      case REMAINDER, PMOD -> {
        int s = Math.max(s1, s2);
        yield adjust(Math.min(p1 - s1, p2 - s2) + s, s);
      }
    };
  }

  /**
   * The type both sides of a comparison are cast to, or null when they cannot be compared: numbers
   * widen; a string meets a number, boolean, date, timestamp or binary as that type (a decimal as double); a
   * date meets a timestamp as timestamp; intervals of one kind meet with the fields of both; null meets anything.
   */
  public static DataType comparisonType(DataType a, DataType b) {
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
      return widerNumeric(a, b);
    }
    if (a instanceof StringType) {
      return stringPromotion(b);
    }
    if (b instanceof StringType) {
      return stringPromotion(a);
    }
    if (isDatetime(a) && isDatetime(b)) {
      return DataTypes.TIMESTAMP;
    }
    if (DataTypes.isInterval(a) && DataTypes.isInterval(b)) {
      return IntervalOperations.widerInterval(a, b);
    }
    if (a instanceof ArrayType x && b instanceof ArrayType y) {
      DataType e = comparisonType(x.elementType(), y.elementType());
      return e == null ? null : new ArrayType(e, x.containsNull() || y.containsNull());
    }
    return null;
  }

  private static DataType stringPromotion(DataType other) {
    if (other instanceof DecimalType) {
      return DataTypes.DOUBLE;
    }
    if (other instanceof io.ember.core.types.BinaryType) {
      return other;
    }
    if (other.isNumeric() || other instanceof BooleanType || isDatetime(other)) {
      return other;
    }
    return null;
  }

  private static boolean isDatetime(DataType t) {
    return t instanceof DateType || t instanceof TimestampType;
  }

  /**
   * The type the branches of {@code CASE}, {@code coalesce}, {@code greatest} and {@code array(...)}
   * share, or null: nulls take any type, numbers widen, date and timestamp meet as timestamp, and a
   * string next to another simple type makes the result a string.
   */
  public static DataType commonType(List<DataType> types) {
    DataType acc = DataTypes.NULL;
    for (DataType t : types) {
      acc = commonType(acc, t);
      if (acc == null) {
        return null;
      }
    }
    return acc;
  }

  static DataType commonType(DataType a, DataType b) {
    if (a.equals(b) || b instanceof NullType) {
      return a;
    }
    if (a instanceof NullType) {
      return b;
    }
    if (a.isNumeric() && b.isNumeric()) {
      return widerNumeric(a, b);
    }
    if (isDatetime(a) && isDatetime(b)) {
      return DataTypes.TIMESTAMP;
    }
    if (DataTypes.isInterval(a) && DataTypes.isInterval(b)) {
      return IntervalOperations.widerInterval(a, b);
    }
    if (a instanceof ArrayType x && b instanceof ArrayType y) {
      DataType e = commonType(x.elementType(), y.elementType());
      return e == null ? null : new ArrayType(e, x.containsNull() || y.containsNull());
    }
    if (a instanceof io.ember.core.types.MapType x && b instanceof io.ember.core.types.MapType y) {
      DataType k = commonType(x.keyType(), y.keyType());
      DataType v = commonType(x.valueType(), y.valueType());
      return k == null || v == null ? null
          : new io.ember.core.types.MapType(k, v, x.valueContainsNull() || y.valueContainsNull());
    }
    boolean simpleA = !(a instanceof ArrayType) && !(a instanceof io.ember.core.types.StructType)
        && !(a instanceof io.ember.core.types.MapType);
    boolean simpleB = !(b instanceof ArrayType) && !(b instanceof io.ember.core.types.StructType)
        && !(b instanceof io.ember.core.types.MapType);
    if ((a instanceof StringType || b instanceof StringType) && simpleA && simpleB) {
      return DataTypes.STRING;
    }
    return null;
  }
}
