package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.ArrayType;
import io.ember.core.types.BinaryType;
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
import java.util.List;

/**
 * {@code CAST(child AS dataType)} with Spark 4's semantics: with ANSI on, a malformed string raises
 * {@code CAST_INVALID_INPUT} and a value that does not fit raises {@code CAST_OVERFLOW} (decimals:
 * {@code NUMERIC_VALUE_OUT_OF_RANGE}); with ANSI off those rows are null and integral narrowing wraps
 * around as in Spark's legacy mode. A string and a binary value cast to each other keep their bytes (a binary
 * value that is not UTF-8 stays as it is in the string, as in Spark). Build it with {@link Expressions#cast}, which checks {@link #canCast}.
 *
 * <p>{@code implicit} marks a cast that type coercion inserted: it evaluates the same, but {@link #sql()}
 * renders only the child, as Spark names columns after what the user wrote.
 */
public record Cast(Expression child, DataType dataType, boolean implicit) implements Expression {
  /** An explicit cast, as {@code CAST(child AS dataType)} in a query. */
  public Cast(Expression child, DataType dataType) {
    this(child, dataType, false);
  }

  /** Whether Spark allows casting {@code from} to {@code to}. */
  public static boolean canCast(DataType from, DataType to) {
    if (from.equals(to) || from instanceof NullType || to instanceof StringType) {
      return true;
    }
    if (from instanceof StringType) {
      return isAtomicTarget(to) || DataTypes.isInterval(to) || to instanceof BinaryType;
    }
    if (from instanceof ArrayType fa && to instanceof ArrayType ta) {
      return canCast(fa.elementType(), ta.elementType());
    }
    if (from instanceof io.ember.core.types.MapType fm && to instanceof io.ember.core.types.MapType tm) {
      return canCast(fm.keyType(), tm.keyType()) && canCast(fm.valueType(), tm.valueType());
    }
    if (DataTypes.isInterval(from) || DataTypes.isInterval(to)) {
      return from.getClass() == to.getClass();
    }
    boolean fromNumeric = from.isNumeric() || from instanceof BooleanType;
    boolean toNumeric = to.isNumeric() || to instanceof BooleanType;
    if (fromNumeric && toNumeric) {
      return true;
    }
    if (from instanceof DateType) {
      return to instanceof TimestampType;
    }
    if (from instanceof TimestampType) {
      return to instanceof DateType || to.isNumeric();
    }
    return from.isNumeric() && to instanceof TimestampType;
  }

  private static boolean isAtomicTarget(DataType to) {
    return to.isNumeric() || to instanceof BooleanType || to instanceof DateType || to instanceof TimestampType;
  }

  /** Spark's {@code DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION} for an impossible cast. */
  static AnalysisException cannotCast(Expression child, DataType to) {
    return new AnalysisException("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
        "Cannot resolve \"CAST(" + child.sql() + " AS " + to.simpleString().toUpperCase(java.util.Locale.ROOT)
            + ")\" due to data type mismatch: cannot cast " + ExpressionErrors.sqlType(child.dataType()) + " to "
            + ExpressionErrors.sqlType(to) + ".");
  }

  /** True when every value of {@code from} has an exact value in {@code to}, so the cast never fails. */
  static boolean isLossless(DataType from, DataType to) {
    if (from.equals(to) || to instanceof StringType || from instanceof NullType) {
      return true;
    }
    if (from instanceof StringType && to instanceof BinaryType) {
      return true;
    }
    if (from instanceof IntegerType) {
      return to instanceof LongType || to instanceof DoubleType
          || to instanceof DecimalType d && d.precision() - d.scale() >= 10;
    }
    if (from instanceof LongType) {
      return to instanceof DoubleType || to instanceof DecimalType d && d.precision() - d.scale() >= 20;
    }
    if (from instanceof BooleanType) {
      return to.isNumeric() && !(to instanceof DecimalType d && d.precision() - d.scale() < 1);
    }
    if (from instanceof DecimalType) {
      return to instanceof DoubleType;
    }
    if (DataTypes.isInterval(from) && from.getClass() == to.getClass()) {
      return IntervalOperations.widerInterval(from, to).equals(to);
    }
    return from instanceof DateType && to instanceof TimestampType
        || from instanceof TimestampType && to instanceof DateType;
  }

  @Override
  public boolean nullable() {
    return child.nullable() || !isLossless(child.dataType(), dataType);
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new Cast(newChildren.get(0), dataType, implicit);
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    return CastKernels.cast(child.evaluate(input, context), dataType, context);
  }

  @Override
  public String sql() {
    if (implicit) {
      return child.sql();
    }
    return "CAST(" + child.sql() + " AS " + dataType.simpleString().toUpperCase(java.util.Locale.ROOT) + ")";
  }
}
