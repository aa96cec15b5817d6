package io.ember.operators.stream.join;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.expr.And;
import io.ember.core.expr.BinaryArithmetic;
import io.ember.core.expr.Cast;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Comparison;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.IntervalArithmetic;
import io.ember.core.expr.Literal;
import io.ember.core.expr.UnaryNumeric;
import io.ember.core.expr.datetime.TimestampAddInterval;
import io.ember.core.types.DataType;
import io.ember.core.types.DayTimeIntervalType;
import io.ember.core.types.StructType;
import io.ember.core.types.TimestampType;
import io.ember.operators.internal.EventTimes;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When the event-time watermark lets a stream-stream join forget stored rows: the state watermark of each
 * side, derived from the join keys and condition as Spark's {@code StreamingSymmetricHashJoinHelper} and
 * {@code StreamingJoinHelper} derive them. A stored row whose time is at or before its side's state
 * watermark can match no future row of the other side (those are later than the event-time watermark), so it
 * is evicted, and emitted with nulls first if an outer join preserves its side and it never matched.
 *
 * <ul>
 *   <li><b>Key</b>: when an equi-join key is the event-time column of either side (a timestamp, or a window
 *       struct compared by its end), both sides evict rows whose key is at or before the watermark {@code W}.
 *   <li><b>Value</b>: otherwise, from each conjunct of the condition of the form {@code a < b}, {@code a <= b},
 *       {@code a > b}, {@code a >= b} or {@code a = b} whose two sides are linear in the two event-time
 *       columns (timestamps, {@code CAST(t AS DOUBLE)} seconds, numeric or interval constants, {@code +},
 *       {@code -}, negation, multiplication by a constant, {@code timestamp ± day-time interval}). Written as
 *       {@code a·s + b·o + c >= 0} (state-side time {@code s}, other-side time {@code o}), a conjunct with
 *       {@code a > 0} and {@code b < 0} cannot hold for any {@code o > W} once {@code s <= (-c - b·W) / a}: for
 *       {@code leftTime BETWEEN rightTime - 10 minutes AND rightTime + 5 minutes} the left state watermark is
 *       {@code W - 10 min} and the right one {@code W - 5 min}. Several conjuncts bounding a side combine by
 *       minimum, as in Spark.
 * </ul>
 *
 * <p>As in Spark, a side gets a value bound only when it has an event-time column itself, and the other side's
 * term must be the other side's event-time column. Literals of {@link Duration} count as microseconds.
 *
 * @param left the left side's state watermark
 * @param right the right side's state watermark
 */
public record JoinStateWatermarks(Side left, Side right) {
  /** Neither side is ever evicted. */
  public static final JoinStateWatermarks NONE = new JoinStateWatermarks(Side.NONE, Side.NONE);

  /**
   * One side's state watermark.
   *
   * @param keyOrdinal the equi-key whose value rows are evicted by ({@code key <= W}), or -1
   * @param valueBounds when {@code keyOrdinal} is -1: bounds on the side's event-time column, combined by
   *     minimum; empty when rows of the side are never evicted
   */
  public record Side(int keyOrdinal, List<Bound> valueBounds) {
    public static final Side NONE = new Side(-1, List.of());

    public Side {
      valueBounds = List.copyOf(valueBounds);
    }

    /** Whether the watermark ever evicts rows of this side. */
    public boolean evicts() {
      return keyOrdinal >= 0 || !valueBounds.isEmpty();
    }

    /** Rows whose time is at or before this are evicted once the event-time watermark is {@code watermark}. */
    public long threshold(long watermark) {
      if (keyOrdinal >= 0) {
        return watermark;
      }
      long t = Long.MAX_VALUE;
      for (Bound b : valueBounds) {
        t = Math.min(t, b.threshold(watermark));
      }
      return valueBounds.isEmpty() ? Long.MIN_VALUE : t;
    }

    String describe() {
      if (keyOrdinal >= 0) {
        return "key#" + keyOrdinal + " <= W";
      }
      if (valueBounds.isEmpty()) {
        return "none";
      }
      List<String> parts = new ArrayList<>();
      valueBounds.forEach(b -> parts.add(b.toString()));
      return "eventTime <= min(" + String.join(", ", parts) + ")";
    }
  }

  /**
   * A state watermark linear in the event-time watermark: {@code scale · W + offsetMicros}.
   *
   * @param scale the factor on the watermark (1 when both times are in the same unit)
   * @param offsetMicros the constant, in microseconds
   */
  public record Bound(double scale, double offsetMicros) {
    public Bound {
      scale += 0.0; // no negative zeros, so equal bounds are equal records
      offsetMicros += 0.0;
    }

