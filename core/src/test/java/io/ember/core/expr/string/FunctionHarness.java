package io.ember.core.expr.string;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.FunctionRegistry;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds calls through the standard registry and evaluates them over small batches. */
public final class FunctionHarness {
  /** A fixed query start: 2024-03-15 10:30:00 UTC. */
  public static final long QUERY_START = Instant.parse("2024-03-15T10:30:00Z").getEpochSecond() * 1_000_000L;
  public static final EvalContext ANSI = new EvalContext(true, ZoneOffset.UTC, QUERY_START);
  public static final EvalContext LEGACY = new EvalContext(false, ZoneOffset.UTC, QUERY_START);

  private FunctionHarness() {}

  public static EvalContext ansiIn(String zone) {
    return new EvalContext(true, ZoneId.of(zone), QUERY_START);
  }

  public static Expression call(String name, Expression... args) {
    return FunctionRegistry.standard().build(name, Arrays.asList(args));
  }

  public static Literal str(String s) {
    return new Literal(s, DataTypes.STRING);
  }

  public static Literal i(Integer v) {
    return new Literal(v, DataTypes.INTEGER);
  }

  public static Literal l(Long v) {
    return new Literal(v, DataTypes.LONG);
  }

  public static Literal date(String iso) {
    return new Literal(iso == null ? null : LocalDate.parse(iso), DataTypes.DATE);
  }

  /** A timestamp literal from {@code 2024-01-02T03:04:05Z}-style text. */
  public static Literal ts(String instant) {
    return new Literal(instant == null ? null : Instant.parse(instant), DataTypes.TIMESTAMP);
  }

  public static Literal nullOf(DataType t) {
    return new Literal(null, t);
  }

  /** Column {@code index} of the batch, of type {@code t}. */
  public static ColumnRef col(int index, DataType t) {
    return new ColumnRef(index, "c" + index, t, true);
  }

  /** A one-row evaluation of {@code name(args)} under ANSI in UTC. */
  public static Object eval(String name, Expression... args) {
    return evalIn(ANSI, name, args);
  }

  public static Object evalIn(EvalContext ctx, String name, Expression... args) {
    Batch one = new Batch(new StructType(List.of()), new ColumnVector[0], 1);
    ColumnVector v = call(name, args).evaluate(one, ctx);
    return v.get(0);
  }

  /** Evaluates {@code name(c0, rest...)} where column c0 of type {@code type} holds {@code values}. */
  public static List<Object> evalColumn(EvalContext ctx, String name, DataType type, List<?> values, Expression... rest) {
    VectorBuilder b = VectorBuilder.forType(type, values.size());
    for (Object v : values) {
      b.append(v);
    }
    Batch batch = new Batch(DataTypes.struct(DataTypes.field("c0", type)), new ColumnVector[] {b.build()}, values.size());
    List<Expression> args = new ArrayList<>();
    args.add(col(0, type));
    args.addAll(Arrays.asList(rest));
    ColumnVector out = FunctionRegistry.standard().build(name, args).evaluate(batch, ctx);
    List<Object> result = new ArrayList<>(out.size());
    for (int r = 0; r < out.size(); r++) {
      result.add(out.get(r));
    }
    return result;
  }

  public static List<Object> evalColumn(String name, DataType type, List<?> values, Expression... rest) {
    return evalColumn(ANSI, name, type, values, rest);
  }

  /** A list that may hold nulls. */
  public static List<Object> values(Object... v) {
    return Arrays.asList(v);
  }
}
