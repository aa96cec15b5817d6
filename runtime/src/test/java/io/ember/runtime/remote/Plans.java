package io.ember.runtime.remote;

import io.ember.connectors.memory.CollectSink;
import io.ember.connectors.memory.MemorySource;
import io.ember.connectors.memory.RangeSource;
import io.ember.connectors.sink.Sink;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Expressions;
import io.ember.core.expr.FunctionRegistry;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.aggregate.AggregateFunction;
import io.ember.operators.aggregate.AverageFunction;
import io.ember.operators.aggregate.CountFunction;
import io.ember.operators.aggregate.HashAggregateSpec;
import io.ember.operators.aggregate.MinMaxFunction;
import io.ember.operators.aggregate.SumFunction;
import io.ember.operators.calc.CalcSpec;
import io.ember.operators.join.BuildSide;
import io.ember.operators.join.HashJoinSpec;
import io.ember.operators.join.JoinType;
import io.ember.operators.sort.SortKey;
import io.ember.operators.sort.SortSpec;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.util.ArrayList;
import java.util.List;

/** Job graphs built from real operators and connectors, as the planner builds them, for the remote tests. */
final class Plans {
  static final StructType KV = DataTypes.struct(DataTypes.field("k", DataTypes.LONG), DataTypes.field("v", DataTypes.LONG));

  private Plans() {}

  static ColumnRef col(StructType schema, int i) {
    return new ColumnRef(i, schema.field(i).name(), schema.field(i).dataType(), schema.field(i).nullable());
  }

  static Literal lit(long v) {
    return new Literal(v, DataTypes.LONG);
  }

  /**
   * range(0, rows) spread over {@code sourceTasks} → filter and project (k = id % keys, v = id * 3) → partial
   * aggregate (count, sum, min, max, avg by k) → hash exchange → final aggregate ({@code aggTasks} tasks) →
   * gather → sort by k → {@code sink}.
   */
  static JobGraph aggregate(long rows, int keys, int sourceTasks, int aggTasks, Sink sink) {
    StructType range = RangeSource.SCHEMA;
    ColumnRef id = col(range, 0);
    CalcSpec calc = new CalcSpec(range, Expressions.notEqual(Expressions.remainder(id, lit(7)), lit(3)),
        List.of(Expressions.remainder(id, lit(keys)), Expressions.multiply(id, lit(3))), List.of("k", "v"));
    StructType kv = calc.outputSchema();
    ColumnRef v = col(kv, 1);
    List<AggregateFunction> functions = List.of(new CountFunction(List.of(v)), new SumFunction(v),
        new MinMaxFunction(v, false), new MinMaxFunction(v, true), new AverageFunction(v));
    HashAggregateSpec partial = HashAggregateSpec.partial(kv, List.of(col(kv, 0)), List.of("k"), functions,
        List.of("n", "total", "lo", "hi", "mean"));
    HashAggregateSpec fin = HashAggregateSpec.finalFor(partial);
    StructType out = fin.outputSchema();
    SortSpec sort = new SortSpec(out, List.of(SortKey.asc(col(out, 0))), SortSpec.NO_LIMIT);
    return new JobGraph(
        List.of(new Vertex.SourceVertex(1, sourceTasks, new RangeSource(0, rows, 1, sourceTasks)),
            new Vertex.OperatorVertex(2, sourceTasks, List.of(calc, partial)),
            new Vertex.OperatorVertex(3, aggTasks, List.of(fin)),
            new Vertex.OperatorVertex(4, 1, List.of(sort)),
            new Vertex.SinkVertex(5, 1, sink, out)),
        List.of(new Edge(1, 2, 0, new Exchange.Forward()), new Edge(2, 3, 0, new Exchange.Hash(new int[] {0})),
            new Edge(3, 4, 0, new Exchange.Gather()), new Edge(4, 5, 0, new Exchange.Forward())));
  }

