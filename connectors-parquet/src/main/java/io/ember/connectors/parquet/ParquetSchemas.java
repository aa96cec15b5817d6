package io.ember.connectors.parquet;

import io.ember.core.errors.AnalysisException;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import io.ember.core.types.MapType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Converts between Parquet schemas and Ember's, as Spark's {@code ParquetToSparkSchemaConverter} and
 * {@code SparkToParquetSchemaConverter} do for the types Ember has.
 *
 * <p>Reading: BOOLEAN; INT32 (plain, INT(8|16|32, signed), UINT(8|16)) as int, INT32 UINT(32) as long, INT32 DATE as
 * date; INT64 (plain, INT(64, signed)) as long; INT64 TIMESTAMP (millis, micros or nanos, UTC-adjusted or not) and
 * INT96 as timestamp; FLOAT and DOUBLE as double; BINARY STRING/ENUM/JSON as string, BINARY without annotation as
 * binary (Spark's default, {@code spark.sql.parquet.binaryAsString=false}) or as string when the reader asks for
 * that ({@code binaryAsString}, at any depth, as Spark's {@code assumeBinaryIsString}); DECIMAL on INT32, INT64, BINARY
 * or FIXED_LEN_BYTE_ARRAY as decimal; groups as structs, LIST groups as arrays (the three-level layout and the
 * two-level ones of older writers, {@link #listElement}), MAP groups as maps, and a repeated field elsewhere as an
 * array of non-null values. Ember has no byte, short, float or timestamp_ntz types: bytes and
 * shorts widen to int, floats to double, and a timestamp that is not UTC-adjusted is read as the UTC instant of its
 * wall-clock value. Other types (and anything holding one) fail with {@code UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE}
 * naming the top-level column.
 *
 * <p>Writing, as Spark with {@code spark.sql.parquet.writeLegacyFormat=false} and
 * {@code outputTimestampType=TIMESTAMP_MICROS}: boolean BOOLEAN, int INT32, long INT64, double DOUBLE, string
 * BINARY STRING, binary BINARY, date INT32 DATE, timestamp INT64 TIMESTAMP(MICROS, true), decimal INT32/INT64/FIXED_LEN_BYTE_ARRAY
 * by precision; struct a group, array a LIST group of a repeated group {@code list} holding {@code element}, map a
 * MAP group of a repeated group {@code key_value} holding a required {@code key} and a {@code value}; nullable
 * columns, fields, elements and values are optional, others required; the message is named {@code spark_schema}.
 */
final class ParquetSchemas {
  /** The root message name Spark writes. */
  static final String MESSAGE_NAME = "spark_schema";

  private ParquetSchemas() {}

  /**
   * The Ember schema of a file's Parquet schema; {@code file} only names the file in errors. Every column is
   * nullable, required ones too, as Spark reads Parquet ("all columns are automatically converted to be nullable
   * for compatibility reasons"), so that files written with and without nulls share one schema.
   *
   * @param binaryAsString whether BINARY values without a logical type are strings rather than binary
   *     ({@code spark.sql.parquet.binaryAsString})
   */
  static StructType toEmber(MessageType message, String file, boolean binaryAsString) {
    List<StructField> fields = new ArrayList<>(message.getFieldCount());
    for (Type t : message.getFields()) {
      fields.add(new StructField(t.getName(), toEmber(t, file, binaryAsString), true));
    }
    return new StructType(fields);
  }

  /**
   * The Ember type of a Parquet field: a repeated field outside a LIST or MAP group is an array of non-null values,
   * as Spark reads it; BINARY values without a logical type are strings when {@code binaryAsString}.
   */
  static DataType toEmber(Type t, String file, boolean binaryAsString) {
    try {
      return fieldType(t, file, binaryAsString);
    } catch (AnalysisException e) {
      throw unsupportedRead(t, file);
    }
  }

  private static DataType fieldType(Type t, String file, boolean binaryAsString) {
    if (t.getRepetition() == Type.Repetition.REPEATED) {
      return new ArrayType(typeOf(t, file, binaryAsString), false);
    }
    return typeOf(t, file, binaryAsString);
  }

  /** The Ember type of {@code t}'s values, its repetition left aside. */
  private static DataType typeOf(Type t, String file, boolean binaryAsString) {
    if (t.isPrimitive()) {
      return primitive(t.asPrimitiveType(), file, binaryAsString);
    }
    GroupType g = t.asGroupType();
    LogicalTypeAnnotation a = g.getLogicalTypeAnnotation();
    if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
      if (g.getFieldCount() != 1 || g.getType(0).getRepetition() != Type.Repetition.REPEATED) {
        throw unsupportedRead(t, file);
      }
      Type element = listElement(g);
      return new ArrayType(typeOf(element, file, binaryAsString),
          element.getRepetition() == Type.Repetition.OPTIONAL);
    }
    if (a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) {
      if (g.getFieldCount() != 1 || g.getType(0).isPrimitive() || g.getType(0).asGroupType().getFieldCount() != 2) {
        throw unsupportedRead(t, file);
      }
      GroupType entry = g.getType(0).asGroupType();
      return new MapType(typeOf(entry.getType(0), file, binaryAsString), typeOf(entry.getType(1), file, binaryAsString),
          entry.getType(1).getRepetition() == Type.Repetition.OPTIONAL);
    }
    if (g.getFieldCount() == 0) {
      throw unsupportedRead(t, file);
    }
    List<StructField> fields = new ArrayList<>(g.getFieldCount());
    for (Type f : g.getFields()) {
      fields.add(new StructField(f.getName(), fieldType(f, file, binaryAsString),
          f.getRepetition() == Type.Repetition.OPTIONAL));
    }
    return new StructType(fields);
  }

  /**
   * The element field of a LIST group, as Spark's backward-compatibility rules find it: the repeated field itself
   * when it is a primitive, a group of several fields, or named {@code array} or {@code <list>_tuple} (the two-level
   * layouts of older writers); else the single field of the repeated group (the standard three-level
   * {@code list}/{@code element} layout).
   */
  static Type listElement(GroupType list) {
    Type repeated = list.getType(0);
    if (isElementItself(list)) {
      return repeated;
    }
    return repeated.asGroupType().getType(0);
  }

  /** Whether a LIST group's repeated field is its element (a two-level list). */
  static boolean isElementItself(GroupType list) {
    Type repeated = list.getType(0);
    return repeated.isPrimitive() || repeated.asGroupType().getFieldCount() > 1
        || repeated.getName().equals("array") || repeated.getName().equals(list.getName() + "_tuple");
  }

  /** Whether {@code a} and {@code b} are the same type but for nullability of fields, elements and values. */
  static boolean sameShape(DataType a, DataType b) {
    if (a instanceof StructType x && b instanceof StructType y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!x.field(i).name().equals(y.field(i).name())
            || !sameShape(x.field(i).dataType(), y.field(i).dataType())) {
          return false;
        }
      }
      return true;
    } else if (a instanceof ArrayType x && b instanceof ArrayType y) {
      return sameShape(x.elementType(), y.elementType());
    } else if (a instanceof MapType x && b instanceof MapType y) {
      return sameShape(x.keyType(), y.keyType()) && sameShape(x.valueType(), y.valueType());
    }
    return a.equals(b);
  }

  private static DataType primitive(PrimitiveType p, String file, boolean binaryAsString) {
    Type t = p;
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    if (a instanceof DecimalLogicalTypeAnnotation d) {
      if (d.getPrecision() > DecimalType.MAX_PRECISION) {
        throw unsupportedRead(t, file);
      }
      return new DecimalType(d.getPrecision(), d.getScale());
    }
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        if (a == null) {
          return DataTypes.BOOLEAN;
        }
        throw unsupportedRead(t, file);
      case INT32:
        if (a == null) {
          return DataTypes.INTEGER;
        } else if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return DataTypes.DATE;
        } else if (a instanceof IntLogicalTypeAnnotation i) {
          return i.isSigned() || i.getBitWidth() < 32 ? DataTypes.INTEGER : DataTypes.LONG;
        }
        throw unsupportedRead(t, file);
      case INT64:
        if (a == null || a instanceof IntLogicalTypeAnnotation i && i.isSigned()) {
          return DataTypes.LONG;
        } else if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
          return DataTypes.TIMESTAMP;
        }
        throw unsupportedRead(t, file);
      case INT96:
        return DataTypes.TIMESTAMP;
      case FLOAT:
      case DOUBLE:
        return DataTypes.DOUBLE;
      case BINARY:
        if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
          return DataTypes.STRING;
        } else if (a == null) {
          return binaryAsString ? DataTypes.STRING : DataTypes.BINARY;
        }
        throw unsupportedRead(t, file);
      default:
        throw unsupportedRead(t, file);
    }
  }

  /** The time unit of an INT64 timestamp column, or null for any other column. */
  static TimeUnit timestampUnit(PrimitiveType p) {
    return p.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
        ? ts.getUnit() : null;
  }

  /**
   * The Parquet schema Spark writes for {@code schema}.
   *
   * @throws AnalysisException {@code UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE} for a column Parquet cannot hold here
   */
  static MessageType toParquet(StructType schema) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (StructField f : schema.fields()) {
      b.addField(toParquet(f));
    }
    return b.named(MESSAGE_NAME);
  }

  private static Type toParquet(StructField f) {
    Type written = toParquet(f.name(), f.dataType(), f.nullable());
    if (written == null) {
      throw new AnalysisException("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", "The Parquet datasource doesn't support"
          + " the column `" + f.name() + "` of the type \"" + f.dataType().simpleString().toUpperCase(Locale.ROOT)
          + "\".");
    }
    return written;
  }

  /**
   * The Parquet field Spark writes for a value of {@code t} named {@code name}: structs as groups, arrays as
   * three-level LIST groups ({@code list}/{@code element}), maps as MAP groups ({@code key_value} of a required
   * {@code key} and a {@code value}); null when Parquet cannot hold {@code t}.
   */
  private static Type toParquet(String name, DataType t, boolean nullable) {
    Type.Repetition rep = nullable ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
    if (t instanceof StructType st) {
      if (st.size() == 0) {
        return null;
      }
      Types.GroupBuilder<GroupType> g = Types.buildGroup(rep);
      for (StructField f : st.fields()) {
        Type field = toParquet(f.name(), f.dataType(), f.nullable());
        if (field == null) {
          return null;
        }
        g.addField(field);
      }
      return g.named(name);
    } else if (t instanceof ArrayType at) {
      Type element = toParquet("element", at.elementType(), at.containsNull());
      return element == null ? null : Types.buildGroup(rep).as(LogicalTypeAnnotation.listType())
          .addField(Types.repeatedGroup().addField(element).named("list")).named(name);
    } else if (t instanceof MapType mt) {
      Type key = toParquet("key", mt.keyType(), false);
      Type value = toParquet("value", mt.valueType(), mt.valueContainsNull());
      return key == null || value == null ? null : Types.buildGroup(rep).as(LogicalTypeAnnotation.mapType())
          .addField(Types.repeatedGroup().addField(key).addField(value).named("key_value")).named(name);
    }
    return primitiveField(name, t, rep);
  }

  private static Type primitiveField(String fieldName, DataType t, Type.Repetition rep) {
    String name = t.typeName();
    StructField f = new StructField(fieldName, t, true);
    switch (name) {
      case "boolean":
        return Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(f.name());
      case "integer":
        return Types.primitive(PrimitiveTypeName.INT32, rep).named(f.name());
      case "long":
        return Types.primitive(PrimitiveTypeName.INT64, rep).named(f.name());
      case "double":
        return Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(f.name());
      case "string":
        return Types.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(f.name());
      case "binary":
        return Types.primitive(PrimitiveTypeName.BINARY, rep).named(f.name());
      case "date":
        return Types.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.dateType()).named(f.name());
      case "timestamp":
        return Types.primitive(PrimitiveTypeName.INT64, rep)
            .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named(f.name());
      default:
        break;
    }
    if (t instanceof DecimalType d) {
      LogicalTypeAnnotation dec = LogicalTypeAnnotation.decimalType(d.scale(), d.precision());
      if (d.precision() <= 9) {
        return Types.primitive(PrimitiveTypeName.INT32, rep).as(dec).named(f.name());
      } else if (d.precision() <= 18) {
        return Types.primitive(PrimitiveTypeName.INT64, rep).as(dec).named(f.name());
      }
      return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, rep).length(decimalBytes(d.precision()))
          .as(dec).named(f.name());
    }
    return null;
  }

  /** The fewest bytes holding any unscaled value of {@code precision} digits, as Spark's {@code minBytesForPrecision}. */
  static int decimalBytes(int precision) {
    int bytes = 1;
    while (Math.pow(2.0, 8 * bytes - 1) < Math.pow(10.0, precision)) {
      bytes++;
    }
    return bytes;
  }

  private static AnalysisException unsupportedRead(Type t, String file) {
    String shown = t.isPrimitive()
        ? (t.getRepetition() == Type.Repetition.REPEATED ? "repeated " : "") + t.asPrimitiveType().getPrimitiveTypeName()
            + (t.getLogicalTypeAnnotation() == null ? "" : " (" + t.getLogicalTypeAnnotation() + ")")
        : "group " + t.toString().replaceAll("\\s+", " ").trim();
    return new AnalysisException("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", "The Parquet datasource doesn't support"
        + " the column `" + t.getName() + "` of the Parquet type " + shown + " in file " + file + "; Ember reads"
        + " boolean, integer, long, float, double, string, binary, decimal, date and timestamp values, and structs, lists"
        + " and maps of them. Select the other columns with a schema, e.g."
        + " spark.read.schema(\"a INT, b STRING\").parquet(path).");
  }
}
