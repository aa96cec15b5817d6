package io.ember.runtime.cluster;

import io.ember.runtime.local.PlannedTask;
import io.ember.runtime.local.TaskActor;
import io.ember.runtime.remote.ShellPlacement;
import io.ember.runtime.remote.TaskHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redeploys the lost tasks of one job on the cluster's live nodes ({@link ShellPlacement.Redeployer}): asks a live
 * node's {@link NodeAgent} for the cluster status (the nodes' cores and running tasks), places the tasks by free
 * slots over the Up, reachable nodes that are not lost ({@link SlotAssignment}: the least loaded node per core, so
 * a cluster with every slot busy still takes them, spread as a first placement would), and reserves them on those
 * nodes' {@link TaskHost}s under a new reservation name. A node that does not answer within the timeout is left
 * out: its tasks start in the driver. When no live node answers, the result is empty and every task starts in the
 * driver (the placement logs it).
 *
 * <p>Works off the actor threads, on Pekko's blocking dispatcher. Thread-safe.
 */
final class LiveNodes implements ShellPlacement.Redeployer {
  private static final Logger LOG = LoggerFactory.getLogger(LiveNodes.class);

  private final ActorSystem<?> system;
  private final ClusterSecret secret;
  private final String job;
  private final Map<Integer, PlannedTask> tasks = new HashMap<>();
  private final Duration timeout;
  private final AtomicInteger reservations = new AtomicInteger();

  /**
   * @param job the job's name; each redeployment reserves as {@code job-redeploy-N}
   * @param tasks the job's tasks, as its coordinator numbers them
   * @param timeout how long each node may take to answer
   */
  LiveNodes(ActorSystem<?> system, ClusterSecret secret, String job, List<PlannedTask> tasks, Duration timeout) {
    this.system = system;
    this.secret = secret;
    this.job = job;
    tasks.forEach(t -> this.tasks.put(t.taskId(), t));
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<Map<Integer, ActorRef<TaskActor.Command>>> reserve(Set<Integer> taskIds, Set<Address> lost) {
    return CompletableFuture.supplyAsync(() -> reserveNow(taskIds, lost),
        system.dispatchers().lookup(DispatcherSelector.blocking()));
  }

  private Map<Integer, ActorRef<TaskActor.Command>> reserveNow(Set<Integer> taskIds, Set<Address> lost) {
    List<SlotAssignment.Slots> slots = liveSlots(lost);
    if (slots.isEmpty()) {
      LOG.warn("Job {}: no live node with cores answered; tasks {} start in the driver", job, taskIds);
      return Map.of();
    }
    List<PlannedTask> toPlace = taskIds.stream().sorted().map(tasks::get).toList();
    Map<String, List<Integer>> byNode = new LinkedHashMap<>();
    SlotAssignment.assign(toPlace, slots).forEach((task, node) ->
        byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(task));
    String name = job + "-redeploy-" + reservations.incrementAndGet();
    Map<Integer, ActorRef<TaskActor.Command>> shells = new HashMap<>();
    for (Map.Entry<String, List<Integer>> e : byNode.entrySet()) {
      try {
        ActorRef<TaskHost.Command> host = resolve(e.getKey() + "/user/" + TaskHost.NAME);
        TaskHost.Reserved reserved = AskPattern.<TaskHost.Command, TaskHost.Reserved>ask(host,
                reply -> new TaskHost.Reserve(name, e.getValue(), reply), timeout, system.scheduler())
            .toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        shells.putAll(reserved.shells());
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        return shells;
      } catch (Exception ex) {
        LOG.warn("Job {}: node {} did not reserve tasks {} ({}); they start in the driver", job, e.getKey(),
            e.getValue(), ex.toString());
      }
    }
    return shells;
  }

  /** The free slots of the Up, reachable nodes other than {@code lost}, as a live node reports them. */
  private List<SlotAssignment.Slots> liveSlots(Set<Address> lost) {
    ClusterEvent.CurrentClusterState state = Cluster.get(system).state();
    Set<Member> unreachable = state.getUnreachable();
    for (Member m : state.getMembers()) {
      if (m.status() != MemberStatus.up() || !m.hasRole(ClusterPekkoConfig.NODE_ROLE) || unreachable.contains(m)
          || lost.contains(m.address())) {
        continue;
      }
      StatusReply reply;
      try {
        ActorRef<NodeAgent.Command> agent = resolve(m.address() + "/user/" + NodeAgent.NAME);
        reply = AskPattern.<NodeAgent.Command, StatusReply>ask(agent,
                r -> new NodeAgent.GetClusterStatus(secret.digest(), r), timeout, system.scheduler())
            .toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      } catch (Exception e) {
        LOG.debug("Job {}: node {} did not answer the status ({})", job, m.address(), e.toString());
        continue;
      }
      if (reply instanceof StatusReply.ClusterStatus status) {
        Set<String> lostNames = new java.util.HashSet<>();
        lost.forEach(a -> lostNames.add(a.toString()));
        List<SlotAssignment.Slots> slots = new ArrayList<>();
        for (MemberView v : status.up()) {
          if (v.reachable() && v.roles().contains(ClusterPekkoConfig.NODE_ROLE) && v.info() != null
              && v.info().cores() > 0 && !lostNames.contains(v.address())) {
            slots.add(new SlotAssignment.Slots(v.address(), v.info().cores(), v.info().runningTasks()));
          }
        }
        return slots;
      }
    }
    return List.of();
  }

  private <T> ActorRef<T> resolve(String path) throws Exception {
    org.apache.pekko.actor.ActorRef classic = Adapter.toClassic(system).actorSelection(path)
        .resolveOne(timeout).toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    return Adapter.toTyped(classic);
  }
}