  /** Two in-memory tables joined on k (the right side built from a broadcast, the left probing through a round-robin edge) → {@code sink}. */
  static JobGraph join(int tasks, Sink sink) {
    List<Row> left = new ArrayList<>();
    List<Row> right = new ArrayList<>();
    for (long i = 0; i < 500; i++) {
      left.add(Row.of(i % 40, i));
      if (i < 60) {
        right.add(Row.of(i, i * 100));
      }
    }
    HashJoinSpec join = HashJoinSpec.onColumns(JoinType.INNER, KV, KV, new int[] {0}, new int[] {0}, BuildSide.RIGHT);
    MemorySource l = new MemorySource(KV, List.of(Batch.fromRows(KV, left.subList(0, 250)),
        Batch.fromRows(KV, left.subList(250, 500))));
    MemorySource r = new MemorySource(KV, List.of(Batch.fromRows(KV, right)));
    return new JobGraph(
        List.of(new Vertex.SourceVertex(1, 2, l), new Vertex.SourceVertex(2, 1, r),
            new Vertex.OperatorVertex(3, tasks, List.of(join)),
            new Vertex.SinkVertex(4, tasks, sink, join.outputSchema())),
        List.of(new Edge(1, 3, 1, new Exchange.RoundRobin()),
            new Edge(2, 3, 0, new Exchange.Broadcast()),
            new Edge(3, 4, 0, new Exchange.Forward())));
  }

  /** Every expression the standard function registry builds from sample arguments over {@link #SAMPLE}'s columns. */
  static List<Expression> functions() {
    StructType s = SAMPLE.schema();
    List<List<Expression>> argLists = List.of(List.of(), List.of(col(s, 0)), List.of(col(s, 1)), List.of(col(s, 2)),
        List.of(col(s, 0), col(s, 0)), List.of(col(s, 1), col(s, 1)), List.of(col(s, 1), col(s, 0)),
        List.of(col(s, 2), col(s, 2)), List.of(col(s, 1), col(s, 0), col(s, 0)),
        List.of(col(s, 0), col(s, 0), col(s, 0)), List.of(col(s, 3)), List.of(col(s, 3), col(s, 1)),
        List.of(col(s, 1), new Literal(2, DataTypes.INTEGER)), List.of(col(s, 3), new Literal(2, DataTypes.INTEGER)),
        List.of(col(s, 1), new Literal(",", DataTypes.STRING)), List.of(col(s, 2), new Literal(1, DataTypes.INTEGER)),
        List.of(col(s, 1), new Literal("a", DataTypes.STRING), new Literal("b", DataTypes.STRING)),
        List.of(col(s, 1), new Literal(1, DataTypes.INTEGER), new Literal(2, DataTypes.INTEGER)),
        List.of(col(s, 4)), List.of(col(s, 4), new Literal(1, DataTypes.INTEGER)), List.of(col(s, 3), col(s, 3)),
        List.of(col(s, 1), new Literal("yyyy-MM-dd", DataTypes.STRING)), List.of(col(s, 5)), List.of(col(s, 6)));
    FunctionRegistry registry = FunctionRegistry.standard();
    List<Expression> built = new ArrayList<>();
    for (String name : registry.names()) {
      for (List<Expression> args : argLists) {
        try {
          built.add(registry.build(name, args));
          break;
        } catch (RuntimeException wrongArguments) {
          // try the next argument shape
        }
      }
    }
    return built;
  }

  /** Sample rows: (long, string, double, date, array of long, timestamp, boolean), with nulls. */
  static final Batch SAMPLE = Batch.fromRows(DataTypes.struct(DataTypes.field("n", DataTypes.LONG),
          DataTypes.field("s", DataTypes.STRING), DataTypes.field("d", DataTypes.DOUBLE),
          DataTypes.field("t", DataTypes.DATE), DataTypes.field("a", new io.ember.core.types.ArrayType(DataTypes.LONG, true)),
          DataTypes.field("ts", DataTypes.TIMESTAMP), DataTypes.field("b", DataTypes.BOOLEAN)),
      List.of(Row.of(3L, "Ember", 2.5, java.time.LocalDate.of(2024, 2, 29), List.of(1L, 2L), java.time.Instant.ofEpochSecond(1_700_000_000L), true),
          Row.of(null, null, null, null, null, null, null),
          Row.of(-17L, "a,b,c", -0.125, java.time.LocalDate.of(1999, 12, 31), List.of(), java.time.Instant.EPOCH, false),
          Row.of(1_000_000L, "  spaced  ", 1e10, java.time.LocalDate.of(1970, 1, 1), java.util.Arrays.asList(5L, null), java.time.Instant.ofEpochMilli(-5), true)));
}
