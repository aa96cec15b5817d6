package io.ember.runtime.cluster;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * One per node, at {@code /user/}{@value #NAME}, registered with the receptionist under {@link #KEY}: it
 * answers {@link GetNodeInfo} with this node's {@link NodeInfo}, {@link GetClusterStatus} (from a client
 * that holds the cluster secret) with every member and what each member's agent reports, and the
 * {@link AdmissionGuard}s' {@link Prove} challenges.
 *
 * <p>Agents find each other through the receptionist, whose registry spreads through the cluster by gossip:
 * right after a node comes up, other agents may not know it for a moment, and status shows it without info.
 */
public final class NodeAgent extends AbstractBehavior<NodeAgent.Command> {
  /** The receptionist key every node agent registers under. */
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "ember-node-agent");
  /** The agent's actor name under the user guardian; clients address it by path. */
  public static final String NAME = "agent";
  /** How long a status request waits for each agent's answer. */
  static final Duration INFO_TIMEOUT = Duration.ofSeconds(3);

  /** The agent's protocol. */
  public interface Command {}

  /** Asks for this node's {@link NodeInfo}. */
  public record GetNodeInfo(ActorRef<NodeInfo> replyTo) implements Command, ClusterMessage {}

  /**
   * Asks for the cluster's status; answered with {@link StatusReply.Refused} unless {@code secretDigest} is the
   * {@linkplain ClusterSecret#digest() digest} of this cluster's secret.
   */
  public record GetClusterStatus(String secretDigest, ActorRef<StatusReply> replyTo)
      implements Command, ClusterMessage {}

  /**
   * An {@link AdmissionGuard}'s challenge: answered with a {@link Proof} of the cluster secret's digest for
   * {@code nonce}.
   */
  public record Prove(String nonce, ActorRef<Proof> replyTo) implements Command, ClusterMessage {}

  /**
   * The answer to {@link Prove}.
   *
   * @param address the answering node's address
   * @param nonce the challenge's nonce
   * @param mac {@link ClusterSecret#proof}{@code (digest, nonce, address)}
   */
  public record Proof(String address, String nonce, String mac) implements ClusterMessage {}

  /**
   * Asks for the settings a driver must share with the nodes ({@link ClusterPekkoConfig#DOWN_SETTINGS}: the
   * split-brain resolver's and the failure detector's, as this node runs with them); answered with
   * {@link DownSettings}, refused unless {@code secretDigest} is the digest of this cluster's secret.
   */
  public record GetDownSettings(String secretDigest, ActorRef<DownSettings> replyTo)
      implements Command, ClusterMessage {}

  /**
   * The answer to {@link GetDownSettings}.
   *
   * @param config the settings as HOCON ({@code key = value} lines), empty when refused
   * @param refusal why the request was refused, or null
   */
  public record DownSettings(String config, String refusal) implements ClusterMessage {}

  private record AgentsChanged(Receptionist.Listing listing) implements Command {}

  private final int cores;
  private final long memoryBytes;
  private final NodeLoad load;
  private final String secretDigest;
  private final Set<ActorRef<Command>> agents = new HashSet<>();

  private NodeAgent(ActorContext<Command> context, int cores, long memoryBytes, NodeLoad load, String secretDigest) {
    super(context);
    this.cores = cores;
    this.memoryBytes = memoryBytes;
    this.load = load;
    this.secretDigest = secretDigest;
    ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class, AgentsChanged::new);
    context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
    context.getSystem().receptionist().tell(Receptionist.subscribe(KEY, listings));
  }

  /** The agent of a node offering {@code cores} and {@code memoryBytes}, its load read from {@code load}. */
  public static Behavior<Command> create(int cores, long memoryBytes, NodeLoad load, String secretDigest) {
    return Behaviors.setup(ctx -> new NodeAgent(ctx, cores, memoryBytes, load, secretDigest));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetNodeInfo.class, this::onGetNodeInfo)
        .onMessage(GetClusterStatus.class, this::onGetClusterStatus)
        .onMessage(Prove.class, this::onProve)
        .onMessage(GetDownSettings.class, this::onGetDownSettings)
        .onMessage(AgentsChanged.class, this::onAgentsChanged)
        .build();
  }

  private Behavior<Command> onGetNodeInfo(GetNodeInfo msg) {
    msg.replyTo().tell(info());
    return this;
  }

  private Behavior<Command> onGetClusterStatus(GetClusterStatus msg) {
    if (!ClusterSecret.digestsEqual(msg.secretDigest(), secretDigest)) {
      getContext().getLog().warn("Refused a cluster status request from {}: wrong cluster secret",
          msg.replyTo().path().address());
      msg.replyTo().tell(new StatusReply.Refused("The node " + selfAddress() + " refused the request: the "
          + "client's cluster secret differs from the cluster's. Use the cluster's --secret-file or "
          + ClusterSecret.ENV + "."));
      return this;
    }
    Cluster cluster = Cluster.get(getContext().getSystem());
    getContext().spawnAnonymous(
        StatusCollector.create(cluster.state(), selfAddress(), Set.copyOf(agents), msg.replyTo(), INFO_TIMEOUT));
    return this;
  }

  private Behavior<Command> onGetDownSettings(GetDownSettings msg) {
    if (!ClusterSecret.digestsEqual(msg.secretDigest(), secretDigest)) {
      getContext().getLog().warn("Refused a settings request from {}: wrong cluster secret",
          msg.replyTo().path().address());
      msg.replyTo().tell(new DownSettings("", "The node " + selfAddress() + " refused the request: the client's"
          + " cluster secret differs from the cluster's. Use the cluster's secret file or " + ClusterSecret.ENV + "."));
      return this;
    }
    msg.replyTo().tell(new DownSettings(ClusterPekkoConfig.downSettings(getContext().getSystem().settings().config()),
        null));
    return this;
  }

  private Behavior<Command> onProve(Prove msg) {
    String self = selfAddress();
    msg.replyTo().tell(new Proof(self, msg.nonce(), ClusterSecret.proof(secretDigest, msg.nonce(), self)));
    return this;
  }

  private Behavior<Command> onAgentsChanged(AgentsChanged msg) {
    agents.clear();
    agents.addAll(msg.listing().getServiceInstances(KEY));
    return this;
  }

  private NodeInfo info() {
    return new NodeInfo(selfAddress(), ProcessHandle.current().pid(), cores, memoryBytes, load.runningTasks(),
        load.replicaMemoryBytes());
  }

  private String selfAddress() {
    return Cluster.get(getContext().getSystem()).selfMember().address().toString();
  }
}
