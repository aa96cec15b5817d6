package io.ember.runtime.cluster;

import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.local.PlannedTask;
import io.ember.runtime.local.TaskPlacement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Where the tasks of one job were placed on a cluster: for every task, the vertices it runs (as the plan explains
 * them) and the address of the node that runs it, or none when it runs in the driver. A report for users and
 * tests ({@link ClusterRuntime#lastPlacement()}); the placement itself is decided by the cluster runtime.
 *
 * @param job the job's name within the driver
 * @param tasks every task of the job, by task id
 */
public record JobPlacement(String job, List<Task> tasks) {
  public JobPlacement {
    tasks = List.copyOf(tasks);
  }

  /**
   * One task.
   *
   * @param name the task's name, e.g. {@code v1+v2[0]} (its fused vertices and instance index)
   * @param vertices the explanation of each vertex the task runs, head first
   * @param node the Pekko address of the node that runs it; null when it runs in the driver
   */
  public record Task(String name, List<String> vertices, String node) {
    public Task {
      vertices = List.copyOf(vertices);
    }

    /** True when the task runs in the driver. */
    public boolean inDriver() {
      return node == null;
    }
  }

  /** The tasks that run in the driver. */
  public List<Task> inDriver() {
    return tasks.stream().filter(Task::inDriver).toList();
  }

  /** The tasks that run on nodes. */
  public List<Task> onNodes() {
    return tasks.stream().filter(t -> !t.inDriver()).toList();
  }

  /** The placement of {@code graph}'s tasks, {@code hostOf} giving each task's node (null: the driver). */
  static JobPlacement of(String job, JobGraph graph, Function<PlannedTask, ? extends ActorRef<?>> hostOf) {
    List<Task> tasks = new ArrayList<>();
    for (PlannedTask t : TaskPlacement.plannedTasks(graph)) {
      ActorRef<?> host = t.runsOnDriver() ? null : hostOf.apply(t);
      List<String> vertices = t.vertexIds().stream().map(id -> graph.vertex(id).explain()).toList();
      tasks.add(new Task(t.name(), vertices, host == null ? null : host.path().address().toString()));
    }
    return new JobPlacement(job, tasks);
  }
}
