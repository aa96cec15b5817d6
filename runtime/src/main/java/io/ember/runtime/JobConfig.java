package io.ember.runtime;

import io.ember.core.expr.EvalContext;
import io.ember.operators.memory.SpillDirectory;
import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.StateBackend;

/**
 * Per-job settings, taken from the session's configuration.
 *
 * @param eval expression context: ANSI mode, time zone, query start
 * @param batchSize the maximum rows per batch sources emit and operators aim for
 * @param memoryBudgetBytes each task's budget for blocking operators ({@code ember.task.memoryBudget})
 * @param creditsPerChannel batches a receiver lets each sender have in flight before it must wait
 * @param stateBackend where stateful streaming operators keep keyed state ({@code ember.streaming.stateStore})
 * @param replicaStore which of the runtime's replica stores a streaming job keeps its task snapshots in
 *     ({@code ember.checkpoint.replicaStore}); batch jobs ignore it
 * @param localDir where blocking operators spill past their budget ({@code ember.local.dir}, see
 *     {@link SpillDirectory#of}); blank for the default
 */
public record JobConfig(EvalContext eval, int batchSize, long memoryBudgetBytes, int creditsPerChannel,
    StateBackend stateBackend, ReplicaStoreKind replicaStore, String localDir) {
  public static final int DEFAULT_CREDITS = 4;

  /** Settings whose keyed state lives on the heap. */
  public JobConfig(EvalContext eval, int batchSize, long memoryBudgetBytes, int creditsPerChannel) {
    this(eval, batchSize, memoryBudgetBytes, creditsPerChannel, HeapStateBackend.INSTANCE);
  }

  /** Settings whose snapshot replicas live in the default store ({@link ReplicaStoreKind#AUTO}). */
  public JobConfig(EvalContext eval, int batchSize, long memoryBudgetBytes, int creditsPerChannel,
      StateBackend stateBackend) {
    this(eval, batchSize, memoryBudgetBytes, creditsPerChannel, stateBackend, ReplicaStoreKind.AUTO);
  }

  /** Settings that spill to the default directory. */
  public JobConfig(EvalContext eval, int batchSize, long memoryBudgetBytes, int creditsPerChannel,
      StateBackend stateBackend, ReplicaStoreKind replicaStore) {
    this(eval, batchSize, memoryBudgetBytes, creditsPerChannel, stateBackend, replicaStore, "");
  }

  public JobConfig {
    localDir = localDir == null ? "" : localDir;
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
    }
    if (creditsPerChannel <= 0) {
      throw new IllegalArgumentException("creditsPerChannel must be positive, got " + creditsPerChannel);
    }
    if (stateBackend == null || replicaStore == null) {
      throw new IllegalArgumentException("A job needs its state backend and replica store");
    }
  }
}
