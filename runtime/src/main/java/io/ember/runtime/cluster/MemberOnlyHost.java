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
 * reply address is not an Up member is dropped with a warning (the asker's reservation times out). Members have
 * passed the secret check on join and the {@link AdmissionGuard}, so a process without the cluster secret cannot
 * run tasks on a node through its host. Other messages pass: snapshots and task counts come from members' tasks.
 */
final class MemberOnlyHost {
  private MemberOnlyHost() {}

  /** {@code host} behind the member check. */
  static Behavior<TaskHost.Command> wrap(Behavior<TaskHost.Command> host) {
    return Behaviors.intercept(Gate::new, host);
  }

  private static final class Gate extends BehaviorInterceptor<TaskHost.Command, TaskHost.Command> {
    Gate() {
      super(TaskHost.Command.class);
    }

    @Override
    public Behavior<TaskHost.Command> aroundReceive(TypedActorContext<TaskHost.Command> ctx, TaskHost.Command msg,
        ReceiveTarget<TaskHost.Command> target) {
      if (msg instanceof TaskHost.Reserve reserve) {
        Address from = reserve.replyTo().path().address();
        if (!from.hasLocalScope() && !isUpMember(ctx, from)) {
          ctx.asJava().getLog().warn("Refused to reserve tasks of job {} for {}: not a member of this cluster",
              reserve.job(), from);
          return Behaviors.same();
        }
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
