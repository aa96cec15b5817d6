package io.ember.runtime.local;

import io.ember.checkpointing.ReplicaStore;
import io.ember.checkpointing.TaskStateKey;
import io.ember.runtime.JobConfig;
import io.ember.runtime.graph.Vertex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;

/**
 * Everything a node needs to start one task of a job: the task's spec (its fused chain, index, input channels,
 * gates and source splits), the job's configuration and the task's streaming role. A coordinator makes one per
 * task and hands it to its {@link TaskPlacement}; a placement that runs the task on another node sends it there
 * (the runtime's plan codec serializes it) and the node starts it with {@link #behavior}.
 *
 * <p>The replica store a checkpointed task puts its snapshots into belongs to a node and never travels: a
 * launch leaves its node {@link #withoutReplicas() without it}, and the receiving node gives it its own with
 * {@link #withReplicas} before starting it. Immutable.
 */
public final class TaskLaunch {
  /** The attempt of a batch job's task, whose reports are not tagged with an attempt. */
  private static final int BATCH = -1;

  private final TaskSpec spec;
  private final JobConfig config;
  private final StreamingRole role;
  private final int attempt;

  /** A task of a batch job. */
  TaskLaunch(TaskSpec spec, JobConfig config, StreamingRole role) {
    this(spec, config, role, BATCH);
  }

  /** A task of a streaming job in recovery attempt {@code attempt} (see {@link TaskActor.Rollback}). */
  TaskLaunch(TaskSpec spec, JobConfig config, StreamingRole role, int attempt) {
    this.spec = spec;
    this.config = config;
    this.role = role;
    this.attempt = attempt;
  }

  /** The task's id within its job. */
  public int taskId() {
    return spec.taskId();
  }

  /**
   * The recovery attempt the task starts in (see {@link TaskActor.Rollback}); negative for a batch job's task, whose
   * reports carry no attempt.
   */
  public int attempt() {
    return attempt;
  }

  /** The task's name, e.g. {@code v1+v2[3]}. */
  public String name() {
    return spec.name();
  }

  /** The planned task this launch starts. */
  public PlannedTask planned() {
    return planned(spec);
  }

  static PlannedTask planned(TaskSpec spec) {
    List<Integer> ids = new ArrayList<>();
    boolean driver = false;
    for (Vertex v : spec.chain().vertices()) {
      ids.add(v.id());
      driver |= v.runsOnDriver();
    }
    return new PlannedTask(spec.taskId(), spec.name(), spec.index(), ids, driver);
  }

  /** True when the task takes part in a streaming job's epochs. */
  public boolean streaming() {
    return role != null;
  }

  /** The name of the task's snapshots in replica stores; null unless the task is {@link #checkpointed()}. */
  public TaskStateKey stateKey() {
    return checkpointed() ? role.checkpointing().key() : null;
  }

  /** The name of the task's job in replica stores; null unless the task is {@link #checkpointed()}. */
  public String replicaJobId() {
    return checkpointed() ? role.checkpointing().jobId() : null;
  }

  /** True when the task snapshots its state at every epoch into a replica store. */
  public boolean checkpointed() {
    return role != null && role.checkpointing() != null;
  }

  /** This launch as it travels: a checkpointed task's replica store left behind. */
  public TaskLaunch withoutReplicas() {
    return checkpointed() ? withStore(null) : this;
  }

  /** This launch with its snapshots going into {@code nodeReplicas}, the store of the node that runs it. */
  public TaskLaunch withReplicas(ReplicaStore nodeReplicas) {
    return checkpointed() ? withStore(nodeReplicas) : this;
  }

  private TaskLaunch withStore(ReplicaStore store) {
    TaskCheckpointing c = role.checkpointing();
    return new TaskLaunch(spec, config, role.withCheckpointing(
        c.withReplicas(store)), attempt);
  }

  /**
   * The task actor's behavior: it sends its output to {@code targets} (task actors by task id, downstream of it)
   * and reports to {@code coordinator}; {@code liveTasks} counts it while it is alive.
   *
   * @throws IllegalStateException when the task is checkpointed and has no replica store ({@link #withReplicas})
   */
  public Behavior<TaskActor.Command> behavior(Map<Integer, ActorRef<TaskActor.Command>> targets,
      ActorRef<JobCoordinator.Command> coordinator, AtomicInteger liveTasks) {
    if (checkpointed() && role.checkpointing().replicas() == null) {
      throw new IllegalStateException("Task " + name() + " is checkpointed but has no replica store; give it the"
          + " node's store with withReplicas");
    }
    return attempt == BATCH
        ? TaskActor.create(spec, config, targets, coordinator, liveTasks, role)
        : TaskActor.create(spec, config, targets, coordinator, liveTasks, role, attempt);
  }

  @Override
  public String toString() {
    return "TaskLaunch(" + name() + (streaming() ? ", streaming" : "") + ")";
  }
}
