package io.ember.runtime.local;

import io.ember.runtime.graph.Vertex;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Vertices fused into one task: a head (source or operator), operator vertices joined to it by
 * {@link io.ember.runtime.graph.Exchange.Forward} edges of equal parallelism, and possibly a sink tail.
 * Each of its {@link #parallelism()} instances is one task actor.
 *
 * @param index position of the chain in topological order
 * @param vertices head first
 */
record TaskChain(int index, List<Vertex> vertices) {
  TaskChain {
    vertices = List.copyOf(vertices);
  }

  Vertex head() {
    return vertices.get(0);
  }

  Vertex tail() {
    return vertices.get(vertices.size() - 1);
  }

  int parallelism() {
    return head().parallelism();
  }

  /** A short name for errors and actor names, e.g. {@code v1+v2}. */
  String name() {
    return vertices.stream().map(v -> "v" + v.id()).collect(Collectors.joining("+"));
  }
}
