package io.ember.runtime.local;

import io.ember.checkpointing.EpochMetadata;
import io.ember.core.errors.EmberRuntimeException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A streaming task's epoch acknowledgements that wait for the copies of its snapshots
 * ({@link io.ember.checkpointing.ReplicaStore#putAsync}): the task hands a snapshot to the replica store and goes on
 * processing; the acknowledgement of that epoch, and of every later one, goes to the coordinator only once the copy
 * is stored, in epoch order. The coordinator completes an epoch (and the sinks commit it) only when every task
 * acknowledged it, so it never commits an epoch whose snapshots the replica holders do not hold yet.
 *
 * <p>At most {@link #MAX_COPIES_IN_FLIGHT} copies are under way per task: at its next checkpoint a task with that many
 * waits for the oldest ({@link #awaitOldestCopy}), so a task whose holders are slower than its epochs keeps a bounded
 * number of snapshots in memory and slows to its holders' pace, as it did when every copy was made on its thread.
 * Not thread-safe: the task's actor owns it.
 */
final class EpochAcks {
  /** Copies of one task's snapshots under way at once before the task waits at its next checkpoint. */
  static final int MAX_COPIES_IN_FLIGHT = 2;
  /** The longest a task waits for its oldest copy; the copy itself fails sooner when a holder does not answer. */
  static final Duration COPY_WAIT = Duration.ofMinutes(5);

  private record Waiting(long epoch, CompletableFuture<EpochMetadata.TaskEntry> stored,
      Function<EpochMetadata.TaskEntry, ? extends JobCoordinator.Command> ack) {}

  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

  /**
   * Queues the acknowledgement of {@code epoch}: {@code ack} makes it from the stored copy's entry, once
   * {@code stored} completed (null for an epoch without a snapshot, whose acknowledgement only waits for the ones
   * before it).
   */
  void add(long epoch, CompletionStage<EpochMetadata.TaskEntry> stored,
      Function<EpochMetadata.TaskEntry, ? extends JobCoordinator.Command> ack) {
    waiting.add(new Waiting(epoch, stored == null ? null : stored.toCompletableFuture(), ack));
  }

  /**
   * Reports, in epoch order, every acknowledgement whose copy (and every earlier one) is stored; stops at the first
   * copy still under way.
   *
   * @throws RuntimeException what the first failed copy failed with (its acknowledgement and the later ones are
   *     dropped: the task fails)
   */
  void release(Consumer<JobCoordinator.Command> report) {
    while (!waiting.isEmpty()) {
      Waiting w = waiting.peek();
      if (w.stored() != null && !w.stored().isDone()) {
        return;
      }
      waiting.poll();
      EpochMetadata.TaskEntry entry = null;
      if (w.stored() != null) {
        try {
          entry = w.stored().join();
        } catch (CompletionException e) {
          waiting.clear();
          throw unwrap(e.getCause(), w.epoch());
        }
      }
      report.accept(w.ack().apply(entry));
    }
  }

  /** Whether every acknowledgement was reported. */
  boolean isEmpty() {
    return waiting.isEmpty();
  }

  /** How many copies are under way. */
  int copiesInFlight() {
    int n = 0;
    for (Waiting w : waiting) {
      if (w.stored() != null && !w.stored().isDone()) {
        n++;
      }
    }
    return n;
  }

  /**
   * Waits until the oldest copy under way is done (stored or failed; {@link #release} then tells which).
   *
   * @throws EmberRuntimeException {@code REPLICA_TIMEOUT} when it is not done within {@code timeout}
   */
  void awaitOldestCopy(Duration timeout) {
    for (Waiting w : waiting) {
      if (w.stored() != null && !w.stored().isDone()) {
        try {
          w.stored().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
          return; // done, failed: release reports it
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new EmberRuntimeException("REPLICA_INTERRUPTED", "Interrupted while waiting for the copy of the"
              + " snapshot of epoch " + w.epoch(), e);
        } catch (TimeoutException e) {
          throw new EmberRuntimeException("REPLICA_TIMEOUT", "The copy of the task's snapshot of epoch " + w.epoch()
              + " to its replica holders did not end within " + timeout.toSeconds() + " s", e);
        }
        return;
      }
    }
  }

  /** Forgets every acknowledgement (the task rolls back: they belong to an attempt that is over). */
  void clear() {
    waiting.clear();
  }

  private static RuntimeException unwrap(Throwable cause, long epoch) {
    if (cause instanceof RuntimeException re) {
      return re;
    }
    return new EmberRuntimeException("REPLICA_PUT_FAILED", "The copy of the task's snapshot of epoch " + epoch
        + " failed: " + cause, cause);
  }
}
