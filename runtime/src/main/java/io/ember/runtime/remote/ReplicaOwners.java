package io.ember.runtime.remote;

import io.ember.checkpointing.ReplicaStore;
import io.ember.checkpointing.SnapshotAttempts;
import io.ember.core.errors.EmberRuntimeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.pekko.cluster.ClusterEvent;

/**
 * Which driver owns each job whose copies a {@link TaskHost} keeps, so that the host drops them when that driver
 * leaves the cluster: every copy and completed epoch arrives naming its owner (the address of the driver whose
 * coordinator runs the job), and when the cluster removes a member ({@link ClusterEvent.MemberRemoved}: downed, left,
 * or crashed and downed) every job that member owned is removed from the node's replica store, with its attempts and
 * unfinished transfers. A driver that died takes its queries with it (nothing resumes from the copies), so keeping
 * them would only hold the node's memory until it restarts. Jobs of other drivers stay untouched. A job removed the
 * ordinary way (its query stopped: {@link TaskHost.PruneReplicas} with epoch -1) is forgotten here too. A copy
 * that arrives after its driver was removed (its task, on a node that learnt of the removal later, was still copying)
 * is refused, unless a member at that address is in the cluster again.
 *
 * <p>Not thread-safe: the host's actor owns it.
 */
final class ReplicaOwners {
  private final ReplicaStore replicas;
  private final SnapshotAttempts attempts;
  private final ReplicaTransfers transfers;
  private final Predicate<String> isMember;
  private final Map<String, String> ownerOfJob = new HashMap<>();
  /** Addresses of removed drivers that owned jobs here, the newest {@link #REMEMBERED} of them. */
  private final LinkedHashSet<String> removed = new LinkedHashSet<>();

  /** How many removed drivers' addresses are remembered to refuse their late copies. */
  static final int REMEMBERED = 1024;

  /**
   * @param isMember whether a member at an address is in the cluster now (any status before removed)
   */
  ReplicaOwners(ReplicaStore replicas, SnapshotAttempts attempts, ReplicaTransfers transfers,
      Predicate<String> isMember) {
    this.replicas = replicas;
    this.attempts = attempts;
    this.transfers = transfers;
    this.isMember = isMember;
  }

  /**
   * Notes that job {@code jobId}'s copies belong to the driver at {@code owner} (its address); null leaves the job
   * unattributed (a sender that did not say), so that it is removed only with its job.
   *
   * @throws EmberRuntimeException ({@code REPLICA_REFUSED}) when {@code owner} was removed from the cluster and no
   *     member has its address now: the copy would stay with no one to remove it
   */
  void record(String jobId, String owner) {
    if (owner == null) {
      return;
    }
    if (removed.contains(owner)) {
      if (!isMember.test(owner)) {
        throw new EmberRuntimeException("REPLICA_REFUSED", "The driver " + owner + " of job " + jobId
            + " left the cluster; its copies are no longer kept");
      }
      removed.remove(owner);
    }
    ownerOfJob.put(jobId, owner);
  }

  /** The address of the driver that owns {@code jobId}, or null when none was recorded (or the job was removed). */
  String ownerOf(String jobId) {
    return ownerOfJob.get(jobId);
  }

  /** Removes everything kept of {@code jobId}: its copies, attempts and transfers, and its owner. */
  void removeJob(String jobId) {
    ownerOfJob.remove(jobId);
    transfers.dropJob(jobId);
    attempts.removeJob(jobId);
    replicas.removeJob(jobId);
  }

  /** {@link #ownerRemoved} for the member the event removed. */
  List<String> memberRemoved(ClusterEvent.MemberRemoved event) {
    return ownerRemoved(event.member().address().toString());
  }

  /**
   * Removes every job the driver at {@code address} owns ({@link #removeJob}) and returns their ids, sorted; none
   * when the address owns no job here (a node, or a driver whose jobs all ended).
   */
  List<String> ownerRemoved(String address) {
    List<String> jobs = new ArrayList<>();
    for (Map.Entry<String, String> e : ownerOfJob.entrySet()) {
      if (e.getValue().equals(address)) {
        jobs.add(e.getKey());
      }
    }
    jobs.sort(null);
    for (String job : jobs) {
      removeJob(job);
    }
    if (!jobs.isEmpty()) {
      removed.add(address);
      if (removed.size() > REMEMBERED) {
        removed.remove(removed.iterator().next());
      }
    }
    return jobs;
  }
}
