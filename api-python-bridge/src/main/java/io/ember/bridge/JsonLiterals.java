package io.ember.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.ember.api.logical.LogicalExpr;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
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
import io.ember.core.types.StructType;
import io.ember.core.types.TimestampType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Literal values of the {@code lit} expression: a JSON value read as the Java object {@code ColumnVector.get}
 * returns for the literal's type (dates as {@code "yyyy-mm-dd"}, timestamps as microseconds since the epoch,
 * day-time intervals as microseconds, year-month intervals as months,
 * decimals as strings, doubles also as {@code "NaN"}/{@code "Infinity"}/{@code "-Infinity"}, arrays as lists,
 * structs as lists of field values). Without a {@code type}, the type follows the JSON value (integers that fit
 * are int, others bigint).
 */
final class JsonLiterals {
  private JsonLiterals() {}

  static LogicalExpr.LiteralValue decode(JsonNode node) {
    JsonNode value = Args.optional(node, "value");
    JsonNode typeJson = Args.optional(node, "type");
    DataType type = typeJson == null ? inferType(value) : TypeCodec.fromJson(typeJson);
    return new LogicalExpr.LiteralValue(value(value, type), type);
  }

  private static DataType inferType(JsonNode v) {
    if (v == null) {
      return DataTypes.NULL;
    }
    if (v.isBoolean()) {
      return DataTypes.BOOLEAN;
    }
    if (v.isIntegralNumber()) {
      return v.canConvertToInt() ? DataTypes.INTEGER : DataTypes.LONG;
    }
    if (v.isNumber()) {
      return DataTypes.DOUBLE;
    }
    if (v.isTextual()) {
      return DataTypes.STRING;
    }
    throw invalid(v, "a literal without a \"type\"");
  }

  /** The Java value of {@code v} as {@code type}, or null. */
  static Object value(JsonNode v, DataType type) {
    if (v == null || v.isNull() || type instanceof NullType) {
      return null;
    }
    try {
      if (type instanceof BooleanType && v.isBoolean()) {
        return v.asBoolean();
      }
      if (type instanceof IntegerType && v.isIntegralNumber() && v.canConvertToInt()) {
        return v.asInt();
      }
      if (type instanceof LongType && v.isIntegralNumber() && v.canConvertToLong()) {
        return v.asLong();
      }
      if (type instanceof io.ember.core.types.DayTimeIntervalType && v.isIntegralNumber() && v.canConvertToLong()) {
        long us = v.asLong();
        return java.time.Duration.ofSeconds(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
      }
      if (type instanceof io.ember.core.types.YearMonthIntervalType && v.isIntegralNumber() && v.canConvertToInt()) {
        return java.time.Period.ofMonths(v.asInt()).normalized();
      }
      if (type instanceof TimestampType && v.isIntegralNumber() && v.canConvertToLong()) {
        return micros(v.asLong());
      }
      if (type instanceof DoubleType) {
        return doubleValue(v);
      }
      if (type instanceof StringType && v.isTextual()) {
        return v.asText();
      }
      if (type instanceof io.ember.core.types.BinaryType && v.isTextual()) {
        return java.util.Base64.getDecoder().decode(v.asText());
      }
      if (type instanceof DateType && v.isTextual()) {
        return LocalDate.parse(v.asText());
      }
      if (type instanceof DecimalType dt && (v.isTextual() || v.isNumber())) {
        return new BigDecimal(v.asText()).setScale(dt.scale(), RoundingMode.HALF_UP);
      }
      return nested(v, type);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw invalid(v, type.simpleString());
    }
  }

  private static Object nested(JsonNode v, DataType type) {
    if (type instanceof ArrayType at && v.isArray()) {
      List<Object> out = new ArrayList<>(v.size());
      v.forEach(e -> out.add(value(e, at.elementType())));
      return out;
    }
    if (type instanceof StructType st && v.isArray() && v.size() == st.size()) {
      Object[] values = new Object[st.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = value(v.get(i), st.field(i).dataType());
      }
      return new Row(st, values);
    }
    throw invalid(v, type.simpleString());
  }

  private static Double doubleValue(JsonNode v) {
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isTextual()) {
      switch (v.asText()) {
        case "NaN":
          return Double.NaN;
        case "Infinity", "inf":
          return Double.POSITIVE_INFINITY;
        case "-Infinity", "-inf":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw invalid(v, "double");
  }

  private static Instant micros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  private static EmberIllegalArgumentException invalid(JsonNode v, String type) {
    return new EmberIllegalArgumentException(
        "BRIDGE_INVALID_REQUEST", "The literal value " + v + " is not a " + type + " as PROTOCOL.md encodes it.");
  }
}
