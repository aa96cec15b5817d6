package io.ember.runtime.local;

import io.ember.runtime.JobConfig;
import io.ember.runtime.JobResult;
import io.ember.runtime.graph.JobGraph;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** The guardian of a local runtime's actor system: spawns one {@link JobCoordinator} per job. */
public final class LocalJobs {
  private LocalJobs() {}

  /** What the guardian receives. */
  public interface Command {}

  /** Runs {@code graph}; {@code result} completes when the job and all its tasks are done. */
  public record RunJob(JobGraph graph, JobConfig config, CompletableFuture<JobResult> result) implements Command {}

  /** The guardian behavior; {@code liveTasks} counts task actors alive. */
  public static Behavior<Command> create(AtomicInteger liveTasks) {
    return Behaviors.setup(ctx -> {
      long[] jobs = {0};
      return Behaviors.receive(Command.class)
          .onMessage(RunJob.class, run -> {
            ctx.spawn(JobCoordinator.create(run.graph(), run.config(), run.result(), liveTasks), "job-" + jobs[0]++);
            return Behaviors.same();
          })
          .build();
    });
  }
}
