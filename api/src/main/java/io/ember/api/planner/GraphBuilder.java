package io.ember.api.planner;

import io.ember.connectors.sink.Sink;
import io.ember.connectors.source.Source;
import io.ember.core.types.StructType;
import io.ember.operators.OperatorSpec;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the vertices and edges of a {@link JobGraph} while a planner walks a plan. An operator vertex's
 * chain stays open while nothing consumes it, so stateless steps planned above it join its chain. Shared by
 * the batch and the streaming planner; not thread-safe.
 */
public final class GraphBuilder {
  /** What a planned subtree produces: the vertex emitting it, its task count and its schema. */
  public record Stage(int vertex, int parallelism, StructType schema) {}

  private sealed interface Draft permits SourceDraft, OperatorDraft, SinkDraft {}

  private record SourceDraft(Source source, int parallelism) implements Draft {}

  private record OperatorDraft(int parallelism, List<OperatorSpec> chain) implements Draft {}

  private record SinkDraft(Sink sink, int parallelism, StructType schema) implements Draft {}

  private final List<Draft> drafts = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();
  private final Set<Integer> sealed = new HashSet<>();

  /** A new source vertex reading {@code source} as {@code parallelism} tasks. */
  public Stage source(Source source, int parallelism) {
    drafts.add(new SourceDraft(source, parallelism));
    return new Stage(drafts.size() - 1, parallelism, source.schema());
  }

  /** A new operator vertex running {@code spec} as {@code parallelism} tasks, fed by {@code inputs}. */
  public Stage operator(OperatorSpec spec, int parallelism, List<Input> inputs) {
    List<OperatorSpec> chain = new ArrayList<>();
    chain.add(spec);
    drafts.add(new OperatorDraft(parallelism, chain));
    int id = drafts.size() - 1;
    for (Input in : inputs) {
      edges.add(new Edge(in.from().vertex(), id, in.index(), in.exchange()));
    }
    return new Stage(id, parallelism, spec.outputSchema());
  }

  /** An edge into input {@code index} of a new vertex. */
  public record Input(Stage from, int index, Exchange exchange) {}

  /** {@code spec} applied to {@code stage}'s output in the same tasks: appended to its chain when it has one. */
  public Stage chain(Stage stage, OperatorSpec spec) {
    if (drafts.get(stage.vertex()) instanceof OperatorDraft d && !hasConsumer(stage.vertex())
        && !sealed.contains(stage.vertex())) {
      d.chain().add(spec);
      return new Stage(stage.vertex(), stage.parallelism(), spec.outputSchema());
    }
    return operator(spec, stage.parallelism(), List.of(new Input(stage, 0, new Exchange.Forward())));
  }

  /**
   * Closes {@code stage}'s vertex to chaining: every later step over it runs in a vertex of its own fed over an
   * edge of its own, so that the vertex's output as it is now can feed several consumers (a shared sub-plan). The
   * runtime fuses such a step back into the vertex when it turns out to be its only consumer.
   */
  public void seal(Stage stage) {
    sealed.add(stage.vertex());
  }

  /** A new sink vertex writing {@code from}'s rows to {@code sink}. */
  public Stage sink(Stage from, Sink sink, int parallelism, Exchange exchange) {
    drafts.add(new SinkDraft(sink, parallelism, from.schema()));
    int id = drafts.size() - 1;
    edges.add(new Edge(from.vertex(), id, 0, exchange));
    return new Stage(id, parallelism, from.schema());
  }

  private boolean hasConsumer(int vertex) {
    for (Edge e : edges) {
      if (e.from() == vertex) {
        return true;
      }
    }
    return false;
  }

  /** The graph collected so far. */
  public JobGraph build() {
    List<Vertex> vertices = new ArrayList<>();
    for (int id = 0; id < drafts.size(); id++) {
      Draft d = drafts.get(id);
      if (d instanceof SourceDraft s) {
        vertices.add(new Vertex.SourceVertex(id, s.parallelism(), s.source()));
      } else if (d instanceof OperatorDraft o) {
        vertices.add(new Vertex.OperatorVertex(id, o.parallelism(), o.chain()));
      } else if (d instanceof SinkDraft s) {
        vertices.add(new Vertex.SinkVertex(id, s.parallelism(), s.sink(), s.schema()));
      }
    }
    return new JobGraph(vertices, edges);
  }
}
