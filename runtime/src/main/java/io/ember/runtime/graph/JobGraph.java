package io.ember.runtime.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A physical plan ready to deploy: vertices (each runs as {@code parallelism} tasks) and the exchange
 * edges between them. Produced by the api module's physical planner, executed by the runtime. Immutable.
 *
 * <p>The runtime fuses a vertex into its single upstream vertex when the edge is {@link Exchange.Forward}
 * and both have the same parallelism, so a chain of stateless operators runs in one task; but never a vertex of
 * {@link #driverVertices()} with one that is not.
 *
 * @param driverVertices the ids of the vertices whose tasks a cluster runs in the driver (they hold state of the
 *     driver's JVM, {@link Vertex#runsOnDriver()}, or cannot be sent to a node); the runtime keeps them in tasks of
 *     their own so that the vertices next to them can run on the nodes. Empty in local mode, where everything
 *     that can fuses.
 */
public record JobGraph(List<Vertex> vertices, List<Edge> edges, Set<Integer> driverVertices) {
  public JobGraph {
    vertices = List.copyOf(vertices);
    edges = List.copyOf(edges);
    driverVertices = Set.copyOf(driverVertices);
  }

  /** A graph without driver vertices (local mode). */
  public JobGraph(List<Vertex> vertices, List<Edge> edges) {
    this(vertices, edges, Set.of());
  }

  /** This graph with {@code ids} as its {@link #driverVertices()}. */
  public JobGraph withDriverVertices(Set<Integer> ids) {
    return new JobGraph(vertices, edges, ids);
  }

  /** Whether the runtime keeps vertex {@code id} in the driver, apart from the vertices that are not. */
  public boolean isDriverVertex(int id) {
    return driverVertices.contains(id);
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

  /**
   * The plan as {@code explain()} prints it: one line per vertex with parallelism, then its inputs indented. A
   * vertex feeding several consumers (a shared sub-plan, a stream read once by two branches) is printed in full
   * under its first consumer, tagged {@code [id=#N]} with its vertex id, and as {@code ReusedSubplan [id=#N]}
   * under the others, as Spark prints a {@code ReusedExchange}.
   */
  public String explain() {
    StringBuilder sb = new StringBuilder();
    Set<Integer> printed = new HashSet<>();
    for (Vertex v : vertices) {
      if (outputsOf(v.id()).isEmpty()) {
        explain(v, "", sb, printed);
      }
    }
    return sb.toString();
  }

  private void explain(Vertex v, String indent, StringBuilder sb, Set<Integer> printed) {
    boolean shared = outputsOf(v.id()).size() > 1;
    if (shared && !printed.add(v.id())) {
      sb.append(indent).append("ReusedSubplan [id=#").append(v.id()).append("] ").append(v.explain()).append('\n');
      return;
    }
    sb.append(indent).append(v.explain()).append(shared ? " [id=#" + v.id() + "]" : "").append('\n');
    for (Edge e : inputsOf(v.id())) {
      sb.append(indent).append("  <- ").append(e.exchange().explain()).append('\n');
      explain(vertex(e.from()), indent + "    ", sb, printed);
    }
  }
}
