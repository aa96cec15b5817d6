package io.ember.operators.join;

import io.ember.core.data.Batch;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.Output;

/**
 * Runs a {@link StreamStaticJoinSpec}: a {@link HashJoinOperator} whose build side is the static relation, read by
 * this operator and read again when an epoch's first non-empty batch arrives and the relation's
 * {@linkplain StaticRelation#version() version} differs from the one read. The stream's batches are the hash join's
 * probe input. So each epoch of a task joins with one version of the static side, the one found when the epoch's
 * first rows reached the task; a static side whose version does not change costs one version check per epoch with
 * rows, and nothing is read again.
 *
 * <p>The operator has no state to snapshot: the static rows are not checkpointed, and a task started anew (a
 * recovery, a restart from a checkpoint location) reads the static side as it is then, at its first batch.
 */
final class StreamStaticJoinOperator implements Operator {
  private final StreamStaticJoinSpec spec;
  private OperatorContext context;
  /** The hash join over the static rows of {@link #version}; null before the first read and after a restore. */
  private HashJoinOperator join;
  private Object version;
  /** True when the next non-empty batch starts an epoch, so the static side's version is checked first. */
  private boolean checkVersion = true;
  private long reads;

  StreamStaticJoinOperator(StreamStaticJoinSpec spec) {
    this.spec = spec;
  }

  @Override
  public void open(OperatorContext context) {
    this.context = context;
  }

  @Override
  public void process(int input, Batch batch, Output out) {
    if (batch.numRows() == 0) {
      return;
    }
    if (checkVersion || join == null) {
      checkVersion = false;
      refresh();
    }
    join.process(1, batch, out);
  }

  /** Reads the static side again when its version changed (or was never read). */
  private void refresh() {
    Object now = spec.staticSide().version();
    if (join != null && now.equals(version)) {
      return;
    }
    releaseJoin();
    HashJoinOperator fresh = new HashJoinOperator(spec.join());
    fresh.open(context);
    try {
      spec.staticSide().read(now, context, rows -> fresh.process(0, rows, ignored -> { }));
      fresh.endOfInput(0, ignored -> { });
    } catch (RuntimeException e) {
      fresh.close();
      throw e;
    }
    join = fresh;
    version = now;
    reads++;
  }

  /** The number of times the static side was read (for tests and metrics). */
  long reads() {
    return reads;
  }

  @Override
  public void endOfEpoch(long epoch, Output out) {
    checkVersion = true;
  }

  @Override
  public void endOfInput(int input, Output out) {
    if (join != null) {
      join.endOfInput(1, out);
    }
  }

  @Override
  public void close() {
    releaseJoin();
  }

  private void releaseJoin() {
    if (join != null) {
      join.close();
      join = null;
      version = null;
    }
  }
}
