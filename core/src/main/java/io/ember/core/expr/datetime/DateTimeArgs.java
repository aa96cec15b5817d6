package io.ember.core.expr.datetime;

import io.ember.core.expr.Expression;
import io.ember.core.expr.Literal;
import io.ember.core.expr.string.FunctionArgs;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DateType;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import io.ember.core.types.NullType;
import io.ember.core.types.StringType;
import io.ember.core.types.TimestampType;
import java.util.List;

/** Argument coercion for date/time function builders, with Spark's implicit casts and mismatch errors. */
public final class DateTimeArgs {
  private DateTimeArgs() {}

  /** Argument {@code i} as a date: dates pass; timestamps, strings and nulls are cast; others are rejected. */
  public static Expression date(String name, List<Expression> args, int i) {
    Expression a = args.get(i);
    if (a.dataType() instanceof DateType) {
      return a;
    }
    if (a.dataType() instanceof TimestampType || a.dataType() instanceof StringType
        || a.dataType() instanceof NullType) {
      return new AsDateTime(a, DataTypes.DATE);
    }
    throw FunctionArgs.mismatch(name, args, i, "\"DATE\"");
  }

  /** Argument {@code i} as a timestamp: timestamps pass; dates, strings and nulls are cast; others are rejected. */
  public static Expression timestamp(String name, List<Expression> args, int i) {
    Expression a = args.get(i);
    if (a.dataType() instanceof TimestampType) {
      return a;
    }
    if (a.dataType() instanceof DateType || a.dataType() instanceof StringType
        || a.dataType() instanceof NullType) {
      return new AsDateTime(a, DataTypes.TIMESTAMP);
    }
    throw FunctionArgs.mismatch(name, args, i, "\"TIMESTAMP\"");
  }

  /** Argument {@code i} as a bigint: bigint passes, int and null are widened; others are rejected. */
  public static Expression bigint(String name, List<Expression> args, int i) {
    Expression a = args.get(i);
    if (a.dataType() instanceof LongType) {
      return a;
    }
    if (a.dataType() instanceof IntegerType) {
      return new io.ember.core.expr.Cast(a, DataTypes.LONG);
    }
    if (a.dataType() instanceof NullType) {
      return new Literal(null, DataTypes.LONG);
    }
    throw FunctionArgs.mismatch(name, args, i, "\"BIGINT\"");
  }

  /** Argument {@code i} as a string (atomic values are cast), or the literal {@code dflt} when absent. */
  public static Expression stringOr(String name, List<Expression> args, int i, String dflt) {
    return i < args.size() ? FunctionArgs.string(name, args, i) : new Literal(dflt, DataTypes.STRING);
  }
}
