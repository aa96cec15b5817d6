package io.ember.runtime.graph;

import io.ember.connectors.sink.Sink;
import io.ember.connectors.source.Source;
import io.ember.core.serde.DriverLocal;
import io.ember.core.types.StructType;
import io.ember.operators.OperatorSpec;
import java.util.List;
import java.util.stream.Collectors;

/** A node of a {@link JobGraph}: a source, a chain of operators, or a sink, run as {@code parallelism} tasks. */
public sealed interface Vertex {
  int id();

  int parallelism();

  StructType outputSchema();

  String explain();

  /**
   * True when this vertex's tasks must run on the driver node: its source, sink or one of its operator specs is
   * {@link DriverLocal} (it holds callbacks or in-memory state of the driver's JVM). Other vertices can run on
   * any node; their objects travel through the runtime's plan codec. A sink's {@code setup}, {@code commit} and
   * {@code abort} always run on the job's coordinator, whatever this says; only its writers run in tasks.
   */
  default boolean runsOnDriver() {
    if (this instanceof SourceVertex s) {
      return s.source() instanceof DriverLocal;
    } else if (this instanceof SinkVertex s) {
      return s.sink() instanceof DriverLocal;
    } else if (this instanceof OperatorVertex o) {
      return o.chain().stream().anyMatch(spec -> spec instanceof DriverLocal);
    }
    return false;
  }

  /** Reads {@code source}; its splits are spread over the tasks. */
  record SourceVertex(int id, int parallelism, Source source) implements Vertex {
    @Override
    public StructType outputSchema() {
      return source.schema();
    }

    @Override
    public String explain() {
      return source.explain() + " [parallelism=" + parallelism + "]";
    }
  }

  /**
   * Runs operators in a chain: the first takes the vertex's inputs, each later one takes its
   * predecessor's output as input 0.
   */
  record OperatorVertex(int id, int parallelism, List<OperatorSpec> chain) implements Vertex {
    public OperatorVertex {
      chain = List.copyOf(chain);
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("An operator vertex needs at least one operator");
      }
    }

    @Override
    public StructType outputSchema() {
      return chain.get(chain.size() - 1).outputSchema();
    }

    @Override
    public String explain() {
      return chain.stream().map(OperatorSpec::explain).collect(Collectors.joining(" -> "))
          + " [parallelism=" + parallelism + "]";
    }
  }

  /** Writes its single input to {@code sink}. */
  record SinkVertex(int id, int parallelism, Sink sink, StructType inputSchema) implements Vertex {
    @Override
    public StructType outputSchema() {
      return inputSchema;
    }

    @Override
    public String explain() {
      return sink.explain() + " [parallelism=" + parallelism + "]";
    }
  }
}
