package io.ember.runtime.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import io.ember.runtime.local.PekkoSettings;
import io.ember.runtime.remote.RemoteSerialization;
import java.time.Duration;
import java.util.List;

/**
 * The Pekko configuration of a cluster node and of a cluster client, built in code over
 * {@link PekkoSettings#local} (Java serialization off, quiet start, one dispatcher thread per core).
 *
 * <p>A node runs Pekko Cluster over Artery TCP under the actor system name {@value #SYSTEM_NAME}, with the
 * role {@value #NODE_ROLE}, and:
 * <ul>
 *   <li><b>Split-brain resolver</b>, strategy keep-majority counted over {@value #NODE_ROLE} members: when the
 *       failure detector marks members unreachable and membership has then been stable for
 *       {@link NodeConfig#stableAfter()}, the side with more nodes downs the other (on a tie, the side with the
 *       lowest address stays). A single node killed in a cluster of three is thus removed after about the
 *       failure detector's acceptable pause (Pekko's default, 3 s) plus {@code stable-after}. Choose an odd
 *       number of nodes: with two, losing the lowest-addressed one downs the other too. {@code stable-after}
 *       should exceed the longest pause (GC, network) a healthy node may have. The resolver decides on the
 *       cluster's leader, which can be a driver (the lowest address wins): a driver therefore runs with the nodes'
 *       {@link #DOWN_SETTINGS}, which it asks the node it connects through for before it starts its member
 *       ({@code ClusterRuntime.connect}).</li>
 *   <li><b>Secret check</b>: the digest of the cluster secret under {@value #SECRET_DIGEST_KEY} and
 *       {@link SecretCompatChecker} among the join compatibility checkers, enforced on join.</li>
 *   <li><b>Serialization</b>: {@link ClusterMessage}s through {@link ClusterMessageSerializer}, the runtime's
 *       messages (tasks, coordinators, task hosts) through {@link RemoteSerialization#config()}; no Java
 *       serialization.</li>
 *   <li>Coordinated shutdown runs on JVM exit (SIGTERM: the node leaves the cluster gracefully) and when the
 *       node is downed; the node gives up joining after {@link NodeConfig#joinTimeout()}.</li>
 * </ul>
 * The {@code pekko.*} settings of the node's configuration file go over all of this (for Artery TLS).
 */
public final class ClusterPekkoConfig {
  private ClusterPekkoConfig() {}

  /** The actor system name of every node: Pekko only joins systems of the same name. */
  public static final String SYSTEM_NAME = "ember";
  /** The role of a node that runs tasks; clients never have it. */
  public static final String NODE_ROLE = "node";
  /** The role of a session's driver that joins to submit jobs: it runs coordinators, never other jobs' tasks. */
  public static final String DRIVER_ROLE = "driver";
  /** Where a node's configuration carries the digest of its cluster secret. */
  public static final String SECRET_DIGEST_KEY = "ember.cluster.secret-digest";
  /** The registration name of {@link ClusterMessageSerializer}. */
  static final String SERIALIZER_NAME = "ember-cluster";
  /**
   * The settings a driver takes from the cluster it joins ({@link NodeAgent.GetDownSettings}), so that it decides
   * and detects as the nodes do: the split-brain resolver decides on the cluster's leader, the member with the lowest
   * address, which can be the driver.
   */
  public static final List<String> DOWN_SETTINGS = List.of(
      "pekko.cluster.split-brain-resolver.stable-after",
      "pekko.cluster.split-brain-resolver.down-all-when-unstable",
      "pekko.cluster.failure-detector.heartbeat-interval",
      "pekko.cluster.failure-detector.acceptable-heartbeat-pause",
      "pekko.cluster.failure-detector.threshold");

  /** The configuration of a node listening on {@code config.host():config.port()}. */
  public static Config node(NodeConfig config) {
    return member(config.host(), config.port(), NODE_ROLE, config.joinTimeout(), config.stableAfter(),
        config.secret().digest(), config.pekkoOverrides(), config.cores());
  }

