package io.ember.api.planner;

import static io.ember.api.execution.Plans.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.ember.api.analysis.Analyzer;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.Op;
import io.ember.api.optimizer.Optimizer;
import io.ember.connectors.memory.CollectSink;
import io.ember.core.data.Row;
import io.ember.core.expr.EvalContext;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.aggregate.HashAggregateSpec;
import io.ember.operators.join.BuildSide;
import io.ember.operators.join.HashJoinSpec;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhysicalPlannerTest {
  private static final StructType S = schema("k", DataTypes.STRING, "v", DataTypes.INTEGER);
  private final LogicalPlan big = local(S, 1, rows(8));
  private final LogicalPlan small = local(schema("k", DataTypes.STRING, "w", DataTypes.LONG), Row.of("a", 1L));

  private static List<Row> rows(int n) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Row.of("k" + (i % 3), i));
    }
    return out;
  }

  private static JobGraph plan(LogicalPlan q, PlannerSettings settings) {
    var analyzed = new Analyzer(false).analyze(q);
    var optimized = new Optimizer(EvalContext.defaults()).optimize(analyzed);
    return new PhysicalPlanner(settings).plan(optimized, new CollectSink());
  }

  private static Vertex.OperatorVertex opVertex(JobGraph g, Class<?> firstSpec) {
    for (Vertex v : g.vertices()) {
      if (v instanceof Vertex.OperatorVertex ov && firstSpec.isInstance(ov.chain().get(0))) {
        return ov;
      }
    }
    throw new AssertionError("No vertex starting with " + firstSpec.getSimpleName() + " in\n" + g.explain());
  }

  private static Edge input(JobGraph g, Vertex v, int index) {
    return g.inputsOf(v.id()).stream().filter(e -> e.inputIndex() == index).findFirst().orElseThrow();
  }

  @Test
  void groupedAggregateIsPartialThenHashExchangeThenFinalAtShufflePartitions() {
    JobGraph g = plan(groupBy(big, List.of(col("k")), call("sum", col("v"))), new PlannerSettings(4, 3, -1));
    List<Vertex.OperatorVertex> aggs = g.vertices().stream().filter(v -> v instanceof Vertex.OperatorVertex ov
        && ov.chain().get(0) instanceof HashAggregateSpec h && h.mode() == HashAggregateSpec.Mode.FINAL)
        .map(v -> (Vertex.OperatorVertex) v).toList();
    assertEquals(1, aggs.size());
    Vertex.OperatorVertex fin = aggs.get(0);
    assertEquals(HashAggregateSpec.Mode.FINAL, ((HashAggregateSpec) fin.chain().get(0)).mode());
    assertEquals(3, fin.parallelism());
    Edge in = input(g, fin, 0);
    assertEquals(new Exchange.Hash(new int[] {0}), in.exchange());
    Vertex partial = g.vertex(in.from());
    assertEquals(4, partial.parallelism());
    assertEquals("HashAggregate(keys=[k], functions=[partial_sum(v)])", partial.explain().replace(" [parallelism=4]", "")
        .replaceAll(".* -> ", ""));
  }

  @Test
  void globalAggregateGathersIntoOneTask() {
    JobGraph g = plan(select(big, call("count", star())), new PlannerSettings(4, 4, -1));
    Vertex.OperatorVertex fin = (Vertex.OperatorVertex) g.vertices().get(2);
    assertEquals(HashAggregateSpec.Mode.FINAL, ((HashAggregateSpec) fin.chain().get(0)).mode());
    assertEquals(1, fin.parallelism());
    assertEquals(new Exchange.Gather(), input(g, fin, 0).exchange());
  }

  @Test
  void equiJoinHashPartitionsBothSidesWithoutBroadcast() {
    LogicalPlan q = join(big, small, "inner", op(Op.EQUAL, col(big, "k"), col(small, "k")));
    JobGraph g = plan(q, new PlannerSettings(2, 5, -1));
    Vertex.OperatorVertex j = opVertex(g, HashJoinSpec.class);
    assertEquals(5, j.parallelism());
    assertInstanceOf(Exchange.Hash.class, input(g, j, 0).exchange());
    assertInstanceOf(Exchange.Hash.class, input(g, j, 1).exchange());
  }

  @Test
  void smallLocalSideIsBroadcastAndTheOtherStreamsInPlace() {
    LogicalPlan q = join(big, small, "left_outer", op(Op.EQUAL, col(big, "k"), col(small, "k")));
    JobGraph g = plan(q, new PlannerSettings(2, 5, 10L << 20));
    Vertex.OperatorVertex j = opVertex(g, HashJoinSpec.class);
    assertEquals(BuildSide.RIGHT, ((HashJoinSpec) j.chain().get(0)).buildSide());
    assertEquals(new Exchange.Broadcast(), input(g, j, 0).exchange());
    assertEquals(new Exchange.Forward(), input(g, j, 1).exchange());
    assertEquals(g.vertex(input(g, j, 1).from()).parallelism(), j.parallelism());
  }

  @Test
  void rightOuterJoinBuildsTheLeftSideAsInputZero() {
    LogicalPlan q = join(big, small, "right_outer", op(Op.EQUAL, col(big, "k"), col(small, "k")));
    JobGraph g = plan(q, new PlannerSettings(2, 2, -1));
    Vertex.OperatorVertex j = opVertex(g, HashJoinSpec.class);
    assertEquals(BuildSide.LEFT, ((HashJoinSpec) j.chain().get(0)).buildSide());
    assertEquals(List.of("k", "v"), g.vertex(input(g, j, 0).from()).outputSchema().fieldNames());
  }

  @Test
  void fullOuterJoinIsNeverBroadcast() {
    LogicalPlan q = join(big, small, "full", op(Op.EQUAL, col(big, "k"), col(small, "k")));
    JobGraph g = plan(q, new PlannerSettings(2, 2, 10L << 20));
    Vertex.OperatorVertex j = opVertex(g, HashJoinSpec.class);
    assertInstanceOf(Exchange.Hash.class, input(g, j, 0).exchange());
  }

  @Test
  void joinWithoutEquiKeysAndNoBroadcastGathersBothSides() {
    LogicalPlan q = join(big, small, "inner", op(Op.LESS_THAN, col("v"), col("w")));
    JobGraph g = plan(q, new PlannerSettings(2, 2, -1));
    Vertex.OperatorVertex j = opVertex(g, HashJoinSpec.class);
    assertEquals(1, j.parallelism());
    assertEquals(new Exchange.Gather(), input(g, j, 0).exchange());
    assertEquals(new Exchange.Gather(), input(g, j, 1).exchange());
  }

  @Test
  void computedJoinKeysBecomeColumnsAndAreDroppedAfter() {
    LogicalPlan q = join(big, small, "inner", op(Op.EQUAL, op(Op.ADD, col("v"), lit(1)), col("w")));
    JobGraph g = plan(q, new PlannerSettings(2, 2, -1));
    Vertex sink = g.vertices().stream().filter(v -> v instanceof Vertex.SinkVertex).findFirst().orElseThrow();
    assertEquals(List.of("k", "v", "k", "w"), sink.outputSchema().fieldNames());
    Vertex.OperatorVertex j = opVertex(g, HashJoinSpec.class);
    HashJoinSpec spec = (HashJoinSpec) j.chain().get(0);
    assertEquals(DataTypes.LONG, spec.leftKeys().get(0).dataType());
  }

  @Test
  void sortGathersIntoOneSortTaskAndLimitAboveItIsATopN() {
    JobGraph sorted = plan(sort(big, asc(col("v"))), new PlannerSettings(3, 3, -1));
    assertEquals("Sort([v ASC NULLS FIRST]) [parallelism=1]", sorted.vertices().get(1).explain());
    JobGraph top = plan(limit(sort(big, desc(col("v"))), 2), new PlannerSettings(3, 3, -1));
    assertEquals("CollectSink [parallelism=1]\n"
        + "  <- Forward\n"
        + "    TopN(limit=2, keys=[v DESC NULLS LAST]) [parallelism=1]\n"
        + "      <- Exchange SinglePartition\n"
        + "        TopN(limit=2, keys=[v DESC NULLS LAST]) [parallelism=3]\n"
        + "          <- Forward\n"
        + "            MemoryScan [8 batches, 8 rows] schema=struct<k:string,v:int> [parallelism=3]\n",
        top.explain());
  }

  @Test
  void limitIsLocalThenGlobal() {
    JobGraph g = plan(limit(big, 3), new PlannerSettings(2, 2, -1));
    assertEquals("Limit(3) [parallelism=1]", g.vertices().get(2).explain());
    assertEquals("Limit(3) [parallelism=2]", g.vertices().get(1).explain());
  }

  @Test
  void distinctHashPartitionsOnTheKeys() {
    JobGraph g = plan(distinct(big, "v"), new PlannerSettings(2, 4, -1));
    Vertex d = g.vertices().get(1);
    assertEquals("Deduplicate(keys=[v]) [parallelism=4]", d.explain());
    assertEquals(new Exchange.Hash(new int[] {1}), g.inputsOf(d.id()).get(0).exchange());
  }

  @Test
  void unionFeedsEveryInputIntoOneVertex() {
    JobGraph g = plan(union(big, big, select(small, col("k"), as(lit(1), "v"))), new PlannerSettings(2, 2, -1));
    Vertex.OperatorVertex u = (Vertex.OperatorVertex) g.vertices().stream()
        .filter(v -> g.inputsOf(v.id()).size() == 3).findFirst().orElseThrow();
    assertEquals(3, g.inputsOf(u.id()).size());
    assertEquals(List.of("k", "v"), u.outputSchema().fieldNames());
  }

  @Test
  void smallFilesAreBroadcastByTheirSizeOnDisk(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Path big = dir.resolve("big.csv");
    java.nio.file.Path tiny = dir.resolve("tiny.csv");
    java.nio.file.Files.writeString(big, "k,v\n" + "a,1\n".repeat(1000));
    java.nio.file.Files.writeString(tiny, "k,w\na,2\n");
    LogicalPlan l = new LogicalPlan.SourceScan(io.ember.api.logical.PlanIds.next(), io.ember.connectors.file.FileSources
        .create("csv", List.of(big.toString()), java.util.Map.of("header", "true"), null));
    LogicalPlan r = new LogicalPlan.SourceScan(io.ember.api.logical.PlanIds.next(), io.ember.connectors.file.FileSources
        .create("csv", List.of(tiny.toString()), java.util.Map.of("header", "true"), null));
    LogicalPlan q = join(l, r, "inner", op(Op.EQUAL, col(l, "k"), col(r, "k")));
    JobGraph g = plan(q, new PlannerSettings(2, 2, 1000));
    Vertex.OperatorVertex j = opVertex(g, HashJoinSpec.class);
    assertEquals(BuildSide.RIGHT, ((HashJoinSpec) j.chain().get(0)).buildSide());
    assertEquals(new Exchange.Broadcast(), input(g, j, 0).exchange());
    JobGraph hashed = plan(q, new PlannerSettings(2, 2, 5));
    assertInstanceOf(Exchange.Hash.class, input(hashed, opVertex(hashed, HashJoinSpec.class), 0).exchange());
  }
}
