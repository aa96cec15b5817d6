package io.ember.core.expr;

import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.string.ConcatWs;
import io.ember.core.expr.string.FunctionArgs;
import io.ember.core.expr.string.Like;
import io.ember.core.expr.string.Locate;
import io.ember.core.expr.string.Regexes;
import io.ember.core.expr.string.StringFunction;
import io.ember.core.expr.string.StringFunction.Kind;
import io.ember.core.expr.string.StringMeasure;
import io.ember.core.expr.string.StringSearch;
import io.ember.core.expr.string.StringTransform;
import io.ember.core.expr.string.Substring;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.NullType;
import io.ember.core.types.StringType;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the string functions of {@link FunctionRegistry#standard()} under Spark's names. Every
 * builder checks the arity ({@code WRONG_NUM_ARGS}) and the argument types ({@code DATATYPE_MISMATCH});
 * atomic non-string arguments are implicitly cast to string as in Spark ({@code upper(1)} is
 * {@code "1"}). Argument orders are Spark SQL's: {@code trim(trimStr, str)}, {@code btrim(str, trimStr)},
 * {@code locate(substr, str[, pos])}, {@code instr(str, substr)}.
 */
public final class StringFunctions implements FunctionRegistry.Module {
  private static final Literal SPACE = new Literal(" ", DataTypes.STRING);

  @Override
  public void registerAll(FunctionRegistry registry) {
    transform(registry, StringTransform.Op.UPPER, "upper", "ucase");
    transform(registry, StringTransform.Op.LOWER, "lower", "lcase");
    transform(registry, StringTransform.Op.REVERSE, "reverse");
    transform(registry, StringTransform.Op.INITCAP, "initcap");
    measure(registry, StringMeasure.Op.LENGTH, "length", "char_length", "character_length", "len");
    measure(registry, StringMeasure.Op.ASCII, "ascii");
    trim(registry, "trim", StringTransform.Op.TRIM, Kind.TRIM_BOTH);
    trim(registry, "ltrim", StringTransform.Op.LTRIM, Kind.TRIM_LEADING);
    trim(registry, "rtrim", StringTransform.Op.RTRIM, Kind.TRIM_TRAILING);
    registry.register("btrim", args -> btrim(args));
    registry.register("substring", args -> substring("substring", args));
    registry.register("substr", args -> substring("substr", args));
    registry.register("concat", StringFunctions::concat);
    registry.register("concat_ws", StringFunctions::concatWs);
    registry.register("split", StringFunctions::split);
    registry.register("regexp_replace", StringFunctions::regexpReplace);
    registry.register("regexp_extract", StringFunctions::regexpExtract);
    for (String name : List.of("rlike", "regexp", "regexp_like")) {
      registry.register(name, args -> rlike(name, args));
    }
    registry.register("like", StringFunctions::like);
    registry.register("lpad", args -> pad("lpad", Kind.LPAD, args));
    registry.register("rpad", args -> pad("rpad", Kind.RPAD, args));
    registry.register("instr", args -> {
      FunctionArgs.arity("instr", args, 2, 2);
      return new StringSearch(StringSearch.Op.INSTR, str("instr", args, 0), str("instr", args, 1));
    });
    registry.register("locate", args -> locate("locate", args));
    registry.register("position", args -> locate("position", args));
    search(registry, "contains", StringSearch.Op.CONTAINS);
    search(registry, "startswith", StringSearch.Op.STARTS_WITH);
    search(registry, "endswith", StringSearch.Op.ENDS_WITH);
    registry.register("repeat", args -> {
      FunctionArgs.arity("repeat", args, 2, 2);
      return new StringFunction(
          Kind.REPEAT, List.of(str("repeat", args, 0), FunctionArgs.integer("repeat", args, 1)));
    });
    registry.register("replace", args -> {
      FunctionArgs.arity("replace", args, 2, 3);
      Expression replacement = args.size() == 3 ? str("replace", args, 2) : new Literal("", DataTypes.STRING);
      return new StringFunction(Kind.REPLACE, List.of(str("replace", args, 0), str("replace", args, 1), replacement));
    });
    for (Kind side : List.of(Kind.LEFT, Kind.RIGHT)) {
      String name = side == Kind.LEFT ? "left" : "right";
      registry.register(name, args -> {
        FunctionArgs.arity(name, args, 2, 2);
        return new StringFunction(side, List.of(str(name, args, 0), FunctionArgs.integer(name, args, 1)));
      });
    }
    registry.register("translate", args -> {
      FunctionArgs.arity("translate", args, 3, 3);
      return new StringFunction(
          Kind.TRANSLATE, List.of(str("translate", args, 0), str("translate", args, 1), str("translate", args, 2)));
    });
  }

  private static Expression str(String name, List<Expression> args, int i) {
    return FunctionArgs.string(name, args, i);
  }

  private static Expression intOr(String name, List<Expression> args, int i, int dflt) {
    return i < args.size() ? FunctionArgs.integer(name, args, i) : new Literal(dflt, DataTypes.INTEGER);
  }

  private static void transform(FunctionRegistry r, StringTransform.Op op, String... names) {
    for (String name : names) {
      r.register(name, args -> {
        FunctionArgs.arity(name, args, 1, 1);
        return new StringTransform(op, str(name, args, 0));
      });
    }
  }

  private static void measure(FunctionRegistry r, StringMeasure.Op op, String... names) {
    for (String name : names) {
      r.register(name, args -> {
        FunctionArgs.arity(name, args, 1, 1);
        return new StringMeasure(op, str(name, args, 0));
      });
    }
  }

  private static void search(FunctionRegistry r, String name, StringSearch.Op op) {
    r.register(name, args -> {
      FunctionArgs.arity(name, args, 2, 2);
      return new StringSearch(op, str(name, args, 0), str(name, args, 1));
    });
  }

  /** {@code trim(str)} trims spaces; {@code trim(trimStr, str)} trims the characters of trimStr. */
  private static void trim(FunctionRegistry r, String name, StringTransform.Op spaces, Kind chars) {
    r.register(name, args -> {
      FunctionArgs.arity(name, args, 1, 2);
      if (args.size() == 1) {
        return new StringTransform(spaces, str(name, args, 0));
      }
      return new StringFunction(chars, List.of(str(name, args, 1), str(name, args, 0)));
    });
  }

  private static Expression btrim(List<Expression> args) {
    FunctionArgs.arity("btrim", args, 1, 2);
    if (args.size() == 1) {
      return new StringTransform(StringTransform.Op.TRIM, str("btrim", args, 0));
    }
    return new StringFunction(Kind.TRIM_BOTH, List.of(str("btrim", args, 0), str("btrim", args, 1)));
  }

  private static Expression substring(String name, List<Expression> args) {
    FunctionArgs.arity(name, args, 2, 3);
    return new Substring(
        str(name, args, 0), FunctionArgs.integer(name, args, 1), intOr(name, args, 2, Integer.MAX_VALUE));
  }

  private static Expression concat(List<Expression> args) {
    List<Expression> coerced = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      coerced.add(str("concat", args, i));
    }
    return new StringFunction(Kind.CONCAT, coerced);
  }

  private static Expression concatWs(List<Expression> args) {
    FunctionArgs.arity("concat_ws", args, 1, Integer.MAX_VALUE);
    List<Expression> inputs = new ArrayList<>(args.size() - 1);
    for (int i = 1; i < args.size(); i++) {
      Expression a = args.get(i);
      if (a.dataType() instanceof ArrayType at) {
        if (!(at.elementType() instanceof StringType) && !(at.elementType() instanceof NullType)) {
          throw FunctionArgs.mismatch("concat_ws", args, i, "(\"ARRAY<STRING>\" or \"STRING\")");
        }
        inputs.add(at.elementType() instanceof StringType ? a : new Literal(null, DataTypes.STRING));
      } else {
        inputs.add(str("concat_ws", args, i));
      }
    }
    return new ConcatWs(str("concat_ws", args, 0), inputs);
  }

  private static Expression split(List<Expression> args) {
    FunctionArgs.arity("split", args, 2, 3);
    Expression regex = checkedRegex("split", args, 1);
    return new StringFunction(Kind.SPLIT, List.of(str("split", args, 0), regex, intOr("split", args, 2, -1)));
  }

  private static Expression regexpReplace(List<Expression> args) {
    FunctionArgs.arity("regexp_replace", args, 3, 4);
    Expression regex = checkedRegex("regexp_replace", args, 1);
    return new StringFunction(Kind.REGEXP_REPLACE, List.of(
        str("regexp_replace", args, 0), regex, str("regexp_replace", args, 2), intOr("regexp_replace", args, 3, 1)));
  }

  private static Expression regexpExtract(List<Expression> args) {
    FunctionArgs.arity("regexp_extract", args, 2, 3);
    Expression regex = checkedRegex("regexp_extract", args, 1);
    return new StringFunction(Kind.REGEXP_EXTRACT, List.of(
        str("regexp_extract", args, 0), regex, intOr("regexp_extract", args, 2, 1)));
  }

  private static Expression rlike(String name, List<Expression> args) {
    FunctionArgs.arity(name, args, 2, 2);
    return new StringFunction(Kind.RLIKE, List.of(str(name, args, 0), checkedRegex(name, args, 1)));
  }

  /** The regex argument as a string; a literal pattern is compiled now so a bad one fails at analysis. */
  private static Expression checkedRegex(String name, List<Expression> args, int i) {
    Expression regex = str(name, args, i);
    String constant = FunctionArgs.constantString(regex);
    if (constant != null) {
      Regexes.regex(constant, name);
    }
    return regex;
  }

  private static Expression like(List<Expression> args) {
    FunctionArgs.arity("like", args, 2, 3);
    String escape = "\\";
    if (args.size() == 3) {
      escape = FunctionArgs.constantString(args.get(2));
      if (escape == null || escape.codePointCount(0, escape.length()) != 1 || escape.length() != 1) {
        throw new AnalysisException(
            "INVALID_ESCAPE_CHAR",
            "The escape character must be a string literal of length one, but got " + args.get(2).sql() + ".");
      }
    }
    Expression pattern = str("like", args, 1);
    String constant = FunctionArgs.constantString(pattern);
    if (constant != null) {
      Regexes.like(constant, escape.charAt(0));
    }
    return new Like(str("like", args, 0), pattern, escape.charAt(0));
  }

  private static Expression pad(String name, Kind kind, List<Expression> args) {
    FunctionArgs.arity(name, args, 2, 3);
    Expression padding = args.size() == 3 ? str(name, args, 2) : SPACE;
    return new StringFunction(kind, List.of(str(name, args, 0), FunctionArgs.integer(name, args, 1), padding));
  }

  private static Expression locate(String name, List<Expression> args) {
    FunctionArgs.arity(name, args, 2, 3);
    return new Locate(str(name, args, 0), str(name, args, 1), intOr(name, args, 2, 1));
  }
}
