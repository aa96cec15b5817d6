package io.ember.core.expr.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.MalformedRecordException;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.FunctionRegistry;
import io.ember.core.expr.Literal;
import io.ember.core.expr.string.FunctionArgs;
import io.ember.core.json.JsonInference;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DdlParser;
import io.ember.core.types.MapType;
import io.ember.core.types.StringType;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Registers the JSON functions of {@link FunctionRegistry#standard()}: {@code from_json}, {@code to_json},
 * {@code schema_of_json}, {@code get_json_object} and {@code json_tuple} (whose struct the analyzer spreads into
 * columns), with Spark's argument checks and errors.
 */
public final class JsonFunctions implements FunctionRegistry.Module {
  @Override
  public void registerAll(FunctionRegistry registry) {
    registry.register("from_json", JsonFunctions::fromJson);
    registry.register("to_json", JsonFunctions::toJson);
    registry.register("schema_of_json", JsonFunctions::schemaOfJson);
    registry.register("get_json_object", JsonFunctions::getJsonObject);
    registry.register("json_tuple", JsonFunctions::jsonTuple);
  }

  private static Expression fromJson(List<Expression> args) {
    FunctionArgs.arity("from_json", args, 2, 3);
    Expression json = FunctionArgs.string("from_json", args, 0);
    Expression schemaArg = Expressions.foldConstants(args.get(1), EvalContext.defaults());
    if (!(schemaArg instanceof Literal l) || !(l.value() instanceof String text)) {
      throw new AnalysisException("INVALID_SCHEMA.NON_STRING_LITERAL", "The input schema " + args.get(1).sql()
          + " is not a valid schema string. The input expression must be string literal and not null.");
    }
    DataType schema = asNullable(parseSchema(text));
    checkJsonSchema(schema);
    return new FromJson(json, schema, JsonFunctionOptions.of("from_json", options("from_json", args, 2)));
  }

  /**
   * A schema string as Spark's {@code DataType.fromDDL}: a type ({@code array<int>}, {@code struct<a: int>},
   * {@code map<string, int>}) or a list of fields ({@code a INT, b STRING}).
   *
   * @throws AnalysisException {@code INVALID_SCHEMA.PARSE_ERROR}
   */
  public static DataType parseSchema(String text) {
    try {
      return DdlParser.parseType(text);
    } catch (AnalysisException asType) {
      try {
        return DdlParser.parseSchema(text);
      } catch (AnalysisException asFields) {
        throw new AnalysisException("INVALID_SCHEMA.PARSE_ERROR", "The input schema '" + text + "' is not a valid"
            + " schema string. Cannot parse the schema: " + asFields.getMessage(), asFields);
      }
    }
  }

  private static void checkJsonSchema(DataType schema) {
    if (!(schema instanceof StructType) && !(schema instanceof ArrayType) && !(schema instanceof MapType)) {
      throw new AnalysisException("DATATYPE_MISMATCH.INVALID_JSON_SCHEMA", "Input schema \""
          + DdlParser.sql(schema) + "\" must be a struct, an array or a map.");
    }
    if (hasNonStringMapKey(schema)) {
      throw new AnalysisException("INVALID_JSON_MAP_KEY_TYPE", "Input schema \"" + DdlParser.sql(schema)
          + "\" can only contain STRING as a key type for a MAP.");
    }
  }

  private static boolean hasNonStringMapKey(DataType t) {
    if (t instanceof MapType m) {
      return !(m.keyType() instanceof StringType) || hasNonStringMapKey(m.valueType());
    }
    if (t instanceof ArrayType a) {
      return hasNonStringMapKey(a.elementType());
    }
    return t instanceof StructType st && st.fields().stream().anyMatch(f -> hasNonStringMapKey(f.dataType()));
  }

  /** {@code t} with every field, element and value nullable, as Spark reads JSON into it. */
  static DataType asNullable(DataType t) {
    if (t instanceof ArrayType a) {
      return new ArrayType(asNullable(a.elementType()), true);
    }
    if (t instanceof MapType m) {
      return new MapType(m.keyType(), asNullable(m.valueType()), true);
    }
    if (t instanceof StructType st) {
      List<StructField> out = new ArrayList<>();
      for (StructField f : st.fields()) {
        out.add(new StructField(f.name(), asNullable(f.dataType()), true));
      }
      return new StructType(out);
    }
    return t;
  }

  private static Expression toJson(List<Expression> args) {
    FunctionArgs.arity("to_json", args, 1, 2);
    DataType t = args.get(0).dataType();
    if (!(t instanceof StructType) && !(t instanceof ArrayType) && !(t instanceof MapType)) {
      throw new AnalysisException("DATATYPE_MISMATCH.INVALID_JSON_SCHEMA", "Cannot resolve \""
          + FunctionArgs.callSql("to_json", args) + "\" due to data type mismatch: Input schema \""
          + DdlParser.sql(t) + "\" must be a struct, an array or a map.");
    }
    return new ToJson(args.get(0), JsonFunctionOptions.of("to_json", options("to_json", args, 1)));
  }

  private static Expression schemaOfJson(List<Expression> args) {
    FunctionArgs.arity("schema_of_json", args, 1, 2);
    Expression folded = Expressions.foldConstants(args.get(0), EvalContext.defaults());
    if (!(folded instanceof Literal l) || !(l.value() instanceof String json)) {
      throw new AnalysisException("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "Cannot resolve \""
          + FunctionArgs.callSql("schema_of_json", args) + "\" due to data type mismatch: the input json should be"
          + " a foldable \"STRING\" expression; however, got " + args.get(0).sql() + ".");
    }
    Map<String, String> raw = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    raw.putAll(options("schema_of_json", args, 1));
    JsonFunctionOptions options = JsonFunctionOptions.of("schema_of_json", raw);
    JsonFactory factory = JsonFactory.builder().configure(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS,
        "true".equalsIgnoreCase(raw.getOrDefault("allowNumericLeadingZeros", "false").trim())).build();
    return new Literal(DdlParser.sql(inferSchema(factory, json, options.primitivesAsString())),
        io.ember.core.types.DataTypes.STRING);
  }

  /**
   * The type Spark's JSON inference gives {@code json} (one record), read with {@code factory}'s features.
   *
   * @throws MalformedRecordException {@code MALFORMED_RECORD_IN_PARSING} when it is not valid JSON
   */
  public static DataType inferSchema(JsonFactory factory, String json, boolean primitivesAsString) {
    try (JsonParser p = factory.createParser(json)) {
      if (p.nextToken() == null) {
        throw malformed(json, "empty input");
      }
      DataType t = new JsonInference(primitivesAsString).infer(p);
      if (p.nextToken() != null) {
        throw malformed(json, "unexpected data after the value");
      }
      return JsonInference.canonical(t);
    } catch (JsonProcessingException e) {
      throw malformed(json, e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static MalformedRecordException malformed(String json, String reason) {
    return new MalformedRecordException("MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION", "Malformed records are"
        + " detected in record parsing: " + json + " (" + reason + "). Parse Mode: FAILFAST. To process malformed"
        + " records as null result, try setting the option 'mode' as 'PERMISSIVE'.");
  }

  private static Expression getJsonObject(List<Expression> args) {
    FunctionArgs.arity("get_json_object", args, 2, 2);
    return new GetJsonObject(FunctionArgs.string("get_json_object", args, 0),
        FunctionArgs.string("get_json_object", args, 1));
  }

  private static Expression jsonTuple(List<Expression> args) {
    if (args.size() < 2) {
      throw FunctionRegistry.wrongNumArgs("json_tuple", "> 1", args.size());
    }
    List<Expression> fields = new ArrayList<>();
    for (int i = 1; i < args.size(); i++) {
      fields.add(FunctionArgs.string("json_tuple", args, i));
    }
    return new JsonTuple(FunctionArgs.string("json_tuple", args, 0), fields);
  }

  /** The options map at {@code args[index]} (a foldable {@code map(..)} of strings), or none when absent. */
  private static Map<String, String> options(String function, List<Expression> args, int index) {
    if (args.size() <= index) {
      return Map.of();
    }
    Expression folded = Expressions.foldConstants(args.get(index), EvalContext.defaults());
    if (!(folded instanceof Literal l) || !(l.dataType() instanceof MapType mt)) {
      throw new AnalysisException("INVALID_OPTIONS.NON_MAP_FUNCTION", "Invalid options: Must use the `map()`"
          + " function for options.");
    }
    if (!(mt.keyType() instanceof StringType) || !(mt.valueType() instanceof StringType)) {
      throw new AnalysisException("INVALID_OPTIONS.NON_STRING_TYPE", "Invalid options: A type of keys and values in"
          + " `map()` must be string, but got \"" + DdlParser.sql(mt) + "\".");
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (l.value() instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        if (v != null) {
          out.put(String.valueOf(k), String.valueOf(v));
        }
      });
    }
    return out;
  }
}
