package io.ember.runtime.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import io.ember.connectors.memory.CollectSink;
import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.sink.SinkWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Expression;
import io.ember.core.serde.DriverLocal;
import io.ember.core.serde.EmberKryo;
import io.ember.core.types.StructType;
import io.ember.operators.memory.MemoryBudget;
import io.ember.runtime.JobConfig;
import io.ember.runtime.LocalRuntime;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Plans travel through {@link PlanCodec}: expressions of every standard function, real job graphs (which run to
 * the same result after the trip), and nothing outside the allow-list, in either direction.
 */
@Timeout(60)
class PlanCodecTest {
  private static LocalRuntime runtime;

  @BeforeAll
  static void start() {
    runtime = LocalRuntime.start(3);
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  static JobConfig config() {
    return new JobConfig(EvalContext.defaults(), 128, MemoryBudget.DEFAULT_BYTES, 2);
  }

  @Test
  void everyStandardFunctionTravelsAndEvaluatesAlike() {
    List<Expression> functions = Plans.functions();
    int names = io.ember.core.expr.FunctionRegistry.standard().names().size();
    assertTrue(functions.size() * 2 > names, "only " + functions.size() + " of " + names
        + " functions built from the sample arguments");
    EvalContext ctx = EvalContext.defaults();
    for (Expression e : functions) {
      byte[] bytes = PlanCodec.encode(e);
      Expression back = PlanCodec.decode(bytes, Expression.class);
      assertEquals(e, back, e.sql());
      assertArrayEquals(bytes, PlanCodec.encode(back), e.sql());
      if (e.deterministic()) {
        assertEquals(values(e, ctx), values(back, ctx), e.sql());
      }
    }
  }

  private static List<Object> values(Expression e, EvalContext ctx) {
    List<Object> out = new ArrayList<>();
    try {
      ColumnVector v = e.evaluate(Plans.SAMPLE, ctx);
      for (int i = 0; i < Plans.SAMPLE.numRows(); i++) {
        Object value = v.get(i);
        out.add(value instanceof byte[] bytes ? java.util.HexFormat.of().formatHex(bytes) : value); // by content
      }
    } catch (RuntimeException error) {
      out.add(error.getClass().getName() + ": " + error.getMessage());
    }
    return out;
  }

  @Test
  void anAggregatePlanRunsToTheSameResultAfterTheTrip() {
    assertSameRun(sink -> Plans.aggregate(20_000, 37, 3, 2, sink));
  }

  @Test
  void aJoinPlanRunsToTheSameResultAfterTheTrip() {
    assertSameRun(sink -> Plans.join(2, sink));
  }

  private static void assertSameRun(Function<Sink, JobGraph> plan) {
    CollectSink original = new CollectSink();
    JobGraph graph = plan.apply(original);
    byte[] bytes = PlanCodec.encode(graph);
    JobGraph back = PlanCodec.decode(bytes, JobGraph.class);
    assertEquals(graph.explain(), back.explain());
    runtime.run(graph, config());
    runtime.run(back, config());
    List<Row> expected = sortedRows(original);
    assertFalse(expected.isEmpty());
    assertEquals(expected, sortedRows(sinkOf(back)));
  }

  static CollectSink sinkOf(JobGraph graph) {
    for (Vertex v : graph.vertices()) {
      if (v instanceof Vertex.SinkVertex s) {
        return (CollectSink) s.sink();
      }
    }
    throw new AssertionError("no sink");
  }

  static List<Row> sortedRows(CollectSink sink) {
    List<Row> rows = new ArrayList<>();
    for (Batch b : sink.batches()) {
      for (int i = 0; i < b.numRows(); i++) {
        rows.add(b.row(i));
      }
    }
    rows.sort(java.util.Comparator.comparing(Row::toString));
    return rows;
  }

  /** A sink holding a callback: what foreachBatch holds. */
  record CallbackSink(java.util.function.Consumer<Batch> callback) implements Sink {
    @Override
    public SinkWriter createWriter(int taskIndex, int parallelism, StructType schema) {
      throw new IllegalStateException("This sink only tests what the plan codec refuses; it never runs a task");
    }

    @Override
    public void commit(long epoch, List<CommitMessage> messages) {}

    @Override
    public String explain() {
      return "CallbackSink";
    }
  }

  /** A sink that holds driver state and says so. */
  static final class DriverSink implements Sink, DriverLocal {
    @Override
    public SinkWriter createWriter(int taskIndex, int parallelism, StructType schema) {
      throw new IllegalStateException("This sink only tests what the plan codec refuses; it never runs a task");
    }

    @Override
    public void commit(long epoch, List<CommitMessage> messages) {}

    @Override
    public String explain() {
      return "DriverSink";
    }
  }

  @Test
  void aLambdaInAPlanIsRefusedNamingWhereItIs() {
    JobGraph graph = Plans.aggregate(10, 2, 1, 1, new CallbackSink(b -> {}));
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> PlanCodec.encode(graph));
    assertEquals("NOT_SHIPPABLE", e.errorClass());
    assertTrue(e.getMessage().contains("lambda"), e.getMessage());
    assertTrue(e.getMessage().contains("callback"), e.getMessage());
  }

  @Test
  void aDriverLocalVertexRunsOnTheDriverAndIsNeverEncoded() {
    JobGraph graph = Plans.aggregate(10, 2, 1, 1, new DriverSink());
    assertTrue(graph.vertex(5).runsOnDriver());
    assertFalse(graph.vertex(1).runsOnDriver());
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> PlanCodec.encode(graph));
    assertEquals("NOT_SHIPPABLE", e.errorClass());
    assertTrue(e.getMessage().contains("DriverLocal"), e.getMessage());
  }

  @Test
  void aClassOutsideTheAllowListIsNotLoadedFromTheWire() {
    Kryo foreign = new Kryo();
    foreign.setRegistrationRequired(false);
    byte[] bytes;
    try (Output out = new Output(256, -1)) {
      EmberKryo.writeHeader(out);
      foreign.writeClassAndObject(out, new StringBuilder("not ours"));
      bytes = out.toBytes();
    }
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> PlanCodec.decode(bytes, Object.class));
    assertEquals("NOT_SHIPPABLE", e.errorClass());
    assertTrue(e.getMessage().contains("java.lang.StringBuilder"), e.getMessage());
  }

  @Test
  void theAllowListAcceptsEmberAndJdkValuesOnly() {
    assertTrue(WireClasses.allowedName("io.ember.core.expr.Literal"));
    assertTrue(WireClasses.allowedName("[Lio.ember.core.expr.Expression;"));
    assertTrue(WireClasses.allowedName("[[J"));
    assertTrue(WireClasses.allowedName("java.util.ImmutableCollections$ListN"));
    assertFalse(WireClasses.allowedName("java.lang.ProcessBuilder"));
    assertFalse(WireClasses.allowedName("[Ljava.net.URL;"));
    assertFalse(WireClasses.allowedName("org.apache.commons.collections.functors.InvokerTransformer"));
    assertFalse(WireClasses.allowedName("io.ember.Foo$$Lambda$14/0x0000000800c0b000"));
  }

  @Test
  void bytesOfAnotherFormatVersionAreRefused() {
    byte[] bytes = PlanCodec.encode(Plans.lit(5));
    bytes[4]++;
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> PlanCodec.decode(bytes, Object.class));
    assertEquals("INCOMPATIBLE_FORMAT", e.errorClass());
  }
}
