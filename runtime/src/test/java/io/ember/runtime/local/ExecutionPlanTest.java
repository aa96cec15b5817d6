package io.ember.runtime.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.Operator;
import io.ember.operators.OperatorSpec;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionPlanTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("x", DataTypes.INTEGER));

  private static final Source SOURCE = new Source() {
    @Override
    public StructType schema() {
      return SCHEMA;
    }

    @Override
    public boolean isBounded() {
      return true;
    }

    @Override
    public List<SourceSplit> planSplits(int parallelismHint) {
      return List.of();
    }

    @Override
    public SourceReader createReader(List<SourceSplit> splits, ReaderContext context) {
      throw new UnsupportedOperationException("planning only");
    }

    @Override
    public String explain() {
      return "S";
    }
  };

  private static final Sink SINK = new Sink() {
    @Override
    public SinkWriter createWriter(int taskIndex, int parallelism, StructType schema) {
      throw new UnsupportedOperationException("planning only");
    }

    @Override
    public void commit(long epoch, List<CommitMessage> messages) {}

    @Override
    public String explain() {
      return "K";
    }
  };

  private record Spec(int numInputs) implements OperatorSpec {
    @Override
    public Operator create() {
      return (input, batch, out) -> out.emit(batch);
    }

    @Override
    public StructType outputSchema() {
      return SCHEMA;
    }

    @Override
    public String explain() {
      return "Op";
    }
  }

  private static Vertex op(int id, int p) {
    return new Vertex.OperatorVertex(id, p, List.of(new Spec(1)));
  }

  @Test
  void forwardChainOfEqualParallelismFusesIntoOneTaskPerInstance() {
    JobGraph graph = new JobGraph(
        List.of(new Vertex.SourceVertex(1, 3, SOURCE), op(2, 3), op(3, 3), new Vertex.SinkVertex(4, 3, SINK, SCHEMA)),
        List.of(new Edge(1, 2, 0, new Exchange.Forward()), new Edge(2, 3, 0, new Exchange.Forward()),
            new Edge(3, 4, 0, new Exchange.Forward())));

    ExecutionPlan plan = ExecutionPlan.of(graph);

    assertEquals(1, plan.chains().size());
    assertEquals("v1+v2+v3+v4", plan.chains().get(0).name());
    assertEquals(3, plan.tasks().size());
    assertTrue(plan.tasks().stream().allMatch(t -> t.gates().isEmpty() && t.channelInputs().length == 0));
  }

  @Test
  void driverVerticesAreNotFusedWithTheirNeighboursButWithEachOther() {
    JobGraph graph = new JobGraph(
        List.of(new Vertex.SourceVertex(1, 2, SOURCE), op(2, 2), op(3, 2), op(4, 2), new Vertex.SinkVertex(5, 2, SINK, SCHEMA)),
        List.of(new Edge(1, 2, 0, new Exchange.Forward()), new Edge(2, 3, 0, new Exchange.Forward()),
            new Edge(3, 4, 0, new Exchange.Forward()), new Edge(4, 5, 0, new Exchange.Forward())));
    assertEquals(List.of("v1+v2+v3+v4+v5"), ExecutionPlan.of(graph).chains().stream().map(TaskChain::name).toList());

    ExecutionPlan apart = ExecutionPlan.of(graph.withDriverVertices(java.util.Set.of(1, 4, 5)));

    assertEquals(List.of("v1", "v2+v3", "v4+v5"), apart.chains().stream().map(TaskChain::name).toList());
    assertEquals(6, apart.tasks().size());
    TaskSpec firstOfMiddle = apart.tasks().get(2);
    assertArrayEquals(new int[] {0}, firstOfMiddle.channelInputs());
    assertArrayEquals(new int[] {4}, firstOfMiddle.gates().get(0).targetTasks());
  }

  @Test
  void exchangesAndParallelismChangesBreakChains() {
    JobGraph graph = new JobGraph(
        List.of(new Vertex.SourceVertex(1, 2, SOURCE), op(2, 2), op(3, 4), op(4, 4), new Vertex.SinkVertex(5, 1, SINK, SCHEMA)),
        List.of(new Edge(1, 2, 0, new Exchange.Forward()), new Edge(2, 3, 0, new Exchange.Hash(new int[] {0})),
            new Edge(3, 4, 0, new Exchange.Forward()), new Edge(4, 5, 0, new Exchange.Gather())));

    ExecutionPlan plan = ExecutionPlan.of(graph);

    assertEquals(List.of("v1+v2", "v3+v4", "v5"), plan.chains().stream().map(TaskChain::name).toList());
    assertEquals(2 + 4 + 1, plan.tasks().size());
    TaskSpec first = plan.tasks().get(0);
    assertArrayEquals(new int[] {2, 3, 4, 5}, first.gates().get(0).targetTasks());
    TaskSpec hashTarget = plan.tasks().get(2);
    assertArrayEquals(new int[] {0, 0}, hashTarget.channelInputs());
    TaskSpec gatherTarget = plan.tasks().get(6);
    assertEquals(4, gatherTarget.channelsOf(0));
  }

  @Test
  void joinInputsGetChannelsOfTheirInputIndex() {
    JobGraph graph = new JobGraph(
        List.of(new Vertex.SourceVertex(1, 2, SOURCE), new Vertex.SourceVertex(2, 3, SOURCE),
            new Vertex.OperatorVertex(3, 2, List.of(new Spec(2))), new Vertex.SinkVertex(4, 2, SINK, SCHEMA)),
        List.of(new Edge(1, 3, 0, new Exchange.Broadcast()), new Edge(2, 3, 1, new Exchange.Hash(new int[] {0})),
            new Edge(3, 4, 0, new Exchange.Forward())));

    ExecutionPlan plan = ExecutionPlan.of(graph);

    TaskSpec join = plan.tasks().stream().filter(t -> t.chain().head().id() == 3 && t.index() == 1).findFirst().orElseThrow();
    assertEquals(2, join.numInputs());
    assertEquals(2, join.channelsOf(0));
    assertEquals(3, join.channelsOf(1));
    assertEquals("v3+v4", join.chain().name());
    assertEquals(false, join.sharedUpstream());
  }

  @Test
  void joinWhoseInputsDescendFromOneVertexIsMarkedSharedUpstream() {
    JobGraph graph = new JobGraph(
        List.of(new Vertex.SourceVertex(1, 2, SOURCE), op(2, 2), op(3, 2),
            new Vertex.OperatorVertex(4, 2, List.of(new Spec(2)))),
        List.of(new Edge(1, 2, 0, new Exchange.RoundRobin()), new Edge(1, 3, 0, new Exchange.RoundRobin()),
            new Edge(2, 4, 0, new Exchange.Hash(new int[] {0})), new Edge(3, 4, 1, new Exchange.Hash(new int[] {0}))));

    ExecutionPlan plan = ExecutionPlan.of(graph);

    assertTrue(plan.tasks().stream().filter(t -> t.chain().head().id() == 4).allMatch(TaskSpec::sharedUpstream));
    assertTrue(plan.tasks().stream().filter(t -> t.chain().head().id() != 4).noneMatch(TaskSpec::sharedUpstream));
  }

  @Test
  void cyclesAndBadInputIndicesAreRejected() {
    JobGraph cycle = new JobGraph(List.of(op(1, 1), op(2, 1)),
        List.of(new Edge(1, 2, 0, new Exchange.Forward()), new Edge(2, 1, 0, new Exchange.Forward())));
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> ExecutionPlan.of(cycle));
    assertEquals("[INVALID_JOB_GRAPH] The job graph has a cycle", e.getMessage());

    JobGraph badInput = new JobGraph(List.of(new Vertex.SourceVertex(1, 1, SOURCE), op(2, 1)),
        List.of(new Edge(1, 2, 1, new Exchange.Forward())));
    EmberRuntimeException e2 = assertThrows(EmberRuntimeException.class, () -> ExecutionPlan.of(badInput));
    assertTrue(e2.getMessage().contains("feeds input 1 of vertex 2, which takes 1 input(s)"), e2.getMessage());
  }
}