  /**
   * The configuration of a driver: a member with the role {@value #DRIVER_ROLE} (it offers no cores and does not
   * count in the split-brain resolver's majority) on {@code host} and a free port, that gives up joining after
   * {@code joinTimeout}; {@code pekkoOverrides} as a node's (Artery TLS), except where it listens.
   */
  public static Config driver(String host, String secretDigest, Duration joinTimeout, Config pekkoOverrides) {
    return driver(host, secretDigest, joinTimeout, pekkoOverrides, ConfigFactory.empty());
  }

  /**
   * {@link #driver(String, String, Duration, Config)} with the cluster's {@code downSettings} ({@link #downSettings}
   * as a node answers it: only the keys of {@link #DOWN_SETTINGS} are taken) under {@code pekkoOverrides}, so the
   * driver's split-brain resolver and failure detector run as the nodes' do.
   */
  public static Config driver(String host, String secretDigest, Duration joinTimeout, Config pekkoOverrides,
      Config downSettings) {
    Config fromCluster = ConfigFactory.empty();
    for (String key : DOWN_SETTINGS) {
      if (downSettings.hasPath(key)) {
        fromCluster = fromCluster.withValue(key, downSettings.getValue(key));
      }
    }
    pekkoOverrides = pekkoOverrides.withFallback(fromCluster);
    // the driver runs in the user's program: Pekko's connection warnings (a node leaving, the driver leaving) are
    // noise there; errors still show
    Config overrides = pekkoOverrides.withoutPath("pekko.remote.artery.canonical")
        .withoutPath("pekko.remote.artery.bind")
        .withFallback(ConfigFactory.parseString("pekko.loglevel = \"ERROR\"\npekko.stdout-loglevel = \"ERROR\""));
    return member(host, 0, DRIVER_ROLE, joinTimeout, NodeOptions.STABLE_AFTER.defaultValue().get(), secretDigest,
        overrides, Runtime.getRuntime().availableProcessors());
  }

  private static Config member(String host, int port, String role, Duration joinTimeout, Duration stableAfter,
      String secretDigest, Config pekkoOverrides, int cores) {
    String text = String.join("\n",
        "pekko.loglevel = \"INFO\"",
        "pekko.stdout-loglevel = \"WARNING\"",
        "pekko.log-dead-letters-during-shutdown = off",
        "pekko.jvm-shutdown-hooks = on",
        "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = on",
        "pekko.coordinated-shutdown.exit-jvm = off",
        "pekko.actor.provider = cluster",
        "pekko.remote.artery.transport = tcp",
        "pekko.remote.artery.canonical.hostname = " + ConfigUtil.quoteString(host),
        "pekko.remote.artery.canonical.port = " + port,
        "pekko.cluster.roles = [" + ConfigUtil.quoteString(role) + "]",
        "pekko.cluster.jmx.enabled = off",
        "pekko.cluster.log-info-verbose = off",
        "pekko.cluster.run-coordinated-shutdown-when-down = on",
        "pekko.cluster.shutdown-after-unsuccessful-join-seed-nodes = " + millis(joinTimeout),
        "pekko.cluster.downing-provider-class = \"org.apache.pekko.cluster.sbr.SplitBrainResolverProvider\"",
        "pekko.cluster.split-brain-resolver.active-strategy = keep-majority",
        "pekko.cluster.split-brain-resolver.keep-majority.role = " + ConfigUtil.quoteString(NODE_ROLE),
        "pekko.cluster.split-brain-resolver.stable-after = " + millis(stableAfter),
        "pekko.cluster.configuration-compatibility-check.enforce-on-join = on",
        "pekko.cluster.configuration-compatibility-check.checkers.ember-secret = "
            + ConfigUtil.quoteString(SecretCompatChecker.class.getName()),
        "pekko.remote.artery.advanced.buffer-pool-size = " + bufferPoolSize(Runtime.getRuntime().maxMemory()),
        SECRET_DIGEST_KEY + " = " + ConfigUtil.quoteString(secretDigest));
    return pekkoOverrides
        .withFallback(ConfigFactory.parseString(text))
        .withFallback(serialization())
        .withFallback(RemoteSerialization.config())
        .withFallback(PekkoSettings.local(cores))
        .resolve();
  }

