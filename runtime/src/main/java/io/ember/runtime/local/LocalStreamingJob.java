package io.ember.runtime.local;

import io.ember.runtime.StreamingJob;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The handle of a streaming job run by a {@link StreamingCoordinator}; also owns the job's commit thread (a
 * daemon named after the job), on which sink commits and the epoch listener run.
 */
final class LocalStreamingJob implements StreamingJob {
  private final CompletableFuture<Void> termination = new CompletableFuture<>();
  private final AtomicLong lastCommitted;
  private final ExecutorService commitThread;
  private volatile Thread commitThreadRef;
  private volatile ActorRef<JobCoordinator.Command> coordinator;

  LocalStreamingJob(String jobName, long firstEpoch) {
    this.lastCommitted = new AtomicLong(firstEpoch - 1);
    this.commitThread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "ember-commit-" + jobName);
      t.setDaemon(true);
      commitThreadRef = t;
      return t;
    });
  }

  void attach(ActorRef<JobCoordinator.Command> ref) {
    this.coordinator = ref;
  }

  ExecutorService commitThread() {
    return commitThread;
  }

  void committed(long epoch) {
    lastCommitted.set(epoch);
  }

  CompletableFuture<Void> terminationFuture() {
    return termination;
  }

  @Override
  public CompletableFuture<Void> termination() {
    return termination.copy();
  }

  @Override
  public void stop() {
    if (termination.isDone()) {
      return;
    }
    coordinator.tell(StreamingCoordinator.Stop.INSTANCE);
    if (Thread.currentThread() != commitThreadRef) {
      termination.handle((v, e) -> null).join();
    }
  }

  @Override
  public CompletableFuture<Void> awaitAllAvailable() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (termination.isDone()) {
      termination.whenComplete((v, e) -> complete(done, e));
      return done;
    }
    coordinator.tell(new StreamingCoordinator.AwaitAll(done));
    termination.whenComplete((v, e) -> complete(done, e));
    return done;
  }

  private static void complete(CompletableFuture<Void> future, Throwable error) {
    if (error == null) {
      future.complete(null);
    } else {
      future.completeExceptionally(error);
    }
  }

  @Override
  public long lastCommittedEpoch() {
    return lastCommitted.get();
  }
}
