package io.ember.operators.stream.join;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.expr.Expression;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import io.ember.operators.internal.EventTimes;
import io.ember.operators.join.JoinSpecs;
import io.ember.operators.join.JoinType;
import java.util.List;

/**
 * A stream-stream join, Spark's {@code StreamingSymmetricHashJoinExec}: input 0 is the left stream, input 1
 * the right one, and batches of both arrive interleaved ({@link #readsInputsInOrder()} is false). Each side
 * keeps its rows in keyed state; an arriving row is joined with the rows the other side stored so far (the
 * joined rows are emitted at once) and is then stored on its own side, so every matching pair is emitted
 * exactly once, by whichever of its two rows arrived later. Rows match when their equi keys are equal (a null
 * key never matches) and the optional {@code condition} over the joined row (left columns then right columns)
 * is true.
 *
 * <p>Watermark: rows whose event time is at or before the watermark are dropped as late (per side with an
 * event-time column). When the watermark advances, each side evicts the rows at or before its state watermark
 * ({@link JoinStateWatermarks}), so state stays bounded given a time constraint; without one, state grows
 * forever (Spark too). Rows that arrive already at or before their side's state watermark are joined but not
 * stored.
 *
 * <p>Join types: {@code INNER}; {@code LEFT_OUTER}, {@code RIGHT_OUTER} and {@code FULL_OUTER}, whose preserved
 * side's rows that never matched are emitted once with nulls for the other side when they are evicted (at
 * {@link Operator#onWatermark}; a row that arrives unmatched below its state watermark is emitted so at once),
 * and never if they matched; {@code LEFT_SEMI}, which emits each left row once, when its first match is found.
 * Outer joins need a watermark and a time constraint to ever emit their nulls (the api requires them, as
 * Spark). {@code endOfInput} flushes nothing.
 *
 * @param joinType INNER, LEFT_OUTER, RIGHT_OUTER, FULL_OUTER or LEFT_SEMI
 * @param leftSchema the left input's schema
 * @param rightSchema the right input's schema
 * @param leftKeys the equi keys over the left input
 * @param rightKeys the equi keys over the right input, one per left key and of the same type
 * @param condition a boolean expression over the joined row (left then right columns), or null
 * @param leftEventTimeColumn the left input's watermarked event-time column (timestamp or window), or -1
 * @param rightEventTimeColumn the right input's watermarked event-time column, or -1
 * @param stateWatermarks when each side's rows are evicted; {@link JoinStateWatermarks#derive} by default
 */
public record StreamJoinSpec(
    JoinType joinType,
    StructType leftSchema,
    StructType rightSchema,
    List<Expression> leftKeys,
    List<Expression> rightKeys,
    Expression condition,
    int leftEventTimeColumn,
    int rightEventTimeColumn,
    JoinStateWatermarks stateWatermarks)
    implements OperatorSpec {
  public StreamJoinSpec {
    leftKeys = List.copyOf(leftKeys);
    rightKeys = List.copyOf(rightKeys);
    switch (joinType) {
      case INNER, LEFT_OUTER, RIGHT_OUTER, FULL_OUTER, LEFT_SEMI -> { }
      default -> throw new EmberIllegalArgumentException("INTERNAL_ERROR",
          "A stream-stream join runs Inner, LeftOuter, RightOuter, FullOuter and LeftSemi joins, not "
              + joinType.sqlName());
    }
    JoinSpecs.checkKeysAndCondition(leftKeys, rightKeys, condition);
    checkEventTime(leftSchema, leftEventTimeColumn, "left");
    checkEventTime(rightSchema, rightEventTimeColumn, "right");
    if (stateWatermarks == null) {
      stateWatermarks = JoinStateWatermarks.derive(
          leftSchema, rightSchema, leftKeys, rightKeys, condition, leftEventTimeColumn, rightEventTimeColumn);
    }
  }

  /** A join whose state watermarks are derived from its keys and condition ({@link JoinStateWatermarks#derive}). */
  public StreamJoinSpec(JoinType joinType, StructType leftSchema, StructType rightSchema, List<Expression> leftKeys,
      List<Expression> rightKeys, Expression condition, int leftEventTimeColumn, int rightEventTimeColumn) {
    this(joinType, leftSchema, rightSchema, leftKeys, rightKeys, condition, leftEventTimeColumn, rightEventTimeColumn,
        null);
  }

  private static void checkEventTime(StructType schema, int column, String side) {
    if (column < -1 || column >= schema.size()
        || column >= 0 && !EventTimes.isEventTimeType(schema.field(column).dataType())) {
      throw new EmberIllegalArgumentException("INTERNAL_ERROR",
          "The " + side + " event-time column " + column + " is not a timestamp or window of " + schema.simpleString());
    }
  }

  /** The schema of the joined row that {@link #condition()} reads: left fields then right fields. */
  public StructType joinedSchema() {
    return JoinSpecs.joinedSchema(leftSchema, rightSchema);
  }

  @Override
  public int numInputs() {
    return 2;
  }

  @Override
  public boolean readsInputsInOrder() {
    return false;
  }

  @Override
  public boolean isStateful() {
    return true;
  }

  @Override
  public Operator create() {
    return new StreamJoinOperator(this);
  }

  @Override
  public StructType outputSchema() {
    return JoinSpecs.outputSchema(joinType, leftSchema, rightSchema);
  }

  @Override
  public String explain() {
    String l = JoinSpecs.keyList(leftKeys);
    String r = JoinSpecs.keyList(rightKeys);
    return "StreamingSymmetricHashJoin(" + joinType.sqlName() + ", leftKeys=" + l + ", rightKeys=" + r
        + (condition == null ? "" : ", condition=" + condition.sql()) + ", stateWatermark=["
        + stateWatermarks.describe() + "])";
  }
}
