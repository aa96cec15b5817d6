package io.ember.runtime.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.ember.checkpointing.HeapReplicaStore;
import io.ember.checkpointing.ReplicaPeers;
import io.ember.checkpointing.TaskStateKey;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.runtime.EpochListener;
import io.ember.runtime.JobConfig;
import io.ember.runtime.JobResult;
import io.ember.runtime.JobRunner;
import io.ember.runtime.StreamingJob;
import io.ember.runtime.StreamingSettings;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.local.TaskPlacement;
import io.ember.runtime.remote.ClusterReplicas;
import io.ember.runtime.remote.RemoteJobs;
import io.ember.runtime.remote.ShellPlacement;
import io.ember.runtime.remote.TaskHost;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.JoinSeedNodes;

/**
 * Runs jobs on an Ember cluster ({@code master("ember://host:port")}): the driver's JVM joins the cluster as a
 * member with the role {@value ClusterPekkoConfig#DRIVER_ROLE} (no cores, no vote in the split-brain resolver)
 * after the cluster checked its secret, runs each job's coordinator itself and places the job's tasks on the
 * nodes' task hosts by free slots ({@link SlotAssignment} over the cores and running tasks the nodes' agents
 * report, asked afresh for every job). Tasks whose vertices must stay in the driver
 * ({@link io.ember.core.serde.DriverLocal}) run in the driver, as in local mode; so do the tasks of a vertex
 * that cannot be sent to another node (it holds a function or handle of this JVM), which is logged. Such vertices
 * are not fused with their neighbours here ({@link JobGraph#driverVertices()}): a streaming query's memory or
 * foreachBatch sink runs in the driver while the stages before it run on the nodes. {@link #lastPlacement()}
 * tells where the tasks of the latest job went.
 *
 * <p>Inputs are read where the tasks run: a file source's path must name the same files on every node (a shared
 * or copied directory). Streaming jobs copy each task's snapshots into the off-heap replica stores of
 * {@value io.ember.checkpointing.ReplicaPeers#CONFIG_KEY} nodes other than the task's, replicate each epoch's
 * metadata to them and restore lost tasks from them ({@link ClusterReplicas}), whatever replica store the job asks
 * for.
 *
 * <p>Node loss: a node that becomes unreachable (Pekko's failure detector, a few seconds after it stops answering)
 * or leaves loses its tasks ({@link ShellPlacement#watchNodes}). A streaming job recovers: the lost tasks are
 * reserved on the live nodes by free slots ({@link LiveNodes}; the driver when no node answers) and restored from
 * the last complete epoch's snapshots, the sources rewind to its offsets, and the tasks on live nodes roll back in
 * place. A batch job fails with {@code NODE_LOST} naming the node; run it again.
 *
 * <p>Thread-safe: several threads may run jobs at once. {@link #close()} leaves the cluster; running jobs fail.
 */
public final class ClusterRuntime implements JobRunner {
  /** How long {@link #connect} waits for the cluster by default. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
  /** How long the driver waits for a node's answer (status, task reservation). */
  static final Duration ASK_TIMEOUT = Duration.ofSeconds(30);
  private static final long CLOSE_TIMEOUT_SECONDS = 30;
  /** How long a live node may take to answer while a lost node's tasks are redeployed. */
  private static final Duration REDEPLOY_TIMEOUT = Duration.ofSeconds(5);

  private final HostPort master;
  private final ClusterSecret secret;
  private final ActorSystem<Void> system;
  private final HeapReplicaStore replicas;
  private final ClusterReplicas peers;
  private final ActorRef<TaskHost.Command> driverHost;
  private final AtomicInteger driverTasks = new AtomicInteger();
  private final AtomicLong jobs = new AtomicLong();
  private final NodeDirectory directory;
  private final Map<String, Integer> placed = new ConcurrentHashMap<>();
  private volatile JobPlacement lastPlacement;
  private volatile boolean closed;

  private ClusterRuntime(HostPort master, ClusterSecret secret, ActorSystem<Void> system, HeapReplicaStore replicas,
      int replicaCount) {
    this.master = master;
    this.secret = secret;
    this.system = system;
    this.replicas = replicas;
    io.ember.checkpointing.ReplicaDirectory holders = new io.ember.checkpointing.ReplicaDirectory();
    this.driverHost = RemoteJobs.startHost(system, replicas, holders);
    this.peers = new ClusterReplicas(system, ClusterPekkoConfig.NODE_ROLE, replicaCount, driverHost, holders);
    this.directory = new NodeDirectory(system, master, secret, ASK_TIMEOUT);
  }

