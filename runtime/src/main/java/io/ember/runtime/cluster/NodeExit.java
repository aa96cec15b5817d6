package io.ember.runtime.cluster;

import org.apache.pekko.actor.CoordinatedShutdown;

/**
 * Why a node stopped, as the exit code of {@code bin/ember node} and a message for its log.
 *
 * @param exitCode 0 when it was asked to stop (SIGTERM, {@code cluster stop}, {@link EmberNode#close()}), else one
 *     of the codes below
 * @param message what happened and what to do
 */
public record NodeExit(int exitCode, String message) {
  /** The node's configuration is invalid ({@code INVALID_NODE_CONFIG}). */
  public static final int BAD_CONFIG = 2;
  /** The cluster refused the node: another cluster secret or incompatible settings. */
  public static final int REFUSED = 3;
  /** No seed node answered within the join timeout. */
  public static final int JOIN_TIMEOUT = 4;
  /** The cluster downed the node (split-brain resolver or an operator). */
  public static final int DOWNED = 5;

  /** The exit matching the reason Pekko's coordinated shutdown ran for. */
  static NodeExit of(CoordinatedShutdown.Reason reason, NodeConfig config) {
    if (reason == CoordinatedShutdown.incompatibleConfigurationDetectedReason()) {
      return new NodeExit(REFUSED, "[CLUSTER_JOIN_REFUSED] The cluster at " + config.seeds() + " refused this node: "
          + "its configuration is incompatible with the cluster's, most likely its cluster secret differs (from "
          + config.secret().origin() + "). Start it with the cluster's --secret-file or " + ClusterSecret.ENV
          + "; the refusing node's log names the setting that differs.");
    }
    if (reason == CoordinatedShutdown.clusterJoinUnsuccessfulReason()) {
      return new NodeExit(JOIN_TIMEOUT, "[CLUSTER_JOIN_TIMEOUT] No seed node of " + config.seeds() + " let this node "
          + "join within " + NodeOptions.JOIN_TIMEOUT.key() + " (" + config.joinTimeout().toSeconds() + "s). "
          + "Check that "
          + "they run, that host:port are right, and that they can reach this node at " + config.host() + " (--host).");
    }
    if (reason == CoordinatedShutdown.clusterDowningReason()) {
      return new NodeExit(DOWNED, "[NODE_DOWNED] The cluster downed this node (the split-brain resolver after it was "
          + "unreachable, or an operator), so it stopped. Start it again to rejoin.");
    }
    return new NodeExit(0, "The node stopped (" + reason.getClass().getSimpleName().replace("$", "") + ").");
  }
}
