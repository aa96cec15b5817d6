package io.ember.api.planner.streaming;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.expr;
import static io.ember.api.functions.lit;
import static io.ember.api.functions.window;
import static io.ember.api.functions.window_time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.streaming.MemoryStream;
import io.ember.api.streaming.OutputMode;
import io.ember.connectors.memory.CollectSink;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.OperatorSpec;
import io.ember.operators.stream.InputWatermark;
import io.ember.operators.stream.PropagatedWatermarkSpec;
import io.ember.operators.stream.aggregate.StreamingAggregateSpec;
import io.ember.operators.stream.join.StreamJoinSpec;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which stateful operators run with Spark's propagated watermarks: every one of a query with several, each with
 * its input watermark (lowered below a stream-stream join by the join's state watermarks); none of a query with one.
 */
class ChainedStatefulOperatorsPlanTest {
  static final StructType EVENTS = DataTypes.struct(DataTypes.field("k", DataTypes.STRING),
      DataTypes.field("ts", DataTypes.TIMESTAMP));
  static final long SECOND = 1_000_000L;
  static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("ChainedStatefulOperatorsPlanTest").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  static DataFrame events() {
    return MemoryStream.of(session, EVENTS).toDF().withWatermark("ts", "0 seconds");
  }

  /** The first spec of every operator vertex of {@code df}'s append mode job. */
  static List<OperatorSpec> heads(DataFrame df) {
    JobGraph g = df.queryExecution().streamingPlan(OutputMode.Append(), new CollectSink()).graph();
    return g.vertices().stream().filter(v -> v instanceof Vertex.OperatorVertex)
        .map(v -> ((Vertex.OperatorVertex) v).chain().get(0)).toList();
  }

  static PropagatedWatermarkSpec chained(List<OperatorSpec> heads, Class<?> inner) {
    return heads.stream().filter(s -> s instanceof PropagatedWatermarkSpec p && inner.isInstance(p.inner()))
        .map(s -> (PropagatedWatermarkSpec) s).findFirst().orElseThrow(() -> new AssertionError(heads.toString()));
  }

  @Test
  void aLoneStatefulOperatorRunsAsItIs() {
    List<OperatorSpec> heads = heads(events().groupBy(window(col("ts"), "5 seconds")).count());
    assertTrue(heads.stream().noneMatch(s -> s instanceof PropagatedWatermarkSpec), heads::toString);
    assertTrue(heads.stream().anyMatch(s -> s instanceof StreamingAggregateSpec), heads::toString);
  }

  @Test
  void everyOperatorOfAChainHearsTheGlobalWatermarkWithoutAJoin() {
    DataFrame fives = events().groupBy(window(col("ts"), "5 seconds")).count();
    List<OperatorSpec> heads = heads(fives.groupBy(window(window_time(col("window")), "10 seconds")).count());
    List<PropagatedWatermarkSpec> chained = heads.stream().filter(s -> s instanceof PropagatedWatermarkSpec)
        .map(s -> (PropagatedWatermarkSpec) s).toList();
    assertEquals(2, chained.size(), heads::toString);
    for (PropagatedWatermarkSpec c : chained) {
      assertInstanceOf(StreamingAggregateSpec.class, c.inner());
      assertEquals(InputWatermark.GLOBAL, c.inputWatermark());
    }
  }

  @Test
  void belowATimeIntervalJoinTheWatermarkIsTheJoinsOutputWatermark() {
    DataFrame left = events().toDF("lk", "lt");
    DataFrame right = events().toDF("rk", "rt");
    DataFrame joined = left.join(right, expr("lk = rk AND lt BETWEEN rt - INTERVAL 40 SECONDS AND rt + INTERVAL 30"
        + " SECONDS"));
    List<OperatorSpec> heads = heads(joined.groupBy(window(col("lt"), "30 seconds")).agg(count(lit(1)).as("n")));
    assertEquals(InputWatermark.GLOBAL, chained(heads, StreamJoinSpec.class).inputWatermark());
    InputWatermark below = chained(heads, StreamingAggregateSpec.class).inputWatermark();
    assertEquals(60 * SECOND, below.of(100 * SECOND), below::describe); // min(W, W - 40 s, W - 30 s)
  }
}
