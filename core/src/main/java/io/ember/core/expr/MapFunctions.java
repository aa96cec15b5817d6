package io.ember.core.expr;

import io.ember.core.errors.AnalysisException;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.MapType;
import io.ember.core.types.NullType;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the map functions of {@link FunctionRegistry#standard()}: {@code map} (and {@code create_map}),
 * {@code map_keys, map_values, map_entries, map_from_arrays, map_contains_key}, and the struct constructors
 * {@code named_struct} and {@code struct} (fields {@code col1, col2, ...}; the analyzer names them after their columns
 * first). {@code element_at}, {@code size} and
 * {@code cardinality} of a map are {@link ArrayFunctions}' (they take arrays too); {@code m[k]} is {@link #getValue}.
 */
public final class MapFunctions implements FunctionRegistry.Module {
  @Override
  public void registerAll(FunctionRegistry registry) {
    registry.register("map", args -> createMap("map", args));
    registry.register("create_map", args -> createMap("map", args));
    registry.register("map_keys", args -> parts("map_keys", args, MapParts.Part.KEYS));
    registry.register("map_values", args -> parts("map_values", args, MapParts.Part.VALUES));
    registry.register("map_entries", args -> parts("map_entries", args, MapParts.Part.ENTRIES));
    registry.register("map_from_arrays", MapFunctions::fromArrays);
    registry.register("map_contains_key", MapFunctions::containsKey);
    registry.register("named_struct", CreateNamedStruct::build);
    registry.register("struct", CreateNamedStruct::positional);
  }

  private static Expression createMap(String name, List<Expression> args) {
    if (args.size() % 2 != 0) {
      throw FunctionRegistry.wrongNumArgs(name, "2n (n > 0)", args.size());
    }
    List<Expression> keys = new ArrayList<>();
    List<Expression> values = new ArrayList<>();
    for (int i = 0; i < args.size(); i += 2) {
      keys.add(args.get(i));
      values.add(args.get(i + 1));
    }
    DataType kt = common(name, args, keys, "CREATE_MAP_KEY_DIFF_TYPES", "keys");
    DataType vt = common(name, args, values, "CREATE_MAP_VALUE_DIFF_TYPES", "values");
    requireKeyType(name, args, kt);
    List<Expression> castKeys = new ArrayList<>();
    List<Expression> castValues = new ArrayList<>();
    boolean valueNull = false;
    for (int i = 0; i < keys.size(); i++) {
      castKeys.add(Expressions.castTo(keys.get(i), kt));
      castValues.add(Expressions.castTo(values.get(i), vt));
      valueNull |= values.get(i).nullable();
    }
    return new CreateMap(castKeys, castValues, new MapType(kt, vt, valueNull || keys.isEmpty()));
  }

  private static DataType common(String name, List<Expression> args, List<Expression> part, String errorClass,
      String what) {
    List<DataType> types = part.stream().map(Expression::dataType).toList();
    DataType t = TypeCoercion.commonType(types);
    if (t == null) {
      throw new AnalysisException("DATATYPE_MISMATCH." + errorClass, Expressions.mismatch(Expressions.callSql(name,
          args), "The given " + what + " of function `" + name + "` should all be the same type, but they are ["
          + String.join(", ", types.stream().map(ExpressionErrors::sqlType).toList()) + "]."));
    }
    return t;
  }

  private static void requireKeyType(String name, List<Expression> args, DataType kt) {
    if (kt instanceof MapType) {
      throw new AnalysisException("DATATYPE_MISMATCH.INVALID_MAP_KEY_TYPE", Expressions.mismatch(
          Expressions.callSql(name, args), "The input of `" + name + "` must be a map key type not "
              + ExpressionErrors.sqlType(kt) + "."));
    }
  }

  private static Expression parts(String name, List<Expression> args, MapParts.Part part) {
    MathFunctions.arity(name, args, 1);
    requireMap(name, args, args.get(0), 1);
    return new MapParts(args.get(0), part);
  }

  private static Expression fromArrays(List<Expression> args) {
    MathFunctions.arity("map_from_arrays", args, 2);
    DataType[] elementTypes = new DataType[2];
    for (int i = 0; i < 2; i++) {
      if (!(args.get(i).dataType() instanceof ArrayType at)) {
        throw Expressions.unexpectedType(Expressions.callSql("map_from_arrays", args), i + 1, "ARRAY", args.get(i));
      }
      elementTypes[i] = at.elementType();
    }
    requireKeyType("map_from_arrays", args, elementTypes[0]);
    ArrayType values = (ArrayType) args.get(1).dataType();
    return new MapFromArrays(args.get(0), args.get(1),
        new MapType(elementTypes[0], elementTypes[1], values.containsNull()));
  }

  private static Expression containsKey(List<Expression> args) {
    MathFunctions.arity("map_contains_key", args, 2);
    MapType mt = requireMap("map_contains_key", args, args.get(0), 1);
    return new GetMapValue(args.get(0), keyOf("map_contains_key", args, mt, args.get(1)), true, "map_contains_key");
  }

  /**
   * {@code map[key]} ({@code getItem}, and {@code element_at} of a map): the value of {@code key}, or null.
   *
   * @throws AnalysisException {@code DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES} for a key that cannot be the map's
   */
  public static Expression getValue(Expression map, Expression key, String name) {
    MapType mt = (MapType) map.dataType();
    return new GetMapValue(map, keyOf(name == null ? "get" : name, List.of(map, key), mt, key), false, name);
  }

  private static Expression keyOf(String name, List<Expression> args, MapType mt, Expression key) {
    DataType t = key.dataType();
    if (t instanceof NullType) {
      return new Literal(null, mt.keyType());
    }
    if (!t.equals(mt.keyType()) && (TypeCoercion.comparisonType(mt.keyType(), t) == null
        || !Cast.canCast(t, mt.keyType()))) {
      throw new AnalysisException("DATATYPE_MISMATCH.MAP_FUNCTION_DIFF_TYPES", Expressions.mismatch(
          Expressions.callSql(name, args), "Input to `" + name + "` should have been \"MAP\" followed by a value with"
              + " same key type, but it's [" + ExpressionErrors.sqlType(mt) + ", " + ExpressionErrors.sqlType(t)
              + "]."));
    }
    return Expressions.castTo(key, mt.keyType());
  }

  static MapType requireMap(String name, List<Expression> args, Expression e, int position) {
    if (e.dataType() instanceof MapType mt) {
      return mt;
    }
    throw Expressions.unexpectedType(Expressions.callSql(name, args), position, "MAP", e);
  }
}
