package io.ember.operators.stream.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.expr.BinaryArithmetic;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.Literal;
import io.ember.core.expr.datetime.TimestampAddInterval;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DayTimeIntervalType;
import io.ember.core.types.StructType;
import io.ember.operators.stream.join.JoinStateWatermarks.Bound;
import io.ember.operators.stream.join.JoinStateWatermarks.Side;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinStateWatermarksTest {
  private static final long SEC = 1_000_000L;
  private static final StructType WINDOW = DataTypes.struct(
      DataTypes.field("start", DataTypes.TIMESTAMP), DataTypes.field("end", DataTypes.TIMESTAMP));
  private static final StructType LEFT = DataTypes.struct(
      DataTypes.field("lid", DataTypes.INTEGER), DataTypes.field("lts", DataTypes.TIMESTAMP),
      DataTypes.field("lwin", WINDOW), DataTypes.field("lother", DataTypes.TIMESTAMP));
  private static final StructType RIGHT = DataTypes.struct(
      DataTypes.field("rid", DataTypes.INTEGER), DataTypes.field("rts", DataTypes.TIMESTAMP),
      DataTypes.field("rwin", WINDOW));

  private static final Expression LID = new ColumnRef(0, "lid", DataTypes.INTEGER, true);
  private static final Expression LTS = new ColumnRef(1, "lts", DataTypes.TIMESTAMP, true);
  private static final Expression LWIN = new ColumnRef(2, "lwin", WINDOW, true);
  private static final Expression LOTHER = new ColumnRef(3, "lother", DataTypes.TIMESTAMP, true);
  private static final Expression RID = new ColumnRef(0, "rid", DataTypes.INTEGER, true);
  private static final Expression RWIN = new ColumnRef(2, "rwin", WINDOW, true);
  /** The right columns as the joined row (left then right) sees them. */
  private static final Expression J_RID = new ColumnRef(4, "rid", DataTypes.INTEGER, true);
  private static final Expression J_RTS = new ColumnRef(5, "rts", DataTypes.TIMESTAMP, true);

  private static Expression seconds(Expression ts) {
    return Expressions.cast(ts, DataTypes.DOUBLE);
  }

  private static Expression plusSeconds(Expression ts, int s) {
    return Expressions.add(seconds(ts), new Literal(s, DataTypes.INTEGER));
  }

  private static JoinStateWatermarks derive(Expression condition) {
    return JoinStateWatermarks.derive(LEFT, RIGHT, List.of(LID), List.of(RID), condition, 1, 1);
  }

  @Test
  void betweenGivesEachSideItsOwnBound() {
    // lts BETWEEN rts - 10 minutes AND rts + 5 minutes (in seconds through casts to double)
    Expression c = Expressions.between(seconds(LTS), plusSeconds(J_RTS, -600), plusSeconds(J_RTS, 300));
    JoinStateWatermarks w = derive(c);
    assertEquals(new Side(-1, List.of(new Bound(1.0, -600 * SEC))), w.left());
    assertEquals(new Side(-1, List.of(new Bound(1.0, -300 * SEC))), w.right());
    long wm = 10_000 * SEC;
    assertEquals(wm - 600 * SEC, w.left().threshold(wm));
    assertEquals(wm - 300 * SEC, w.right().threshold(wm));
    assertEquals("left: eventTime <= min(W - 600000000), right: eventTime <= min(W - 300000000)", w.describe());
  }

  @Test
  void strictAndReversedComparisonsGiveTheSameBounds() {
    // rts > lts AND rts < lts + 1 hour  (Spark's impressions and clicks, with > and <)
    Expression strict = Expressions.and(
        Expressions.greaterThan(seconds(J_RTS), seconds(LTS)),
        Expressions.lessThan(seconds(J_RTS), plusSeconds(LTS, 3600)));
    // lts < rts AND lts + 1 hour >= rts
    Expression reversed = Expressions.and(
        Expressions.lessThan(seconds(LTS), seconds(J_RTS)),
        Expressions.greaterThanOrEqual(plusSeconds(LTS, 3600), seconds(J_RTS)));
    for (Expression c : List.of(strict, reversed)) {
      JoinStateWatermarks w = derive(c);
      assertEquals(List.of(new Bound(1.0, -3600 * SEC)), w.left().valueBounds());
      assertEquals(List.of(new Bound(1.0, 0)), w.right().valueBounds());
    }
  }

  @Test
  void timestampsWithoutCastsAndIntervalConstantsAreInMicroseconds() {
    Expression upper = new BinaryArithmetic(BinaryArithmetic.Op.ADD, J_RTS,
        new Literal(Duration.ofMinutes(10), DataTypes.LONG), DataTypes.TIMESTAMP);
    JoinStateWatermarks w = derive(Expressions.lessThanOrEqual(LTS, upper));
    assertEquals(Side.NONE, w.left()); // lts <= rts + 10 min bounds only the right side
    assertEquals(List.of(new Bound(1.0, -600 * SEC)), w.right().valueBounds());
    JoinStateWatermarks eq = derive(Expressions.equalTo(LTS, J_RTS));
    assertEquals(List.of(new Bound(1.0, 0)), eq.left().valueBounds());
    assertEquals(List.of(new Bound(1.0, 0)), eq.right().valueBounds());
  }

  @Test
  void severalBoundsOnASideCombineByMinimum() {
    Expression c = Expressions.and(
        Expressions.lessThanOrEqual(seconds(J_RTS), plusSeconds(LTS, 60)),
        Expressions.lessThanOrEqual(seconds(J_RTS), plusSeconds(LTS, 120)));
    Side left = derive(c).left();
    assertEquals(2, left.valueBounds().size());
    assertEquals(1000 * SEC - 120 * SEC, left.threshold(1000 * SEC));
  }

  @Test
  void conjunctsThatAreNotTimeConstraintsAreIgnored() {
    Expression c = Expressions.and(
        Expressions.greaterThan(LID, J_RID),
        Expressions.and(
            Expressions.lessThanOrEqual(seconds(J_RTS), plusSeconds(LOTHER, 60)), // not the event-time column
            Expressions.lessThanOrEqual(Expressions.multiply(seconds(J_RTS), seconds(LTS)), plusSeconds(LTS, 1))));
    assertEquals(JoinStateWatermarks.NONE, derive(c));
    assertFalse(derive(null).left().evicts());
  }

  @Test
  void aSideWithoutAWatermarkGetsNoValueBound() {
    Expression c = Expressions.lessThanOrEqual(seconds(J_RTS), plusSeconds(LTS, 60));
    JoinStateWatermarks w = JoinStateWatermarks.derive(LEFT, RIGHT, List.of(LID), List.of(RID), c, 1, -1);
    assertEquals(JoinStateWatermarks.NONE, w);
  }

  @Test
  void anEventTimeJoinKeyEvictsBothSidesByTheKey() {
    JoinStateWatermarks w = JoinStateWatermarks.derive(
        LEFT, RIGHT, List.of(LID, LWIN), List.of(RID, RWIN), null, 2, 2);
    assertEquals(new Side(1, List.of()), w.left());
    assertEquals(new Side(1, List.of()), w.right());
    assertTrue(w.right().evicts());
    assertEquals(77, w.left().threshold(77));
    // as in Spark, a watermarked key on one side is enough
    JoinStateWatermarks oneSided = JoinStateWatermarks.derive(
        LEFT, RIGHT, List.of(LWIN), List.of(RWIN), null, 2, -1);
    assertEquals(new Side(0, List.of()), oneSided.right());
  }

  @Test
  void boundsRoundDownAndSaturate() {
    assertEquals(Long.MIN_VALUE, new Bound(1.0, -10).threshold(Long.MIN_VALUE + 5));
    assertEquals(Long.MAX_VALUE, new Bound(1.0, 10).threshold(Long.MAX_VALUE - 5));
    assertEquals(1_000_000 * 2 + 1, new Bound(1.0, 1).threshold(2_000_000));
    // another unit: floor, then one microsecond less, so rounding never evicts a row that could still match
    assertEquals(1_999_999, new Bound(2.0, 0.5).threshold(1_000_000));
  }

  @Test
  void timestampPlusDayTimeIntervalLiteralsGiveBoundsInMicroseconds() {
    DayTimeIntervalType hour = new DayTimeIntervalType(DayTimeIntervalType.HOUR, DayTimeIntervalType.HOUR);
    DayTimeIntervalType minute = new DayTimeIntervalType(DayTimeIntervalType.MINUTE, DayTimeIntervalType.MINUTE);
    // rts >= lts AND rts <= lts + INTERVAL 1 HOUR (Spark's impressions and clicks)
    Expression upper = Expressions.add(LTS, new Literal(Duration.ofHours(1), hour));
    assertInstanceOf(TimestampAddInterval.class, upper);
    JoinStateWatermarks w = derive(Expressions.and(
        Expressions.greaterThanOrEqual(J_RTS, LTS), Expressions.lessThanOrEqual(J_RTS, upper)));
    assertEquals(List.of(new Bound(1.0, -3600 * SEC)), w.left().valueBounds());
    assertEquals(List.of(new Bound(1.0, 0)), w.right().valueBounds());

    // lts BETWEEN rts - INTERVAL 10 MINUTES AND rts + (INTERVAL 1 HOUR + INTERVAL 30 MINUTES)
    Expression lower = Expressions.subtract(J_RTS, new Literal(Duration.ofMinutes(10), minute));
    Expression later = Expressions.add(J_RTS, Expressions.add(new Literal(Duration.ofHours(1), hour),
        new Literal(Duration.ofMinutes(30), minute)));
    JoinStateWatermarks between = derive(Expressions.between(LTS, lower, later));
    assertEquals(List.of(new Bound(1.0, -600 * SEC)), between.left().valueBounds());
    assertEquals(List.of(new Bound(1.0, -5400 * SEC)), between.right().valueBounds());

    // a year-month interval has no fixed length: no bound
    Expression months = Expressions.add(LTS, new Literal(java.time.Period.ofMonths(1), DataTypes.YEAR_MONTH_INTERVAL));
    assertFalse(derive(Expressions.and(Expressions.greaterThanOrEqual(J_RTS, LTS),
        Expressions.lessThanOrEqual(J_RTS, months))).left().evicts());
  }
}
