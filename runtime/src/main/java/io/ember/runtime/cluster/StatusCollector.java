package io.ember.runtime.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.Member;

/**
 * Answers one status request: asks every known agent for its {@link NodeInfo} (each ask bounded by a timeout),
 * joins the answers with the membership the requesting agent saw, replies once all asks are settled, and stops.
 */
final class StatusCollector {
  private StatusCollector() {}

  private record Answer(NodeInfo info) implements NodeAgent.Command {}

  static Behavior<NodeAgent.Command> create(CurrentClusterState state, String self,
      Set<ActorRef<NodeAgent.Command>> agents, ActorRef<StatusReply> replyTo, Duration timeout) {
    return Behaviors.setup(ctx -> {
      if (agents.isEmpty()) {
        replyTo.tell(status(state, self, Map.of()));
        return Behaviors.stopped();
      }
      for (ActorRef<NodeAgent.Command> agent : agents) {
        ctx.ask(NodeInfo.class, agent, timeout, NodeAgent.GetNodeInfo::new,
            (info, failure) -> new Answer(failure == null ? info : null));
      }
      return collecting(state, self, agents.size(), new HashMap<>(), replyTo);
    });
  }

  private static Behavior<NodeAgent.Command> collecting(CurrentClusterState state, String self, int expected,
      Map<String, NodeInfo> infos, ActorRef<StatusReply> replyTo) {
    int[] settled = {0};
    return Behaviors.receive(NodeAgent.Command.class)
        .onMessage(Answer.class, answer -> {
          if (answer.info() != null) {
            infos.put(answer.info().address(), answer.info());
          }
          if (++settled[0] == expected) {
            replyTo.tell(status(state, self, infos));
            return Behaviors.stopped();
          }
          return Behaviors.same();
        })
        .build();
  }

  private static StatusReply.ClusterStatus status(CurrentClusterState state, String self, Map<String, NodeInfo> infos) {
    Set<Member> unreachable = state.getUnreachable();
    List<MemberView> members = new ArrayList<>();
    for (Member m : state.getMembers()) {
      String address = m.address().toString();
      members.add(new MemberView(address, m.status().toString(), !unreachable.contains(m),
          new ArrayList<>(m.getRoles()).stream().filter(r -> !r.startsWith("dc-")).sorted().toList(),
          infos.get(address)));
    }
    members.sort(Comparator.comparing(MemberView::address));
    Address leader = state.getLeader();
    return new StatusReply.ClusterStatus(self, leader == null ? null : leader.toString(), members);
  }
}
