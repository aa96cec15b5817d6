package io.ember.runtime.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The validated configuration of one Ember node; {@link NodeConfigParser} builds it from a file and flags
 * (see {@link NodeOptions} for what each field means and its default).
 *
 * @param host the address this node listens on and is reached by
 * @param port its port; 0 picks a free one when the node starts
 * @param seeds the nodes to join through; empty: start a new cluster
 * @param cores how many tasks the node runs at once
 * @param memoryBytes the memory it offers to tasks
 * @param secret the cluster secret
 * @param stableAfter the split-brain resolver's {@code stable-after}
 * @param joinTimeout how long to try the seed nodes before giving up
 * @param admissionTimeout how long another member has to prove the cluster secret before this node downs it
 * @param pekkoOverrides {@code pekko.*} settings from the configuration file, applied over Ember's (for example
 *     Artery TLS); empty when none
 */
public record NodeConfig(
    String host,
    int port,
    List<HostPort> seeds,
    int cores,
    long memoryBytes,
    ClusterSecret secret,
    Duration stableAfter,
    Duration joinTimeout,
    Duration admissionTimeout,
    Config pekkoOverrides) {

  public NodeConfig {
    Objects.requireNonNull(host, "host");
    seeds = List.copyOf(seeds);
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(stableAfter, "stableAfter");
    Objects.requireNonNull(joinTimeout, "joinTimeout");
    Objects.requireNonNull(admissionTimeout, "admissionTimeout");
    pekkoOverrides = pekkoOverrides == null ? ConfigFactory.empty() : pekkoOverrides;
    if (cores <= 0 || memoryBytes <= 0) {
      throw new IllegalArgumentException("cores and memory must be positive");
    }
  }

  /** A node on {@code host:port} with the given seeds and secret, everything else at its default. */
  public static NodeConfig of(String host, int port, List<HostPort> seeds, ClusterSecret secret) {
    return new NodeConfig(host, port, seeds, NodeOptions.CORES.defaultValue().get(),
        NodeOptions.MEMORY.defaultValue().get(), secret, NodeOptions.STABLE_AFTER.defaultValue().get(),
        NodeOptions.JOIN_TIMEOUT.defaultValue().get(), NodeOptions.ADMISSION_TIMEOUT.defaultValue().get(),
        ConfigFactory.empty());
  }
}