    /** The state watermark for event-time watermark {@code watermark}, rounded down (never evicting too much). */
    public long threshold(long watermark) {
      if (scale == 1.0 && offsetMicros == Math.rint(offsetMicros) && Math.abs(offsetMicros) < 0x1p62) {
        long off = (long) offsetMicros;
        long s = watermark + off;
        return ((watermark ^ s) & (off ^ s)) < 0 ? (off < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : s;
      }
      double t = Math.floor(scale * watermark + offsetMicros) - 1;
      return t >= 0x1p63 ? Long.MAX_VALUE : t <= -0x1p63 ? Long.MIN_VALUE : (long) t;
    }

    @Override
    public String toString() {
      String off = offsetMicros == Math.rint(offsetMicros) ? Long.toString((long) offsetMicros) : Double.toString(offsetMicros);
      return (scale == 1.0 ? "W" : scale + " * W") + (offsetMicros < 0 ? " - " + off.substring(1) : " + " + off);
    }
  }

  /**
   * Derives both sides' state watermarks.
   *
   * @param leftSchema the left input's schema
   * @param rightSchema the right input's schema
   * @param leftKeys the equi keys over the left input
   * @param rightKeys the equi keys over the right input
   * @param condition the residual condition over the joined row (left columns then right columns), or null
   * @param leftEventTimeColumn the left input's watermarked event-time column, or -1
   * @param rightEventTimeColumn the right input's watermarked event-time column, or -1
   */
  public static JoinStateWatermarks derive(StructType leftSchema, StructType rightSchema, List<Expression> leftKeys,
      List<Expression> rightKeys, Expression condition, int leftEventTimeColumn, int rightEventTimeColumn) {
    int keyOrdinal = keyOrdinal(leftKeys, leftEventTimeColumn, leftSchema);
    if (keyOrdinal < 0) {
      keyOrdinal = keyOrdinal(rightKeys, rightEventTimeColumn, rightSchema);
    }
    if (keyOrdinal >= 0) {
      Side side = new Side(keyOrdinal, List.of());
      return new JoinStateWatermarks(side, side);
    }
    int leftSize = leftSchema.size();
    int leftTime = timestampColumn(leftSchema, leftEventTimeColumn);
    int rightTime = timestampColumn(rightSchema, rightEventTimeColumn);
    List<Linear> constraints = new ArrayList<>();
    if (condition != null) {
      collectConstraints(condition, constraints);
    }
    Side left = Side.NONE;
    Side right = Side.NONE;
    if (leftTime >= 0 && rightTime >= 0) {
      left = new Side(-1, bounds(constraints, leftTime, leftSize + rightTime));
      right = new Side(-1, bounds(constraints, leftSize + rightTime, leftTime));
    }
    return new JoinStateWatermarks(left, right);
  }

  /** A description for {@code explain()}. */
  public String describe() {
    return "left: " + left.describe() + ", right: " + right.describe();
  }

  private static int keyOrdinal(List<Expression> keys, int eventTimeColumn, StructType schema) {
    if (eventTimeColumn < 0) {
      return -1;
    }
    for (int k = 0; k < keys.size(); k++) {
      if (keys.get(k) instanceof ColumnRef c && c.index() == eventTimeColumn
          && EventTimes.isEventTimeType(schema.field(eventTimeColumn).dataType())) {
        return k;
      }
    }
    return -1;
  }

  private static int timestampColumn(StructType schema, int column) {
    return column >= 0 && schema.field(column).dataType() instanceof TimestampType ? column : -1;
  }

  /** Bounds on {@code state} (a joined-row column) from constraints {@code e >= 0} that involve {@code other}. */
  private static List<Bound> bounds(List<Linear> constraints, int state, int other) {
    List<Bound> out = new ArrayList<>();
    for (Linear e : constraints) {
      if (e.coefficients.size() != 2) {
        continue;
      }
      Double a = e.coefficients.get(state);
      Double b = e.coefficients.get(other);
      if (a == null || b == null || !(a > 0) || !(b < 0)) {
        continue;
      }
      out.add(new Bound(-b / a, -e.constant / a));
    }
    return out;
  }

  /** Each comparison conjunct of {@code condition} as linear forms that must be {@code >= 0} (or {@code > 0}). */
  private static void collectConstraints(Expression condition, List<Linear> out) {
    if (condition instanceof And and) {
      collectConstraints(and.left(), out);
      collectConstraints(and.right(), out);
      return;
    }
    if (!(condition instanceof Comparison cmp)) {
      return;
    }
    Linear l = linear(cmp.left());
    Linear r = linear(cmp.right());
    if (l == null || r == null) {
      return;
    }
    switch (cmp.op()) {
      case LT, LE -> out.add(r.minus(l));
      case GT, GE -> out.add(l.minus(r));
      case EQ -> {
        out.add(r.minus(l));
        out.add(l.minus(r));
      }
      default -> { }
    }
  }

