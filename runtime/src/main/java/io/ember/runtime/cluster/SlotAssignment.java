package io.ember.runtime.cluster;

import io.ember.runtime.local.PlannedTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places a job's tasks on nodes by free slots: each task goes to the node with the lowest load, where a node's
 * load is its running tasks plus the tasks placed on it so far, divided by its cores (ties: the node listed
 * first). A job that fits in the free slots thus runs each task on a free core, nodes with more free cores get
 * more tasks, and a job larger than the cluster's free slots is spread over the nodes in proportion to their
 * cores.
 */
final class SlotAssignment {
  private SlotAssignment() {}

  /**
   * A node that can take tasks.
   *
   * @param address its Pekko address
   * @param cores the tasks it runs at once (positive)
   * @param runningTasks the tasks it runs now
   */
  record Slots(String address, int cores, int runningTasks) {
    Slots {
      if (cores <= 0) {
        throw new IllegalArgumentException("a node taking tasks needs cores, got " + cores);
      }
    }
  }

  /**
   * The node address of each task of {@code tasks}, by task id.
   *
   * @throws IllegalArgumentException if {@code nodes} is empty and there are tasks
   */
  static Map<Integer, String> assign(List<PlannedTask> tasks, List<Slots> nodes) {
    if (tasks.isEmpty()) {
      return Map.of();
    }
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("no node to place " + tasks.size() + " tasks on");
    }
    Map<String, Integer> load = new HashMap<>();
    for (Slots n : nodes) {
      load.put(n.address(), n.runningTasks());
    }
    List<Slots> order = new ArrayList<>(nodes);
    Map<Integer, String> placed = new LinkedHashMap<>();
    for (PlannedTask task : tasks) {
      Slots best = order.stream()
          .min(Comparator.comparingDouble(n -> (double) load.get(n.address()) / n.cores()))
          .orElseThrow();
      placed.put(task.taskId(), best.address());
      load.merge(best.address(), 1, Integer::sum);
    }
    return placed;
  }
}
