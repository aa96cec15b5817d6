package io.ember.core.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import io.ember.core.types.DoubleType;
import io.ember.core.types.LongType;
import io.ember.core.types.NullType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Spark's {@code JsonInferSchema}: integers are {@code bigint} (decimal when too big), other numbers
 * {@code double}, objects structs with fields sorted by name, arrays of the merged element type; types
 * met for one field merge as bigint+double to double, struct+struct field by field, anything else
 * conflicting to string. Fields seen only as null become strings. Shared by the JSON file source and
 * {@code schema_of_json}.
 */
public final class JsonInference {
  private final boolean primitivesAsString;

  public JsonInference(boolean primitivesAsString) {
    this.primitivesAsString = primitivesAsString;
  }

  /** The type of the value at the parser's current token; leaves the parser on the value's last token. */
  public DataType infer(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT: {
        TreeMap<String, DataType> fields = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          fields.merge(name, infer(p), JsonInference::merge);
        }
        List<StructField> out = new ArrayList<>(fields.size());
        fields.forEach((k, v) -> out.add(new StructField(k, v, true)));
        return new StructType(out);
      }
      case START_ARRAY: {
        DataType element = DataTypes.NULL;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          element = merge(element, infer(p));
        }
        return new ArrayType(element, true);
      }
      case VALUE_STRING:
        return DataTypes.STRING;
      case VALUE_NUMBER_INT:
        if (primitivesAsString) {
          return DataTypes.STRING;
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          BigInteger b = p.getBigIntegerValue();
          int digits = b.abs().toString().length();
          return digits <= DecimalType.MAX_PRECISION ? DataTypes.decimal(digits, 0) : DataTypes.DOUBLE;
        }
        return DataTypes.LONG;
      case VALUE_NUMBER_FLOAT:
        return primitivesAsString ? DataTypes.STRING : DataTypes.DOUBLE;
      case VALUE_TRUE:
      case VALUE_FALSE:
        return primitivesAsString ? DataTypes.STRING : DataTypes.BOOLEAN;
      case VALUE_NULL:
        return DataTypes.NULL;
      default:
        throw new IOException("Unexpected token " + t);
    }
  }

  /** Spark's JSON {@code compatibleType}. */
  public static DataType merge(DataType a, DataType b) {
    if (a.equals(b)) {
      return a;
    }
    if (a instanceof NullType) {
      return b;
    }
    if (b instanceof NullType) {
      return a;
    }
    if (isNumber(a) && isNumber(b)) {
      if (a instanceof DoubleType || b instanceof DoubleType) {
        return DataTypes.DOUBLE;
      }
      DecimalType da = a instanceof LongType ? DataTypes.decimal(20, 0) : (DecimalType) a;
      DecimalType db = b instanceof LongType ? DataTypes.decimal(20, 0) : (DecimalType) b;
      int scale = Math.max(da.scale(), db.scale());
      int range = Math.max(da.precision() - da.scale(), db.precision() - db.scale());
      return range + scale > DecimalType.MAX_PRECISION ? DataTypes.DOUBLE : DataTypes.decimal(range + scale, scale);
    }
    if (a instanceof StructType sa && b instanceof StructType sb) {
      TreeMap<String, DataType> fields = new TreeMap<>();
      for (StructField f : sa.fields()) {
        fields.put(f.name(), f.dataType());
      }
      for (StructField f : sb.fields()) {
        fields.merge(f.name(), f.dataType(), JsonInference::merge);
      }
      List<StructField> out = new ArrayList<>();
      fields.forEach((k, v) -> out.add(new StructField(k, v, true)));
      return new StructType(out);
    }
    if (a instanceof ArrayType aa && b instanceof ArrayType ab) {
      return new ArrayType(merge(aa.elementType(), ab.elementType()), true);
    }
    return DataTypes.STRING;
  }

  private static boolean isNumber(DataType t) {
    return t instanceof LongType || t instanceof DoubleType || t instanceof DecimalType;
  }

  /** Replaces types never seen with a value (null) by string, as Spark does at the end of inference. */
  public static DataType canonical(DataType t) {
    if (t instanceof NullType) {
      return DataTypes.STRING;
    }
    if (t instanceof ArrayType a) {
      return new ArrayType(canonical(a.elementType()), true);
    }
    if (t instanceof StructType s) {
      List<StructField> out = new ArrayList<>(s.size());
      for (StructField f : s.fields()) {
        out.add(new StructField(f.name(), canonical(f.dataType()), true));
      }
      return new StructType(out);
    }
    return t;
  }
}
