package io.ember.core.expr.string;

import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Expression;
import io.ember.core.expr.FunctionRegistry;
import io.ember.core.expr.Literal;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.IntegerType;
import io.ember.core.types.NullType;
import io.ember.core.types.StringType;
import io.ember.core.types.StructType;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Argument checks shared by the string and date/time function builders: arity, Spark's implicit
 * casts of atomic values to string, and the {@code DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE} messages Spark prints
 * ({@code The first parameter requires the "STRING" type, however "a" has the type "ARRAY<INT>".}).
 */
public final class FunctionArgs {
  private static final String[] ORDINALS = {
      "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"};

  /** Spark's error class for an argument of the wrong type. */
  public static final String UNEXPECTED_INPUT_TYPE = "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE";

  private FunctionArgs() {}

  /** Spark's ordinal word for the 0-based parameter {@code index}. */
  public static String ordinal(int index) {
    return index < ORDINALS.length ? ORDINALS[index] : (index + 1) + "th";
  }

  /** The call as Spark renders it: {@code name(a, b)}. */
  public static String callSql(String name, List<Expression> args) {
    StringJoiner j = new StringJoiner(", ", name + "(", ")");
    for (Expression a : args) {
      j.add(a.sql());
    }
    return j.toString();
  }

  /** Checks {@code min <= args.size() <= max}; Spark's expected text is {@code 1} or {@code [2, 3]}. */
  public static void arity(String name, List<Expression> args, int min, int max) {
    int n = args.size();
    if (n < min || n > max) {
      String expected = min == max ? Integer.toString(min) : rangeText(min, max);
      throw FunctionRegistry.wrongNumArgs(name, expected, n);
    }
  }

  private static String rangeText(int min, int max) {
    if (max == Integer.MAX_VALUE) {
      return "> " + (min - 1);
    }
    StringJoiner j = new StringJoiner(", ", "[", "]");
    for (int i = min; i <= max; i++) {
      j.add(Integer.toString(i));
    }
    return j.toString();
  }

  /** Spark's SQL name of a type in messages: {@code "INT"}, {@code "ARRAY<STRING>"}. */
  public static String typeName(DataType t) {
    return "\"" + t.simpleString().toUpperCase(Locale.ROOT) + "\"";
  }

  /** The {@code DATATYPE_MISMATCH} error for parameter {@code index} of the call. */
  public static AnalysisException mismatch(String name, List<Expression> args, int index, String required) {
    Expression a = args.get(index);
    return new AnalysisException(
        UNEXPECTED_INPUT_TYPE,
        "Cannot resolve \"" + callSql(name, args) + "\" due to data type mismatch: The " + ordinal(index)
            + " parameter requires the " + required + " type, however \"" + a.sql() + "\" has the type "
            + typeName(a.dataType()) + ".");
  }

  /**
   * Argument {@code index} as a string: strings pass through, other atomic types (numbers, booleans,
   * dates, timestamps, null) are implicitly cast as Spark does; arrays and structs are rejected.
   */
  public static Expression string(String name, List<Expression> args, int index) {
    Expression a = args.get(index);
    DataType t = a.dataType();
    if (t instanceof StringType) {
      return a;
    }
    if (t instanceof ArrayType || t instanceof StructType) {
      throw mismatch(name, args, index, "\"STRING\"");
    }
    return new AsString(a);
  }

  /** Argument {@code index} as an int: int passes, a null literal becomes a typed null; others are rejected. */
  public static Expression integer(String name, List<Expression> args, int index) {
    Expression a = args.get(index);
    if (a.dataType() instanceof IntegerType) {
      return a;
    }
    if (a.dataType() instanceof NullType) {
      return new Literal(null, DataTypes.INTEGER);
    }
    throw mismatch(name, args, index, "\"INT\"");
  }

  /** The value of a foldable string argument (a string literal), or {@code null} when it is not one. */
  public static String constantString(Expression e) {
    Expression x = e instanceof AsString s ? s.child() : e;
    if (x instanceof Literal l && l.value() != null) {
      return l.value().toString();
    }
    return null;
  }
}
