package io.ember.core.data;

import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * One result row, as Spark's {@code Row}: values by position or by field name. Values are the Java
 * objects of {@link ColumnVector#get(int)}. Equality and hash code use the values only (not the schema),
 * as in Spark. {@link #toString()} prints {@code [v1,v2,null]}.
 */
public final class Row {
  private final StructType schema;
  private final Object[] values;

  /** A row with a schema; {@code values} is not copied. */
  public Row(StructType schema, Object[] values) {
    this.schema = schema;
    this.values = values;
  }

  /** A row without a schema (field names unavailable), as Spark's {@code RowFactory.create}. */
  public static Row of(Object... values) {
    return new Row(null, values.clone());
  }

  /** The schema, or null for a row made with {@link #of}. */
  public StructType schema() {
    return schema;
  }

  public int size() {
    return values.length;
  }

  public int length() {
    return values.length;
  }

  public Object get(int i) {
    return values[i];
  }

  public boolean isNullAt(int i) {
    return values[i] == null;
  }

  /** The value of field {@code name}; needs a schema. */
  @SuppressWarnings("unchecked")
  public <T> T getAs(String name) {
    return (T) values[fieldIndex(name)];
  }

  @SuppressWarnings("unchecked")
  public <T> T getAs(int i) {
    return (T) values[i];
  }

  public int fieldIndex(String name) {
    if (schema == null) {
      throw new UnsupportedOperationException("fieldIndex on a Row without schema is not supported; use get(i)");
    }
    return schema.requireIndex(name);
  }

  public boolean getBoolean(int i) {
    return (Boolean) notNull(i);
  }

  public int getInt(int i) {
    return ((Number) notNull(i)).intValue();
  }

  public long getLong(int i) {
    return ((Number) notNull(i)).longValue();
  }

  public double getDouble(int i) {
    return ((Number) notNull(i)).doubleValue();
  }

  public String getString(int i) {
    return (String) values[i];
  }

  public BigDecimal getDecimal(int i) {
    return (BigDecimal) values[i];
  }

  public LocalDate getLocalDate(int i) {
    return (LocalDate) values[i];
  }

  public Instant getInstant(int i) {
    return (Instant) values[i];
  }

  @SuppressWarnings("unchecked")
  public <T> List<T> getList(int i) {
    return (List<T>) values[i];
  }

  public Row getStruct(int i) {
    return (Row) values[i];
  }

  private Object notNull(int i) {
    Object v = values[i];
    if (v == null) {
      throw new NullPointerException("Value at index " + i + " is null");
    }
    return v;
  }

  /** A copy of the values. */
  public Object[] toArray() {
    return values.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Row r && Arrays.deepEquals(values, r.values);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(ValueFormat.toDisplayString(values[i]));
    }
    return sb.append(']').toString();
  }
}
