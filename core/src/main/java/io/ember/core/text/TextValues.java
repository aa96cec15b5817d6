package io.ember.core.text;

import io.ember.core.data.BinaryVector;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DecimalVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.IntervalFormat;
import io.ember.core.data.LongVector;
import io.ember.core.data.StringVector;
import io.ember.core.data.ValueFormat;
import io.ember.core.types.DateType;
import io.ember.core.types.DayTimeIntervalType;
import io.ember.core.types.TimestampType;
import io.ember.core.types.YearMonthIntervalType;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Renders one non-null primitive value as text the way Spark's file writers and {@code to_json} do (intervals in
 * their ANSI form, binary values as Spark's CSV writer: upper-case hex bytes, {@code [48 69]}).
 */
public final class TextValues {
  private final DateTimeFormatter dates;
  private final DateTimeFormatter timestamps;

  public TextValues(DateTimeFormatter dates, DateTimeFormatter timestamps) {
    this.dates = dates;
    this.timestamps = timestamps;
  }

  /** The text of the non-null value at {@code row} of {@code v}. */
  public String text(ColumnVector v, int row) {
    if (v instanceof StringVector s) {
      return s.getString(row);
    } else if (v instanceof BinaryVector b) {
      return ValueFormat.binaryDisplay(b.getBinary(row));
    } else if (v.type() instanceof DayTimeIntervalType t) {
      return IntervalFormat.dayTime(((LongVector) v).getLong(row), t);
    } else if (v.type() instanceof YearMonthIntervalType t) {
      return IntervalFormat.yearMonth(((IntVector) v).getInt(row), t);
    } else if (v instanceof IntVector i) {
      return v.type() instanceof DateType ? dates.format(LocalDate.ofEpochDay(i.getInt(row))) : Integer.toString(i.getInt(row));
    } else if (v instanceof LongVector l) {
      return v.type() instanceof TimestampType ? timestamps.format(Temporal.instant(l.getLong(row))) : Long.toString(l.getLong(row));
    } else if (v instanceof DoubleVector d) {
      return Double.toString(d.getDouble(row));
    } else if (v instanceof BooleanVector b) {
      return Boolean.toString(b.getBoolean(row));
    } else if (v instanceof DecimalVector d) {
      return d.getDecimal(row).toString();
    }
    return String.valueOf(v.get(row));
  }
}
