package io.ember.connectors.parquet;

import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * INT96 as timestamp; FLOAT and DOUBLE as double; BINARY STRING/ENUM/JSON as string; DECIMAL on INT32, INT64, BINARY
 * or FIXED_LEN_BYTE_ARRAY as decimal. Ember has no byte, short, float, binary or timestamp_ntz types: bytes and
 * shorts widen to int, floats to double, and a timestamp that is not UTC-adjusted is read as the UTC instant of its
 * wall-clock value. Nested (group) and binary columns fail with {@code UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE}
 * naming the column.
 *
 * <p>Writing, as Spark with {@code spark.sql.parquet.writeLegacyFormat=false} and
 * {@code outputTimestampType=TIMESTAMP_MICROS}: boolean BOOLEAN, int INT32, long INT64, double DOUBLE, string
 * BINARY STRING, date INT32 DATE, timestamp INT64 TIMESTAMP(MICROS, true), decimal INT32/INT64/FIXED_LEN_BYTE_ARRAY
 * by precision; nullable columns are optional, others required; the message is named {@code spark_schema}.
 */
final class ParquetSchemas {
  /** The root message name Spark writes. */
  static final String MESSAGE_NAME = "spark_schema";

  private ParquetSchemas() {}

  /**
   * The Ember schema of a file's Parquet schema; {@code file} only names the file in errors. Every column is
   * nullable, required ones too, as Spark reads Parquet ("all columns are automatically converted to be nullable
   * for compatibility reasons"), so that files written with and without nulls share one schema.
   */
  static StructType toEmber(MessageType message, String file) {
    List<StructField> fields = new ArrayList<>(message.getFieldCount());
    for (Type t : message.getFields()) {
      fields.add(new StructField(t.getName(), toEmber(t, file), true));
    }
    return new StructType(fields);
  }

  /** The Ember type of one top-level Parquet column. */
  static DataType toEmber(Type t, String file) {
    if (!t.isPrimitive() || t.getRepetition() == Type.Repetition.REPEATED) {
      throw unsupportedRead(t, file);
    }
    PrimitiveType p = t.asPrimitiveType();
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
    Type.Repetition rep = f.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
    DataType t = f.dataType();
    String name = t.typeName();
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
    throw new AnalysisException("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", "The Parquet datasource doesn't support"
        + " the column `" + f.name() + "` of the type \"" + t.simpleString().toUpperCase(Locale.ROOT) + "\".");
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
        + " the column `" + t.getName() + "` of the Parquet type " + shown + " in file " + file + "; Ember reads flat"
        + " columns of boolean, integer, long, float, double, string, decimal, date and timestamp types. Select"
        + " the other columns with a schema, e.g. spark.read.schema(\"a INT, b STRING\").parquet(path).");
  }
}
