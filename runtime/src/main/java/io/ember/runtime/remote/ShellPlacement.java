package io.ember.runtime.remote;

import io.ember.core.errors.EmberRuntimeException;
import io.ember.runtime.local.JobCoordinator;
import io.ember.runtime.local.TaskActor;
import io.ember.runtime.local.TaskLaunch;
import io.ember.runtime.local.TaskPlacement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * A {@link TaskPlacement} over shells that {@link TaskHost}s reserved beforehand ({@link RemoteJobs#reserve}):
 * a task with a shell starts in it (wherever its node is) with its {@link TaskLaunch} sent over the wire; every
 * other task runs in the coordinator's actor system as in local mode. Each shell is used once: a redeployment of
 * the job's tasks (recovery) starts them with {@code fallback}, on the coordinator's node.
 *
 * <p>Thread-safe for the coordinator's use (one start at a time), and shells it started stop through
 * {@link TaskShell.StopTask}.
 */
public final class ShellPlacement implements TaskPlacement {
  private final Map<Integer, ActorRef<TaskActor.Command>> shells;
  private final Set<ActorRef<TaskActor.Command>> started = ConcurrentHashMap.newKeySet();
  private final TaskPlacement fallback;
  private final ActorRef<TaskHost.Command> snapshots;

  /**
   * @param shells reserved shells by task id
   * @param fallback how tasks without a shell are started (typically {@link TaskPlacement#local})
   * @param snapshots the task host of the coordinator's node, whose replica store is the one the coordinator uses:
   *     remote streaming tasks snapshot into it
   */
  public ShellPlacement(Map<Integer, ActorRef<TaskActor.Command>> shells, TaskPlacement fallback,
      ActorRef<TaskHost.Command> snapshots) {
    this.shells = new ConcurrentHashMap<>(shells);
    this.fallback = fallback;
    this.snapshots = snapshots;
  }

  /**
   * {@inheritDoc}
   *
   * @throws EmberRuntimeException {@code NOT_SHIPPABLE} when a task with a shell runs on the driver only (a
   *     placement bug: reserve only tasks that can travel)
   */
  @Override
  public ActorRef<TaskActor.Command> start(ActorContext<JobCoordinator.Command> ctx, TaskLaunch task,
      Map<Integer, ActorRef<TaskActor.Command>> targets, String name) {
    ActorRef<TaskActor.Command> shell = shells.remove(task.taskId());
    if (shell == null) {
      return fallback.start(ctx, task, targets, name);
    }
    if (task.planned().runsOnDriver()) {
      throw new EmberRuntimeException("NOT_SHIPPABLE", "Task " + task.name() + " runs on the driver node only;"
          + " it was reserved on another node.");
    }
    shell.tell(new TaskShell.Start(task.withoutReplicas(), new HashMap<>(targets), ctx.getSelf(), snapshots));
    started.add(shell);
    return shell;
  }

  @Override
  public void stop(ActorContext<JobCoordinator.Command> ctx, ActorRef<TaskActor.Command> task) {
    if (started.remove(task)) {
      task.tell(new TaskShell.StopTask());
    } else {
      fallback.stop(ctx, task);
    }
  }

  /** Shells reserved but not started yet, by task id. */
  public Map<Integer, ActorRef<TaskActor.Command>> unused() {
    return Map.copyOf(shells);
  }
}
