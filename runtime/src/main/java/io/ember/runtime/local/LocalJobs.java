package io.ember.runtime.local;

import io.ember.checkpointing.ReplicaStore;
import io.ember.runtime.EpochListener;
import io.ember.runtime.JobConfig;
import io.ember.runtime.JobResult;
import io.ember.runtime.StreamingJob;
import io.ember.runtime.StreamingSettings;
import io.ember.runtime.graph.JobGraph;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The guardian of a local runtime's actor system: spawns one {@link JobCoordinator} per batch job and one
 * {@link StreamingCoordinator} per streaming job.
 */
public final class LocalJobs {
  private LocalJobs() {}

  /** What the guardian receives. */
  public interface Command {}

  /** Runs {@code graph}; {@code result} completes when the job and all its tasks are done. */
  public record RunJob(JobGraph graph, JobConfig config, CompletableFuture<JobResult> result) implements Command {}

  /**
   * Starts {@code graph} as a streaming job whose task snapshots go into {@code replicas} (the runtime's store,
   * shared by its jobs); {@code started} completes with its handle once it is set up.
   */
  public record StartStreaming(JobGraph graph, Set<Integer> streamingSources, JobConfig config,
      StreamingSettings settings, EpochListener listener, ReplicaStore replicas,
      CompletableFuture<StreamingJob> started) implements Command {}

  /** The guardian behavior; {@code liveTasks} counts task actors alive. */
  public static Behavior<Command> create(AtomicInteger liveTasks) {
    return Behaviors.setup(ctx -> {
      long[] jobs = {0};
      return Behaviors.receive(Command.class)
          .onMessage(RunJob.class, run -> {
            ctx.spawn(JobCoordinator.create(run.graph(), run.config(), run.result(), liveTasks), "job-" + jobs[0]++);
            return Behaviors.same();
          })
          .onMessage(StartStreaming.class, start -> {
            String name = "job-" + jobs[0]++;
            ctx.spawn(StreamingCoordinator.create(name, start.graph(), Set.copyOf(start.streamingSources()),
                start.config(), start.settings(), start.listener(), start.replicas(), start.started(), liveTasks),
                name);
            return Behaviors.same();
          })
          .build();
    });
  }
}
