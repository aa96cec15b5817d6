package io.ember.runtime.remote;

import io.ember.runtime.local.JobCoordinator;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
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
 * tasks are recovered elsewhere, which costs a recovery but not correctness, and once it is reachable again
 * ({@link ClusterEvent.ReachableMember}) it may take redeployed tasks again.
 *
 * <p>What the old tasks of such a node do when it resumes (tested by {@code NodePauseRecoveryTest} with
 * {@code kill -STOP}/{@code -CONT}): they run on from where they froze, with the messages already in their mailboxes
 * and sockets, until the coordinator's {@link TaskShell.StopTask} (sent when it recovered them, queued for the node)
 * reaches them. Everything they send carries the recovery attempt they were started in, which the recovery made
 * old: the coordinator drops their reports, so no acknowledgement, commit message or failure of theirs counts
 * ({@link io.ember.runtime.local.StreamingCoordinator.FromTask}), and the tasks that rolled back in place drop
 * their data and credits ({@link io.ember.runtime.local.TaskActor.Deliver}); the tasks started anew elsewhere have
 * new refs the old tasks never knew. A batch job has failed with {@code NODE_LOST} by then, so its stopped
 * coordinator stops them. The split-brain resolver downs the node only if it stays unreachable for
 * {@code stable-after}; a node it downs exits, and its tasks with it.
 *
 * <p>Whose word counts: Pekko raises {@code UnreachableMember} when any member's failure detector marks the node,
 * and a node that resumes from a pause marks every other member unreachable for a moment (it heard nothing while
 * frozen) before their heartbeats reach it; taken at its word, the driver would take all the healthy nodes for lost
 * (seen in that test: two extra recoveries, the job's tasks all moved). So when this member's own failure detector
 * monitors the node and still hears it, the watch waits, checking every {@link #RECHECK_INTERVAL}, until its own
 * detector agrees (then the node is lost), the node is reachable again (then nothing happened) or it is downed or
 * removed. A node this member does not monitor (a large cluster) is taken as lost at once.
 *
 * <p>What the old tasks can still reach: the replica stores. Each snapshot copy carries its task's attempt, and a
 * holder that stored a copy of the new attempt refuses the old task's ({@link io.ember.checkpointing.SnapshotAttempts});
 * an old copy on a holder the new attempt does not use (its own node's store, say) is dropped when the epoch it
 * belongs to completes without it ({@link io.ember.checkpointing.ReplicaStore#markCompleteHeld}). A task on a live
 * node whose copy waits for the frozen node
 * gives up at once when it becomes unreachable ({@link ReachableHolders}); a new job is not placed on members the
 * driver sees unreachable.
 * {@link ClusterEvent.MemberDowned} and
 * {@link ClusterEvent.MemberRemoved} cover a node downed while reachable ({@code Down} by an operator) and one that
 * leaves gracefully.
 */
final class NodeLossWatch {
  private NodeLossWatch() {}

  /** How often a member reported unreachable by others, but not by this member's own failure detector, is checked. */
  static final Duration RECHECK_INTERVAL = Duration.ofMillis(250);

  /** A membership change the watch acts on: the member at {@code address} is gone, for {@code why}. */
  private record Gone(Address address, String why) {}

  /** Some member's failure detector marked the member at {@code address} unreachable. */
  private record Unreachable(Address address) {}

  /** Check again whether this member's own failure detector still hears the member at {@code address}. */
  private record Recheck(Address address) {}

  /** The member at {@code address} is reachable again. */
  private record Back(Address address) {}

  private static final String UNREACHABLE = "unreachable: no heartbeat within the failure detector's pause";

  static Behavior<Object> create(ShellPlacement placement, ActorRef<JobCoordinator.Command> coordinator) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      Cluster cluster = Cluster.get(ctx.getSystem());
      Set<Address> suspected = new HashSet<>();
      ActorRef<ClusterEvent.UnreachableMember> unreachable = ctx.messageAdapter(ClusterEvent.UnreachableMember.class,
          e -> new Unreachable(e.member().address()));
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
          .onMessage(Unreachable.class, u -> {
            if (OwnFailureDetector.hears(ctx.getSystem(), u.address())) {
              if (suspected.add(u.address())) {
                ctx.getLog().info("Node {} is unreachable for another member but this member still hears it; job {}"
                    + " keeps its tasks there until this member's failure detector agrees", u.address(),
                    coordinator.path().name());
                timers.startTimerWithFixedDelay(u.address(), new Recheck(u.address()), RECHECK_INTERVAL);
              }
            } else {
              lose(ctx, placement, coordinator, u.address(), UNREACHABLE);
            }
            return Behaviors.same();
          })
          .onMessage(Recheck.class, r -> {
            if (!OwnFailureDetector.hears(ctx.getSystem(), r.address())) {
              forget(timers, suspected, r.address());
              lose(ctx, placement, coordinator, r.address(), UNREACHABLE);
            }
            return Behaviors.same();
          })
          .onMessage(Gone.class, gone -> {
            forget(timers, suspected, gone.address());
            lose(ctx, placement, coordinator, gone.address(), gone.why());
            return Behaviors.same();
          })
          .onMessage(Back.class, back -> {
            forget(timers, suspected, back.address());
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
    }));
  }

  private static void forget(TimerScheduler<Object> timers, Set<Address> suspected, Address node) {
    if (suspected.remove(node)) {
      timers.cancel(node);
    }
  }

  /** Reports every task of the job on {@code node} lost ({@link ShellPlacement#lose}). */
  private static void lose(ActorContext<Object> ctx, ShellPlacement placement,
      ActorRef<JobCoordinator.Command> coordinator, Address node, String why) {
    List<JobCoordinator.Command> reports = placement.lose(node, why);
    if (!reports.isEmpty()) {
      ctx.getLog().warn("Node {} is lost ({}): {} task(s) of job {} on it are treated as failed", node, why,
          reports.size(), coordinator.path().name());
      reports.forEach(coordinator::tell);
    }
  }
}
