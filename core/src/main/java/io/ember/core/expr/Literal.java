package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.BooleanVector;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.DoubleVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.IntervalFormat;
import io.ember.core.data.LongVector;
import io.ember.core.data.ValueFormat;
import io.ember.core.data.VectorBuilder;
import io.ember.core.types.BooleanType;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DayTimeIntervalType;
import io.ember.core.types.DoubleType;
import io.ember.core.types.LongType;
import io.ember.core.types.StringType;
import java.time.Duration;
import java.time.Period;
import java.util.List;

/**
 * A constant. {@code value} is a Java object as {@link ColumnVector#get(int)} returns for
 * {@code dataType} (Integer for int, LocalDate for date, ...), or null.
 */
public record Literal(Object value, DataType dataType) implements Expression {
  @Override
  public boolean nullable() {
    return value == null;
  }

  @Override
  public List<Expression> children() {
    return List.of();
  }

  @Override
  public Expression withChildren(List<Expression> newChildren) {
    return this;
  }

  @Override
  public ColumnVector evaluate(Batch input, EvalContext context) {
    return repeat(input.numRows());
  }

  /** A vector holding this value {@code rows} times. */
  public ColumnVector repeat(int rows) {
    ColumnVector primitive = repeatPrimitive(rows);
    if (primitive != null) {
      return primitive;
    }
    VectorBuilder b = VectorBuilder.forType(dataType, rows);
    for (int i = 0; i < rows; i++) {
      b.append(value);
    }
    return b.build();
  }

  /** The vector for a non-null boolean, int, date, bigint, double or interval, filled without boxing; else null. */
  private ColumnVector repeatPrimitive(int rows) {
    if (value == null) {
      return null;
    }
    if (DataTypes.storedAsInt(dataType)) {
      int[] v = new int[rows];
      java.util.Arrays.fill(v, value instanceof java.time.LocalDate d ? (int) d.toEpochDay()
          : value instanceof Period p ? IntervalFormat.months(p) : ((Number) value).intValue());
      return new IntVector(dataType, v, null, rows);
    }
    if ((dataType instanceof LongType || dataType instanceof DayTimeIntervalType)
        && (value instanceof Number || value instanceof Duration)) {
      long[] v = new long[rows];
      java.util.Arrays.fill(v, value instanceof Duration d ? IntervalFormat.micros(d) : ((Number) value).longValue());
      return new LongVector(dataType, v, null, rows);
    }
    if (dataType instanceof DoubleType) {
      double[] v = new double[rows];
      java.util.Arrays.fill(v, ((Number) value).doubleValue());
      return new DoubleVector(v, null, rows);
    }
    if (dataType instanceof BooleanType) {
      boolean[] v = new boolean[rows];
      java.util.Arrays.fill(v, (Boolean) value);
      return new BooleanVector(v, null, rows);
    }
    return null;
  }

  @Override
  public String sql() {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof byte[] b) {
      return "X'" + java.util.HexFormat.of().withUpperCase().formatHex(b) + "'";
    }
    return dataType instanceof StringType ? "'" + value + "'"
        : ValueFormat.toDisplayString(value, dataType, java.time.ZoneOffset.UTC);
  }
}
