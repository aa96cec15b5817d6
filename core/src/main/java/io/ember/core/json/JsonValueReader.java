package io.ember.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ember.core.data.Row;
import io.ember.core.types.ArrayType;
import io.ember.core.types.BinaryType;
import io.ember.core.types.BooleanType;
import io.ember.core.types.DataType;
import io.ember.core.types.DateType;
import io.ember.core.types.DecimalType;
import io.ember.core.types.DoubleType;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import io.ember.core.types.MapType;
import io.ember.core.types.NullType;
import io.ember.core.types.StringType;
import io.ember.core.types.StructType;
import io.ember.core.types.TimestampType;
import io.ember.core.text.Temporal;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts JSON values to a field's type as Spark's {@code JacksonParser}: numbers only for numeric
 * fields ({@code "NaN"}/{@code "Infinity"} strings for doubles), strings for dates and timestamps (or
 * epoch seconds for timestamps), base64 strings for binary values, any value as its JSON text for string fields, objects for structs and for maps
 * (whose keys are the field names). A value that does not fit raises {@link BadValue} after the parser has moved
 * past it, so the record can continue. Shared by the JSON file source and the JSON functions ({@code from_json}).
 * Not thread-safe when its {@link Temporal} is not (one per reader or evaluation).
 */
public final class JsonValueReader {
  /** A value that does not convert to its field's type. */
  public static final class BadValue extends Exception {
    BadValue(String message) {
      super(message, null, false, false);
    }
  }

  private final Temporal temporal;
  private final JsonFactory factory;

  /** @param factory the factory that made the parsers given to {@link #convert} (used to copy JSON text) */
  public JsonValueReader(Temporal temporal, JsonFactory factory) {
    this.temporal = temporal;
    this.factory = factory;
  }

  /** The value at the current token as {@code type}'s Java object (see {@code ColumnVector.get}), or null. */
  public Object convert(JsonParser p, DataType type) throws IOException, BadValue {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (type instanceof StringType) {
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = factory.createGenerator(w)) {
          g.copyCurrentStructure(p);
        }
        return w.toString();
      }
      return p.getText();
    }
    if (type instanceof StructType st) {
      if (t != JsonToken.START_OBJECT) {
        throw mismatch(p, type);
      }
      return struct(p, st);
    }
    if (type instanceof ArrayType at) {
      if (t != JsonToken.START_ARRAY) {
        throw mismatch(p, type);
      }
      return array(p, at);
    }
    if (type instanceof MapType mt) {
      if (t != JsonToken.START_OBJECT) {
        throw mismatch(p, type);
      }
      return map(p, mt);
    }
    return primitive(p, t, type);
  }

  private Object primitive(JsonParser p, JsonToken t, DataType type) throws IOException, BadValue {
    if (type instanceof LongType && t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return p.getLongValue();
    }
    if (type instanceof IntegerType && t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
      return p.getIntValue();
    }
    if (type instanceof DoubleType) {
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        return p.getDoubleValue();
      }
      if (t == JsonToken.VALUE_STRING) {
        switch (p.getText()) {
          case "NaN":
            return Double.NaN;
          case "Infinity", "+Infinity", "+INF", "Inf":
            return Double.POSITIVE_INFINITY;
          case "-Infinity", "-INF", "-Inf":
            return Double.NEGATIVE_INFINITY;
          default:
            break;
        }
      }
    }
    if (type instanceof BinaryType && t == JsonToken.VALUE_STRING) {
      try {
        return p.getBinaryValue();
      } catch (IOException e) {
        throw mismatch(p, type);
      }
    }
    if (type instanceof BooleanType && (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE)) {
      return t == JsonToken.VALUE_TRUE;
    }
    if (type instanceof DecimalType dt && (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT)) {
      BigDecimal d = p.getDecimalValue().setScale(dt.scale(), RoundingMode.HALF_UP);
      if (d.precision() <= dt.precision()) {
        return d;
      }
    }
    if (type instanceof DateType && t == JsonToken.VALUE_STRING) {
      long days = temporal.parseDate(p.getText());
      if (days != Temporal.FAIL) {
        return LocalDate.ofEpochDay(days);
      }
    }
    if (type instanceof TimestampType) {
      if (t == JsonToken.VALUE_STRING) {
        long micros = temporal.parseTimestamp(p.getText());
        if (micros != Temporal.FAIL) {
          return Temporal.instant(micros);
        }
      } else if (t == JsonToken.VALUE_NUMBER_INT) {
        return Temporal.instant(Math.multiplyExact(p.getLongValue(), 1_000_000L));
      }
    }
    if (type instanceof NullType) {
      return null;
    }
    throw mismatch(p, type);
  }

  private Row struct(JsonParser p, StructType st) throws IOException, BadValue {
    Object[] values = new Object[st.size()];
    BadValue bad = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      int i = fieldIndex(st, name);
      if (i < 0) {
        p.skipChildren();
        continue;
      }
      try {
        values[i] = convert(p, st.field(i).dataType());
      } catch (BadValue e) {
        bad = e;
      }
    }
    if (bad != null) {
      throw bad;
    }
    return new Row(st, values);
  }

  private List<Object> array(JsonParser p, ArrayType at) throws IOException, BadValue {
    List<Object> out = new ArrayList<>();
    BadValue bad = null;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      try {
        out.add(convert(p, at.elementType()));
      } catch (BadValue e) {
        bad = e;
      }
    }
    if (bad != null) {
      throw bad;
    }
    return out;
  }

  /** An object as a map: its field names are the keys (in order; a repeated name keeps its last value). */
  private Map<Object, Object> map(JsonParser p, MapType mt) throws IOException, BadValue {
    Map<Object, Object> out = new LinkedHashMap<>();
    BadValue bad = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      try {
        out.put(key, convert(p, mt.valueType()));
      } catch (BadValue e) {
        bad = e;
      }
    }
    if (bad != null) {
      throw bad;
    }
    return out;
  }

  /** The exact-name field index (JSON field names are case-sensitive), or -1. */
  public static int fieldIndex(StructType st, String name) {
    for (int i = 0; i < st.size(); i++) {
      if (st.field(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static BadValue mismatch(JsonParser p, DataType type) throws IOException {
    JsonToken t = p.currentToken();
    String text = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY ? t.asString() + "..." : p.getText();
    p.skipChildren();
    return new BadValue("cannot convert " + text + " to " + type.simpleString());
  }
}