  /**
   * Joins the cluster that the node at {@code master} belongs to, with the cluster's secret, and waits until
   * this driver is a member and the cluster has at least one node.
   *
   * @param pekkoOverrides {@code pekko.*} settings over the driver's (the cluster's Artery TLS settings); may be
   *     empty
   * @throws EmberIllegalArgumentException {@code CLUSTER_SECRET_MISMATCH} when the cluster refuses the secret
   * @throws EmberRuntimeException {@code CLUSTER_UNREACHABLE} when no node lets the driver join within
   *     {@code timeout}
   */
  public static ClusterRuntime connect(HostPort master, ClusterSecret secret, Duration timeout, Config pekkoOverrides) {
    return connect(master, secret, timeout, pekkoOverrides, ReplicaPeers.DEFAULT_REPLICAS);
  }

  /**
   * {@link #connect(HostPort, ClusterSecret, Duration, Config)} keeping {@code replicas} copies of each streaming
   * task snapshot on nodes other than the task's ({@value ReplicaPeers#CONFIG_KEY}, at least 1).
   */
  public static ClusterRuntime connect(HostPort master, ClusterSecret secret, Duration timeout, Config pekkoOverrides,
      int replicas) {
    ReplicaPeers.choose(new TaskStateKey(0, 0), "", List.of(""), replicas); // refuses fewer than one
    org.slf4j.LoggerFactory.getILoggerFactory();
    String host = AdminClient.localAddressTowards(master.host());
    Config downSettings = clusterDownSettings(master, secret, timeout, pekkoOverrides);
    ActorSystem<Void> system = ActorSystem.create(guardian(secret), ClusterPekkoConfig.SYSTEM_NAME,
        ClusterPekkoConfig.driver(host, secret.digest(), timeout, pekkoOverrides, downSettings));
    CompletableFuture<Void> up = new CompletableFuture<>();
    org.apache.pekko.cluster.Cluster.get(Adapter.toClassic(system)).registerOnMemberUp(() -> up.complete(null));
    system.getWhenTerminated().whenComplete((done, error) ->
        up.completeExceptionally(joinFailure(master, secret, timeout,
            CoordinatedShutdown.get(system).getShutdownReason().orElse(null))));
    Address seed = new Address("pekko", ClusterPekkoConfig.SYSTEM_NAME, master.host(), master.port());
    Cluster.get(system).manager().tell(new JoinSeedNodes(List.of(seed)));
    try {
      up.get(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      system.terminate();
      Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw joinFailure(master, secret, timeout, null);
    }
    ClusterRuntime runtime = new ClusterRuntime(master, secret, system, new HeapReplicaStore(), replicas);
    try {
      runtime.directory.refresh();
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
    return runtime;
  }

  /**
   * The split-brain resolver's and failure detector's settings of the node at {@code master}
   * ({@link ClusterPekkoConfig#DOWN_SETTINGS}), asked before the driver starts its member: Pekko reads them when a
   * member starts, and the driver must run with the nodes' (its resolver decides while it is the cluster's leader, the
   * member with the lowest address). Failures read as a failed join would.
   */
  private static Config clusterDownSettings(HostPort master, ClusterSecret secret, Duration timeout,
      Config pekkoOverrides) {
    AdminClient client = AdminClient.connect(master, secret, pekkoOverrides);
    try {
      return client.downSettings(master, timeout);
    } catch (EmberIllegalArgumentException refused) {
      throw joinFailure(master, secret, timeout, CoordinatedShutdown.incompatibleConfigurationDetectedReason());
    } catch (EmberRuntimeException unreachable) {
      throw joinFailure(master, secret, timeout, null);
    } finally {
      client.close();
    }
  }

  /** {@link #connect(HostPort, ClusterSecret, Duration, Config)} without Pekko settings. */
  public static ClusterRuntime connect(HostPort master, ClusterSecret secret, Duration timeout) {
    return connect(master, secret, timeout, ConfigFactory.empty());
  }

  private static Behavior<Void> guardian(ClusterSecret secret) {
    return Behaviors.setup(ctx -> {
      // answers the nodes' admission challenges; reports no cores, so nothing counts it as a place for tasks
      ctx.spawn(NodeAgent.create(0, 0, NodeLoad.IDLE, secret.digest()), NodeAgent.NAME);
      return Behaviors.empty();
    });
  }

  private static RuntimeException joinFailure(HostPort master, ClusterSecret secret, Duration timeout,
      CoordinatedShutdown.Reason reason) {
    if (reason == CoordinatedShutdown.incompatibleConfigurationDetectedReason()) {
      return new EmberIllegalArgumentException("CLUSTER_SECRET_MISMATCH", "The Ember cluster at "
          + master.masterUrl() + " refused this session: its cluster secret (from " + secret.origin()
          + ") differs from the cluster's. Use the cluster's secret: spark.ember.cluster.secretFile, "
          + ClusterSecret.ENV + ", or the secret file of the directory bin/ember cluster start used.");
    }
    return new EmberRuntimeException("CLUSTER_UNREACHABLE", "Could not connect to the Ember cluster at "
        + master.masterUrl() + ": no node let this session join within " + timeout.toSeconds() + "s. Check that "
        + "a node runs there (bin/ember cluster status), that host and port are right, and that the nodes can "
        + "reach this machine back.");
  }

  @Override
  public JobResult run(JobGraph plan, JobConfig config) {
    String job = nextJobName();
    JobGraph graph = NodeDirectory.withDriverVertices(plan);
    ShellPlacement placement = place(job, graph);
    try {
      return RemoteJobs.run(system, job, graph, config, placement).join();
    } catch (CompletionException e) {
      throw rethrow(e.getCause());
    }
  }

  @Override
  public StreamingJob startStreaming(JobGraph plan, Set<Integer> streamingSources, JobConfig config,
      StreamingSettings settings, EpochListener listener) {
    String job = nextJobName();
    JobGraph graph = NodeDirectory.withDriverVertices(plan);
    ShellPlacement placement = place(job, graph);
    try {
      return RemoteJobs.startStreaming(system, job, graph, streamingSources, config, settings, listener, peers.store(),
          placement).join();
    } catch (CompletionException e) {
      throw rethrow(e.getCause());
    }
  }

  private String nextJobName() {
    if (closed) {
      throw new EmberRuntimeException("RUNTIME_CLOSED", "The session's connection to " + master.masterUrl()
          + " is closed; start a new session to run jobs.");
    }
    return "job-" + ProcessHandle.current().pid() + "-" + jobs.incrementAndGet();
  }

  /** Reserves the job's tasks on the nodes with free slots; the rest run in the driver. */
  private ShellPlacement place(String job, JobGraph graph) {
    NodeDirectory.Placement plan = directory.plan(graph);
    plan.hosts().values().forEach(h -> placed.merge(h.path().address().toString(), 1, Integer::sum));
    lastPlacement = JobPlacement.of(job, graph, plan::hostOf);
    try {
      return RemoteJobs.reserve(system, job, graph, plan::hostOf, TaskPlacement.local(driverTasks), driverHost,
          ASK_TIMEOUT).toCompletableFuture().join()
          .watchNodes(new LiveNodes(system, secret, job, TaskPlacement.plannedTasks(graph), REDEPLOY_TIMEOUT))
          .withReplicas(peers);
    } catch (CompletionException e) {
      throw rethrow(e.getCause());
    }
  }

  private static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof RuntimeException re) {
      return re;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    return new EmberRuntimeException("TASK_FAILED", "The job failed: " + cause, cause);
  }

  /** The total cores of the cluster's nodes, as the driver last learnt them (at connect or the last job). */
  @Override
  public int defaultParallelism() {
    return Math.max(1, directory.totalCores());
  }

  /** How many tasks this runtime has placed on each node so far, by node address (tasks in the driver: none). */
  public Map<String, Integer> tasksPlacedByNode() {
    return Map.copyOf(placed);
  }

  /**
   * Where the tasks of the latest job this runtime started (batch or streaming) were placed; null before the first
   * job.
   */
  public JobPlacement lastPlacement() {
    return lastPlacement;
  }

  /** Where this runtime's streaming jobs keep their tasks' snapshots and epoch metadata: on the nodes. */
  public ClusterReplicas replicas() {
    return peers;
  }

  /** The master URL this runtime connected through. */
  public HostPort master() {
    return master;
  }

  /** Tasks running in the driver now (driver-only vertices); zero whenever no job runs. */
  public int driverTasks() {
    return driverTasks.get();
  }

  /**
   * The driver's split-brain resolver {@code stable-after}: the nodes' ({@code ember.cluster.split-brain.stable-after}
   * of the node it connected through), unless the session's Pekko settings name another.
   */
  public Duration splitBrainStableAfter() {
    return system.settings().config().getDuration("pekko.cluster.split-brain-resolver.stable-after");
  }

  /** The driver's address in the cluster. */
  public String address() {
    return Cluster.get(system).selfMember().address().toString();
  }

  /** Leaves the cluster and stops the driver's actor system; running jobs fail. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.clusterLeavingReason());
      system.getWhenTerminated().toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new EmberRuntimeException("RUNTIME_CLOSE_FAILED", "The session did not leave the cluster at "
          + master.masterUrl() + ": " + e, e);
    } finally {
      replicas.close();
      peers.close();
    }
  }

  @Override
  public String toString() {
    return "ClusterRuntime(" + master.masterUrl() + ", " + secret + ")";
  }
}
