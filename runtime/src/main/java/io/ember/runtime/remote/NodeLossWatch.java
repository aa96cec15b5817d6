package io.ember.runtime.remote;

import io.ember.runtime.local.JobCoordinator;
import java.util.List;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.apache.pekko.cluster.typed.Unsubscribe;

/**
 * Tells a job's coordinator which of its tasks a lost node took with it. Spawned by a {@link ShellPlacement} as a
 * child of the coordinator (it stops with it), it subscribes to the cluster's membership and, for each member that
 * becomes unreachable, is downed or is removed, has the placement report every task it started there as failed
 * ({@link ShellPlacement#lose}).
 *
 * <p>The signal is {@link ClusterEvent.UnreachableMember}: Pekko's failure detector marks a node whose heartbeats
 * stopped unreachable after its acceptable pause (3 s by default; about 4 to 5 s after a {@code kill -9} on an idle
 * loopback), well before the split-brain resolver downs it ({@code stable-after} later) and removal terminates the
 * watched remote task actors. A node that only paused (long GC) and comes back is thus treated as lost too: its
 * tasks are recovered elsewhere, which costs a recovery but never correctness (what the old tasks still send
 * belongs to an earlier attempt and is dropped), and once it is reachable again ({@link ClusterEvent.ReachableMember})
 * it may take redeployed tasks again. {@link ClusterEvent.MemberDowned} and
 * {@link ClusterEvent.MemberRemoved} cover a node downed while reachable ({@code Down} by an operator) and one that
 * leaves gracefully.
 */
final class NodeLossWatch {
  private NodeLossWatch() {}

  /** A membership change the watch acts on: the member at {@code address} is gone, for {@code why}. */
  private record Gone(Address address, String why) {}

  /** The member at {@code address} is reachable again. */
  private record Back(Address address) {}

  static Behavior<Object> create(ShellPlacement placement, ActorRef<JobCoordinator.Command> coordinator) {
    return Behaviors.setup(ctx -> {
      Cluster cluster = Cluster.get(ctx.getSystem());
      ActorRef<ClusterEvent.UnreachableMember> unreachable = ctx.messageAdapter(ClusterEvent.UnreachableMember.class,
          e -> new Gone(e.member().address(), "unreachable: no heartbeat within the failure detector's pause"));
      ActorRef<ClusterEvent.MemberDowned> downed = ctx.messageAdapter(ClusterEvent.MemberDowned.class,
          e -> new Gone(e.member().address(), "downed"));
      ActorRef<ClusterEvent.ReachableMember> reachable = ctx.messageAdapter(ClusterEvent.ReachableMember.class,
          e -> new Back(e.member().address()));
      ActorRef<ClusterEvent.MemberRemoved> removed = ctx.messageAdapter(ClusterEvent.MemberRemoved.class,
          e -> new Gone(e.member().address(), "removed from the cluster"));
      cluster.subscriptions().tell(Subscribe.create(unreachable, ClusterEvent.UnreachableMember.class));
      cluster.subscriptions().tell(Subscribe.create(reachable, ClusterEvent.ReachableMember.class));
      cluster.subscriptions().tell(Subscribe.create(downed, ClusterEvent.MemberDowned.class));
      cluster.subscriptions().tell(Subscribe.create(removed, ClusterEvent.MemberRemoved.class));
      return Behaviors.receive(Object.class)
          .onMessage(Gone.class, gone -> {
            List<JobCoordinator.Command> reports = placement.lose(gone.address(), gone.why());
            if (!reports.isEmpty()) {
              ctx.getLog().warn("Node {} is lost ({}): {} task(s) of job {} on it are treated as failed",
                  gone.address(), gone.why(), reports.size(), coordinator.path().name());
              reports.forEach(coordinator::tell);
            }
            return Behaviors.same();
          })
          .onMessage(Back.class, back -> {
            placement.reachableAgain(back.address());
            return Behaviors.same();
          })
          .onSignal(PostStop.class, stop -> {
            cluster.subscriptions().tell(new Unsubscribe<>(unreachable));
            cluster.subscriptions().tell(new Unsubscribe<>(reachable));
            cluster.subscriptions().tell(new Unsubscribe<>(downed));
            cluster.subscriptions().tell(new Unsubscribe<>(removed));
            return Behaviors.same();
          })
          .build();
    });
  }
}
