package io.ember.runtime.cluster;

import io.ember.core.errors.EmberRuntimeException;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import io.ember.runtime.local.PlannedTask;
import io.ember.runtime.local.TaskPlacement;
import io.ember.runtime.remote.PlanCodec;
import io.ember.runtime.remote.TaskHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.typed.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's view of the cluster's nodes: what each offers (asked of a node's {@link NodeAgent} as the cluster
 * status, with the secret's digest) and each node's {@link TaskHost}, resolved at its path once and kept. Asks
 * the master node first, then the other nodes it knows, so that it still works when the master node is gone.
 *
 * <p>Thread-safe.
 */
final class NodeDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(NodeDirectory.class);

  private final ActorSystem<?> system;
  private final ClusterSecret secret;
  private final Duration timeout;
  private final Set<HostPort> known = ConcurrentHashMap.newKeySet();
  private final Map<String, ActorRef<TaskHost.Command>> hosts = new ConcurrentHashMap<>();
  private volatile int totalCores;

  NodeDirectory(ActorSystem<?> system, HostPort master, ClusterSecret secret, Duration timeout) {
    this.system = system;
    this.secret = secret;
    this.timeout = timeout;
    known.add(master);
  }

  /** Where a job's tasks go: a node's task host by task id, null for the driver. */
  record Placement(Map<Integer, ActorRef<TaskHost.Command>> hosts) {
    ActorRef<TaskHost.Command> hostOf(PlannedTask task) {
      return hosts.get(task.taskId());
    }
  }

  /**
   * The nodes that can take tasks now, with their free slots; updates {@link #totalCores()}. A node counts when the
   * node asked reports it Up and reachable and this driver does not see it unreachable either: each member's view
   * of reachability lags the others' by a gossip round or more, and a job placed on a node its own driver still sees
   * unreachable would lose those tasks at once ({@code NODE_LOST}), as its node-loss watch starts from the driver's
   * view. This happens right after a paused node (a long GC, {@code kill -STOP}) comes back.
   *
   * @throws EmberRuntimeException {@code CLUSTER_UNREACHABLE} when no known node answers, {@code CLUSTER_NO_NODES}
   *     when the cluster has no Up node that reports cores
   */
  List<SlotAssignment.Slots> refresh() {
    StatusReply.ClusterStatus status = status();
    Set<String> unreachableHere = new HashSet<>();
    Cluster.get(system).state().getUnreachable().forEach(m -> unreachableHere.add(m.address().toString()));
    List<SlotAssignment.Slots> slots = new ArrayList<>();
    for (MemberView m : status.up()) {
      if (m.reachable() && !unreachableHere.contains(m.address()) && m.roles().contains(ClusterPekkoConfig.NODE_ROLE)
          && m.info() != null && m.info().cores() > 0) {
        slots.add(new SlotAssignment.Slots(m.address(), m.info().cores(), m.info().runningTasks()));
        HostPort hp = hostPort(m.address());
        if (hp != null) {
          known.add(hp);
        }
      }
    }
    if (slots.isEmpty()) {
      throw new EmberRuntimeException("CLUSTER_NO_NODES", "The Ember cluster (asked " + status.answeredBy()
          + ") has no node that is up and reports its cores; start nodes with bin/ember node --seed ... and check "
          + "bin/ember cluster status.");
    }
    totalCores = slots.stream().mapToInt(SlotAssignment.Slots::cores).sum();
    return slots;
  }

  /** The total cores of the nodes at the last {@link #refresh()}. */
  int totalCores() {
    return totalCores;
  }

  /**
   * {@code graph} with its driver-only vertices and the vertices that cannot be encoded for the wire as its
   * {@link JobGraph#driverVertices()}, so that they are not fused with vertices that can run on a node.
   */
  static JobGraph withDriverVertices(JobGraph graph) {
    Set<Integer> ids = unshippable(graph);
    for (Vertex v : graph.vertices()) {
      if (v.runsOnDriver()) {
        ids.add(v.id());
      }
    }
    return graph.withDriverVertices(ids);
  }

  /**
   * Places the tasks of {@code graph}: tasks of driver-only vertices and of vertices that cannot be encoded for
   * the wire (those of {@link JobGraph#driverVertices()}, found here when the graph names none) stay in the
   * driver; the others go to nodes by free slots.
   */
  Placement plan(JobGraph graph) {
    List<SlotAssignment.Slots> nodes = refresh();
    Set<Integer> staying = graph.driverVertices().isEmpty() ? unshippable(graph) : graph.driverVertices();
    List<PlannedTask> remote = new ArrayList<>();
    for (PlannedTask t : TaskPlacement.plannedTasks(graph)) {
      if (!t.runsOnDriver() && t.vertexIds().stream().noneMatch(staying::contains)) {
        remote.add(t);
      }
    }
    Map<Integer, String> byTask = SlotAssignment.assign(remote, nodes);
    Map<Integer, ActorRef<TaskHost.Command>> placed = new ConcurrentHashMap<>();
    for (Map.Entry<Integer, String> e : byTask.entrySet()) {
      placed.put(e.getKey(), host(e.getValue()));
    }
    return new Placement(placed);
  }

  /** The vertices of {@code graph} whose plan objects cannot travel (logged once per job). */
  private static Set<Integer> unshippable(JobGraph graph) {
    Set<Integer> ids = new HashSet<>();
    for (Vertex v : graph.vertices()) {
      if (v.runsOnDriver()) {
        continue;
      }
      try {
        PlanCodec.encode(v);
      } catch (EmberRuntimeException e) {
        LOG.info("Vertex {} runs in the driver: it cannot be sent to a node ({})", v.id(), e.getMessage());
        ids.add(v.id());
      }
    }
    return ids;
  }

  private ActorRef<TaskHost.Command> host(String address) {
    return hosts.computeIfAbsent(address, a -> {
      try {
        org.apache.pekko.actor.ActorRef classic = Adapter.toClassic(system)
            .actorSelection(a + "/user/" + TaskHost.NAME)
            .resolveOne(timeout).toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        return Adapter.toTyped(classic);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmberRuntimeException("CLUSTER_UNREACHABLE", "Interrupted while looking up the node " + a, e);
      } catch (Exception e) {
        throw new EmberRuntimeException("CLUSTER_UNREACHABLE", "The node " + a + " has no task host answering "
            + "within " + timeout.toSeconds() + "s (" + e + "); is it an Ember node of the same version?", e);
      }
    });
  }

  private StatusReply.ClusterStatus status() {
    List<String> failures = new ArrayList<>();
    for (HostPort node : new LinkedHashSet<>(known)) {
      StatusReply reply;
      try {
        org.apache.pekko.actor.ActorRef classic = Adapter.toClassic(system)
            .actorSelection(node.pekkoAddress() + "/user/" + NodeAgent.NAME)
            .resolveOne(timeout).toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        ActorRef<NodeAgent.Command> agent = Adapter.toTyped(classic);
        reply = AskPattern.<NodeAgent.Command, StatusReply>ask(agent,
                r -> new NodeAgent.GetClusterStatus(secret.digest(), r), timeout, system.scheduler())
            .toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmberRuntimeException("CLUSTER_UNREACHABLE", "Interrupted while asking " + node, e);
      } catch (Exception e) {
        failures.add(node + ": " + e);
        continue;
      }
      if (reply instanceof StatusReply.ClusterStatus s) {
        return s;
      }
      failures.add(node + ": " + ((StatusReply.Refused) reply).reason());
    }
    throw new EmberRuntimeException("CLUSTER_UNREACHABLE", "No Ember node of the cluster answered the driver "
        + "within " + timeout.toSeconds() + "s: " + String.join("; ", failures) + ". Check bin/ember cluster status.");
  }

  /** {@code host:port} of a Pekko address string such as {@code pekko://ember@127.0.0.1:7355}; null if none. */
  static HostPort hostPort(String address) {
    int at = address.indexOf('@');
    if (at < 0) {
      return null;
    }
    try {
      return HostPort.parse(address.substring(at + 1));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
