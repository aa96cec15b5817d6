package io.ember.runtime.remote;

import io.ember.core.errors.EmberRuntimeException;
import io.ember.runtime.local.JobCoordinator;
import io.ember.runtime.local.TaskActor;
import io.ember.runtime.local.TaskLaunch;
import io.ember.runtime.local.TaskPlacement;
import io.ember.runtime.local.StreamingCoordinator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TaskPlacement} over shells that {@link TaskHost}s reserved beforehand ({@link RemoteJobs#reserve}):
 * a task with a shell starts in it (wherever its node is) with its {@link TaskLaunch} sent over the wire; every
 * other task runs in the coordinator's actor system as in local mode. Each shell is used once.
 *
 * <p>Node loss ({@link #watchNodes}, in a cluster): a {@link NodeLossWatch} next to the coordinator reports every
 * task this placement started on a node that becomes unreachable or leaves as failed with {@code NODE_LOST}
 * ({@link #lose}); a streaming job recovers, and before it starts the lost tasks anew ({@link #prepare}) the
 * {@link Redeployer} reserves shells for them on live nodes. Without a redeployer, or when no live node takes them,
 * a redeployed task starts with {@code fallback}, on the coordinator's node (logged).
 *
 * <p>Thread-safe: the coordinator starts and stops tasks (one at a time) while the watch reports lost nodes; shells
 * it started stop through {@link TaskShell.StopTask}.
 */
public final class ShellPlacement implements TaskPlacement {
  private static final Logger LOG = LoggerFactory.getLogger(ShellPlacement.class);

  /** Finds shells for tasks to start anew on the live nodes of a cluster. */
  public interface Redeployer {
    /**
     * Reserves one shell per task of {@code taskIds} on live nodes other than {@code lost}.
     *
     * @return the shells by task id, for some or all of the tasks (none when no live node takes tasks); may
     *     complete exceptionally, and then the tasks start on the coordinator's node
     */
    CompletionStage<Map<Integer, ActorRef<TaskActor.Command>>> reserve(Set<Integer> taskIds, Set<Address> lost);
  }

  /** A task this placement started in a shell: what a report of its loss needs. */
  private record Started(int taskId, String name, int attempt) {}

  private final Map<Integer, ActorRef<TaskActor.Command>> shells;
  private final Map<ActorRef<TaskActor.Command>, Started> started = new ConcurrentHashMap<>();
  private final Set<Address> lost = ConcurrentHashMap.newKeySet();
  /** The tasks ever started in a shell: only they are redeployed on nodes (the others stay on the driver). */
  private final Set<Integer> travelled = ConcurrentHashMap.newKeySet();
  /** Started tasks already reported lost (each is reported once; the coordinator still stops it). */
  private final Set<ActorRef<TaskActor.Command>> reported = ConcurrentHashMap.newKeySet();
  private final TaskPlacement fallback;
  private final ActorRef<TaskHost.Command> snapshots;
  private volatile Redeployer redeployer;
  /** Where checkpointed tasks copy their snapshots; null: to {@link #snapshots}. */
  private volatile ClusterReplicas replicas;
  private volatile boolean watching;
  private boolean watchStarted;

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
    if (watching && !watchStarted) {
      watchStarted = true;
      ctx.spawn(NodeLossWatch.create(this, ctx.getSelf()), "node-loss-watch");
    }
    ActorRef<TaskActor.Command> shell = shells.remove(task.taskId());
    if (shell == null) {
      if (task.attempt() > 0 && travelled.contains(task.taskId())) {
        LOG.warn("Task {} of attempt {} starts on the coordinator's node: no live node took it", task.name(),
            task.attempt());
      }
      return fallback.start(ctx, task, targets, name);
    }
    if (task.planned().runsOnDriver()) {
      throw new EmberRuntimeException("NOT_SHIPPABLE", "Task " + task.name() + " runs on the driver node only;"
          + " it was reserved on another node.");
    }
    ClusterReplicas peers = replicas;
    List<ActorRef<TaskHost.Command>> holders = !task.checkpointed() || (peers == null && snapshots == null)
        ? List.of() : peers == null ? List.of(snapshots) : peers.assign(task, shell.path().address().toString());
    shell.tell(new TaskShell.Start(task.withoutReplicas(), new HashMap<>(targets), ctx.getSelf(), holders,
        peers == null ? 1 : peers.replicas()));
    started.put(shell, new Started(task.taskId(), task.name(), task.attempt()));
    travelled.add(task.taskId());
    return shell;
  }

  @Override
  public void stop(ActorContext<JobCoordinator.Command> ctx, ActorRef<TaskActor.Command> task) {
    if (started.remove(task) != null) {
      reported.remove(task);
      task.tell(new TaskShell.StopTask());
    } else {
      fallback.stop(ctx, task);
    }
  }

  /**
   * Copies the snapshots of the streaming tasks this placement starts on nodes to peers chosen by {@code peers}
   * (recorded in its directory for recovery), instead of to the coordinator's node. Call before the job starts.
   *
   * @return this placement
   */
  public ShellPlacement withReplicas(ClusterReplicas peers) {
    this.replicas = peers;
    return this;
  }

  /**
   * Watches the cluster's members for the coordinator (from its first start on) and redeploys lost tasks with
   * {@code redeployer} (see the class comment). Call before the job starts; only in a cluster's actor system.
   *
   * @return this placement
   */
  public ShellPlacement watchNodes(Redeployer redeployer) {
    this.redeployer = redeployer;
    this.watching = true;
    return this;
  }

  /**
   * Reserves shells on live nodes for the tasks of {@code taskIds} that ran in shells before and have none now,
   * through the {@link #watchNodes redeployer}; completes normally in any case (tasks left without a shell, and
   * tasks that ran on the coordinator's node, start with the fallback).
   */
  @Override
  public CompletionStage<Void> prepare(ActorContext<JobCoordinator.Command> ctx, Set<Integer> taskIds) {
    Redeployer r = redeployer;
    Set<Integer> missing = new HashSet<>(taskIds);
    missing.retainAll(travelled);
    missing.removeAll(shells.keySet());
    if (r == null || missing.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return r.reserve(Set.copyOf(missing), Set.copyOf(lost)).handle((found, error) -> {
      if (error != null) {
        LOG.warn("Reserving tasks {} on live nodes failed; they start on the coordinator's node", missing, error);
      } else {
        shells.putAll(found);
        LOG.info("Tasks {} are redeployed on the nodes {}", found.keySet(),
            found.values().stream().map(shell -> shell.path().address().toString()).distinct().sorted().toList());
      }
      return null;
    });
  }

  /**
   * Node {@code node} is lost ({@code why}): every task started on it and not stopped since is reported to the
   * coordinator as failed with {@code NODE_LOST}, each in its own attempt; the node takes no redeployed task of
   * this job until it is {@link #reachableAgain reachable again}.
   *
   * @return the reports to send to the coordinator, one per task lost (none when no task of the job ran there)
   */
  List<JobCoordinator.Command> lose(Address node, String why) {
    lost.add(node);
    List<JobCoordinator.Command> reports = new ArrayList<>();
    for (Map.Entry<ActorRef<TaskActor.Command>, Started> e : started.entrySet()) {
      if (!e.getKey().path().address().equals(node) || !reported.add(e.getKey())) {
        continue;
      }
      Started task = e.getValue();
      boolean batch = task.attempt() < 0;
      EmberRuntimeException error = new EmberRuntimeException("NODE_LOST", "Task " + task.name() + " was lost with"
          + " node " + node + " (" + why + "). " + (batch
              ? "A batch job does not survive the loss of a node running its tasks: run the job again."
              : "The streaming job recovers it from its last complete epoch."));
      JobCoordinator.TaskFailed failed = new JobCoordinator.TaskFailed(task.taskId(), task.name(), error);
      reports.add(task.attempt() <= 0 ? failed : new StreamingCoordinator.FromTask(task.attempt(), failed));
    }
    return reports;
  }

  /**
   * Node {@code node}, lost before, is reachable again (it was only paused): it may take redeployed tasks again. Its
   * tasks reported lost stay lost; they belong to an earlier attempt.
   */
  void reachableAgain(Address node) {
    lost.remove(node);
  }

  /** Shells reserved but not started yet, by task id. */
  public Map<Integer, ActorRef<TaskActor.Command>> unused() {
    return Map.copyOf(shells);
  }
}
