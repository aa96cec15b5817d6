package io.ember.runtime.local;

import io.ember.core.errors.EmberRuntimeException;
import io.ember.operators.OperatorSpec;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link JobGraph} runs as tasks: vertices fused into {@link TaskChain}s, one {@link TaskSpec} per
 * chain instance, with every connection between two tasks numbered as an input channel of its receiver.
 * Pure computation, no actors.
 *
 * <p>A vertex fuses into its upstream vertex when it is that vertex's only consumer, the edge is its only
 * input, the edge is {@link Exchange.Forward}, both have the same parallelism, and both or neither are
 * {@link JobGraph#driverVertices() driver vertices} (so that a cluster can run the other one on a node).
 */
record ExecutionPlan(List<TaskChain> chains, List<TaskSpec> tasks) {
  /**
   * Plans {@code graph}.
   *
   * @throws EmberRuntimeException {@code INVALID_JOB_GRAPH} for a cycle, a dangling edge or a bad input index
   */
  static ExecutionPlan of(JobGraph graph) {
    List<Vertex> order = topologicalOrder(graph);
    List<List<Vertex>> fused = new ArrayList<>();
    Map<Integer, Integer> chainOfVertex = new HashMap<>();
    for (Vertex v : order) {
      Integer upstreamChain = fusableInto(graph, v, chainOfVertex);
      if (upstreamChain != null) {
        fused.get(upstreamChain).add(v);
        chainOfVertex.put(v.id(), upstreamChain);
      } else {
        chainOfVertex.put(v.id(), fused.size());
        fused.add(new ArrayList<>(List.of(v)));
      }
    }
    List<TaskChain> chains = new ArrayList<>();
    for (int c = 0; c < fused.size(); c++) {
      chains.add(new TaskChain(c, fused.get(c)));
    }
    return new ExecutionPlan(List.copyOf(chains), wire(graph, chains, chainOfVertex));
  }

  /** The task ids of chain {@code chain}, by instance index. */
  int[] taskIdsOf(int chain) {
    int[] ids = new int[chains.get(chain).parallelism()];
    for (TaskSpec t : tasks) {
      if (t.chain().index() == chain) {
        ids[t.index()] = t.taskId();
      }
    }
    return ids;
  }

  private static Integer fusableInto(JobGraph graph, Vertex v, Map<Integer, Integer> chainOfVertex) {
    List<Edge> inputs = graph.inputsOf(v.id());
    if (inputs.size() != 1 || v instanceof Vertex.SourceVertex) {
      return null;
    }
    Edge e = inputs.get(0);
    Vertex from = graph.vertex(e.from());
    boolean fusable = e.exchange() instanceof Exchange.Forward
        && !(from instanceof Vertex.SinkVertex)
        && from.parallelism() == v.parallelism()
        && graph.outputsOf(from.id()).size() == 1
        && e.inputIndex() == 0
        && numInputs(v) == 1
        && graph.isDriverVertex(from.id()) == graph.isDriverVertex(v.id());
    return fusable ? chainOfVertex.get(from.id()) : null;
  }

  static int numInputs(Vertex v) {
    if (v instanceof Vertex.SourceVertex) {
      return 0;
    } else if (v instanceof Vertex.OperatorVertex ov) {
      OperatorSpec first = ov.chain().get(0);
      return first.numInputs();
    }
    return 1;
  }

  private static List<Vertex> topologicalOrder(JobGraph graph) {
    Map<Integer, Integer> indegree = new HashMap<>();
    for (Vertex v : graph.vertices()) {
      if (v.parallelism() <= 0) {
        throw invalid("Vertex " + v.id() + " has parallelism " + v.parallelism() + "; it must be positive");
      }
      indegree.put(v.id(), 0);
    }
    for (Edge e : graph.edges()) {
      if (!indegree.containsKey(e.from()) || !indegree.containsKey(e.to())) {
        throw invalid("Edge " + e + " refers to a vertex that is not in the graph");
      }
      Vertex to = graph.vertex(e.to());
      if (e.inputIndex() < 0 || e.inputIndex() >= numInputs(to)) {
        throw invalid("Edge " + e + " feeds input " + e.inputIndex() + " of vertex " + to.id() + ", which takes "
            + numInputs(to) + " input(s)");
      }
      indegree.merge(e.to(), 1, Integer::sum);
    }
    Deque<Vertex> ready = new ArrayDeque<>();
    for (Vertex v : graph.vertices()) {
      if (indegree.get(v.id()) == 0) {
        ready.add(v);
      }
    }
    List<Vertex> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      Vertex v = ready.poll();
      order.add(v);
      for (Edge e : graph.outputsOf(v.id())) {
        if (indegree.merge(e.to(), -1, Integer::sum) == 0) {
          ready.add(graph.vertex(e.to()));
        }
      }
    }
    if (order.size() != graph.vertices().size()) {
      throw invalid("The job graph has a cycle");
    }
    return order;
  }

  private static List<TaskSpec> wire(JobGraph graph, List<TaskChain> chains, Map<Integer, Integer> chainOfVertex) {
    int[][] taskIds = new int[chains.size()][];
    int next = 0;
    for (TaskChain c : chains) {
      taskIds[c.index()] = new int[c.parallelism()];
      for (int i = 0; i < c.parallelism(); i++) {
        taskIds[c.index()][i] = next++;
      }
    }
    List<List<Integer>> channelInputs = new ArrayList<>();
    List<List<GateSpec>> gates = new ArrayList<>();
    for (int t = 0; t < next; t++) {
      channelInputs.add(new ArrayList<>());
      gates.add(new ArrayList<>());
    }
    for (TaskChain c : chains) {
      for (Edge e : graph.outputsOf(c.tail().id())) {
        TaskChain target = chains.get(chainOfVertex.get(e.to()));
        for (int i = 0; i < c.parallelism(); i++) {
          int[] targets = targetIndices(e.exchange(), i, target.parallelism());
          int[] tasks = new int[targets.length];
          int[] channels = new int[targets.length];
          for (int k = 0; k < targets.length; k++) {
            tasks[k] = taskIds[target.index()][targets[k]];
            channels[k] = channelInputs.get(tasks[k]).size();
            channelInputs.get(tasks[k]).add(e.inputIndex());
          }
          gates.get(taskIds[c.index()][i]).add(new GateSpec(e.exchange(), i, tasks, channels));
        }
      }
    }
    List<TaskSpec> specs = new ArrayList<>();
    for (TaskChain c : chains) {
      boolean sharedUpstream = inputsShareUpstream(graph, c.head());
      for (int i = 0; i < c.parallelism(); i++) {
        int id = taskIds[c.index()][i];
        int[] inputs = channelInputs.get(id).stream().mapToInt(Integer::intValue).toArray();
        specs.add(new TaskSpec(id, c, i, inputs, numInputs(c.head()), List.copyOf(gates.get(id)), List.of(),
            sharedUpstream));
      }
    }
    return List.copyOf(specs);
  }

  /** Whether two different inputs of {@code v} have a common ancestor vertex (or the same upstream). */
  static boolean inputsShareUpstream(JobGraph graph, Vertex v) {
    Map<Integer, Integer> inputOfAncestor = new HashMap<>();
    for (Edge e : graph.inputsOf(v.id())) {
      Deque<Integer> todo = new ArrayDeque<>(List.of(e.from()));
      while (!todo.isEmpty()) {
        int ancestor = todo.poll();
        Integer seenFrom = inputOfAncestor.putIfAbsent(ancestor, e.inputIndex());
        if (seenFrom != null && seenFrom != e.inputIndex()) {
          return true;
        }
        if (seenFrom == null) {
          for (Edge up : graph.inputsOf(ancestor)) {
            todo.add(up.from());
          }
        }
      }
    }
    return false;
  }

  /** The downstream instances sender {@code i} connects to. */
  private static int[] targetIndices(Exchange exchange, int i, int targetParallelism) {
    if (exchange instanceof Exchange.Forward) {
      return new int[] {i % targetParallelism};
    } else if (exchange instanceof Exchange.Gather) {
      return new int[] {0};
    }
    int[] all = new int[targetParallelism];
    for (int k = 0; k < all.length; k++) {
      all[k] = k;
    }
    return all;
  }

  private static EmberRuntimeException invalid(String message) {
    return new EmberRuntimeException("INVALID_JOB_GRAPH", message);
  }
}
