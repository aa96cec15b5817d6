package io.ember.core.expr.datetime;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.IsoFields;
import java.util.List;

/**
 * A field of a date ({@link Field#onDate()}: the child is a date) or of a timestamp in the session zone
 * (the child is a timestamp): {@code year}, {@code quarter}, {@code month}, {@code dayofmonth},
 * {@code dayofweek} (1 = Sunday .. 7 = Saturday), {@code weekday} (0 = Monday), {@code dayofyear},
 * {@code weekofyear} (ISO 8601 weeks), {@code hour}, {@code minute}, {@code second}. Null in, null out.
 */
public record DatePart(Field field, Expression child) implements Expression {
  /** The extracted field. */
  public enum Field {
    YEAR("year", true), QUARTER("quarter", true), MONTH("month", true), DAY_OF_MONTH("dayofmonth", true),
    DAY_OF_WEEK("dayofweek", true), WEEKDAY("weekday", true), DAY_OF_YEAR("dayofyear", true),
    WEEK_OF_YEAR("weekofyear", true), HOUR("hour", false), MINUTE("minute", false), SECOND("second", false);

    final String sqlName;
    final boolean onDate;

    Field(String sqlName, boolean onDate) {
      this.sqlName = sqlName;
      this.onDate = onDate;
    }

    /** True when the field is read from a date, false when from a timestamp. */
    public boolean onDate() {
      return onDate;
    }
  }

  @Override
  public DataType dataType() {
    return DataTypes.INTEGER;
  }

  @Override
  public boolean nullable() {
    return child.nullable();
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return new DatePart(field, newChildren.get(0));
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    ColumnVector in = child.evaluate(input, context);
    int n = input.numRows();
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      if (in.isNull(i)) {
        continue;
      }
      if (field.onDate) {
        out[i] = ofDate(LocalDate.ofEpochDay(((IntVector) in).getInt(i)));
      } else {
        LocalDateTime t = DateTimeMath.local(((LongVector) in).getLong(i), context.zone());
        out[i] = field == Field.HOUR ? t.getHour() : field == Field.MINUTE ? t.getMinute() : t.getSecond();
      }
    }
    boolean[] nulls = in.nullMask() == null ? null : java.util.Arrays.copyOf(in.nullMask(), n);
    return new IntVector(DataTypes.INTEGER, out, nulls, n);
  }

  private int ofDate(LocalDate d) {
    return switch (field) {
      case YEAR -> d.getYear();
      case QUARTER -> (d.getMonthValue() - 1) / 3 + 1;
      case MONTH -> d.getMonthValue();
      case DAY_OF_MONTH -> d.getDayOfMonth();
      case DAY_OF_WEEK -> d.getDayOfWeek().getValue() % 7 + 1;
      case WEEKDAY -> d.getDayOfWeek().getValue() - 1;
      case DAY_OF_YEAR -> d.getDayOfYear();
      case WEEK_OF_YEAR -> d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      default -> throw new IllegalStateException(field.name());
    };
  }

  @Override
  public String sql() {
    return field.sqlName + "(" + child.sql() + ")";
  }
}
