package io.ember.operators.join;

import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;

/**
 * A stream-static join whose static side the task reads itself, and reads again at an epoch's first rows when it
 * changed ({@link StaticRelation#version()}), as Spark re-plans the batch side of a stream-static join for every
 * micro-batch. The single input is the stream; {@code join} is the hash join of the stream (the probe side) with
 * the static rows (its build side, {@link HashJoinSpec#buildSide()}), never spilled. Every task holds the whole
 * static side, so the stream needs no exchange.
 *
 * <p>State: the static rows are not checkpointed. A task restored from a snapshot (a recovery, a restart from a
 * checkpoint location) reads the static side as it is then, so a replayed epoch may join with newer static rows
 * than it did the first time, as in Spark, where a re-run micro-batch plans its batch side anew.
 *
 * @param join the hash join, its build side the static one, not spillable
 * @param staticSide the static rows, in the schema of {@code join}'s build side
 */
public record StreamStaticJoinSpec(HashJoinSpec join, StaticRelation staticSide) implements OperatorSpec {
  public StreamStaticJoinSpec {
    StructType build = join.buildSide() == BuildSide.LEFT ? join.leftSchema() : join.rightSchema();
    if (!build.equals(staticSide.schema())) {
      throw new IllegalArgumentException("The static side's schema " + staticSide.schema().simpleString()
          + " is not the join's build schema " + build.simpleString());
    }
    if (join.spillable()) {
      join = join.withSpillable(false);
    }
  }

  @Override
  public Operator create() {
    return new StreamStaticJoinOperator(this);
  }

  @Override
  public StructType outputSchema() {
    return join.outputSchema();
  }

  @Override
  public String explain() {
    return "StreamStatic" + join.explain() + " static=[" + staticSide.explain() + "]";
  }
}
