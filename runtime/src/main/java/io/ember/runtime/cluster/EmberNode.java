package io.ember.runtime.cluster;

import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.checkpointing.ChronicleReplicaStore;
import io.ember.checkpointing.HeapReplicaStore;
import io.ember.checkpointing.ReplicaStore;
import io.ember.runtime.local.ExchangeRelay;
import io.ember.runtime.remote.TaskHost;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Ember cluster node: a Pekko Cluster actor system named {@value ClusterPekkoConfig#SYSTEM_NAME} on
 * {@code host:port} (Artery TCP) that joins its seed nodes, or starts a new cluster when it has none, and runs
 * a {@link NodeAgent} that advertises its resources, an {@link AdmissionGuard} that downs members without the
 * cluster secret, and a {@link TaskHost} at {@code /user/}{@value TaskHost#NAME} that runs tasks for the drivers
 * of sessions connected to the cluster ({@link ClusterRuntime}), for members only, with the node's
 * {@link ExchangeRelay} next to it (one message per node for several of its tasks). {@code bin/ember node} runs {@link #main}; tests and
 * other code start one with {@link #start}.
 *
 * <p>A node stops when it is closed, on SIGTERM (leaving the cluster gracefully), when the cluster refuses it
 * (another secret), when no seed node answers within the join timeout, or when the cluster downs it;
 * {@link #whenStopped()} says which, as a {@link NodeExit}.
 */
public final class EmberNode implements AutoCloseable {
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final NodeConfig config;
  private final ActorSystem<Void> system;
  private final CompletableFuture<Void> up = new CompletableFuture<>();
  private final CompletableFuture<NodeExit> stopped = new CompletableFuture<>();

  private EmberNode(NodeConfig config, ActorSystem<Void> system) {
    this.config = config;
    this.system = system;
  }

  /**
   * Starts a node whose agent reports {@code load} (tests) and begins joining; returns at once (see {@link #whenUp()}).
   *
   * @param load the live figures the agent reports
   * @throws EmberRuntimeException {@code NODE_START_FAILED} when the actor system cannot start, typically
   *     because the port is taken
   */
  public static EmberNode start(NodeConfig config, NodeLoad load) {
    return start(config, load, new HeapReplicaStore(), new AtomicInteger());
  }

  /** Snapshots a node's replica store is first sized for; it grows past them. */
  static final long REPLICA_STORE_SNAPSHOTS = 256;

  /**
   * Starts a node whose agent reports the tasks its {@link TaskHost} runs and the memory of its replica store;
   * returns at once (see {@link #whenUp()}). The replica store, which holds the snapshots other nodes' streaming
   * tasks copy here, is off-heap ({@link ChronicleReplicaStore}), first sized for a quarter of the node's memory
   * ({@code --memory}) in {@value #REPLICA_STORE_SNAPSHOTS} snapshots, and released when the node stops.
   *
   * @throws EmberRuntimeException {@code NODE_START_FAILED} as {@link #start(NodeConfig, NodeLoad)}
   */
  public static EmberNode start(NodeConfig config) {
    long average = Math.max(16 << 10, Math.min(ChronicleReplicaStore.CHUNK_BYTES,
        config.memoryBytes() / 4 / REPLICA_STORE_SNAPSHOTS));
    ChronicleReplicaStore replicas = new ChronicleReplicaStore("ember-node-replicas", REPLICA_STORE_SNAPSHOTS,
        average);
    AtomicInteger liveTasks = new AtomicInteger();
    NodeLoad load = new NodeLoad() {
      @Override
      public int runningTasks() {
        return liveTasks.get();
      }

      @Override
      public long replicaMemoryBytes() {
        return replicas.memoryBytes();
      }
    };
    return start(config, load, replicas, liveTasks);
  }

  private static EmberNode start(NodeConfig config, NodeLoad load, ReplicaStore replicas, AtomicInteger liveTasks) {
    ActorSystem<Void> system;
    try {
      system = ActorSystem.create(guardian(config, load, replicas, liveTasks), ClusterPekkoConfig.SYSTEM_NAME,
          ClusterPekkoConfig.node(config));
    } catch (RuntimeException e) {
      throw new EmberRuntimeException("NODE_START_FAILED", "The node could not start on " + config.host() + ":"
          + config.port() + ": " + rootMessage(e) + ". If the port is taken, choose another with --port (0: any "
          + "free port); if the host is not an address of this machine, fix --host.", e);
    }
    system.getWhenTerminated().whenComplete((done, error) -> replicas.close());
    EmberNode node = new EmberNode(config, system);
    node.join();
    return node;
  }

  private static Behavior<Void> guardian(NodeConfig config, NodeLoad load, ReplicaStore replicas,
      AtomicInteger liveTasks) {
    return Behaviors.setup(ctx -> {
      ctx.spawn(MemberOnlyHost.wrap(TaskHost.create(replicas, liveTasks)), TaskHost.NAME);
      ctx.spawn(ExchangeRelay.create(), ExchangeRelay.NAME);
      ctx.spawn(NodeAgent.create(config.cores(), config.memoryBytes(), load, config.secret().digest()),
          NodeAgent.NAME);
      ctx.spawn(AdmissionGuard.create(config.secret().digest(), config.admissionTimeout()), "admission");
      return Behaviors.empty();
    });
  }

  private void join() {
    Logger log = LoggerFactory.getLogger(EmberNode.class);
    org.apache.pekko.cluster.Cluster classic = org.apache.pekko.cluster.Cluster.get(Adapter.toClassic(system));
    classic.registerOnMemberUp(() -> up.complete(null));
    system.getWhenTerminated().whenComplete((done, error) -> {
      NodeExit exit = CoordinatedShutdown.get(system).getShutdownReason()
          .map(reason -> NodeExit.of(reason, config))
          .orElse(new NodeExit(0, "The node stopped."));
      up.completeExceptionally(new EmberRuntimeException("NODE_STOPPED", exit.message()));
      stopped.complete(exit);
    });
    Cluster cluster = Cluster.get(system);
    Address self = cluster.selfMember().address();
    if (config.seeds().isEmpty()) {
      log.info("Starting a new cluster at {}", self);
      cluster.manager().tell(new Join(self));
    } else {
      List<Address> seeds = new ArrayList<>();
      for (HostPort seed : config.seeds()) {
        seeds.add(new Address("pekko", ClusterPekkoConfig.SYSTEM_NAME, seed.host(), seed.port()));
      }
      log.info("Joining the cluster through {}", seeds);
      cluster.manager().tell(new JoinSeedNodes(seeds));
    }
    if (config.memoryBytes() > Runtime.getRuntime().maxMemory()) {
      log.warn("This node offers {} bytes of memory ({}) but its JVM heap is at most {} bytes; raise the heap "
          + "(EMBER_JAVA_OPTS=-Xmx...) or lower --memory", config.memoryBytes(), NodeOptions.MEMORY.key(),
          Runtime.getRuntime().maxMemory());
    }
  }

  /** The node's own address, with its real port when it was started on port 0. */
  public HostPort hostPort() {
    Address self = Cluster.get(system).selfMember().address();
    return new HostPort(self.getHost().orElseThrow(), self.getPort().orElseThrow());
  }

  /** Completes when this node is an Up member; fails if it stops before. */
  public CompletionStage<Void> whenUp() {
    return up;
  }

  /** Completes when the node has stopped, with why. */
  public CompletionStage<NodeExit> whenStopped() {
    return stopped;
  }

  /** The node's actor system, for code that runs on the node. */
  public ActorSystem<Void> system() {
    return system;
  }

  /**
   * Leaves the cluster gracefully and stops the actor system, waiting for both.
   *
   * @throws EmberRuntimeException if the system did not stop within the close timeout
   */
  @Override
  public void close() {
    CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.clusterLeavingReason());
    try {
      stopped.get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new EmberRuntimeException("NODE_STOP_FAILED", "The node did not stop within " + CLOSE_TIMEOUT, e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  /** The system property naming a process whose exit stops the node (test kits set it to their own pid). */
  public static final String PARENT_PID_PROPERTY = "ember.node.parentPid";

  /**
   * {@code bin/ember node [flags]}: runs a node in the foreground until it stops; exits with its {@link NodeExit}.
   * With {@value #PARENT_PID_PROPERTY} set, the node also leaves and exits when that process ends, even by
   * {@code kill -9}, so that a test run that dies leaves no node behind.
   */
  public static void main(String[] args) {
    NodeLogging.configure();
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println(NodeHelp.text());
      return;
    }
    NodeConfig config;
    try {
      config = NodeConfigParser.parse(List.of(args), System.getenv());
    } catch (EmberIllegalArgumentException e) {
      System.err.println("ember node: " + e.getMessage());
      System.exit(NodeExit.BAD_CONFIG);
      return;
    }
    EmberNode node;
    try {
      node = start(config);
    } catch (EmberRuntimeException e) {
      System.err.println("ember node: " + e.getMessage());
      System.exit(1);
      return;
    }
    String parent = System.getProperty(PARENT_PID_PROPERTY);
    if (parent != null) {
      ProcessHandle.of(Long.parseLong(parent)).ifPresentOrElse(
          h -> h.onExit().thenRun(node::close),
          node::close);
    }
    HostPort self = node.hostPort();
    System.out.println("Ember node " + self + " (pid " + ProcessHandle.current().pid() + ", " + config.cores()
        + " cores) " + (config.seeds().isEmpty() ? "starting a new cluster" : "joining " + config.seeds()));
    node.whenUp().thenRun(() -> System.out.println("Ember node " + self + " is up; master URL " + self.masterUrl()));
    NodeExit exit = node.whenStopped().toCompletableFuture().join();
    (exit.exitCode() == 0 ? System.out : System.err).println("ember node: " + exit.message());
    System.out.flush();
    System.err.flush();
    System.exit(exit.exitCode());
  }
}
