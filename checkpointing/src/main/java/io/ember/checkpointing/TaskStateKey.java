package io.ember.checkpointing;

/**
 * Names the state of one task of a job: the job graph vertex its fused chain starts at and the task's index
 * among that vertex's parallel instances. Stable across restarts of the same query shape, so a restored epoch
 * finds each task's snapshot again.
 */
public record TaskStateKey(int vertexId, int taskIndex) implements Comparable<TaskStateKey> {
  public TaskStateKey {
    if (vertexId < 0 || taskIndex < 0) {
      throw new IllegalArgumentException("A task state key needs a vertex id and a task index >= 0, got vertex "
          + vertexId + ", task " + taskIndex);
    }
  }

  @Override
  public int compareTo(TaskStateKey o) {
    int c = Integer.compare(vertexId, o.vertexId);
    return c != 0 ? c : Integer.compare(taskIndex, o.taskIndex);
  }

  @Override
  public String toString() {
    return "vertex " + vertexId + " task " + taskIndex;
  }
}
