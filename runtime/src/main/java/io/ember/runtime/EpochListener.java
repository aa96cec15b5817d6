package io.ember.runtime;

/**
 * Hears about a streaming job's epochs. Called on the job's commit thread (never an actor thread), one call
 * at a time, in epoch order; the next epoch is not committed before the call returns, so a slow listener
 * slows the job down rather than piling up reports.
 */
public interface EpochListener {
  /** Epoch {@code report.epoch()} is committed in every sink. */
  void onEpochCommitted(EpochReport report);

  /** The job has been idle (no epoch cut) for a while; Spark's {@code onQueryIdle}. Default: nothing. */
  default void onIdle(long lastEpoch) {}
}
