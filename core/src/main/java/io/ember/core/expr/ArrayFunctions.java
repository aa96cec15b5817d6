package io.ember.core.expr;

import io.ember.core.errors.AnalysisException;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import io.ember.core.types.NullType;
import io.ember.core.types.StructType;
import java.util.List;

/**
 * Registers the array functions of {@link FunctionRegistry#standard()}: {@code array, size, cardinality,
 * array_contains, element_at, array_repeat}.
 */
public final class ArrayFunctions implements FunctionRegistry.Module {
  @Override
  public void registerAll(FunctionRegistry registry) {
    registry.register("array", ArrayFunctions::array);
    registry.register("size", args -> size("size", args));
    registry.register("cardinality", args -> size("cardinality", args));
    registry.register("array_contains", ArrayFunctions::arrayContains);
    registry.register("element_at", ArrayFunctions::elementAt);
    registry.register("array_repeat", ArrayFunctions::arrayRepeat);
  }

  private static Expression array(List<Expression> args) {
    if (args.isEmpty()) {
      return new CreateArray(List.of(), DataTypes.array(DataTypes.NULL));
    }
    List<Expression> cast = Expressions.castToCommon("array", args);
    return new CreateArray(cast, DataTypes.array(cast.get(0).dataType()));
  }

  private static Expression size(String name, List<Expression> args) {
    MathFunctions.arity(name, args, 1);
    Expression e = args.get(0);
    if (e.dataType() instanceof NullType) {
      return new Size(Expressions.castTo(e, DataTypes.array(DataTypes.NULL)));
    }
    if (e.dataType() instanceof io.ember.core.types.MapType) {
      return new Size(e);
    }
    requireArray(name, args, e, 1);
    return new Size(e);
  }

  private static Expression arrayContains(List<Expression> args) {
    MathFunctions.arity("array_contains", args, 2);
    Expression arr = args.get(0);
    Expression value = args.get(1);
    ArrayType at = requireArray("array_contains", args, arr, 1);
    DataType t = TypeCoercion.comparisonType(at.elementType(), value.dataType());
    if (t == null || t instanceof StructType || value.dataType() instanceof NullType) {
      throw new AnalysisException("DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES",
          Expressions.mismatch(Expressions.callSql("array_contains", args),
              "Input to `array_contains` should have been \"ARRAY\" followed by a value with same element type, but"
                  + " it's [" + ExpressionErrors.sqlType(at) + ", " + ExpressionErrors.sqlType(value.dataType()) + "]."));
    }
    ArrayType target = new ArrayType(t, at.containsNull());
    Expression castArr = at.equals(target) ? arr : new Cast(arr, target, true);
    return new ArrayContains(castArr, Expressions.castTo(value, t));
  }

  private static Expression elementAt(List<Expression> args) {
    MathFunctions.arity("element_at", args, 2);
    Expression arr = args.get(0);
    if (arr.dataType() instanceof io.ember.core.types.MapType) {
      return MapFunctions.getValue(arr, args.get(1), "element_at");
    }
    requireArray("element_at", args, arr, 1);
    Expression index = args.get(1);
    DataType it = index.dataType();
    if (!(it instanceof IntegerType) && !(it instanceof LongType) && !(it instanceof NullType)) {
      throw Expressions.unexpectedType(Expressions.callSql("element_at", args), 2, "INT", index);
    }
    return new ElementAt(arr, Expressions.castTo(index, DataTypes.INTEGER));
  }

  private static Expression arrayRepeat(List<Expression> args) {
    MathFunctions.arity("array_repeat", args, 2);
    Expression element = args.get(0);
    Expression count = args.get(1);
    DataType ct = count.dataType();
    if (!(ct instanceof IntegerType) && !(ct instanceof LongType) && !(ct instanceof NullType)) {
      throw Expressions.unexpectedType(Expressions.callSql("array_repeat", args), 2, "INT", count);
    }
    return new ArrayRepeat(element, Expressions.castTo(count, DataTypes.INTEGER),
        new ArrayType(element.dataType(), element.nullable()));
  }

  private static ArrayType requireArray(String name, List<Expression> args, Expression e, int position) {
    if (e.dataType() instanceof ArrayType at) {
      return at;
    }
    throw Expressions.unexpectedType(Expressions.callSql(name, args), position, "ARRAY", e);
  }
}
