package io.ember.runtime.remote;

import io.ember.checkpointing.PeerReplicaStore;
import io.ember.checkpointing.ReplicaDirectory;
import io.ember.checkpointing.ReplicaPeers;
import io.ember.checkpointing.ReplicaTransport;
import io.ember.checkpointing.TaskStateKey;
import io.ember.runtime.local.TaskLaunch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The driver's side of replicas in a cluster: the replica store its streaming coordinators use
 * ({@link #store()}, a {@link PeerReplicaStore} over the task hosts of the live members with the node role) and
 * the {@link ReplicaDirectory} behind it, which {@link ShellPlacement} fills as it starts tasks on nodes
 * ({@link #assign}): each checkpointed task's snapshots go to {@value ReplicaPeers#CONFIG_KEY} nodes other than the
 * one running it, chosen by {@link ReplicaPeers#choose}, and to the store of its own node, and recovery fetches
 * them back from whichever holder is live, peers first. Tasks that run in the driver copy their snapshots to
 * nodes the same way, with their local copy in the driver's own task host.
 *
 * <p>The driver's own operations on holders (completing an epoch on them, pruning, fetching for recovery, the copies
 * of tasks that run in the driver) give up on a holder as soon as it stops being live, as the tasks' do
 * ({@link ReachableHolders}, with the driver's own failure detector): a holder that froze (a long GC pause,
 * {@code kill -STOP}) is left out of the completion once the cluster takes it for unreachable, rather than holding
 * the epoch's commit, and the recovery queued behind it, for up to {@link #TIMEOUT}. Thread-safe.
 */
public final class ClusterReplicas implements AutoCloseable {
  /** How long a holder may take to store, complete, prune or hand back a copy. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final ActorSystem<?> system;
  private final String nodeRole;
  private final int replicas;
  private final ReplicaDirectory directory;
  private final String self;
  private final ActorRef<TaskHost.Command> localHost;
  private final ReplicaTransport transport;
  private final PeerReplicaStore store;

  /**
   * @param system the driver's actor system, a cluster member
   * @param nodeRole the role of the members that hold replicas (nodes, not drivers)
   * @param replicas copies of each snapshot ({@value ReplicaPeers#CONFIG_KEY})
   * @param localHost the driver's own task host, which keeps the local copy of the tasks that run in the driver
   */
  public ClusterReplicas(ActorSystem<?> system, String nodeRole, int replicas, ActorRef<TaskHost.Command> localHost) {
    this(system, nodeRole, replicas, localHost, new ReplicaDirectory());
  }

  /**
   * As {@link #ClusterReplicas(ActorSystem, String, int, ActorRef)}, keeping the holders in {@code directory}, which
   * the driver's task host also fills with the holders tasks on nodes choose when theirs are lost
   * ({@link TaskHost.RecordHolders}).
   */
  public ClusterReplicas(ActorSystem<?> system, String nodeRole, int replicas, ActorRef<TaskHost.Command> localHost,
      ReplicaDirectory directory) {
    this.system = system;
    this.directory = directory;
    this.nodeRole = nodeRole;
    this.replicas = replicas;
    this.self = Cluster.get(system).selfMember().address().toString();
    this.localHost = localHost;
    this.transport = new ReachableHolders(new HostReplicaTransport(system, this::hostOf, self, TIMEOUT), system);
    this.store = new PeerReplicaStore(self, this::nodes, replicas, directory, transport, TIMEOUT, true);
  }

  /** The replica store of the driver's streaming coordinators. */
  public PeerReplicaStore store() {
    return store;
  }

  /** How many nodes hold each snapshot. */
  public int replicas() {
    return replicas;
  }

  /** The task host of the node at {@code address} (resolved from its well-known path, without asking). */
  private ActorRef<TaskHost.Command> hostOf(String address) {
    if (address.equals(self)) {
      return localHost;
    }
    return ActorRefResolver.get(system).resolveActorRef(address + "/user/" + TaskHost.NAME);
  }

  /** The addresses of the Up, reachable members with the node role. */
  List<String> nodes() {
    return liveNodes(system, nodeRole);
  }

  /** The addresses of the Up members with role {@code nodeRole} that {@code system} does not see unreachable. */
  static List<String> liveNodes(ActorSystem<?> system, String nodeRole) {
    ClusterEvent.CurrentClusterState state = Cluster.get(system).state();
    List<String> out = new ArrayList<>();
    for (Member m : state.getMembers()) {
      if (m.status() == MemberStatus.up() && m.hasRole(nodeRole) && !state.getUnreachable().contains(m)) {
        out.add(m.address().toString());
      }
    }
    return out;
  }

  /**
   * The task hosts that hold checkpointed task {@code task}'s snapshots while it runs on the node at
   * {@code nodeAddress}, recorded in the directory; empty for a task that takes no snapshots.
   */
  List<ActorRef<TaskHost.Command>> assign(TaskLaunch task, String nodeAddress) {
    TaskStateKey key = task.stateKey();
    return key == null ? List.of() : assign(task.replicaJobId(), key, nodeAddress);
  }

  /**
   * The task hosts that hold the snapshots of task {@code key} of job {@code jobId} (its name in replica stores)
   * while it runs on the node at {@code nodeAddress}, recorded in the directory: the peers {@link ReplicaPeers#choose}
   * picks over the live nodes, then that node itself. The local copy costs no network; it is what a surviving task
   * rolls back to when its peers were lost, so that with one replica no single node's loss loses a task's snapshot
   * (Flink keeps task-local copies for the same reason).
   */
  public List<ActorRef<TaskHost.Command>> assign(String jobId, TaskStateKey key, String nodeAddress) {
    List<String> holders = new ArrayList<>(ReplicaPeers.choose(key, nodeAddress, nodes(), replicas));
    if (!holders.contains(nodeAddress)) {
      holders.add(nodeAddress); // the local copy, last: read only when no peer has it
    }
    directory.assign(jobId, key, holders);
    return holders.stream().map(this::hostOf).toList();
  }

  /** How this driver reaches the nodes' replica stores: giving up on holders that stop being live. */
  ReplicaTransport transport() {
    return transport;
  }

  /** Releases the driver's metadata; the nodes drop a job's copies when it ends. */
  @Override
  public void close() {
    store.close();
  }
}
