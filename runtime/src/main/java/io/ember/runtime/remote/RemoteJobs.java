package io.ember.runtime.remote;

import io.ember.core.errors.EmberRuntimeException;
import io.ember.checkpointing.ReplicaStore;
import io.ember.runtime.EpochListener;
import io.ember.runtime.JobConfig;
import io.ember.runtime.JobResult;
import io.ember.runtime.StreamingJob;
import io.ember.runtime.StreamingSettings;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.local.ExchangeRelay;
import io.ember.runtime.local.JobCoordinator;
import io.ember.runtime.local.PlannedTask;
import io.ember.runtime.local.StreamingCoordinator;
import io.ember.runtime.local.TaskActor;
import io.ember.runtime.local.TaskPlacement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Runs a job whose tasks are spread over nodes, in two steps: {@link #reserve} asks the {@link TaskHost} of every
 * node that gets tasks for one shell per task (an actor ready to become the task, whose ref the coordinator can
 * hand out at once), then {@link #run} starts the job's coordinator in the driver's actor system with a
 * {@link ShellPlacement} over those shells ({@link #startStreaming} for a streaming job). Tasks talk to each other directly, node to node, with the same
 * credit-based protocol as in local mode, serialized by {@link KryoSerializer}.
 *
 * <p>Tasks whose vertices run on the driver only ({@link PlannedTask#runsOnDriver()}) are never reserved
 * elsewhere, whatever the assignment says.
 */
public final class RemoteJobs {
  private RemoteJobs() {}

  /**
   * Starts the task host of {@code system} (one per actor system) as a system actor named {@link TaskHost#NAME}, and
   * next to it the node's {@link ExchangeRelay}.
   */
  public static ActorRef<TaskHost.Command> startHost(ActorSystem<?> system, ReplicaStore replicas) {
    return startHost(system, replicas, null);
  }

  /**
   * {@link #startHost(ActorSystem, ReplicaStore)} for a driver, whose host records in {@code directory} the replica
   * holders that tasks on nodes choose ({@link TaskHost.RecordHolders}).
   */
  public static ActorRef<TaskHost.Command> startHost(ActorSystem<?> system, ReplicaStore replicas,
      io.ember.checkpointing.ReplicaDirectory directory) {
    system.systemActorOf(ExchangeRelay.create(), ExchangeRelay.NAME, Props.empty());
    return system.systemActorOf(TaskHost.create(replicas, new java.util.concurrent.atomic.AtomicInteger(),
        directory), TaskHost.NAME, Props.empty());
  }

  /** Deals the tasks over {@code hosts} by task id, in turn; null (the driver) for none. */
  public static Function<PlannedTask, ActorRef<TaskHost.Command>> roundRobin(List<ActorRef<TaskHost.Command>> hosts) {
    List<ActorRef<TaskHost.Command>> copy = List.copyOf(hosts);
    return task -> copy.isEmpty() ? null : copy.get(task.taskId() % copy.size());
  }

  /**
   * Reserves shells for the tasks of {@code graph} that {@code assignment} places on a host (null: on the driver,
   * started by {@code fallback}), under the job name {@code job}; {@code driverHost} is the task host of the driver's
   * node, which keeps the snapshots of remote streaming tasks in the store the coordinator uses.
   *
   * @return the placement to run the job with; fails with {@code REMOTE_RESERVE_FAILED} when a host does not
   *     answer within {@code timeout}
   */
  public static CompletionStage<ShellPlacement> reserve(ActorSystem<?> system, String job, JobGraph graph,
      Function<PlannedTask, ActorRef<TaskHost.Command>> assignment, TaskPlacement fallback,
      ActorRef<TaskHost.Command> driverHost, Duration timeout) {
    Map<ActorRef<TaskHost.Command>, List<Integer>> byHost = new LinkedHashMap<>();
    for (PlannedTask task : TaskPlacement.plannedTasks(graph)) {
      ActorRef<TaskHost.Command> host = task.runsOnDriver() ? null : assignment.apply(task);
      if (host != null) {
        byHost.computeIfAbsent(host, h -> new ArrayList<>()).add(task.taskId());
      }
    }
    List<CompletableFuture<TaskHost.Reserved>> answers = new ArrayList<>();
    for (Map.Entry<ActorRef<TaskHost.Command>, List<Integer>> e : byHost.entrySet()) {
      answers.add(AskPattern.<TaskHost.Command, TaskHost.Reserved>ask(e.getKey(),
          reply -> new TaskHost.Reserve(job, e.getValue(), reply), timeout, system.scheduler())
          .toCompletableFuture());
    }
    return CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0])).handle((ok, error) -> {
      if (error != null) {
        throw new EmberRuntimeException("REMOTE_RESERVE_FAILED", "A task host did not reserve the tasks of job "
            + job + " within " + timeout.toMillis() + " ms: " + error.getMessage(), error);
      }
      Map<Integer, ActorRef<TaskActor.Command>> shells = new HashMap<>();
      for (CompletableFuture<TaskHost.Reserved> answer : answers) {
        shells.putAll(answer.join().shells());
      }
      return new ShellPlacement(shells, fallback, driverHost);
    });
  }

  /**
   * Runs {@code graph} as batch job {@code job}: its coordinator runs in {@code system} (the driver) and starts
   * the tasks with {@code placement}.
   *
   * @return completes as {@link io.ember.runtime.JobRunner#run} returns or throws
   */
  public static CompletableFuture<JobResult> run(ActorSystem<?> system, String job, JobGraph graph, JobConfig config,
      TaskPlacement placement) {
    CompletableFuture<JobResult> result = new CompletableFuture<>();
    system.systemActorOf(JobCoordinator.create(graph, config, result, placement), "job-" + TaskHost.actorName(job),
        Props.empty());
    return result;
  }

  /**
   * Starts {@code graph} as streaming job {@code job} (see {@link io.ember.runtime.JobRunner#startStreaming}): its
   * coordinator runs in {@code system} (the driver), keeps the job's epochs in {@code replicas} (the store of the
   * driver's task host, into which remote tasks snapshot) and starts the tasks with {@code placement}.
   *
   * @return completes with the job's handle once it is set up, or with the setup error
   */
  public static CompletableFuture<StreamingJob> startStreaming(ActorSystem<?> system, String job, JobGraph graph,
      Set<Integer> streamingSources, JobConfig config, StreamingSettings settings, EpochListener listener,
      ReplicaStore replicas, TaskPlacement placement) {
    CompletableFuture<StreamingJob> started = new CompletableFuture<>();
    String name = "job-" + TaskHost.actorName(job);
    system.systemActorOf(StreamingCoordinator.create(name, graph, streamingSources, config, settings, listener,
        replicas, started, placement), name, Props.empty());
    return started;
  }
}
