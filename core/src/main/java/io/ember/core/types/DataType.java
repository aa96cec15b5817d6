package io.ember.core.types;

/**
 * A SQL data type. Every value of every type may be null; nullability is a property of a
 * {@link StructField}, not of the type.
 *
 * <p>Types are values: two instances describing the same type are {@code equals}. Use the
 * constants in {@link DataTypes} for the simple types.
 */
public sealed interface DataType
    permits NullType, BooleanType, IntegerType, LongType, DoubleType, StringType, BinaryType, DateType,
        TimestampType, DecimalType, ArrayType, MapType, StructType, DayTimeIntervalType, YearMonthIntervalType {

  /** Spark's short name as used in SQL and in {@code dtypes}: {@code int}, {@code bigint}, {@code decimal(10,2)}, {@code array<int>}. */
  String simpleString();

  /** Spark's name as printed by {@code printSchema()}: {@code integer}, {@code long}, {@code array}, {@code struct}. */
  String typeName();

  /** True for int, long, double and decimal. */
  default boolean isNumeric() {
    return false;
  }
}
