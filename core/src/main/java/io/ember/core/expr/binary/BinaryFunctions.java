package io.ember.core.expr.binary;

import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.Literal;
import io.ember.core.expr.FunctionRegistry;
import io.ember.core.expr.string.FunctionArgs;
import io.ember.core.types.BinaryType;
import io.ember.core.types.DataType;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import io.ember.core.types.NullType;
import io.ember.core.types.StringType;
import java.util.List;
import java.util.Locale;

/**
 * Registers the binary functions under Spark's names. It must come after the string functions: for a binary
 * argument it takes over {@code length} (and its aliases: bytes, not characters) and {@code concat} (binary when
 * every argument is binary), leaving other arguments to the string builders. Arguments are coerced as Spark's
 * implicit casts do: a string where binary is expected is taken as its UTF-8 bytes, other atomic values are cast to
 * string first.
 */
public final class BinaryFunctions implements FunctionRegistry.Module {
  @Override
  public void registerAll(FunctionRegistry registry) {
    for (String name : List.of("length", "char_length", "character_length", "len")) {
      FunctionRegistry.Builder strings = registry.lookup(name);
      registry.register(name, args -> args.size() == 1 && isBinary(args.get(0))
          ? new BinaryFunction(name, BinaryKind.OCTET_LENGTH, args) : strings.build(args));
    }
    FunctionRegistry.Builder concat = registry.lookup("concat");
    registry.register("concat", args -> !args.isEmpty() && args.stream().allMatch(BinaryFunctions::isBinary)
        ? new BinaryFunction("concat", BinaryKind.CONCAT, args) : concat.build(args));
    unary(registry, "octet_length", BinaryKind.OCTET_LENGTH);
    unary(registry, "bit_length", BinaryKind.BIT_LENGTH);
    unary(registry, "unhex", BinaryKind.UNHEX);
    unary(registry, "base64", BinaryKind.BASE64);
    unary(registry, "unbase64", BinaryKind.UNBASE64);
    registry.register("hex", args -> {
      FunctionArgs.arity("hex", args, 1, 1);
      DataType t = args.get(0).dataType();
      if (t instanceof IntegerType || t instanceof LongType || t instanceof StringType || t instanceof BinaryType) {
        return new BinaryFunction("hex", BinaryKind.HEX, args);
      }
      if (t.isNumeric()) {
        throw FunctionArgs.mismatch("hex", args, 0, "(\"BIGINT\" or \"BINARY\" or \"STRING\")");
      }
      return new BinaryFunction("hex", BinaryKind.HEX, List.of(bytes("hex", args, 0)));
    });
    registry.register("encode", args -> {
      FunctionArgs.arity("encode", args, 2, 2);
      return new BinaryFunction("encode", BinaryKind.ENCODE,
          List.of(FunctionArgs.string("encode", args, 0), FunctionArgs.string("encode", args, 1)));
    });
    registry.register("decode", args -> {
      FunctionArgs.arity("decode", args, 2, 2);
      if (!isBinary(args.get(0)) && !(args.get(0).dataType() instanceof StringType)
          && !(args.get(0).dataType() instanceof NullType)) {
        throw FunctionArgs.mismatch("decode", args, 0, "\"BINARY\"");
      }
      return new BinaryFunction("decode", BinaryKind.DECODE,
          List.of(bytes("decode", args, 0), FunctionArgs.string("decode", args, 1)));
    });
    registry.register("to_binary", args -> toBinary("to_binary", false, args));
    registry.register("try_to_binary", args -> toBinary("try_to_binary", true, args));
    registerHashes(registry);
  }

