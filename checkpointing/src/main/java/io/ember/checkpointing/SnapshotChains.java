package io.ember.checkpointing;

import io.ember.core.errors.EmberRuntimeException;
import io.ember.operators.OperatorStates;
import io.ember.operators.state.ChunkedBytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Materializes chains of {@link TaskSnapshot}s: a full snapshot and the deltas after it, each on the one before,
 * become one full snapshot of the last epoch. Replica stores and the checkpoint location keep chains and hand out
 * materialized snapshots, and compact chains with {@link #materialize} when their {@link CompactionPolicy} says
 * (Spark's state store keeps {@code N.delta} files and writes an {@code N.snapshot} after
 * {@code spark.sql.streaming.stateStore.minDeltasForSnapshot} versions the same way).
 */
public final class SnapshotChains {
  /** Spark's default of {@code spark.sql.streaming.stateStore.minDeltasForSnapshot} ({@link CompactionPolicy#DEFAULT_MIN_DELTAS}). */
  public static final int DEFAULT_MIN_DELTAS_FOR_SNAPSHOT = CompactionPolicy.DEFAULT_MIN_DELTAS;

  private SnapshotChains() {}

  /**
   * The full snapshot equal to {@code chain}: the last element's epoch and source offsets, and per operator the
   * state its chain of states gives ({@link OperatorStates#compact}: read through small buffers, written in chunks).
   * A single full snapshot is returned as is.
   *
   * @throws CheckpointCorruptException when the chain does not start with a full snapshot, mixes tasks or is not
   *     linked (each delta on the epoch before it), or an operator's states cannot be read
   */
  public static TaskSnapshot materialize(List<TaskSnapshot> chain) {
    TaskSnapshot last = chain.get(chain.size() - 1);
    if (chain.get(0).isDelta()) {
      throw new CheckpointCorruptException("The chain of snapshots of " + last.key() + " up to epoch " + last.epoch()
          + " starts with a delta on epoch " + chain.get(0).baseEpoch() + ", which is missing.");
    }
    for (int i = 1; i < chain.size(); i++) {
      TaskSnapshot s = chain.get(i);
      TaskSnapshot before = chain.get(i - 1);
      if (!s.key().equals(before.key()) || !s.isDelta() || s.baseEpoch() != before.epoch()
          || s.operatorStates().size() != before.operatorStates().size()) {
        throw new CheckpointCorruptException("The snapshot of " + s.key() + " at epoch " + s.epoch() + " is not a"
            + " delta on the snapshot of " + before.key() + " at epoch " + before.epoch() + ".");
      }
    }
    if (chain.size() == 1) {
      return last;
    }
    int operators = last.operatorStates().size();
    List<ChunkedBytes> states = new ArrayList<>(operators);
    for (int k = 0; k < operators; k++) {
      states.add(operatorState(chain, k));
    }
    return new TaskSnapshot(last.key(), last.epoch(), states, last.sourceOffsets());
  }

  /** Operator {@code k}'s state at the chain's end: its states back to (and from) its last full one, compacted. */
  private static ChunkedBytes operatorState(List<TaskSnapshot> chain, int k) {
    List<ChunkedBytes> states = new ArrayList<>();
    for (int i = chain.size() - 1; i >= 0; i--) {
      ChunkedBytes s = chain.get(i).operatorStates().get(k);
      if (s == null) {
        if (states.isEmpty()) {
          return null; // the operator holds nothing now
        }
        break;
      }
      states.add(0, s);
      if (!isDelta(s, chain.get(i), k)) {
        return OperatorStates.compact(states);
      }
    }
    TaskSnapshot last = chain.get(chain.size() - 1);
    throw new CheckpointCorruptException("The state of operator " + k + " of " + last.key() + " at epoch "
        + last.epoch() + " is a delta whose base is not in its chain.");
  }

  private static boolean isDelta(ChunkedBytes state, TaskSnapshot of, int k) {
    try {
      return OperatorStates.isDelta(state);
    } catch (EmberRuntimeException e) {
      throw new CheckpointCorruptException("The state of operator " + k + " of " + of.key() + " at epoch "
          + of.epoch() + " cannot be read: " + e.getMessage(), e);
    }
  }
}
