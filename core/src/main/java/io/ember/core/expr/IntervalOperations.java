package io.ember.core.expr;

import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.BinaryArithmetic.Op;
import io.ember.core.expr.datetime.DateAddYearMonthInterval;
import io.ember.core.expr.datetime.IntervalDays;
import io.ember.core.expr.datetime.SubtractDateTimes;
import io.ember.core.expr.datetime.TimestampAddInterval;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DateType;
import io.ember.core.types.DayTimeIntervalType;
import io.ember.core.types.NullType;
import io.ember.core.types.TimestampType;
import io.ember.core.types.YearMonthIntervalType;
import java.util.List;

/**
 * Spark 4's typing of arithmetic on dates, timestamps and ANSI intervals (its {@code ResolveBinaryArithmetic}),
 * used by {@link Expressions}:
 * <ul>
 *   <li>{@code timestamp ± day-time} and {@code timestamp ± year-month} are timestamps
 *       ({@link TimestampAddInterval});
 *   <li>{@code date ± year-month} is a date; {@code date ± interval day} is a date ({@code date_add} of its days);
 *       {@code date ± other day-time intervals} is a timestamp (the date read as its midnight);
 *   <li>{@code timestamp - timestamp} (a date on either side read as a timestamp) is an {@code interval day to
 *       second}; {@code date - date} an {@code interval day} ({@link SubtractDateTimes});
 *   <li>{@code interval ± interval} of one kind has the fields of both; {@code interval * number},
 *       {@code number * interval} and {@code interval / number} are {@code interval day to second} or
 *       {@code interval year to month} ({@link IntervalArithmetic}).
 * </ul>
 */
final class IntervalOperations {
  private IntervalOperations() {}

  /** {@code l op r} when an operand is an interval or both are datetimes; null when these rules do not apply. */
  static Expression arithmetic(Op op, Expression l, Expression r) {
    DataType lt = l.dataType();
    DataType rt = r.dataType();
    boolean li = DataTypes.isInterval(lt);
    boolean ri = DataTypes.isInterval(rt);
    if (!li && !ri) {
      return op == Op.SUBTRACT && isDatetime(lt) && isDatetime(rt) ? subtractDatetimes(l, r) : null;
    }
    return switch (op) {
      case ADD -> li && isDatetime(rt) ? shift(r, l, false)
          : ri && isDatetime(lt) ? shift(l, r, false) : intervals(op, l, r);
      case SUBTRACT -> ri && isDatetime(lt) ? shift(l, r, true) : intervals(op, l, r);
      case MULTIPLY -> li && !ri ? scale(op, l, r, false) : ri && !li ? scale(op, r, l, true) : mismatch(op, l, r);
      case DIVIDE -> li && !ri ? scale(op, l, r, false) : mismatch(op, l, r);
      default -> mismatch(op, l, r);
    };
  }

  /** {@code -e} for an interval {@code e}, or null when {@code e} is not one. */
  static Expression negate(Expression e) {
    return DataTypes.isInterval(e.dataType())
        ? new IntervalArithmetic(IntervalArithmetic.Op.NEGATE, e, null, e.dataType(), false) : null;
  }

  /** The fields both intervals can be read in, or null when one is day-time and the other year-month. */
  static DataType widerInterval(DataType a, DataType b) {
    if (a instanceof DayTimeIntervalType x && b instanceof DayTimeIntervalType y) {
      return new DayTimeIntervalType(Math.min(x.startField(), y.startField()), Math.max(x.endField(), y.endField()));
    }
    if (a instanceof YearMonthIntervalType x && b instanceof YearMonthIntervalType y) {
      return new YearMonthIntervalType(Math.min(x.startField(), y.startField()), Math.max(x.endField(), y.endField()));
    }
    return null;
  }

  private static boolean isDatetime(DataType t) {
    return t instanceof DateType || t instanceof TimestampType;
  }

  private static Expression shift(Expression datetime, Expression interval, boolean subtract) {
    DataType it = interval.dataType();
    if (datetime.dataType() instanceof DateType) {
      if (it instanceof YearMonthIntervalType) {
        return new DateAddYearMonthInterval(datetime, interval, subtract);
      }
      DayTimeIntervalType dt = (DayTimeIntervalType) it;
      if (dt.startField() == DayTimeIntervalType.DAY && dt.endField() == DayTimeIntervalType.DAY) {
        return FunctionRegistry.standard().build(subtract ? "date_sub" : "date_add",
            List.of(datetime, new IntervalDays(interval)));
      }
      return new TimestampAddInterval(Expressions.castTo(datetime, DataTypes.TIMESTAMP), interval, subtract);
    }
    return new TimestampAddInterval(datetime, interval, subtract);
  }

  private static Expression subtractDatetimes(Expression l, Expression r) {
    if (l.dataType() instanceof DateType && r.dataType() instanceof DateType) {
      return new SubtractDateTimes(l, r);
    }
    return new SubtractDateTimes(
        Expressions.castTo(l, DataTypes.TIMESTAMP), Expressions.castTo(r, DataTypes.TIMESTAMP));
  }

  /** {@code interval ± interval}; a null operand takes the other's type. */
  private static Expression intervals(Op op, Expression l, Expression r) {
    DataType lt = l.dataType() instanceof NullType ? r.dataType() : l.dataType();
    DataType rt = r.dataType() instanceof NullType ? l.dataType() : r.dataType();
    DataType t = widerInterval(lt, rt);
    if (t == null) {
      return mismatch(op, l, r);
    }
    IntervalArithmetic.Op iop = op == Op.ADD ? IntervalArithmetic.Op.ADD : IntervalArithmetic.Op.SUBTRACT;
    return new IntervalArithmetic(iop, Expressions.castTo(l, t), Expressions.castTo(r, t), t, false);
  }

  /** {@code interval * number} or {@code interval / number}. */
  private static Expression scale(Op op, Expression interval, Expression number, boolean numberFirst) {
    DataType nt = number.dataType();
    if (nt instanceof NullType) {
      number = Expressions.castTo(number, DataTypes.LONG);
    } else if (!nt.isNumeric()) {
      return numberFirst ? mismatch(op, number, interval) : mismatch(op, interval, number);
    }
    DataType result = interval.dataType() instanceof DayTimeIntervalType
        ? DataTypes.DAY_TIME_INTERVAL : DataTypes.YEAR_MONTH_INTERVAL;
    IntervalArithmetic.Op iop = op == Op.MULTIPLY ? IntervalArithmetic.Op.MULTIPLY : IntervalArithmetic.Op.DIVIDE;
    return new IntervalArithmetic(iop, interval, number, result, numberFirst);
  }

  private static Expression mismatch(Op op, Expression l, Expression r) {
    String sql = "(" + l.sql() + " " + op.symbol() + " " + r.sql() + ")";
    throw new AnalysisException("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES",
        Expressions.mismatch(sql, "the left and right operands of the binary operator have incompatible types ("
            + ExpressionErrors.sqlType(l.dataType()) + " and " + ExpressionErrors.sqlType(r.dataType()) + ")."));
  }
}
