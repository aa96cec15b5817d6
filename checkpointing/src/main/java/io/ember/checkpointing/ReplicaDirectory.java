package io.ember.checkpointing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the replicas of each task's snapshots are, per job: the coordinator's answer to "which nodes may hold the
 * snapshot chain of task T", for recovery. A task gets holders when it is placed ({@link #assign}); a task that
 * moves gets new ones, and the earlier holders stay listed after them, since they still hold the chains of
 * earlier epochs until those are pruned. Thread-safe.
 */
public final class ReplicaDirectory {
  private final Map<String, Map<TaskStateKey, LinkedHashSet<String>>> jobs = new HashMap<>();
  private final Map<String, Map<TaskStateKey, List<String>>> current = new HashMap<>();

  /** From now on {@code key}'s snapshots go to {@code holders} (in this order). */
  public synchronized void assign(String jobId, TaskStateKey key, List<String> holders) {
    if (holders.isEmpty()) {
      throw new IllegalArgumentException("The replicas of " + key + " of job " + jobId + " need a holder");
    }
    LinkedHashSet<String> all = jobs.computeIfAbsent(jobId, j -> new HashMap<>()).get(key);
    LinkedHashSet<String> merged = new LinkedHashSet<>(holders);
    if (all != null) {
      merged.addAll(all);
    }
    jobs.get(jobId).put(key, merged);
    current.computeIfAbsent(jobId, j -> new HashMap<>()).put(key, List.copyOf(holders));
  }

  /** The holders {@code key}'s next snapshots go to; empty when it has none yet. */
  public synchronized List<String> current(String jobId, TaskStateKey key) {
    return current.getOrDefault(jobId, Map.of()).getOrDefault(key, List.of());
  }

  /** Every node that held {@code key}'s snapshots of the job, the current holders first; empty when none. */
  public synchronized List<String> holders(String jobId, TaskStateKey key) {
    LinkedHashSet<String> all = jobs.getOrDefault(jobId, Map.of()).get(key);
    return all == null ? List.of() : List.copyOf(all);
  }

  /** Every node that holds or held snapshots of the job, in address order. */
  public synchronized List<String> holdersOf(String jobId) {
    Set<String> all = new java.util.TreeSet<>();
    jobs.getOrDefault(jobId, Map.of()).values().forEach(all::addAll);
    return new ArrayList<>(all);
  }

  /** Forgets the job. */
  public synchronized void removeJob(String jobId) {
    jobs.remove(jobId);
    current.remove(jobId);
  }
}
