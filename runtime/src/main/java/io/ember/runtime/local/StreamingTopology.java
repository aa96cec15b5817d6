package io.ember.runtime.local;

import io.ember.core.errors.EmberRuntimeException;
import io.ember.operators.OperatorSpec;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which tasks of a planned job take part in epochs: those a streaming source feeds, directly or through
 * other tasks. Their input channels from such tasks carry barriers; the other tasks (the static side of a
 * stream-static join) run as in a batch job. Pure computation.
 *
 * @param streamingSources the vertex ids of the job's streams
 * @param roles per task id, its role, or null for a task outside the epochs
 * @param streamingSourceTasks ids of the tasks reading a streaming source
 * @param stateful true when some operator spec keeps event-time state ({@link OperatorSpec#isStateful()})
 */
record StreamingTopology(Set<Integer> streamingSources, StreamingRole[] roles, List<Integer> streamingSourceTasks,
    boolean stateful) {

  /**
   * Checks that {@code streamingSources} names at least one source vertex of {@code graph}, and that every
   * sink is fed by one.
   *
   * @throws EmberRuntimeException {@code INVALID_JOB_GRAPH} otherwise
   */
  static void validate(JobGraph graph, Set<Integer> streamingSources) {
    if (streamingSources.isEmpty()) {
      throw invalid("A streaming job needs at least one streaming source");
    }
    for (int id : streamingSources) {
      if (graph.vertices().stream().noneMatch(v -> v.id() == id && v instanceof Vertex.SourceVertex)) {
        throw invalid("Streaming source " + id + " is not a source vertex of the job graph");
      }
    }
    Set<Integer> fed = downstreamOf(graph, streamingSources);
    for (Vertex v : graph.vertices()) {
      if (v instanceof Vertex.SinkVertex && !fed.contains(v.id())) {
        throw invalid("Sink vertex " + v.id() + " is fed by no streaming source; a streaming job writes only streams");
      }
    }
  }

  /** The roles of the tasks of {@code plan}. */
  static StreamingTopology of(JobGraph graph, ExecutionPlan plan, Set<Integer> streamingSources,
      long firstEpoch) {
    Set<Integer> fed = downstreamOf(graph, streamingSources);
    List<TaskSpec> tasks = plan.tasks();
    boolean[][] barrierChannels = new boolean[tasks.size()][];
    for (TaskSpec t : tasks) {
      barrierChannels[t.taskId()] = new boolean[t.channelInputs().length];
    }
    for (TaskSpec sender : tasks) {
      if (!fed.contains(sender.chain().head().id())) {
        continue;
      }
      for (GateSpec gate : sender.gates()) {
        for (int k = 0; k < gate.targetTasks().length; k++) {
          barrierChannels[gate.targetTasks()[k]][gate.targetChannels()[k]] = true;
        }
      }
    }
    StreamingRole[] roles = new StreamingRole[tasks.size()];
    List<Integer> sourceTasks = new java.util.ArrayList<>();
    for (TaskSpec t : tasks) {
      Vertex head = t.chain().head();
      if (!fed.contains(head.id())) {
        continue;
      }
      boolean source = head instanceof Vertex.SourceVertex && streamingSources.contains(head.id());
      roles[t.taskId()] = new StreamingRole(source, barrierChannels[t.taskId()], firstEpoch);
      if (source) {
        sourceTasks.add(t.taskId());
      }
    }
    return new StreamingTopology(Set.copyOf(streamingSources), roles, List.copyOf(sourceTasks),
        hasStatefulOperator(graph));
  }

  /** The role of task {@code taskId}, or null. */
  StreamingRole roleOf(int taskId) {
    return roles[taskId];
  }

  /** The number of tasks that acknowledge every epoch. */
  int streamingTasks() {
    int n = 0;
    for (StreamingRole r : roles) {
      if (r != null) {
        n++;
      }
    }
    return n;
  }

  /** {@code roots} and every vertex downstream of one. */
  private static Set<Integer> downstreamOf(JobGraph graph, Set<Integer> roots) {
    Set<Integer> seen = new HashSet<>(roots);
    Deque<Integer> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      for (Edge e : graph.outputsOf(todo.poll())) {
        if (seen.add(e.to())) {
          todo.add(e.to());
        }
      }
    }
    return seen;
  }

  private static boolean hasStatefulOperator(JobGraph graph) {
    for (Vertex v : graph.vertices()) {
      if (v instanceof Vertex.OperatorVertex ov) {
        for (OperatorSpec spec : ov.chain()) {
          if (spec.isStateful()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static EmberRuntimeException invalid(String message) {
    return new EmberRuntimeException("INVALID_JOB_GRAPH", message);
  }
}
