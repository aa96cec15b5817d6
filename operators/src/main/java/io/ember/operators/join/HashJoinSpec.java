package io.ember.operators.join;

import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.types.StructField;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A hash join of two inputs: input 0 is the build side, buffered whole within the task's
 * {@link io.ember.operators.memory.MemoryBudget} (it must end before the probe side is read); input 1 is the
 * probe side, streamed. {@link #buildSide()} says which of left and right is built; every join type runs
 * with either (see {@link BuildSide} for the planner's choice). Rows of the build side that must appear
 * unmatched (outer joins preserving it, or semi/anti joins building the left side) are emitted at the end
 * of the probe input.
 *
 * <p>Rows match when their equi keys are equal (a null key never matches, as in SQL) and the optional
 * {@code condition}, evaluated over the joined row (left columns then right columns), is true. Without equi
 * keys the join is a nested loop over the buffered build side. The output is the left columns then the right
 * columns, with the nullability of a side widened when the other side is preserved; semi and anti joins
 * output the left columns only.
 *
 * <p>A snapshot holds the build rows (buffered or indexed) and which of them matched; the index is rebuilt
 * on restore. The probe side holds no state between batches.
 *
 * <p>When {@link #spillable()} (a batch query: both inputs bounded) and there are equi keys, a build side past the
 * budget is not an error: the join becomes a grace hash join that partitions both sides to the spill directory by key
 * hash and joins one partition at a time, emitting everything at the end of the probe input (see
 * {@code GraceJoinSpill}). A join probed by a stream (stream-static) is not spillable: its build side must fit.
 *
 * @param joinType the join type
 * @param leftSchema the left input's schema
 * @param rightSchema the right input's schema
 * @param leftKeys the equi keys over the left input; may be empty
 * @param rightKeys the equi keys over the right input, one per left key and of the same type
 * @param condition a boolean expression over the joined row (left then right columns), or null
 * @param buildSide which side is input 0
 * @param spillable whether the build side may spill to disk (batch queries only: the probe side's output is then
 *     held back until its end, and the operator takes no snapshot while spilled)
 */
public record HashJoinSpec(
    JoinType joinType,
    StructType leftSchema,
    StructType rightSchema,
    List<Expression> leftKeys,
    List<Expression> rightKeys,
    Expression condition,
    BuildSide buildSide,
    boolean spillable)
    implements OperatorSpec {
  public HashJoinSpec {
    leftKeys = List.copyOf(leftKeys);
    rightKeys = List.copyOf(rightKeys);
    JoinSpecs.checkKeysAndCondition(leftKeys, rightKeys, condition);
  }

  /** A spillable join (a batch query's). */
  public HashJoinSpec(JoinType joinType, StructType leftSchema, StructType rightSchema, List<Expression> leftKeys,
      List<Expression> rightKeys, Expression condition, BuildSide buildSide) {
    this(joinType, leftSchema, rightSchema, leftKeys, rightKeys, condition, buildSide, true);
  }

  /** This join with {@link #spillable()} set to {@code spill}. */
  public HashJoinSpec withSpillable(boolean spill) {
    return new HashJoinSpec(joinType, leftSchema, rightSchema, leftKeys, rightKeys, condition, buildSide, spill);
  }

  /** An equi-join on input column indices: {@code left[leftColumns[i]] = right[rightColumns[i]]}. */
  public static HashJoinSpec onColumns(
      JoinType joinType, StructType leftSchema, StructType rightSchema, int[] leftColumns, int[] rightColumns,
      BuildSide buildSide) {
    return new HashJoinSpec(
        joinType, leftSchema, rightSchema, refs(leftSchema, leftColumns), refs(rightSchema, rightColumns), null, buildSide);
  }

  private static List<Expression> refs(StructType schema, int[] columns) {
    List<Expression> out = new ArrayList<>(columns.length);
    for (int c : columns) {
      StructField f = schema.field(c);
      out.add(new ColumnRef(c, f.name(), f.dataType(), f.nullable()));
    }
    return out;
  }

  /** Whether rows are matched by hashing equi keys (else by a nested loop). */
  public boolean hasEquiKeys() {
    return !leftKeys.isEmpty();
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
  public Operator create() {
    return new HashJoinOperator(this);
  }

  @Override
  public StructType outputSchema() {
    return JoinSpecs.outputSchema(joinType, leftSchema, rightSchema);
  }

  @Override
  public String explain() {
    String l = JoinSpecs.keyList(leftKeys);
    String r = JoinSpecs.keyList(rightKeys);
    String kind = hasEquiKeys() ? "HashJoin" : "NestedLoopJoin";
    return kind + "(" + joinType.sqlName() + (hasEquiKeys() ? ", leftKeys=" + l + ", rightKeys=" + r : "")
        + (condition == null ? "" : ", condition=" + condition.sql()) + ", build=" + buildSide.name().toLowerCase()
        + ")";
  }
}
