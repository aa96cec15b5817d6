package io.ember.runtime.cluster;

import java.util.List;

/**
 * One cluster member as {@code cluster status} shows it.
 *
 * @param address its Pekko address
 * @param status Pekko's member status: Joining, WeaklyUp, Up, Leaving, Exiting, Down (removed members are gone)
 * @param reachable false when some member's failure detector marks it unreachable
 * @param roles its cluster roles ({@value ClusterPekkoConfig#NODE_ROLE} for a node)
 * @param info what its agent reported, or null when it did not answer in time (still starting, or unreachable)
 */
public record MemberView(String address, String status, boolean reachable, List<String> roles, NodeInfo info) {
  public MemberView {
    roles = List.copyOf(roles);
  }
}
