package io.ember.core.expr;

import io.ember.core.expr.datetime.AsDateTime;
import io.ember.core.expr.datetime.CurrentDateTime;
import io.ember.core.expr.datetime.DateArithmetic;
import io.ember.core.expr.datetime.DatePart;
import io.ember.core.expr.datetime.DateTimeArgs;
import io.ember.core.expr.datetime.DateTimeFunction;
import io.ember.core.expr.datetime.DateTimeFunction.Kind;
import io.ember.core.expr.datetime.DateTimePatterns;
import io.ember.core.expr.string.FunctionArgs;
import io.ember.core.types.BooleanType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StringType;
import java.util.List;

/**
 * Registers the date/time functions of {@link FunctionRegistry#standard()} under Spark's names. Dates
 * are days since 1970-01-01, timestamps microseconds since the epoch; wall-clock fields, formatting and
 * parsing use the session zone ({@link EvalContext#zone()}). Date arguments accept timestamps and
 * strings (cast as Spark does), timestamp arguments accept dates and strings; other types fail with
 * {@code DATATYPE_MISMATCH}. Patterns are Spark's datetime patterns ({@link DateTimePatterns}); a literal
 * pattern is checked when the call is built.
 */
public final class DateTimeFunctions implements FunctionRegistry.Module {
  @Override
  public void registerAll(FunctionRegistry registry) {
    for (String name : List.of("current_date", "curdate")) {
      registry.register(name, args -> current(name, args, new CurrentDateTime(DataTypes.DATE)));
    }
    for (String name : List.of("current_timestamp", "now")) {
      registry.register(name, args -> current(name, args, new CurrentDateTime(DataTypes.TIMESTAMP)));
    }
    part(registry, DatePart.Field.YEAR, "year");
    part(registry, DatePart.Field.QUARTER, "quarter");
    part(registry, DatePart.Field.MONTH, "month");
    part(registry, DatePart.Field.DAY_OF_MONTH, "dayofmonth", "day");
    part(registry, DatePart.Field.DAY_OF_WEEK, "dayofweek");
    part(registry, DatePart.Field.WEEKDAY, "weekday");
    part(registry, DatePart.Field.DAY_OF_YEAR, "dayofyear");
    part(registry, DatePart.Field.WEEK_OF_YEAR, "weekofyear");
    part(registry, DatePart.Field.HOUR, "hour");
    part(registry, DatePart.Field.MINUTE, "minute");
    part(registry, DatePart.Field.SECOND, "second");
    registry.register("to_date", args -> parse("to_date", args, Kind.TO_DATE));
    registry.register("to_timestamp", args -> parse("to_timestamp", args, Kind.TO_TIMESTAMP));
    registry.register("date_format", DateTimeFunctions::dateFormat);
    registry.register("from_unixtime", DateTimeFunctions::fromUnixtime);
    registry.register("unix_timestamp", args -> unixTimestamp("unix_timestamp", args, 0));
    registry.register("to_unix_timestamp", args -> unixTimestamp("to_unix_timestamp", args, 1));
    arithmetic(registry, "date_add", DateArithmetic.Op.DATE_ADD, true);
    arithmetic(registry, "dateadd", DateArithmetic.Op.DATE_ADD, true);
    arithmetic(registry, "date_sub", DateArithmetic.Op.DATE_SUB, true);
    arithmetic(registry, "add_months", DateArithmetic.Op.ADD_MONTHS, true);
    arithmetic(registry, "datediff", DateArithmetic.Op.DATEDIFF, false);
    registry.register("months_between", DateTimeFunctions::monthsBetween);
    registry.register("make_dt_interval", args -> MakeInterval.build("make_dt_interval", args));
    registry.register("make_ym_interval", args -> MakeInterval.build("make_ym_interval", args));
    registry.register("last_day", args -> {
      FunctionArgs.arity("last_day", args, 1, 1);
      return new DateTimeFunction(Kind.LAST_DAY, List.of(DateTimeArgs.date("last_day", args, 0)));
    });
    registry.register("next_day", args -> {
      FunctionArgs.arity("next_day", args, 2, 2);
      return new DateTimeFunction(Kind.NEXT_DAY,
          List.of(DateTimeArgs.date("next_day", args, 0), FunctionArgs.string("next_day", args, 1)));
    });
    registry.register("make_date", args -> {
      FunctionArgs.arity("make_date", args, 3, 3);
      return new DateTimeFunction(Kind.MAKE_DATE, List.of(FunctionArgs.integer("make_date", args, 0),
          FunctionArgs.integer("make_date", args, 1), FunctionArgs.integer("make_date", args, 2)));
    });
    registry.register("trunc", args -> {
      FunctionArgs.arity("trunc", args, 2, 2);
      return new DateTimeFunction(Kind.TRUNC,
          List.of(DateTimeArgs.date("trunc", args, 0), FunctionArgs.string("trunc", args, 1)));
    });
    registry.register("date_trunc", args -> {
      FunctionArgs.arity("date_trunc", args, 2, 2);
      return new DateTimeFunction(Kind.DATE_TRUNC,
          List.of(FunctionArgs.string("date_trunc", args, 0), DateTimeArgs.timestamp("date_trunc", args, 1)));
    });
  }

