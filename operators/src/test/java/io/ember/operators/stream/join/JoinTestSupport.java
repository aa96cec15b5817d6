package io.ember.operators.stream.join;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;

/** Impressions (left) and clicks (right), as in Spark's programming guide, with times in seconds. */
final class JoinTestSupport {
  static final long SEC = 1_000_000L;
  static final StructType LEFT = DataTypes.struct(
      DataTypes.field("adId", DataTypes.INTEGER), DataTypes.field("impressionTime", DataTypes.TIMESTAMP),
      DataTypes.field("impression", DataTypes.STRING));
  static final StructType RIGHT = DataTypes.struct(
      DataTypes.field("clickAdId", DataTypes.INTEGER), DataTypes.field("clickTime", DataTypes.TIMESTAMP),
      DataTypes.field("click", DataTypes.STRING));
  static final Expression AD_ID = new ColumnRef(0, "adId", DataTypes.INTEGER, true);
  static final Expression CLICK_AD_ID = new ColumnRef(0, "clickAdId", DataTypes.INTEGER, true);
  /** Event times in the joined row (left then right), as seconds. */
  static final Expression IMPRESSION_SECONDS =
      Expressions.cast(new ColumnRef(1, "impressionTime", DataTypes.TIMESTAMP, true), DataTypes.DOUBLE);
  static final Expression CLICK_SECONDS =
      Expressions.cast(new ColumnRef(4, "clickTime", DataTypes.TIMESTAMP, true), DataTypes.DOUBLE);

  private JoinTestSupport() {}

  /** {@code clickTime >= impressionTime AND clickTime <= impressionTime + within seconds}. */
  static Expression clickWithin(int within) {
    return Expressions.and(
        Expressions.greaterThanOrEqual(CLICK_SECONDS, IMPRESSION_SECONDS),
        Expressions.lessThanOrEqual(CLICK_SECONDS,
            Expressions.add(IMPRESSION_SECONDS, new Literal(within, DataTypes.INTEGER))));
  }

  /** {@code clickTime >= impressionTime + lo AND clickTime <= impressionTime + hi}, in seconds. */
  static Expression clickBetween(int lo, int hi) {
    return Expressions.and(
        Expressions.greaterThanOrEqual(CLICK_SECONDS,
            Expressions.add(IMPRESSION_SECONDS, new Literal(lo, DataTypes.INTEGER))),
        Expressions.lessThanOrEqual(CLICK_SECONDS,
            Expressions.add(IMPRESSION_SECONDS, new Literal(hi, DataTypes.INTEGER))));
  }

  /** The impressions/clicks join on the ad id with {@code condition}, both times watermarked. */
  static StreamJoinSpec spec(io.ember.operators.join.JoinType type, Expression condition) {
    return new StreamJoinSpec(type, LEFT, RIGHT, List.of(AD_ID), List.of(CLICK_AD_ID), condition, 1, 1);
  }

  static Batch left(Object... idSecondsName) {
    return rows(LEFT, idSecondsName);
  }

  static Batch right(Object... idSecondsName) {
    return rows(RIGHT, idSecondsName);
  }

  private static Batch rows(StructType schema, Object[] values) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < values.length; i += 3) {
      Object t = values[i + 1];
      rows.add(Row.of(values[i], t == null ? null : ((Number) t).longValue() * SEC, values[i + 2]));
    }
    return Batch.fromRows(schema, rows);
  }

  /** "impression+click" per output row, "null" for a missing side (semi joins: the impression alone). */
  static List<String> describe(List<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(r.size() == 3 ? String.valueOf(r.get(2)) : r.get(2) + "+" + r.get(5));
    }
    return out;
  }
}
