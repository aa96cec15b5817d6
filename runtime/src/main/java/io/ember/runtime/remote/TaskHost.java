package io.ember.runtime.remote;

import io.ember.checkpointing.EpochMetadata;
import io.ember.checkpointing.ReplicaStore;
import io.ember.checkpointing.TaskSnapshot;
import io.ember.runtime.local.TaskActor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The actor on every node that runs tasks for coordinators elsewhere. Asked to {@link Reserve} for a job, it
 * spawns one {@link TaskShell} per task and answers with their refs; a coordinator's {@link ShellPlacement}
 * then starts each task in its shell, with the task's serialized {@link io.ember.runtime.local.TaskLaunch}.
 * Tasks run as children of the host, counted in {@link RunningTasks}. A streaming task snapshots into the replica
 * store of its coordinator's node, through that node's host ({@link StoreSnapshot}).
 *
 * <p>One host per actor system, spawned under a well-known name ({@link #NAME}) so that peers can address it.
 */
public final class TaskHost {
  /** The name of the host actor under the user guardian. */
  public static final String NAME = "ember-task-host";

  private TaskHost() {}

  /** What a host receives. */
  public interface Command extends WireMessage {}

  /**
   * Prepare one shell per task id of job {@code job} and answer {@link Reserved}. {@code job} names the job
   * uniquely among the jobs this host serves; a job that redeploys its tasks reserves under a new name.
   */
  public record Reserve(String job, List<Integer> taskIds, ActorRef<Reserved> replyTo) implements Command {
    public Reserve {
      taskIds = List.copyOf(taskIds);
    }
  }

  /** The shells of a {@link Reserve}, by task id. */
  public record Reserved(Map<Integer, ActorRef<TaskActor.Command>> shells) implements WireMessage {
    public Reserved {
      shells = Map.copyOf(shells);
    }
  }

  /** Answer the number of task actors alive on this host. */
  public record RunningTasks(ActorRef<TaskCount> replyTo) implements Command {}

  /** The answer to {@link RunningTasks}. */
  public record TaskCount(int running) implements WireMessage {}

  /**
   * Put a remote task's snapshot into this node's replica store (this host runs on the job's coordinator node; see
   * {@link ForwardingReplicaStore}) and answer {@link SnapshotStored}.
   */
  public record StoreSnapshot(String jobId, TaskSnapshot snapshot, ActorRef<SnapshotStored> replyTo)
      implements Command {}

  /** The answer to {@link StoreSnapshot}: the stored snapshot's entry, or why it could not be stored. */
  public record SnapshotStored(EpochMetadata.TaskEntry entry, String error) implements WireMessage {}

  /** A host keeping the snapshots of remote tasks whose coordinator runs on its node in {@code replicas}. */
  public static Behavior<Command> create(ReplicaStore replicas) {
    return create(replicas, new AtomicInteger());
  }

  /**
   * {@link #create(ReplicaStore)} counting its live tasks in {@code live} as well, for a node that reports them
   * (its agent reads the count at any time).
   */
  public static Behavior<Command> create(ReplicaStore replicas, AtomicInteger live) {
    return Behaviors.setup(ctx -> {
      return Behaviors.receive(Command.class)
          .onMessage(Reserve.class, reserve -> {
            Map<Integer, ActorRef<TaskActor.Command>> shells = new HashMap<>();
            for (int id : reserve.taskIds()) {
              shells.put(id, ctx.spawn(TaskShell.create(live), actorName(reserve.job()) + "-task-" + id));
            }
            reserve.replyTo().tell(new Reserved(shells));
            return Behaviors.same();
          })
          .onMessage(StoreSnapshot.class, store -> {
            SnapshotStored answer;
            try {
              answer = new SnapshotStored(replicas.put(store.jobId(), store.snapshot()), null);
            } catch (RuntimeException e) {
              answer = new SnapshotStored(null, e.toString());
            }
            store.replyTo().tell(answer);
            return Behaviors.same();
          })
          .onMessage(RunningTasks.class, ask -> {
            ask.replyTo().tell(new TaskCount(live.get()));
            return Behaviors.same();
          })
          .build();
    });
  }

  /** {@code job} with the characters actor names do not allow replaced. */
  static String actorName(String job) {
    return job.replaceAll("[^A-Za-z0-9_\\-]", "_");
  }
}