  /** {@code e} as {@code Σ coefficient · column + constant}, columns being timestamp columns in µs; null if not linear. */
  static Linear linear(Expression e) {
    if (e instanceof ColumnRef c) {
      return c.dataType() instanceof TimestampType ? Linear.column(c.index()) : null;
    }
    if (e instanceof Literal lit) {
      return constant(lit.value());
    }
    if (e instanceof BinaryArithmetic ba) {
      Linear l = linear(ba.left());
      Linear r = linear(ba.right());
      if (l == null || r == null) {
        return null;
      }
      return switch (ba.op()) {
        case ADD -> l.plus(r);
        case SUBTRACT -> l.minus(r);
        case MULTIPLY -> l.coefficients.isEmpty() ? r.times(l.constant) : r.coefficients.isEmpty() ? l.times(r.constant) : null;
        default -> null;
      };
    }
    if (e instanceof TimestampAddInterval add && add.interval().dataType() instanceof DayTimeIntervalType) {
      Linear l = linear(add.timestamp());
      Linear r = linear(add.interval());
      return l == null || r == null ? null : add.subtract() ? l.minus(r) : l.plus(r);
    }
    if (e instanceof IntervalArithmetic ia && ia.dataType() instanceof DayTimeIntervalType) {
      Linear l = linear(ia.left());
      Linear r = ia.right() == null ? null : linear(ia.right());
      return switch (ia.op()) {
        case NEGATE -> l == null ? null : l.times(-1);
        case ADD -> l == null || r == null ? null : l.plus(r);
        case SUBTRACT -> l == null || r == null ? null : l.minus(r);
        default -> null;
      };
    }
    if (e instanceof UnaryNumeric u && u.kind() == UnaryNumeric.Kind.NEGATE) {
      Linear c = linear(u.child());
      return c == null ? null : c.times(-1);
    }
    if (e instanceof Cast cast) {
      Linear c = linear(cast.child());
      DataType from = cast.child().dataType();
      DataType to = cast.dataType();
      if (c == null) {
        return null;
      }
      if (from instanceof TimestampType && to.isNumeric() && !isIntegral(to)) {
        return c.times(1e-6); // timestamp to fractional seconds
      }
      if (from.isNumeric() && to instanceof TimestampType) {
        return c.times(1e6); // seconds to a timestamp
      }
      if (from.isNumeric() && to.isNumeric() && (c.coefficients.isEmpty() || !isIntegral(to))) {
        return c;
      }
      if (from instanceof DayTimeIntervalType f && to instanceof DayTimeIntervalType t && t.endField() >= f.endField()) {
        return c; // wider fields, same microseconds
      }
      return null;
    }
    if (Expressions.isFoldable(e)) {
      try {
        Batch one = new Batch(new StructType(List.of()), new ColumnVector[0], 1);
        return constant(e.evaluate(one, EvalContext.defaults()).get(0));
      } catch (RuntimeException ex) {
        return null;
      }
    }
    return null;
  }

  private static boolean isIntegral(DataType t) {
    return t instanceof io.ember.core.types.IntegerType || t instanceof io.ember.core.types.LongType;
  }

  private static Linear constant(Object value) {
    if (value instanceof Duration d) {
      return new Linear(Map.of(), d.getSeconds() * 1e6 + d.getNano() / 1000);
    }
    if (value instanceof BigDecimal bd) {
      return new Linear(Map.of(), bd.doubleValue());
    }
    if (value instanceof Number n) {
      return new Linear(Map.of(), n.doubleValue());
    }
    return null;
  }

  /** {@code Σ coefficients[column] · column + constant}. */
  record Linear(Map<Integer, Double> coefficients, double constant) {
    static Linear column(int index) {
      return new Linear(Map.of(index, 1.0), 0);
    }

    Linear plus(Linear o) {
      Map<Integer, Double> m = new HashMap<>(coefficients);
      o.coefficients.forEach((k, v) -> m.merge(k, v, Double::sum));
      m.values().removeIf(v -> v == 0.0);
      return new Linear(m, constant + o.constant);
    }

    Linear minus(Linear o) {
      return plus(o.times(-1));
    }

    Linear times(double f) {
      Map<Integer, Double> m = new HashMap<>();
      coefficients.forEach((k, v) -> m.put(k, v * f));
      m.values().removeIf(v -> v == 0.0);
      return new Linear(m, constant * f);
    }
  }
}
