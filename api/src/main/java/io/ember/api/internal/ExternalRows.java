package io.ember.api.internal;

import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.ArrayType;
import io.ember.core.types.BooleanType;
import io.ember.core.types.DataType;
import io.ember.core.types.DateType;
import io.ember.core.types.DecimalType;
import io.ember.core.types.DoubleType;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import io.ember.core.types.NullType;
import io.ember.core.types.StringType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.core.types.TimestampType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Checks user rows against a schema and converts them to the values batches hold, as Spark's
 * {@code createDataFrame(rows, schema)} does: each value must be the Java type of its field
 * (java.sql.Date/Timestamp and Short/Byte/Float are accepted and converted; decimals are rescaled).
 */
public final class ExternalRows {
  private ExternalRows() {}

  /**
   * The rows with canonical values, each carrying {@code schema}.
   *
   * @throws EmberIllegalArgumentException {@code INVALID_EXTERNAL_TYPE}, {@code NOT_NULL_VIOLATION} or
   *     {@code WRONG_NUM_FIELDS} naming the row and field
   */
  public static List<Row> convert(List<Row> rows, StructType schema) {
    List<Row> out = new ArrayList<>(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      out.add(convertRow(rows.get(r), schema, "row " + r));
    }
    return out;
  }

  private static Row convertRow(Row row, StructType schema, String where) {
    if (row.size() != schema.size()) {
      throw new EmberIllegalArgumentException(
          "WRONG_NUM_FIELDS", "The " + where + " " + row + " has " + row.size() + " values but the schema "
              + schema.simpleString() + " has " + schema.size() + " fields.");
    }
    Object[] values = new Object[row.size()];
    for (int c = 0; c < values.length; c++) {
      StructField f = schema.field(c);
      Object v = row.get(c);
      if (v == null && !f.nullable()) {
        throw new EmberIllegalArgumentException(
            "NOT_NULL_VIOLATION", "The " + where + " has null in the non-nullable field `" + f.name() + "`.");
      }
      values[c] = convertValue(v, f.dataType(), where + ", field `" + f.name() + "`");
    }
    return new Row(schema, values);
  }

  /**
   * {@code v}, a user's Java value (as {@link #convert} accepts in a row), as the value batches hold for
   * {@code type}; null stays null.
   *
   * @throws EmberIllegalArgumentException {@code INVALID_EXTERNAL_TYPE} naming {@code where} when {@code v} is not a
   *     value of {@code type}, or {@code NUMERIC_VALUE_OUT_OF_RANGE} for a decimal too wide for it
   */
  public static Object convertValue(Object v, DataType type, String where) {
    if (v == null) {
      return null;
    }
    Object converted = convertNonNull(v, type, where);
    if (converted == null) {
      throw new EmberIllegalArgumentException(
          "INVALID_EXTERNAL_TYPE", "The external type " + v.getClass().getName() + " of the value " + v + " is not valid"
              + " for the type \"" + type.simpleString().toUpperCase(Locale.ROOT) + "\" at " + where + ".");
    }
    return converted;
  }

  private static Object convertNonNull(Object v, DataType type, String where) {
    if (type instanceof IntegerType) {
      return v instanceof Integer || v instanceof Short || v instanceof Byte ? (Object) ((Number) v).intValue() : null;
    } else if (type instanceof LongType) {
      return v instanceof Long ? v : null;
    } else if (type instanceof DoubleType) {
      return v instanceof Double ? v : v instanceof Float f ? (Object) Double.parseDouble(f.toString()) : null;
    } else if (type instanceof StringType) {
      return v instanceof String ? v : null;
    } else if (type instanceof io.ember.core.types.BinaryType) {
      return v instanceof byte[] b ? b.clone() : null;
    } else if (type instanceof BooleanType) {
      return v instanceof Boolean ? v : null;
    } else if (type instanceof DecimalType dt) {
      return v instanceof BigDecimal bd ? decimal(bd, dt, where) : null;
    } else if (type instanceof DateType) {
      return v instanceof LocalDate ? v : v instanceof java.sql.Date d ? d.toLocalDate() : null;
    } else if (type instanceof TimestampType) {
      return v instanceof Instant ? v : v instanceof java.sql.Timestamp t ? t.toInstant() : null;
    } else if (type instanceof io.ember.core.types.DayTimeIntervalType) {
      return v instanceof java.time.Duration ? v : null;
    } else if (type instanceof io.ember.core.types.YearMonthIntervalType) {
      return v instanceof java.time.Period p && p.getDays() == 0 ? p.normalized() : null;
    } else if (type instanceof ArrayType at) {
      List<?> list = v instanceof List<?> l ? l : v instanceof Object[] arr ? Arrays.asList(arr) : null;
      if (list == null) {
        return null;
      }
      List<Object> out = new ArrayList<>(list.size());
      for (Object e : list) {
        out.add(convertValue(e, at.elementType(), where + " element"));
      }
      return out;
    } else if (type instanceof io.ember.core.types.MapType mt) {
      return v instanceof java.util.Map<?, ?> m ? convertMap(m, mt, where) : null;
    } else if (type instanceof StructType st) {
      return v instanceof Row r ? convertRow(r, st, where) : null;
    } else if (type instanceof NullType) {
      return null;
    }
    return null;
  }

  /** A map value with its keys and values converted; a null key is Spark's {@code NULL_MAP_KEY}. */
  private static java.util.Map<Object, Object> convertMap(java.util.Map<?, ?> m, io.ember.core.types.MapType mt,
      String where) {
    java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
    for (java.util.Map.Entry<?, ?> e : m.entrySet()) {
      Object key = convertValue(e.getKey(), mt.keyType(), where + " key");
      if (key == null) {
        throw new io.ember.core.errors.EmberRuntimeException("NULL_MAP_KEY", "Cannot use null as map key.");
      }
      out.put(key, convertValue(e.getValue(), mt.valueType(), where + " value"));
    }
    return out;
  }

  private static BigDecimal decimal(BigDecimal bd, DecimalType type, String where) {
    BigDecimal scaled = bd.setScale(type.scale(), RoundingMode.HALF_UP);
    if (scaled.precision() - scaled.scale() > type.precision() - type.scale()) {
      throw new EmberIllegalArgumentException(
          "NUMERIC_VALUE_OUT_OF_RANGE", "The value " + bd.toPlainString() + " at " + where + " cannot be represented"
              + " as " + type.simpleString() + ".");
    }
    return scaled;
  }
}
