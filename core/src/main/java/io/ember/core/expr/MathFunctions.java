package io.ember.core.expr;

import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import io.ember.core.types.NullType;
import io.ember.core.types.StructType;
import java.math.RoundingMode;
import java.util.List;

/**
 * Registers the math functions of {@link FunctionRegistry#standard()}: {@code abs, round, bround, floor,
 * ceil/ceiling, sqrt, pow/power, exp, log, ln, log10, log2, signum/sign, pmod, div, greatest, least}.
 */
public final class MathFunctions implements FunctionRegistry.Module {
  @Override
  public void registerAll(FunctionRegistry registry) {
    registry.register("abs", args -> {
      arity("abs", args, 1);
      Expression e = args.get(0);
      DataType t = Expressions.numericOperand(e, "abs(" + e.sql() + ")");
      return new UnaryNumeric(UnaryNumeric.Kind.ABS, Expressions.castTo(e, t));
    });
    registry.register("round", args -> round("round", args, RoundingMode.HALF_UP));
    registry.register("bround", args -> round("bround", args, RoundingMode.HALF_EVEN));
    registry.register("floor", args -> floorCeil("floor", false, args));
    registry.register("ceil", args -> floorCeil("ceil", true, args));
    registry.register("ceiling", args -> floorCeil("ceiling", true, args));
    unary(registry, "sqrt", MathFunction.Fn.SQRT);
    unary(registry, "exp", MathFunction.Fn.EXP);
    unary(registry, "ln", MathFunction.Fn.LN);
    unary(registry, "log10", MathFunction.Fn.LOG10);
    unary(registry, "log2", MathFunction.Fn.LOG2);
    unary(registry, "signum", MathFunction.Fn.SIGNUM);
    unary(registry, "sign", MathFunction.Fn.SIGNUM);
    registry.register("pow", args -> binary("pow", MathFunction.Fn.POW, args));
    registry.register("power", args -> binary("power", MathFunction.Fn.POW, args));
    registry.register("log", args -> {
      if (args.size() == 1) {
        return MathFunction.of(MathFunction.Fn.LN, args);
      }
      if (args.size() != 2) {
        throw FunctionRegistry.wrongNumArgs("log", "[1, 2]", args.size());
      }
      return MathFunction.of(MathFunction.Fn.LOG, args);
    });
    registry.register("pmod", args -> {
      arity("pmod", args, 2);
      return Expressions.pmod(args.get(0), args.get(1));
    });
    registry.register("div", args -> {
      arity("div", args, 2);
      return IntegralDivide.of(args.get(0), args.get(1));
    });
    registry.register("greatest", args -> extremum("greatest", true, args));
    registry.register("least", args -> extremum("least", false, args));
  }

  static void arity(String name, List<Expression> args, int expected) {
    if (args.size() != expected) {
      throw FunctionRegistry.wrongNumArgs(name, String.valueOf(expected), args.size());
    }
  }

  private static void unary(FunctionRegistry registry, String name, MathFunction.Fn fn) {
    registry.register(name, args -> {
      arity(name, args, 1);
      return MathFunction.of(fn, args);
    });
  }

  private static Expression binary(String name, MathFunction.Fn fn, List<Expression> args) {
    arity(name, args, 2);
    return MathFunction.of(fn, args);
  }

  private static Expression round(String name, List<Expression> args, RoundingMode mode) {
    if (args.isEmpty() || args.size() > 2) {
      throw FunctionRegistry.wrongNumArgs(name, "[1, 2]", args.size());
    }
    Expression e = args.get(0);
    int scale = args.size() == 2 ? constantInt(name, args, args.get(1)) : 0;
    DataType t = Expressions.numericOperand(e, Expressions.callSql(name, args));
    return new Round(Expressions.castTo(e, t), scale, mode, Round.resultType(t, scale));
  }

  /** The value of a foldable int argument such as round's scale. */
  private static int constantInt(String name, List<Expression> args, Expression arg) {
    if (Expressions.isFoldable(arg) && (arg.dataType() instanceof IntegerType || arg.dataType() instanceof LongType)) {
      Expression folded = Expressions.foldConstants(arg, EvalContext.defaults());
      if (folded instanceof Literal lit && lit.value() instanceof Number num) {
        return num.intValue();
      }
    }
    throw new AnalysisException("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
        Expressions.mismatch(Expressions.callSql(name, args),
            "the input scale should be a foldable \"INT\" expression; however, got \"" + arg.sql() + "\"."));
  }

  private static Expression floorCeil(String name, boolean ceil, List<Expression> args) {
    arity(name, args, 1);
    Expression e = args.get(0);
    DataType t = Expressions.numericOperand(e, Expressions.callSql(name, args));
    return new FloorCeil(ceil, Expressions.castTo(e, t));
  }

  private static Expression extremum(String name, boolean greatest, List<Expression> args) {
    if (args.size() < 2) {
      throw FunctionRegistry.wrongNumArgs(name, "> 1", args.size());
    }
    List<Expression> cast = Expressions.castToCommon(name, args);
    DataType t = cast.get(0).dataType();
    if (t instanceof StructType) {
      throw new AnalysisException("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE",
          Expressions.mismatch(Expressions.callSql(name, args),
              "the `" + name + "` does not support ordering on type " + ExpressionErrors.sqlType(t) + "."));
    }
    return new Extremum(greatest, cast, t instanceof NullType ? DataTypes.NULL : t);
  }
}
