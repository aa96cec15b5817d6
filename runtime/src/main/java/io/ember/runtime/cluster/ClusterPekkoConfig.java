package io.ember.runtime.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import io.ember.runtime.local.PekkoSettings;
import java.time.Duration;

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
 *       should exceed the longest pause (GC, network) a healthy node may have.</li>
 *   <li><b>Secret check</b>: the digest of the cluster secret under {@value #SECRET_DIGEST_KEY} and
 *       {@link SecretCompatChecker} among the join compatibility checkers, enforced on join.</li>
 *   <li><b>Serialization</b>: {@link ClusterMessage}s through {@link ClusterMessageSerializer}; no Java
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
  /** Where a node's configuration carries the digest of its cluster secret. */
  public static final String SECRET_DIGEST_KEY = "ember.cluster.secret-digest";
  /** The registration name of {@link ClusterMessageSerializer}. */
  static final String SERIALIZER_NAME = "ember-cluster";

  /** The configuration of a node listening on {@code config.host():config.port()}. */
  public static Config node(NodeConfig config) {
    String text = String.join("\n",
        "pekko.loglevel = \"INFO\"",
        "pekko.stdout-loglevel = \"WARNING\"",
        "pekko.log-dead-letters-during-shutdown = off",
        "pekko.jvm-shutdown-hooks = on",
        "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = on",
        "pekko.coordinated-shutdown.exit-jvm = off",
        "pekko.actor.provider = cluster",
        "pekko.remote.artery.transport = tcp",
        "pekko.remote.artery.canonical.hostname = " + ConfigUtil.quoteString(config.host()),
        "pekko.remote.artery.canonical.port = " + config.port(),
        "pekko.cluster.roles = [" + ConfigUtil.quoteString(NODE_ROLE) + "]",
        "pekko.cluster.jmx.enabled = off",
        "pekko.cluster.log-info-verbose = off",
        "pekko.cluster.run-coordinated-shutdown-when-down = on",
        "pekko.cluster.shutdown-after-unsuccessful-join-seed-nodes = " + millis(config.joinTimeout()),
        "pekko.cluster.downing-provider-class = \"org.apache.pekko.cluster.sbr.SplitBrainResolverProvider\"",
        "pekko.cluster.split-brain-resolver.active-strategy = keep-majority",
        "pekko.cluster.split-brain-resolver.keep-majority.role = " + ConfigUtil.quoteString(NODE_ROLE),
        "pekko.cluster.split-brain-resolver.stable-after = " + millis(config.stableAfter()),
        "pekko.cluster.configuration-compatibility-check.enforce-on-join = on",
        "pekko.cluster.configuration-compatibility-check.checkers.ember-secret = "
            + ConfigUtil.quoteString(SecretCompatChecker.class.getName()),
        SECRET_DIGEST_KEY + " = " + ConfigUtil.quoteString(config.secret().digest()));
    return config.pekkoOverrides()
        .withFallback(ConfigFactory.parseString(text))
        .withFallback(serialization())
        .withFallback(PekkoSettings.local(config.cores()))
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

  private static String millis(Duration d) {
    return d.toMillis() + "ms";
  }
}
