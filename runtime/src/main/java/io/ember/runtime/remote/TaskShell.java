package io.ember.runtime.remote;

import io.ember.checkpointing.PeerReplicaStore;
import io.ember.checkpointing.ReplicaDirectory;
import io.ember.checkpointing.ReplicaStore;
import io.ember.runtime.local.JobCoordinator;
import io.ember.runtime.local.TaskActor;
import io.ember.runtime.local.TaskLaunch;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * An actor a {@link TaskHost} prepares for one task before the task's coordinator starts, so that the coordinator
 * has the task's ref at once (see {@link ShellPlacement}). Until {@link Start} arrives it stashes what it
 * receives: data from an upstream task on a third node can overtake the coordinator's start message. On
 * {@link Start} it becomes the task actor ({@link TaskLaunch#behavior}), the stashed messages first.
 *
 * <p>A shell that no start reaches within {@link #START_TIMEOUT} stops. The started task watches its coordinator and stops when the coordinator stops or its node is lost, since a
 * remote task is not the coordinator's child; {@link StopTask} stops it at the coordinator's request.
 */
final class TaskShell {
  /** The most messages stashed before the start; past it the shell fails (the job then fails: task lost). */
  static final int STASH_CAPACITY = 100_000;
  /** A shell not started within this time (its job failed before starting it) stops, so shells never pile up. */
  static final Duration START_TIMEOUT = Duration.ofMinutes(2);

  private TaskShell() {}

  /**
   * Become task {@code launch}, sending to {@code targets} and reporting to {@code coordinator}.
   *
   * @param launch the task, as it traveled ({@link TaskLaunch#withoutReplicas()})
   * @param replicaHolders the task hosts of the nodes that keep the task's snapshots (see {@link ClusterReplicas});
   *     the task copies each snapshot to all of them before it acknowledges the epoch
   * @param replicas how many nodes other than the task's should hold each snapshot, as the driver is configured
   *     ({@value io.ember.checkpointing.ReplicaPeers#CONFIG_KEY}): when holders are lost the task tops its holders up
   *     to this count from the live nodes, even when it was placed with fewer (fewer nodes were live then)
   */
  record Start(TaskLaunch launch, Map<Integer, ActorRef<TaskActor.Command>> targets,
      ActorRef<JobCoordinator.Command> coordinator, List<ActorRef<TaskHost.Command>> replicaHolders, int replicas)
      implements TaskActor.Command, WireMessage {
    Start {
      if (replicas < 1) {
        throw new IllegalArgumentException("A task's snapshots need at least one replica, got " + replicas);
      }
    }
  }

  /** Stop the task (its pipeline closes). */
  record StopTask() implements TaskActor.Command, WireMessage {}

  /** The shell's own timer: {@link #START_TIMEOUT} passed without a start. */
  private enum StartTimeout implements TaskActor.Command { INSTANCE }

  /** A shell whose task, once started, counts in {@code liveTasks}. */
  static Behavior<TaskActor.Command> create(AtomicInteger liveTasks) {
    return Behaviors.withStash(STASH_CAPACITY, stash -> Behaviors.withTimers(timers -> {
      timers.startSingleTimer(StartTimeout.INSTANCE, START_TIMEOUT);
      return Behaviors.receive(TaskActor.Command.class)
          .onMessage(Start.class, start -> {
            timers.cancel(StartTimeout.INSTANCE);
            return start(stash, start, liveTasks);
          })
          .onMessage(StopTask.class, stop -> Behaviors.stopped())
          .onMessageEquals(StartTimeout.INSTANCE, Behaviors::stopped)
          .onAnyMessage(message -> {
            stash.stash(message);
            return Behaviors.same();
          })
          .build();
    }));
  }

  private static Behavior<TaskActor.Command> start(StashBuffer<TaskActor.Command> stash, Start start,
      AtomicInteger liveTasks) {
    Behavior<TaskActor.Command> watched = Behaviors.setup(ctx -> {
      Behavior<TaskActor.Command> task = start.launch()
          .withReplicas(replicaStore(ctx.getSystem(), start.launch(), start.replicaHolders(), start.replicas(),
              start.coordinator()))
          .behavior(start.targets(), start.coordinator(), liveTasks);
      ctx.watch(start.coordinator());
      return Behaviors.intercept(() -> new StopWithCoordinator(start.coordinator()), task);
    });
    return stash.unstashAll(watched);
  }

  /**
   * The store started task {@code launch} puts its snapshots into: a copy to each of {@code holders} (addressed as
   * this node sees them; this node's own host among them keeps the local copy), in parallel, returning once all
   * stored it; when a holder is lost, later copies go to the other live ones, topped up from the live nodes (as this
   * node sees them) to {@code replicas} peers (the driver's configured count; also when the task was placed with
   * fewer because fewer nodes were live), and the new holders are recorded with the driver
   * ({@link #recorder}) before the copy; a copy waiting for a holder that stops being live fails at once
   * ({@link ReachableHolders}) rather than after {@link ClusterReplicas#TIMEOUT}.
   */
  private static ReplicaStore replicaStore(ActorSystem<?> system, TaskLaunch launch,
      List<ActorRef<TaskHost.Command>> holders, int replicas, ActorRef<JobCoordinator.Command> coordinator) {
    Map<String, ActorRef<TaskHost.Command>> byAddress = new LinkedHashMap<>();
    for (ActorRef<TaskHost.Command> h : holders) {
      byAddress.put(HostReplicaTransport.addressOf(system, h), h);
    }
    List<String> addresses = List.copyOf(byAddress.keySet());
    String self = Cluster.get(system).selfMember().address().toString();
    ReplicaDirectory directory = new ReplicaDirectory();
    if (launch.checkpointed() && !addresses.isEmpty()) {
      directory.assign(launch.replicaJobId(), launch.stateKey(), addresses);
    }
    ActorRefResolver resolver = ActorRefResolver.get(system);
    Map<String, ActorRef<TaskHost.Command>> hosts = new java.util.concurrent.ConcurrentHashMap<>(byAddress);
    Function<String, ActorRef<TaskHost.Command>> hostOf = address -> hosts.computeIfAbsent(address,
        a -> resolver.resolveActorRef(a + "/user/" + TaskHost.NAME));
    return new PeerReplicaStore(self,
        () -> ClusterReplicas.liveNodes(system, io.ember.runtime.cluster.ClusterPekkoConfig.NODE_ROLE),
        replicas, directory,
        new ReachableHolders(new HostReplicaTransport(system, hostOf,
            HostReplicaTransport.addressOf(system, coordinator), ClusterReplicas.TIMEOUT), system),
        ClusterReplicas.TIMEOUT, addresses.contains(self), recorder(system, coordinator, self));
  }

  /**
   * Tells the driver's task host (next to {@code coordinator}) of a task's new holders
   * ({@link TaskHost.RecordHolders}), so that its coordinator's recovery looks for the task's snapshots there.
   */
  private static PeerReplicaStore.HolderRecorder recorder(ActorSystem<?> system,
      ActorRef<JobCoordinator.Command> coordinator, String self) {
    ActorRef<TaskHost.Command> driverHost = ActorRefResolver.get(system).resolveActorRef(
        HostReplicaTransport.addressOf(system, coordinator) + "/system/" + TaskHost.NAME);
    return (jobId, key, chosen) -> AskPattern.<TaskHost.Command, TaskHost.HoldersRecorded>ask(driverHost,
            reply -> new TaskHost.RecordHolders(jobId, key, self, chosen, reply), ClusterReplicas.TIMEOUT,
            system.scheduler())
        .thenApply(r -> {
          if (r.error() != null) {
            throw new IllegalStateException(r.error());
          }
          return null;
        });
  }

  /** Stops the task when its coordinator terminates or on {@link StopTask}; passes everything else on. */
  private static final class StopWithCoordinator
      extends BehaviorInterceptor<TaskActor.Command, TaskActor.Command> {
    private final ActorRef<JobCoordinator.Command> coordinator;

    StopWithCoordinator(ActorRef<JobCoordinator.Command> coordinator) {
      super(TaskActor.Command.class);
      this.coordinator = coordinator;
    }

    @Override
    public Behavior<TaskActor.Command> aroundReceive(TypedActorContext<TaskActor.Command> ctx,
        TaskActor.Command msg, ReceiveTarget<TaskActor.Command> target) {
      if (msg instanceof StopTask) {
        return Behaviors.stopped();
      }
      return target.apply(ctx, msg);
    }

    @Override
    public Behavior<TaskActor.Command> aroundSignal(TypedActorContext<TaskActor.Command> ctx, Signal signal,
        SignalTarget<TaskActor.Command> target) {
      if (signal instanceof Terminated t && t.getRef().equals(coordinator)) {
        return Behaviors.stopped();
      }
      return target.apply(ctx, signal);
    }
  }
}
