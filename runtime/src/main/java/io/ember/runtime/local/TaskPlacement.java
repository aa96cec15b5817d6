package io.ember.runtime.local;

import io.ember.runtime.graph.JobGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Where a job's tasks run: the seam between a coordinator, which decides what runs ({@link TaskLaunch}s wired
 * to each other), and the nodes that run it. The coordinator calls {@link #start} once per task of a deployment,
 * downstream tasks first (so every task is started with the refs of its targets), from its own actor thread, and
 * watches every ref returned: a task that stops (or whose node is lost) reaches the coordinator as a stopped task.
 *
 * <p>{@link #local} spawns every task as a child of the coordinator, in its actor system (local mode). A
 * cluster placement ({@code io.ember.runtime.remote.ShellPlacement}) starts tasks in actors prepared on other
 * nodes beforehand, which is why the tasks of a graph are known before its coordinator starts
 * ({@link #plannedTasks}). Task refs are location-transparent: tasks talk to each other the same way wherever
 * they run.
 */
public interface TaskPlacement {
  /**
   * Starts {@code task}, sending its output to {@code targets} and reporting to the coordinator
   * ({@code ctx.getSelf()}); {@code name} names the task's actor uniquely within the job's deployment.
   *
   * @return the task's actor, which may live on another node
   */
  ActorRef<TaskActor.Command> start(ActorContext<JobCoordinator.Command> ctx, TaskLaunch task,
      Map<Integer, ActorRef<TaskActor.Command>> targets, String name);

  /** Stops a task this placement started; by default as a child of the coordinator. */
  default void stop(ActorContext<JobCoordinator.Command> ctx, ActorRef<TaskActor.Command> task) {
    ctx.stop(task);
  }

  /**
   * Called by a streaming job's coordinator before a recovery starts {@code taskIds} anew (their earlier actors
   * failed, stopped or were lost with their node), so that a placement can find them a place first (a cluster
   * placement reserves them on live nodes); the recovery starts them once the returned stage completes. It must
   * complete normally: a placement that found no place starts them where it falls back to. By default there is
   * nothing to prepare.
   */
  default CompletionStage<Void> prepare(ActorContext<JobCoordinator.Command> ctx, Set<Integer> taskIds) {
    return CompletableFuture.completedFuture(null);
  }

  /** Every task runs as a child actor of its coordinator; {@code liveTasks} counts the live ones. */
  static TaskPlacement local(AtomicInteger liveTasks) {
    return (ctx, task, targets, name) -> ctx.spawn(task.behavior(targets, ctx.getSelf(), liveTasks), name);
  }

  /**
   * The tasks {@code graph} runs as, by task id, as its coordinator will number them.
   *
   * @throws io.ember.core.errors.EmberRuntimeException {@code INVALID_JOB_GRAPH} for a graph that cannot run
   */
  static List<PlannedTask> plannedTasks(JobGraph graph) {
    List<PlannedTask> tasks = new ArrayList<>();
    for (TaskSpec t : ExecutionPlan.of(graph).tasks()) {
      tasks.add(TaskLaunch.planned(t));
    }
    return List.copyOf(tasks);
  }
}
