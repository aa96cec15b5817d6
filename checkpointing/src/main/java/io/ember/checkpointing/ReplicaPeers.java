package io.ember.checkpointing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Chooses the nodes that hold the replicas of a task's snapshots in a cluster ({@value #CONFIG_KEY}, default
 * {@value #DEFAULT_REPLICAS}): never the node that runs the task, so that losing that node leaves a copy, and spread
 * so that the tasks of one node do not all copy to the same peer.
 *
 * <p>The choice is a pure function of its arguments: the candidate nodes other than the task's, in address order,
 * taken in turn from position {@code (vertexId * 31 + taskIndex) mod n}. The coordinator and the task's node
 * therefore agree on a task's holders without asking each other, and the parallel tasks of a vertex (consecutive
 * indexes) start at consecutive peers.
 */
public final class ReplicaPeers {
  /** The configuration key of the number of peers holding each task snapshot in a cluster. */
  public static final String CONFIG_KEY = "ember.checkpoint.replicas";
  /** Copies of each snapshot in a cluster unless configured. */
  public static final int DEFAULT_REPLICAS = 1;

  private ReplicaPeers() {}

  /**
   * The nodes that hold {@code key}'s replicas when it runs on {@code taskNode}: {@code replicas} of
   * {@code nodes} other than {@code taskNode}, or all of them when there are fewer; only {@code taskNode} itself when
   * it is the only node (a one-node cluster keeps the copy in the task's own process, as local mode does).
   *
   * @param taskNode the address of the node running the task (the driver's for tasks that run there)
   * @param nodes the addresses of the nodes that may hold replicas (live nodes with a task host)
   * @throws IllegalArgumentException when {@code replicas} is below 1, or there is no node at all
   */
  public static List<String> choose(TaskStateKey key, String taskNode, Collection<String> nodes, int replicas) {
    checkReplicas(replicas);
    TreeSet<String> others = new TreeSet<>(nodes);
    others.remove(taskNode);
    if (others.isEmpty()) {
      if (!nodes.contains(taskNode)) {
        throw new IllegalArgumentException("No node can hold the replicas of " + key + ": the cluster has no live"
            + " node with a task host");
      }
      return List.of(taskNode);
    }
    List<String> ordered = new ArrayList<>(others);
    int n = ordered.size();
    int start = Math.floorMod(key.vertexId() * 31 + key.taskIndex(), n);
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < Math.min(replicas, n); i++) {
      chosen.add(ordered.get((start + i) % n));
    }
    return List.copyOf(chosen);
  }

  /**
   * {@code value} of {@value #CONFIG_KEY} as a number of replicas.
   *
   * @throws IllegalArgumentException when it is not a whole number of at least 1
   */
  public static int parse(String value) {
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("The value of " + CONFIG_KEY + " must be a whole number of at least 1, got '"
          + value + "'");
    }
    checkReplicas(n);
    return n;
  }

  private static void checkReplicas(int replicas) {
    if (replicas < 1) {
      throw new IllegalArgumentException("The value of " + CONFIG_KEY + " must be at least 1, got " + replicas);
    }
  }
}
