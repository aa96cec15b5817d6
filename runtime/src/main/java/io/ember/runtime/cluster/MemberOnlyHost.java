package io.ember.runtime.cluster;

import io.ember.runtime.remote.TaskHost;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * A node's {@link TaskHost} that reserves tasks only for members of its cluster: a {@link TaskHost.Reserve} whose
 * reply address is not an Up member is looked at again every {@link #RECHECK} for up to {@link #GRACE} (a driver that
 * just joined is Up in its own view before gossip tells every node), then dropped with a warning (the asker's
 * reservation times out). Members have
 * passed the secret check on join and the {@link AdmissionGuard}, so a process without the cluster secret cannot
 * run tasks on a node through its host. Other messages pass: snapshots and task counts come from members' tasks.
 */
final class MemberOnlyHost {
  /** How long a reservation from an address that is not (yet) an Up member waits for it to become one. */
  static final java.time.Duration GRACE = java.time.Duration.ofSeconds(10);
  /** How often such a waiting reservation is checked again. */
  static final java.time.Duration RECHECK = java.time.Duration.ofMillis(200);

  private MemberOnlyHost() {}

  /** {@code host} behind the member check. */
  static Behavior<TaskHost.Command> wrap(Behavior<TaskHost.Command> host) {
    return Behaviors.intercept(Gate::new, host);
  }

  private static final class Gate extends BehaviorInterceptor<TaskHost.Command, TaskHost.Command> {
    /** Reservations from addresses that were not Up members yet, by when they first arrived (nanoTime). */
    private final java.util.Map<TaskHost.Reserve, Long> waitingSince = new java.util.HashMap<>();

    Gate() {
      super(TaskHost.Command.class);
    }

    @Override
    public Behavior<TaskHost.Command> aroundReceive(TypedActorContext<TaskHost.Command> ctx, TaskHost.Command msg,
        ReceiveTarget<TaskHost.Command> target) {
      if (msg instanceof TaskHost.Reserve reserve) {
        Address from = reserve.replyTo().path().address();
        if (!from.hasLocalScope() && !isUpMember(ctx, from)) {
          long now = System.nanoTime();
          long since = waitingSince.computeIfAbsent(reserve, r -> now);
          if (now - since < GRACE.toNanos()) {
            ctx.asJava().scheduleOnce(RECHECK, ctx.asJava().getSelf(), msg);
            return Behaviors.same();
          }
          waitingSince.remove(reserve);
          ctx.asJava().getLog().warn("Refused to reserve tasks of job {} for {}: not a member of this cluster",
              reserve.job(), from);
          return Behaviors.same();
        }
        waitingSince.remove(reserve);
      }
      return target.apply(ctx, msg);
    }

    private static boolean isUpMember(TypedActorContext<TaskHost.Command> ctx, Address address) {
      for (org.apache.pekko.cluster.Member m : Cluster.get(ctx.asJava().getSystem()).state().getMembers()) {
        if (m.address().equals(address) && m.status() == MemberStatus.up()) {
          return true;
        }
      }
      return false;
    }
  }
}