  private static Expression current(String name, List<Expression> args, CurrentDateTime e) {
    FunctionArgs.arity(name, args, 0, 0);
    return e;
  }

  private static void part(FunctionRegistry r, DatePart.Field field, String... names) {
    for (String name : names) {
      r.register(name, args -> {
        FunctionArgs.arity(name, args, 1, 1);
        Expression child = field.onDate() ? DateTimeArgs.date(name, args, 0) : DateTimeArgs.timestamp(name, args, 0);
        return new DatePart(field, child);
      });
    }
  }

  private static void arithmetic(FunctionRegistry r, String name, DateArithmetic.Op op, boolean intRight) {
    r.register(name, args -> {
      FunctionArgs.arity(name, args, 2, 2);
      Expression left = DateTimeArgs.date(name, args, 0);
      Expression right = intRight ? FunctionArgs.integer(name, args, 1) : DateTimeArgs.date(name, args, 1);
      return new DateArithmetic(op, left, right);
    });
  }

  /** The pattern argument {@code i} (or {@code dflt}); a literal pattern is validated now. */
  private static Expression pattern(String name, List<Expression> args, int i, String dflt) {
    Expression p = DateTimeArgs.stringOr(name, args, i, dflt);
    String constant = FunctionArgs.constantString(p);
    if (constant != null) {
      DateTimePatterns.formatter(constant);
    }
    return p;
  }

  /** {@code to_date}/{@code to_timestamp}: a string with a pattern is parsed with it, anything else is cast. */
  private static Expression parse(String name, List<Expression> args, Kind kind) {
    FunctionArgs.arity(name, args, 1, 2);
    if (args.size() == 2 && args.get(0).dataType() instanceof StringType) {
      return new DateTimeFunction(kind, List.of(args.get(0), pattern(name, args, 1, null)));
    }
    if (args.size() == 2) {
      FunctionArgs.string(name, args, 1);
    }
    Expression converted =
        kind == Kind.TO_DATE ? DateTimeArgs.date(name, args, 0) : DateTimeArgs.timestamp(name, args, 0);
    return converted instanceof AsDateTime cast ? new AsDateTime(cast.child(), cast.dataType(), name) : converted;
  }

  private static Expression dateFormat(List<Expression> args) {
    FunctionArgs.arity("date_format", args, 2, 2);
    return new DateTimeFunction(Kind.DATE_FORMAT,
        List.of(DateTimeArgs.timestamp("date_format", args, 0), pattern("date_format", args, 1, null)));
  }

  private static Expression fromUnixtime(List<Expression> args) {
    FunctionArgs.arity("from_unixtime", args, 1, 2);
    return new DateTimeFunction(Kind.FROM_UNIXTIME, List.of(
        DateTimeArgs.bigint("from_unixtime", args, 0),
        pattern("from_unixtime", args, 1, DateTimePatterns.DEFAULT_TIMESTAMP)));
  }

  /** {@code unix_timestamp()} is the query start; a string is parsed, a date or timestamp converted. */
  private static Expression unixTimestamp(String name, List<Expression> args, int minArgs) {
    FunctionArgs.arity(name, args, minArgs, 2);
    Kind kind = name.equals("unix_timestamp") ? Kind.UNIX_TIMESTAMP : Kind.TO_UNIX_TIMESTAMP;
    Expression pattern = pattern(name, args, 1, DateTimePatterns.DEFAULT_TIMESTAMP);
    Expression time = args.isEmpty() ? new CurrentDateTime(DataTypes.TIMESTAMP)
        : args.get(0).dataType() instanceof StringType ? args.get(0)
        : DateTimeArgs.timestamp(name, args, 0);
    return new DateTimeFunction(kind, List.of(time, pattern));
  }

  private static Expression monthsBetween(List<Expression> args) {
    FunctionArgs.arity("months_between", args, 2, 3);
    Expression roundOff = new Literal(true, DataTypes.BOOLEAN);
    if (args.size() == 3) {
      roundOff = args.get(2);
      if (!(roundOff.dataType() instanceof BooleanType)) {
        throw FunctionArgs.mismatch("months_between", args, 2, "\"BOOLEAN\"");
      }
    }
    return new DateTimeFunction(Kind.MONTHS_BETWEEN, List.of(
        DateTimeArgs.timestamp("months_between", args, 0), DateTimeArgs.timestamp("months_between", args, 1),
        roundOff));
  }
}
