package io.ember.runtime.local;

import java.util.List;

/**
 * One task a job graph will run as, known before the job starts (see {@link TaskPlacement#plannedTasks}), so
 * that a placement can decide and prepare where each task runs.
 *
 * @param taskId the task's id within the job, as the coordinator numbers it
 * @param name the task's name in errors and actor names, e.g. {@code v1+v2[3]}
 * @param index the instance's index among its chain's parallel instances
 * @param vertexIds the fused vertices the task runs, head first
 * @param runsOnDriver true when a vertex of the chain holds driver-side state
 *     ({@link io.ember.runtime.graph.Vertex#runsOnDriver()}): the task must run on the driver node
 */
public record PlannedTask(int taskId, String name, int index, List<Integer> vertexIds, boolean runsOnDriver) {
  public PlannedTask {
    vertexIds = List.copyOf(vertexIds);
  }
}
