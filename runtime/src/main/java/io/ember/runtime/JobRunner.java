package io.ember.runtime;

import io.ember.runtime.graph.JobGraph;

/**
 * Runs physical plans. The local implementation is one Pekko actor system in this JVM; the cluster one
 * spreads the same tasks over nodes. A runner is long-lived (one per session) and runs many jobs.
 */
public interface JobRunner extends AutoCloseable {
  /**
   * Runs {@code graph} until every source ended and every sink committed, or until a task fails.
   *
   * @return statistics of the finished job
   * @throws io.ember.core.errors.EmberException the failing task's error (its original type, so a
   *     division by zero surfaces as {@code EmberArithmeticException}); every task of the job is stopped
   *     before this returns
   */
  JobResult run(JobGraph graph, JobConfig config);

  /**
   * Starts {@code graph} as a streaming job and returns at once. Sources listed in
   * {@code streamingSources} (vertex ids) are the job's streams: their tasks receive epoch barriers and their
   * rows count as input; any other source (the static side of a stream-static join) is read once, as in a
   * batch job, and takes no part in epochs. Sinks commit per epoch (idempotently, see
   * {@link io.ember.connectors.sink.Sink}); {@code listener} hears about each committed epoch. Every epoch (or one
   * per {@link StreamingSettings#checkpointInterval()}) is checkpointed in memory before its sinks commit, and a
   * failed task is recovered from it (up to {@link StreamingSettings#maxTaskFailures()} times); with
   * {@link StreamingSettings#checkpoint()} epochs are also written to a checkpoint location, and the job may resume
   * from a checkpointed epoch ({@link StreamingCheckpoint}).
   *
   * @throws io.ember.core.errors.EmberException when the job cannot start (a sink's setup fails)
   */
  StreamingJob startStreaming(JobGraph graph, java.util.Set<Integer> streamingSources, JobConfig config,
      StreamingSettings settings, EpochListener listener);

  /** The default parallelism of this runner ({@code N} of {@code local[N]}). */
  int defaultParallelism();

  /** Stops the actor system; running jobs fail. */
  @Override
  void close();
}
