package io.ember.core.types;

import java.util.Locale;

/**
 * Spark's day-time interval, {@code INTERVAL DAY TO SECOND} and its narrower forms ({@code INTERVAL HOUR},
 * {@code INTERVAL MINUTE TO SECOND}, ...). A value is a signed count of microseconds (a day is 24 hours), held
 * like a timestamp in a {@code LongVector}; its Java object is a {@link java.time.Duration}. The fields only
 * say how the value is written: {@code INTERVAL '1 02:00:00' DAY TO SECOND} and {@code INTERVAL '26' HOUR}
 * hold the same microseconds.
 *
 * @param startField the leading field, one of {@link #DAY}, {@link #HOUR}, {@link #MINUTE}, {@link #SECOND}
 * @param endField the trailing field, not before {@code startField}
 */
public record DayTimeIntervalType(int startField, int endField) implements DataType {
  public static final int DAY = 0;
  public static final int HOUR = 1;
  public static final int MINUTE = 2;
  public static final int SECOND = 3;

  private static final String[] NAMES = {"day", "hour", "minute", "second"};

  public DayTimeIntervalType {
    if (startField < DAY || endField > SECOND || startField > endField) {
      throw new IllegalArgumentException("Invalid day-time interval fields: " + startField + " to " + endField);
    }
  }

  /** The field's lower-case name, as Spark spells it in type names: {@code day}, {@code hour}, ... */
  public static String fieldName(int field) {
    return NAMES[field];
  }

  /** The field named {@code name} (case-insensitive, singular), or -1. */
  public static int field(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (int i = 0; i < NAMES.length; i++) {
      if (NAMES[i].equals(n)) {
        return i;
      }
    }
    return -1;
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
    return "DayTimeIntervalType(" + startField + "," + endField + ")";
  }
}
