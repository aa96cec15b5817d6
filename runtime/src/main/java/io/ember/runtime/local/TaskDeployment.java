package io.ember.runtime.local;

import io.ember.checkpointing.CheckpointedEpoch;
import io.ember.checkpointing.TaskSnapshot;
import io.ember.checkpointing.TaskStateKey;
import io.ember.runtime.JobConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The task actors of one streaming job and their recovery attempt: spawns them (downstream first, so that every
 * task knows its targets), watches each ({@link StreamingCoordinator.TaskActorStopped} names the actor, so that the
 * stop of an actor already replaced is told apart), and recovers by starting a new attempt: the given failed tasks
 * are stopped and spawned anew, every other task rolls back in place ({@link TaskActor.Rollback}).
 *
 * <p>Owned by the coordinator actor; not thread-safe.
 */
final class TaskDeployment {
  private final ActorContext<JobCoordinator.Command> ctx;
  private final ExecutionPlan plan;
  private final JobConfig config;
  private final TaskPlacement placement;
  private final Map<Integer, ActorRef<TaskActor.Command>> tasks = new HashMap<>();
  private int attempt;

  /** Spawns every task of {@code plan} in attempt 0 with the roles {@code roles} gives, as child actors. */
  TaskDeployment(ActorContext<JobCoordinator.Command> ctx, ExecutionPlan plan, JobConfig config,
      AtomicInteger liveTasks, IntFunction<StreamingRole> roles) {
    this(ctx, plan, config, TaskPlacement.local(liveTasks), roles);
  }

  /** Starts every task of {@code plan} in attempt 0 with the roles {@code roles} gives, where {@code placement} says. */
  TaskDeployment(ActorContext<JobCoordinator.Command> ctx, ExecutionPlan plan, JobConfig config,
      TaskPlacement placement, IntFunction<StreamingRole> roles) {
    this.ctx = ctx;
    this.plan = plan;
    this.config = config;
    this.placement = placement;
    List<Integer> all = new ArrayList<>();
    for (TaskSpec t : plan.tasks()) {
      all.add(t.taskId());
    }
    spawn(all, roles);
  }

  /** The current attempt: 0 at first, one more per recovery. */
  int attempt() {
    return attempt;
  }

  /** The current actor of task {@code taskId}. */
  ActorRef<TaskActor.Command> task(int taskId) {
    return tasks.get(taskId);
  }

  /** True when {@code ref} is the current actor of task {@code taskId} (not one stopped and replaced). */
  boolean isCurrent(int taskId, ActorRef<?> ref) {
    return ref.equals(tasks.get(taskId));
  }

  /** Stops every task actor. */
  void stopAll() {
    tasks.values().forEach(task -> placement.stop(ctx, task));
  }

  /** Stops task {@code taskId}'s actor (it is spawned anew at the next {@link #recover}). */
  void stop(int taskId) {
    placement.stop(ctx, tasks.get(taskId));
  }

  /**
   * Lets the placement find a place for {@code failed} before {@link #recover} starts them anew
   * ({@link TaskPlacement#prepare}); completes when {@link #recover} may run.
   */
  CompletionStage<Void> prepare(Set<Integer> failed) {
    return placement.prepare(ctx, Set.copyOf(failed));
  }

  /**
   * Starts the next attempt from {@code from} (null: from scratch) with epochs from {@code firstEpoch}: the actors
   * of {@code failed} (already stopped, or stopping) are replaced by new ones with the roles {@code roles} gives;
   * every other task is told to roll back in place to its snapshot of {@code from}, which is materialized here only
   * for a task on another node (one in this process gets it as stored, see {@link TaskActor.Rollback}).
   */
  void recover(Set<Integer> failed, IntFunction<StreamingRole> roles, CheckpointedEpoch from, long firstEpoch) {
    attempt++;
    List<Integer> respawn = new ArrayList<>(failed);
    spawn(respawn, roles);
    Map<Integer, ActorRef<TaskActor.Command>> targets = Map.copyOf(tasks);
    long watermark = from == null ? Long.MIN_VALUE : from.metadata().watermarkUs();
    for (TaskSpec t : plan.tasks()) {
      if (failed.contains(t.taskId())) {
        continue;
      }
      // a task without checkpointing ignores both; a task in this process gets its snapshot as stored (a delta
      // stays a delta): it rolls back in place, or materializes the chain itself from the replica store
      TaskStateKey key = new TaskStateKey(t.chain().head().id(), t.index());
      ActorRef<TaskActor.Command> ref = tasks.get(t.taskId());
      TaskSnapshot restore = from == null ? null
          : ref.path().address().hasLocalScope() ? from.storedSnapshot(key) : from.snapshot(key);
      ref.tell(new TaskActor.Rollback(attempt, targets, restore, watermark, firstEpoch));
    }
  }

  /** Spawns the actors of {@code taskIds} in the current attempt, downstream chains first. */
  private void spawn(List<Integer> taskIds, IntFunction<StreamingRole> roles) {
    List<TaskChain> chains = plan.chains();
    for (int c = chains.size() - 1; c >= 0; c--) {
      for (int id : plan.taskIdsOf(c)) {
        if (!taskIds.contains(id)) {
          continue;
        }
        TaskSpec task = plan.tasks().get(id);
        ActorRef<TaskActor.Command> ref = placement.start(ctx, new TaskLaunch(task, config, roles.apply(id), attempt),
            Map.copyOf(tasks),
            "task-" + task.chain().name().replace('+', '-') + "-" + task.index() + (attempt == 0 ? "" : "-" + attempt));
        ctx.watchWith(ref, new StreamingCoordinator.TaskActorStopped(id, ref));
        tasks.put(id, ref);
      }
    }
  }
}