  /**
   * {@code to_binary(str[, fmt])} ({@code tolerant} false) or {@code try_to_binary}: {@code fmt} is a foldable string,
   * case-insensitive {@code hex} (the default), {@code utf-8}/{@code utf8} or {@code base64}; a null one gives null
   * rows. Another format is Spark's {@code DATATYPE_MISMATCH.INVALID_ARG_VALUE} for {@code to_binary} and null rows
   * for {@code try_to_binary}; a format that is not foldable is {@code DATATYPE_MISMATCH.NON_FOLDABLE_INPUT}.
   */
  private static Expression toBinary(String name, boolean tolerant, List<Expression> args) {
    FunctionArgs.arity(name, args, 1, 2);
    Expression str = FunctionArgs.string(name, args, 0);
    if (args.size() == 1) {
      return new BinaryFunction(name, tolerant ? BinaryKind.UNHEX : BinaryKind.HEX_TO_BINARY, List.of(str));
    }
    Expression format = args.get(1);
    if (!Expressions.isFoldable(format)) {
      throw new AnalysisException("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", mismatch(name, args,
          "the input `fmt` should be a foldable \"STRING\" expression; however, got \"" + format.sql() + "\"."));
    }
    Object value = Expressions.foldConstants(format, EvalContext.defaults()) instanceof Literal l ? l.value() : null;
    boolean isString = format.dataType() instanceof StringType || format.dataType() instanceof NullType;
    if (isString && value == null) {
      return new BinaryFunction(name, BinaryKind.NULL_BINARY, List.of(str, FunctionArgs.string(name, args, 1)));
    }
    BinaryKind kind = isString ? toBinaryKind(value.toString(), tolerant) : null;
    if (kind == null && !tolerant) {
      String shown = isString ? "'" + value + "'" : value == null ? "NULL" : value.toString();
      throw new AnalysisException("DATATYPE_MISMATCH.INVALID_ARG_VALUE", mismatch(name, args,
          "The fmt value must to be a case-insensitive \"STRING\" literal of 'hex', 'utf-8', 'utf8', or 'base64',"
              + " but got " + shown + "."));
    }
    return new BinaryFunction(name, kind == null ? BinaryKind.NULL_BINARY : kind,
        List.of(str, FunctionArgs.string(name, args, 1)));
  }

  /** The kind for a {@code to_binary} format, or null for a format Spark does not know. */
  private static BinaryKind toBinaryKind(String format, boolean tolerant) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "hex" -> tolerant ? BinaryKind.UNHEX : BinaryKind.HEX_TO_BINARY;
      case "utf-8", "utf8" -> BinaryKind.UTF8_TO_BINARY;
      case "base64" -> tolerant ? BinaryKind.TRY_BASE64_TO_BINARY : BinaryKind.BASE64_TO_BINARY;
      default -> null;
    };
  }

  private static String mismatch(String name, List<Expression> args, String reason) {
    return "Cannot resolve \"" + FunctionArgs.callSql(name, args) + "\" due to data type mismatch: " + reason;
  }

  /**
   * {@code md5}, {@code sha1} (alias {@code sha}), {@code sha2} and {@code crc32} of a binary or string value, and
   * {@code hash} and {@code xxhash64} of any number of values of any type but maps ({@link HashExpression}).
   */
  private static void registerHashes(FunctionRegistry registry) {
    for (HashAlgorithm algorithm : HashAlgorithm.values()) {
      registry.register(algorithm.functionName(), args -> HashExpression.of(algorithm, args));
    }
    hash(registry, "md5", HashKind.MD5);
    hash(registry, "sha1", HashKind.SHA1);
    hash(registry, "sha", HashKind.SHA1);
    hash(registry, "crc32", HashKind.CRC32);
    registry.register("sha2", args -> {
      FunctionArgs.arity("sha2", args, 2, 2);
      return new BinaryFunction("sha2", HashKind.SHA2,
          List.of(binaryOrString("sha2", args, 0), FunctionArgs.integer("sha2", args, 1)));
    });
  }

  private static void hash(FunctionRegistry registry, String name, HashKind kind) {
    registry.register(name, args -> {
      FunctionArgs.arity(name, args, 1, 1);
      return new BinaryFunction(name, kind, List.of(binaryOrString(name, args, 0)));
    });
  }

  /**
   * Argument {@code i} where Spark expects binary: binary or string (its UTF-8 bytes) as it is, a null literal as a
   * null string; other types are rejected as Spark rejects them ({@code DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE}).
   */
  private static Expression binaryOrString(String name, List<Expression> args, int i) {
    DataType t = args.get(i).dataType();
    if (t instanceof BinaryType || t instanceof StringType || t instanceof NullType) {
      return bytes(name, args, i);
    }
    throw FunctionArgs.mismatch(name, args, i, "\"BINARY\"");
  }

  private static void unary(FunctionRegistry registry, String name, BinaryKind kind) {
    registry.register(name, args -> {
      FunctionArgs.arity(name, args, 1, 1);
      return new BinaryFunction(name, kind, List.of(bytes(name, args, 0)));
    });
  }

  /** Argument {@code i} as bytes: binary or string as it is, other atomic values cast to string. */
  private static Expression bytes(String name, List<Expression> args, int i) {
    return isBinary(args.get(i)) ? args.get(i) : FunctionArgs.string(name, args, i);
  }

  private static boolean isBinary(Expression e) {
    return e.dataType() instanceof BinaryType;
  }
}