  /**
   * The configuration of a client: Artery on {@code host} and a free port, without joining the cluster (it
   * talks to a node's {@link NodeAgent} directly), so it is never a member.
   */
  public static Config client(String host) {
    return client(host, ConfigFactory.empty());
  }

  /**
   * A client's configuration with the {@code pekko.*} settings of a node's configuration file over it (a cluster
   * on Artery TLS needs its clients on TLS too), except where the node listens.
   */
  public static Config client(String host, Config pekkoOverrides) {
    return pekkoOverrides.withoutPath("pekko.remote.artery.canonical").withoutPath("pekko.remote.artery.bind")
        .withFallback(clientDefaults(host));
  }

  private static Config clientDefaults(String host) {
    String text = String.join("\n",
        "pekko.actor.provider = remote",
        "pekko.remote.artery.transport = tcp",
        "pekko.remote.artery.canonical.hostname = " + ConfigUtil.quoteString(host),
        "pekko.remote.artery.canonical.port = 0",
        "pekko.remote.warn-about-direct-use = off",
        "pekko.loglevel = \"ERROR\"",
        "pekko.stdout-loglevel = \"ERROR\"",
        "pekko.log-dead-letters = off",
        "pekko.coordinated-shutdown.run-by-actor-system-terminate = on");
    return ConfigFactory.parseString(text)
        .withFallback(serialization())
        .withFallback(PekkoSettings.local(1))
        .resolve();
  }

  private static Config serialization() {
    return ConfigFactory.parseString(String.join("\n",
        "pekko.actor.serializers." + SERIALIZER_NAME + " = "
            + ConfigUtil.quoteString(ClusterMessageSerializer.class.getName()),
        "pekko.actor.serialization-bindings." + ConfigUtil.quoteString(ClusterMessage.class.getName()) + " = "
            + SERIALIZER_NAME));
  }

  /**
   * How many of Artery's frame buffers ({@link RemoteSerialization#MAX_FRAME_BYTES} of direct memory each) a
   * member keeps pooled: as many as fit in an eighth of its heap (by default the JVM's direct memory limit equals
   * the heap), between 16 and 32, so that a node with a small heap does not keep 32 idle buffers (512 MB).
   * Artery derives its inbound hub's buffer from this size (half of it, shared by the inbound lanes), so it cannot
   * go lower. Buffers are allocated only as messages are in flight and pooled up to this count once released;
   * a node's JVM needs direct memory for the frames in flight at once (give small-heap nodes at least 256 MB of
   * heap, or {@code -XX:MaxDirectMemorySize}).
   */
  static int bufferPoolSize(long maxHeapBytes) {
    long fit = maxHeapBytes / 8 / RemoteSerialization.MAX_FRAME_BYTES;
    return (int) Math.max(16, Math.min(32, fit));
  }

  /** The {@link #DOWN_SETTINGS} of {@code config} (a member's) as HOCON {@code key = value} lines. */
  static String downSettings(Config config) {
    List<String> lines = new java.util.ArrayList<>();
    for (String key : DOWN_SETTINGS) {
      if (config.hasPath(key)) {
        lines.add(key + " = " + config.getValue(key).render(com.typesafe.config.ConfigRenderOptions.concise()));
      }
    }
    return String.join("\n", lines);
  }

  private static String millis(Duration d) {
    return d.toMillis() + "ms";
  }
}
