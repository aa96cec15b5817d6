package io.ember.core.expr;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.Row;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds small batches and evaluates expressions over them. */
final class ExprFixtures {
  static final EvalContext ANSI = new EvalContext(true, ZoneOffset.UTC, 0L);
  static final EvalContext LEGACY = new EvalContext(false, ZoneOffset.UTC, 0L);

  private ExprFixtures() {}

  /** A one-column batch named {@code c} of {@code type} holding {@code values}. */
  static Batch column(DataType type, Object... values) {
    StructType schema = DataTypes.struct(DataTypes.field("c", type));
    List<Row> rows = new ArrayList<>();
    for (Object v : values) {
      rows.add(Row.of(v));
    }
    return Batch.fromRows(schema, rows);
  }

  /** A two-column batch {@code a}, {@code b}; {@code pairs} alternates a and b values. */
  static Batch columns(DataType a, DataType b, Object... pairs) {
    StructType schema = DataTypes.struct(DataTypes.field("a", a), DataTypes.field("b", b));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      rows.add(Row.of(pairs[i], pairs[i + 1]));
    }
    return Batch.fromRows(schema, rows);
  }

  static ColumnRef col(Batch b, int index) {
    StructField f = b.schema().field(index);
    return new ColumnRef(index, f.name(), f.dataType(), f.nullable());
  }

  /** A literal whose type follows the Java value (BigDecimal keeps its precision and scale). */
  static Literal lit(Object v) {
    if (v == null) {
      return new Literal(null, DataTypes.NULL);
    }
    DataType t;
    if (v instanceof Integer) {
      t = DataTypes.INTEGER;
    } else if (v instanceof Long) {
      t = DataTypes.LONG;
    } else if (v instanceof Double) {
      t = DataTypes.DOUBLE;
    } else if (v instanceof Boolean) {
      t = DataTypes.BOOLEAN;
    } else if (v instanceof String) {
      t = DataTypes.STRING;
    } else if (v instanceof BigDecimal d) {
      t = DataTypes.decimal(Math.max(d.precision(), d.scale()), d.scale());
    } else if (v instanceof LocalDate) {
      t = DataTypes.DATE;
    } else if (v instanceof Instant) {
      t = DataTypes.TIMESTAMP;
    } else {
      throw new IllegalArgumentException("No literal type for " + v);
    }
    return new Literal(v, t);
  }

  static List<Object> eval(Expression e, Batch input, EvalContext ctx) {
    ColumnVector v = e.evaluate(input, ctx);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      out.add(v.get(i));
    }
    return out;
  }

  /** Evaluates {@code e} (over literals only) on one row. */
  static Object value(Expression e, EvalContext ctx) {
    return eval(e, column(DataTypes.INTEGER, 0), ctx).get(0);
  }

  static Object value(Expression e) {
    return value(e, ANSI);
  }

  static List<Object> list(Object... values) {
    return Arrays.asList(values);
  }
}
