package io.ember.runtime.remote;

import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.remote.FailureDetectorRegistry;

/**
 * What this member's own failure detector says of another member, apart from the cluster's gossiped reachability.
 * Pekko counts a member unreachable when any member's detector marks it; a member that resumes after a long pause
 * (a GC, {@code kill -STOP}) marks every other member unreachable for a moment, since it heard nothing while frozen,
 * and that reaches every member by gossip. A member's own detector is not fooled by that: it keeps hearing the
 * healthy members itself. See {@link NodeLossWatch} and {@link ReachableHolders}.
 */
final class OwnFailureDetector {
  private OwnFailureDetector() {}

  /**
   * Whether {@code system}'s own failure detector monitors {@code node} and still hears its heartbeats. False when it
   * does not monitor it (each member watches a bounded number of others, all of them in a small cluster) or when
   * the node left the membership.
   */
  static boolean hears(ActorSystem<?> system, Address node) {
    FailureDetectorRegistry<Address> detector = Cluster.get(Adapter.toClassic(system)).failureDetector();
    return detector.isMonitoring(node) && detector.isAvailable(node);
  }

  /** {@link #hears(ActorSystem, Address)} of a node named by its address string ({@code pekko://ember@host:port}). */
  static boolean hears(ActorSystem<?> system, String node) {
    return hears(system, AddressFromURIString.parse(node));
  }
}
