package io.ember.core.types;

import java.util.Locale;

/**
 * Spark's year-month interval, {@code INTERVAL YEAR TO MONTH}, {@code INTERVAL YEAR} or {@code INTERVAL MONTH}.
 * A value is a signed count of months, held like a date in an {@code IntVector}; its Java object is a
 * normalized {@link java.time.Period} (years and months of one sign). The fields only say how it is written.
 *
 * @param startField the leading field, {@link #YEAR} or {@link #MONTH}
 * @param endField the trailing field, not before {@code startField}
 */
public record YearMonthIntervalType(int startField, int endField) implements DataType {
  public static final int YEAR = 0;
  public static final int MONTH = 1;

  private static final String[] NAMES = {"year", "month"};

  public YearMonthIntervalType {
    if (startField < YEAR || endField > MONTH || startField > endField) {
      throw new IllegalArgumentException("Invalid year-month interval fields: " + startField + " to " + endField);
    }
  }

  /** The field's lower-case name: {@code year} or {@code month}. */
  public static String fieldName(int field) {
    return NAMES[field];
  }

  /** The field named {@code name} (case-insensitive, singular), or -1. */
  public static int field(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("year") ? YEAR : n.equals("month") ? MONTH : -1;
  }

  @Override
  public String simpleString() {
    return startField == endField ? "interval " + NAMES[startField]
        : "interval " + NAMES[startField] + " to " + NAMES[endField];
  }

  @Override
  public String typeName() {
    return simpleString();
  }

  @Override
  public String toString() {
    return "YearMonthIntervalType(" + startField + "," + endField + ")";
  }
}
