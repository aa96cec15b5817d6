package io.ember.runtime.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * A physical plan ready to deploy: vertices (each runs as {@code parallelism} tasks) and the exchange
 * edges between them. Produced by the api module's physical planner, executed by the runtime. Immutable.
 *
 * <p>The runtime fuses a vertex into its single upstream vertex when the edge is {@link Exchange.Forward}
 * and both have the same parallelism, so a chain of stateless operators runs in one task.
 */
public record JobGraph(List<Vertex> vertices, List<Edge> edges) {
  public JobGraph {
    vertices = List.copyOf(vertices);
    edges = List.copyOf(edges);
  }

  public Vertex vertex(int id) {
    for (Vertex v : vertices) {
      if (v.id() == id) {
        return v;
      }
    }
    throw new IllegalArgumentException("No vertex " + id);
  }

  /** Edges into {@code vertexId}, ordered by input index. */
  public List<Edge> inputsOf(int vertexId) {
    List<Edge> in = new ArrayList<>();
    for (Edge e : edges) {
      if (e.to() == vertexId) {
        in.add(e);
      }
    }
    in.sort((a, b) -> Integer.compare(a.inputIndex(), b.inputIndex()));
    return in;
  }

  public List<Edge> outputsOf(int vertexId) {
    List<Edge> out = new ArrayList<>();
    for (Edge e : edges) {
      if (e.from() == vertexId) {
        out.add(e);
      }
    }
    return out;
  }

  /** The plan as {@code explain()} prints it: one line per vertex with parallelism, then its inputs indented. */
  public String explain() {
    StringBuilder sb = new StringBuilder();
    for (Vertex v : vertices) {
      if (outputsOf(v.id()).isEmpty()) {
        explain(v, "", sb);
      }
    }
    return sb.toString();
  }

  private void explain(Vertex v, String indent, StringBuilder sb) {
    sb.append(indent).append(v.explain()).append('\n');
    for (Edge e : inputsOf(v.id())) {
      sb.append(indent).append("  <- ").append(e.exchange().explain()).append('\n');
      explain(vertex(e.from()), indent + "    ", sb);
    }
  }
}
