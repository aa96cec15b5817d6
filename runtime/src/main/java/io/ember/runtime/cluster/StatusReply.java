package io.ember.runtime.cluster;

import java.util.List;

/** The answer to {@link NodeAgent.GetClusterStatus}: the status, or a refusal. */
public sealed interface StatusReply extends ClusterMessage {

  /**
   * The cluster as one node sees it.
   *
   * @param answeredBy the address of the node that answered
   * @param leader the address of the cluster's leader, or null while there is none
   * @param members every member, ordered by address
   */
  record ClusterStatus(String answeredBy, String leader, List<MemberView> members) implements StatusReply {
    public ClusterStatus {
      members = List.copyOf(members);
    }

    /** The members with status Up. */
    public List<MemberView> up() {
      return members.stream().filter(m -> m.status().equals("Up")).toList();
    }
  }

  /**
   * The node refused the request.
   *
   * @param reason why, and what to do
   */
  record Refused(String reason) implements StatusReply {}
}
