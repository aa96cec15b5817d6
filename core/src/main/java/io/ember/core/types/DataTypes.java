package io.ember.core.types;

/** The simple types as constants, and factories for the parameterized ones. */
public final class DataTypes {
  public static final NullType NULL = new NullType();
  public static final BooleanType BOOLEAN = new BooleanType();
  public static final IntegerType INTEGER = new IntegerType();
  public static final LongType LONG = new LongType();
  public static final DoubleType DOUBLE = new DoubleType();
  public static final StringType STRING = new StringType();
  public static final BinaryType BINARY = new BinaryType();
  public static final DateType DATE = new DateType();
  public static final TimestampType TIMESTAMP = new TimestampType();
  /** {@code interval day to second}, the type of {@code timestamp - timestamp}. */
  public static final DayTimeIntervalType DAY_TIME_INTERVAL =
      new DayTimeIntervalType(DayTimeIntervalType.DAY, DayTimeIntervalType.SECOND);
  /** {@code interval year to month}. */
  public static final YearMonthIntervalType YEAR_MONTH_INTERVAL =
      new YearMonthIntervalType(YearMonthIntervalType.YEAR, YearMonthIntervalType.MONTH);

  private DataTypes() {}

  /** True for the types whose vectors are {@code LongVector}s: bigint, timestamp and day-time intervals. */
  public static boolean storedAsLong(DataType t) {
    return t instanceof LongType || t instanceof TimestampType || t instanceof DayTimeIntervalType;
  }

  /** True for the types whose vectors are {@code IntVector}s: int, date and year-month intervals. */
  public static boolean storedAsInt(DataType t) {
    return t instanceof IntegerType || t instanceof DateType || t instanceof YearMonthIntervalType;
  }

  /** True for day-time and year-month intervals. */
  public static boolean isInterval(DataType t) {
    return t instanceof DayTimeIntervalType || t instanceof YearMonthIntervalType;
  }

  public static DecimalType decimal(int precision, int scale) {
    return new DecimalType(precision, scale);
  }

  public static ArrayType array(DataType elementType) {
    return new ArrayType(elementType, true);
  }

  /** A map type whose values may be null, as Spark's {@code DataTypes.createMapType(keyType, valueType)}. */
  public static MapType createMapType(DataType keyType, DataType valueType) {
    return new MapType(keyType, valueType, true);
  }

  public static MapType createMapType(DataType keyType, DataType valueType, boolean valueContainsNull) {
    return new MapType(keyType, valueType, valueContainsNull);
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
   * {@code long}, {@code double}, {@code string}, {@code binary}, {@code boolean}, {@code date}, {@code timestamp},
   * {@code decimal(p,s)}, {@code array<T>}, and intervals as Spark names them: {@code interval day to second},
   * {@code interval hour}, {@code interval year to month}, {@code interval month}, ... Case-insensitive.
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
      case "binary":
        return BINARY;
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
    if (t.startsWith("interval")) {
      DataType interval = parseInterval(t);
      if (interval != null) {
        return interval;
      }
    }
    if (t.startsWith("array<") && t.endsWith(">")) {
      return array(parse(t.substring("array<".length(), t.length() - 1)));
    }
    throw new IllegalArgumentException(
        "Cannot parse the data type '" + text + "'. Supported: boolean, int, bigint, double, string, binary,"
            + " date, timestamp, decimal(p,s), array<T>, interval day to second, interval year to month");
  }

  /** {@code interval <field> [to <field>]} (lower case, one space apart or more), or null. */
  private static DataType parseInterval(String t) {
    String[] w = t.split("\\s+");
    if (w.length != 2 && w.length != 4 || !w[0].equals("interval") || w.length == 4 && !w[2].equals("to")) {
      return null;
    }
    String from = w[1];
    String to = w.length == 4 ? w[3] : from;
    int ds = DayTimeIntervalType.field(from);
    int de = DayTimeIntervalType.field(to);
    if (ds >= 0 && de >= ds) {
      return new DayTimeIntervalType(ds, de);
    }
    int ys = YearMonthIntervalType.field(from);
    int ye = YearMonthIntervalType.field(to);
    if (ys >= 0 && ye >= ys) {
      return new YearMonthIntervalType(ys, ye);
    }
    return null;
  }
}
