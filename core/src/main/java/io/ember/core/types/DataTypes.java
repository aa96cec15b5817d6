package io.ember.core.types;

/** The simple types as constants, and factories for the parameterized ones. */
public final class DataTypes {
  public static final NullType NULL = new NullType();
  public static final BooleanType BOOLEAN = new BooleanType();
  public static final IntegerType INTEGER = new IntegerType();
  public static final LongType LONG = new LongType();
  public static final DoubleType DOUBLE = new DoubleType();
  public static final StringType STRING = new StringType();
  public static final DateType DATE = new DateType();
  public static final TimestampType TIMESTAMP = new TimestampType();

  private DataTypes() {}

  public static DecimalType decimal(int precision, int scale) {
    return new DecimalType(precision, scale);
  }

  public static ArrayType array(DataType elementType) {
    return new ArrayType(elementType, true);
  }

  public static StructField field(String name, DataType type) {
    return new StructField(name, type, true);
  }

  public static StructField field(String name, DataType type, boolean nullable) {
    return new StructField(name, type, nullable);
  }

  public static StructType struct(StructField... fields) {
    return new StructType(java.util.List.of(fields));
  }

  /**
   * Parses a type name as Spark's DDL spells it: {@code int}, {@code integer}, {@code bigint},
   * {@code long}, {@code double}, {@code string}, {@code boolean}, {@code date}, {@code timestamp},
   * {@code decimal(p,s)}, {@code array<T>}. Case-insensitive.
   *
   * @throws IllegalArgumentException naming the type it could not read
   */
  public static DataType parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    switch (t) {
      case "void", "null":
        return NULL;
      case "boolean", "bool":
        return BOOLEAN;
      case "int", "integer":
        return INTEGER;
      case "bigint", "long":
        return LONG;
      case "double", "float", "real":
        return DOUBLE;
      case "string", "varchar", "char", "text":
        return STRING;
      case "date":
        return DATE;
      case "timestamp", "timestamp_ltz":
        return TIMESTAMP;
      case "decimal", "dec", "numeric":
        return DecimalType.DEFAULT;
      default:
        break;
    }
    if (t.startsWith("decimal(") && t.endsWith(")")) {
      String[] ps = t.substring("decimal(".length(), t.length() - 1).split(",");
      try {
        int p = Integer.parseInt(ps[0].trim());
        int s = ps.length > 1 ? Integer.parseInt(ps[1].trim()) : 0;
        return new DecimalType(p, s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Cannot parse the data type '" + text + "'");
      }
    }
    if (t.startsWith("array<") && t.endsWith(">")) {
      return array(parse(t.substring("array<".length(), t.length() - 1)));
    }
    throw new IllegalArgumentException(
        "Cannot parse the data type '" + text + "'. Supported: boolean, int, bigint, double, string,"
            + " date, timestamp, decimal(p,s), array<T>");
  }
}
