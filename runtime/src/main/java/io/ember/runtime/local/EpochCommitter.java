package io.ember.runtime.local;

import io.ember.checkpointing.CheckpointedEpoch;
import io.ember.checkpointing.EpochMetadata;
import io.ember.checkpointing.ReplicaStore;
import io.ember.checkpointing.TaskSnapshot;
import io.ember.connectors.sink.CommitMessage;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.runtime.EpochListener;
import io.ember.runtime.EpochReport;
import io.ember.runtime.StreamingCheckpoint;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * What a {@link StreamingCoordinator} does on its job's commit thread, one step after another: completes
 * acknowledged epochs (in the replica store and, with a checkpoint location, on disk), commits them in the sinks,
 * prunes older epochs, tells the {@link EpochListener}, aborts epochs that will not be committed, and finds the
 * epoch a recovery rolls back to. Every step reports back to the coordinator through the callbacks it was made
 * with; none throws. Once {@link #ending} is set, queued steps do nothing (but the last one, {@link #finish}).
 */
final class EpochCommitter {
  private final JobGraph graph;
  private final String jobName;
  private final ReplicaStore replicas;
  private final StreamingCheckpoint checkpoint;
  private final EpochListener listener;
  private final LocalStreamingJob handle;
  private final Set<Integer> streamingSources;
  private final AtomicBoolean ending = new AtomicBoolean();
  private final AtomicLong committedInSinks;
  private final LongConsumer committed;
  private final BiConsumer<Throwable, String> failed;

  /**
   * A committer of job {@code jobName}'s epochs; {@code committed} hears each epoch committed in every sink,
   * {@code failed} each failed step with where it failed (both on the commit thread).
   */
  EpochCommitter(JobGraph graph, String jobName, ReplicaStore replicas, StreamingCheckpoint checkpoint,
      EpochListener listener, LocalStreamingJob handle, Set<Integer> streamingSources, long firstEpoch,
      LongConsumer committed, BiConsumer<Throwable, String> failed) {
    this.graph = graph;
    this.jobName = jobName;
    this.replicas = replicas;
    this.checkpoint = checkpoint;
    this.listener = listener;
    this.handle = handle;
    this.streamingSources = streamingSources;
    this.committedInSinks = new AtomicLong(firstEpoch - 1);
    this.committed = committed;
    this.failed = failed;
  }

  /** True once the job ends: queued steps are skipped. */
  boolean ending() {
    return ending.get();
  }

  /** Runs {@code step} on the commit thread after the steps queued before, unless the job is ending by then. */
  void execute(Runnable step) {
    handle.commitThread().execute(() -> {
      if (!ending.get()) {
        step.run();
      }
    });
  }

  /**
   * Before any epoch: commits the restored epoch again in every sink whose commit messages its metadata holds (sinks
   * ignore an epoch they already committed); a sink whose messages could not be stored is left as it is.
   */
  void recommit(EpochMetadata restored) {
    execute(() -> {
      try {
        for (Vertex v : graph.vertices()) {
          if (v instanceof Vertex.SinkVertex sink) {
            List<CommitMessage> messages = new ArrayList<>();
            restored.sinkCommits().forEach((key, bytes) -> {
              if (key.vertexId() == v.id()) {
                messages.add(CommitMessages.decode(bytes));
              }
            });
            if (!messages.isEmpty()) {
              sink.sink().commit(restored.epoch(), messages);
            }
          }
        }
      } catch (Throwable t) {
        failed.accept(t, "commit of restored epoch " + restored.epoch());
      }
    });
  }

  /**
   * Completes the last of the acknowledged {@code epochs} (a checkpointed epoch, see {@link #complete}), then commits
   * each of them in every sink in order (the ones before it are epochs between checkpoints, held back until now),
   * prunes the epochs before the last, and reports each to the listener (the first report with {@code recoveries}).
   */
  void commit(List<EpochTally> epochs, List<EpochReport.Recovery> recoveries) {
    EpochTally last = epochs.get(epochs.size() - 1);
    execute(() -> {
      EpochReport.Checkpoint figures;
      try {
        figures = complete(last);
      } catch (Throwable t) {
        failed.accept(t, "checkpoint of epoch " + last.epoch());
        return;
      }
      List<EpochReport> reports = new ArrayList<>();
      for (EpochTally tally : epochs) {
        try {
          for (Vertex v : graph.vertices()) {
            if (v instanceof Vertex.SinkVertex sink) {
              sink.sink().commit(tally.epoch(), tally.commitsOf(v.id()));
            }
          }
          committedInSinks.set(tally.epoch());
          handle.committed(tally.epoch());
        } catch (Throwable t) {
          failed.accept(t, "commit of epoch " + tally.epoch());
          return;
        }
        reports.add(tally.report(System.currentTimeMillis(), streamingSources, tally == last ? figures : null,
            reports.isEmpty() ? recoveries : List.of()));
      }
      if (checkpoint != null && checkpoint.directory() != null) {
        try {
          checkpoint.directory().markSinksCommitted(last.epoch()); // Spark's commit log: no replay on restart
        } catch (Throwable t) {
          failed.accept(t, "sink commit log of epoch " + last.epoch());
          return;
        }
      }
      try {
        replicas.prune(jobName, last.epoch());
      } catch (Throwable t) {
        failed.accept(t, "pruning before epoch " + last.epoch());
        return;
      }
      for (EpochReport report : reports) {
        try {
          listener.onEpochCommitted(report);
        } catch (Throwable t) {
          failed.accept(t, "listener of epoch " + report.epoch());
          return;
        }
      }
      committed.accept(last.epoch());
    });
  }

  /**
   * Makes the acknowledged epoch complete before its sinks commit: writes it to the checkpoint location (if any;
   * state, offsets, then the commit file), then marks it complete in the replica store.
   */
  private EpochReport.Checkpoint complete(EpochTally tally) {
    EpochMetadata metadata = tally.metadata(checkpoint == null ? jobName : checkpoint.queryId(),
        System.currentTimeMillis());
    if (checkpoint != null && checkpoint.directory() != null) {
      List<TaskSnapshot> snapshots = new ArrayList<>();
      for (EpochMetadata.TaskEntry entry : metadata.tasks()) {
        // as put: a delta stays a delta, the file the metadata lists
        snapshots.add(replicas.getStored(jobName, tally.epoch(), entry.key()).orElseThrow(() ->
            new EmberRuntimeException("INTERNAL_ERROR", "The replica store lost the snapshot of " + entry.key()
                + " at epoch " + tally.epoch())));
      }
      checkpoint.directory().write(metadata, snapshots);
    }
    replicas.markComplete(jobName, metadata);
    return new EpochReport.Checkpoint(tally.epoch(), Math.max(0, System.currentTimeMillis() - tally.cutAtMillis()),
        tally.snapshotBytes(), replicas.memoryBytes());
  }

  /**
   * Recovery: aborts each of {@code uncommitted} in the sinks unless it was committed (a failed abort is logged
   * through {@code warn}), then hands {@code next} the epoch every task rolls back to (see {@link #latestComplete}).
   */
  void rollBack(List<EpochTally> uncommitted, Consumer<RuntimeException> warn, Consumer<CheckpointedEpoch> next) {
    execute(() -> {
      for (EpochTally epoch : uncommitted) {
        if (committedInSinks.get() < epoch.epoch()) {
          RuntimeException aborting = new EmberRuntimeException("INTERNAL_ERROR",
              "Aborting epoch " + epoch.epoch() + " of job " + jobName + " to recover failed");
          abortSinks(epoch, aborting);
          if (aborting.getSuppressed().length > 0) {
            warn.accept(aborting);
          }
        }
      }
      try {
        next.accept(latestComplete());
      } catch (Throwable t) {
        failed.accept(t, "recovery");
      }
    });
  }

  /**
   * The replica store's latest complete epoch, its snapshots read from the store only when a task needs one
   * ({@link CheckpointedEpoch#inReplicaStore}: no chain is materialized for a task that rolls back in place), else
   * the epoch the job started from (its checkpoint's restored epoch), else null (from scratch).
   */
  private CheckpointedEpoch latestComplete() {
    Optional<EpochMetadata> latest = replicas.latestComplete(jobName);
    if (latest.isEmpty()) {
      return checkpoint == null ? null : checkpoint.restoreFrom();
    }
    return CheckpointedEpoch.inReplicaStore(replicas, jobName, latest.get());
  }

  /** Tells the listener the job is idle at {@code epoch}. */
  void idle(long epoch) {
    execute(() -> {
      try {
        listener.onIdle(epoch);
      } catch (Throwable t) {
        failed.accept(t, "listener");
      }
    });
  }

  /**
   * The job ended (every task stopped): skips every queued step; then, on the commit thread, aborts each of
   * {@code uncommitted} unless it was committed, removes the job's snapshots from the replica store, waits for the
   * checkpoint location's background compactions, completes
   * {@code termination} ({@code outcome} null: normally), and shuts the commit thread down.
   */
  void finish(List<EpochTally> uncommitted, RuntimeException outcome, CompletableFuture<Void> termination) {
    ending.set(true);
    try {
      handle.commitThread().execute(() -> {
        for (EpochTally epoch : uncommitted) {
          if (committedInSinks.get() < epoch.epoch()) {
            abortSinks(epoch, outcome);
          }
        }
        try {
          replicas.removeJob(jobName);
        } catch (IllegalStateException closed) {
          // the runtime closed its stores first: nothing of the job is left in them
        }
        if (checkpoint != null && checkpoint.directory() != null) {
          try {
            checkpoint.directory().awaitCompactions(); // nothing writes into the location once the job ended
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        if (outcome == null) {
          termination.complete(null);
        } else {
          termination.completeExceptionally(outcome);
        }
      });
    } finally {
      ExecutorService thread = handle.commitThread();
      thread.shutdown();
    }
  }

  private void abortSinks(EpochTally epoch, RuntimeException failure) {
    for (Vertex v : graph.vertices()) {
      if (v instanceof Vertex.SinkVertex sink) {
        try {
          sink.sink().abort(epoch.epoch(), epoch.commitsOf(v.id()));
        } catch (Throwable t) {
          if (failure != null && failure != t) {
            failure.addSuppressed(t);
          }
        }
      }
    }
  }
}
