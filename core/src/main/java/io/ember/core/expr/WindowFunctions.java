package io.ember.core.expr;

import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.datetime.DateTimeArgs;
import io.ember.core.expr.datetime.IntervalMicros;
import io.ember.core.expr.datetime.IntervalStrings;
import io.ember.core.expr.datetime.SessionWindow;
import io.ember.core.expr.datetime.TimeWindow;
import io.ember.core.expr.datetime.WindowTime;
import io.ember.core.expr.string.AsString;
import io.ember.core.expr.string.FunctionArgs;
import io.ember.core.types.DataTypes;
import io.ember.core.types.IntegerType;
import io.ember.core.types.LongType;
import io.ember.core.types.NullType;
import io.ember.core.types.StringType;
import io.ember.core.types.StructType;
import io.ember.core.types.TimestampType;
import java.util.List;

/**
 * Registers Spark's event-time window functions: {@code window(time, windowDuration[, slideDuration[,
 * startTime]])}, {@code session_window(time, gapDuration)} and {@code window_time(window)}. Durations are
 * interval strings ({@link IntervalStrings}) or integral microseconds and must be literals; the time is a
 * timestamp (dates and strings are cast) or a window struct, whose {@code window_time} is then used, as in
 * Spark. The checks and their messages are Spark's ({@code DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE},
 * {@code DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION}).
 */
public final class WindowFunctions implements FunctionRegistry.Module {
  @Override
  public void registerAll(FunctionRegistry registry) {
    registry.register("window", WindowFunctions::window);
    registry.register("session_window", WindowFunctions::sessionWindow);
    registry.register("window_time", args -> {
      FunctionArgs.arity("window_time", args, 1, 1);
      if (!isWindowStruct(args.get(0).dataType())) {
        throw FunctionArgs.mismatch("window_time", args, 0, "\"STRUCT<start: TIMESTAMP, end: TIMESTAMP>\"");
      }
      return new WindowTime(args.get(0));
    });
  }

  /** True for {@code struct<start: timestamp, end: timestamp>}, the type of time and session windows. */
  public static boolean isWindowStruct(io.ember.core.types.DataType t) {
    return t instanceof StructType st && st.size() == 2 && st.field(0).name().equalsIgnoreCase("start")
        && st.field(1).name().equalsIgnoreCase("end") && st.field(0).dataType() instanceof TimestampType
        && st.field(1).dataType() instanceof TimestampType;
  }

  private static Expression time(String name, List<Expression> args) {
    Expression a = args.get(0);
    return isWindowStruct(a.dataType()) ? new WindowTime(a) : DateTimeArgs.timestamp(name, args, 0);
  }

  private static Expression window(List<Expression> args) {
    FunctionArgs.arity("window", args, 2, 4);
    Expression time = time("window", args);
    long window = duration(args, 1);
    long slide = args.size() > 2 ? duration(args, 2) : window;
    long start = args.size() > 3 ? duration(args, 3) : 0;
    String sql = FunctionArgs.callSql("window", args);
    if (window <= 0) {
      throw outOfRange(sql, "window_duration", window);
    }
    if (slide <= 0) {
      throw outOfRange(sql, "slide_duration", slide);
    }
    if (slide > window) {
      throw constraint(sql, "slide_duration", slide, "<=", "window_duration", window);
    }
    if (Math.abs(start) >= slide) {
      throw constraint(sql, "abs(start_time)", Math.abs(start), "<", "slide_duration", slide);
    }
    return new TimeWindow(time, window, slide, start);
  }

  /** A window duration argument: an interval string or an integral number of microseconds, as a literal. */
  private static long duration(List<Expression> args, int i) {
    Expression a = args.get(i) instanceof AsString s ? s.child() : args.get(i);
    if (a instanceof Literal l && l.value() != null) {
      if (a.dataType() instanceof StringType) {
        String text = l.value().toString();
        IntervalStrings.Interval iv = IntervalStrings.parse(text);
        if (iv.months() != 0) {
          throw new AnalysisException("_LEGACY_ERROR_TEMP_3231",
              "Intervals greater than a month is not supported (" + text + ").");
        }
        return iv.totalMicros();
      }
      if (a.dataType() instanceof IntegerType || a.dataType() instanceof LongType) {
        return ((Number) l.value()).longValue();
      }
    }
    throw new AnalysisException("INVALID_WINDOW_DURATION_LITERAL",
        "The duration and time inputs to window must be an integer, long or string literal.");
  }

  private static AnalysisException outOfRange(String sql, String name, long value) {
    return new AnalysisException("DATATYPE_MISMATCH.VALUE_OUT_OF_RANGE", "Cannot resolve \"" + sql
        + "\" due to data type mismatch: The `" + name + "` must be between (0, " + Long.MAX_VALUE
        + "] (current value = " + value + "L).");
  }

  private static AnalysisException constraint(String sql, String left, long leftValue, String op, String right,
      long rightValue) {
    return new AnalysisException("DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION", "Cannot resolve \"" + sql
        + "\" due to data type mismatch: The `" + left + "`(" + leftValue + "L) must be " + op + " the `" + right
        + "`(" + rightValue + "L).");
  }

  private static Expression sessionWindow(List<Expression> args) {
    FunctionArgs.arity("session_window", args, 2, 2);
    Expression time = time("session_window", args);
    Expression gap = args.get(1);
    Expression micros;
    if (gap instanceof Literal l && gap.dataType() instanceof StringType) {
      Long v = l.value() == null ? null : IntervalStrings.microsOrNull(l.value().toString());
      micros = new Literal(v, DataTypes.LONG);
    } else if (gap.dataType() instanceof StringType) {
      micros = new IntervalMicros(gap);
    } else if (gap.dataType() instanceof NullType) {
      micros = new Literal(null, DataTypes.LONG);
    } else {
      throw FunctionArgs.mismatch("session_window", args, 1, "(\"INTERVAL\" or \"STRING\")");
    }
    return new SessionWindow(time, micros);
  }
}
