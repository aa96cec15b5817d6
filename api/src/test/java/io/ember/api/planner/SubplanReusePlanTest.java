package io.ember.api.planner;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.max;
import static io.ember.api.functions.sum;
import static io.ember.api.functions.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.streaming.MemoryStream;
import io.ember.api.streaming.OutputMode;
import io.ember.api.udf.UDF1;
import io.ember.api.udf.UserDefinedFunction;
import io.ember.connectors.memory.CollectSink;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.OperatorSpec;
import io.ember.operators.aggregate.HashAggregateSpec;
import io.ember.operators.stream.PropagatedWatermarkSpec;
import io.ember.operators.stream.aggregate.StreamingAggregateSpec;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sub-plan reuse ({@code spark.sql.exchange.reuse}): a sub-plan a query repeats is planned once and feeds every
 * consumer over an edge of its own; the planner leaves alone what must not or need not be shared.
 */
class SubplanReusePlanTest {
  static final StructType BIDS = DataTypes.struct(DataTypes.field("auction", DataTypes.LONG),
      DataTypes.field("ts", DataTypes.TIMESTAMP));
  static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("SubplanReusePlanTest").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  @AfterEach
  void reuseBackOn() {
    session.conf().unset("spark.sql.exchange.reuse");
  }

  /** Nexmark q5's shape: bids per auction and sliding window, joined with the largest count per window. */
  static DataFrame hotItems(DataFrame bids) {
    DataFrame counts = bids.withWatermark("ts", "0 seconds")
        .groupBy(window(col("ts"), "10 seconds", "2 seconds").alias("w"), col("auction"))
        .agg(count("*").alias("num"));
    DataFrame maxima = counts.groupBy(col("w").alias("mw")).agg(max("num").alias("maxn"));
    return counts.join(maxima, col("w").equalTo(col("mw")).and(col("num").geq(col("maxn"))))
        .select(col("auction"), col("num"), col("w").alias("starttime"));
  }

  static JobGraph streaming(DataFrame df) {
    return df.queryExecution().streamingPlan(OutputMode.Append(), new CollectSink()).graph();
  }

  static JobGraph batch(DataFrame df) {
    return df.queryExecution().physicalPlan(new CollectSink());
  }

  /** The operator vertices whose first operator (inside its watermark propagation, if any) matches {@code head}. */
  static List<Vertex> vertices(JobGraph g, Predicate<OperatorSpec> head) {
    return g.vertices().stream().filter(v -> v instanceof Vertex.OperatorVertex o
        && head.test(o.chain().get(0) instanceof PropagatedWatermarkSpec p ? p.inner() : o.chain().get(0))).toList();
  }

  static boolean countsPerAuction(OperatorSpec s) {
    return s instanceof StreamingAggregateSpec && s.explain().contains("keys=[window, auction]");
  }

  static boolean finalSumPerKey(OperatorSpec s) {
    return s instanceof HashAggregateSpec && s.explain().contains("keys=[k]") && s.explain().contains("sum(");
  }

  @Test
  void theWindowCountsOfAStreamingSelfJoinArePlannedOnceAndFeedBothBranches() {
    JobGraph g = streaming(hotItems(MemoryStream.of(session, BIDS).toDF()));
    List<Vertex> counts = vertices(g, SubplanReusePlanTest::countsPerAuction);
    assertEquals(1, counts.size(), g::explain);
    assertEquals(2, g.outputsOf(counts.get(0).id()).size(), g::explain);
    assertEquals(1, g.vertices().stream().filter(v -> v instanceof Vertex.SourceVertex).count(), g::explain);
    // Only the largest repeated sub-plan is shared: the window expansion stays chained to the source's reader.
    assertEquals(1, g.vertices().stream().filter(v -> g.outputsOf(v.id()).size() > 1).count(), g::explain);
    String explain = g.explain();
    int id = counts.get(0).id();
    assertTrue(explain.contains(counts.get(0).explain() + " [id=#" + id + "]"), explain);
    assertTrue(explain.contains("ReusedSubplan [id=#" + id + "] StreamingAggregate(keys=[window, auction]"), explain);
  }

  @Test
  void withoutReuseEachBranchAggregatesOnItsOwn() {
    session.conf().set("spark.sql.exchange.reuse", "false");
    JobGraph g = streaming(hotItems(MemoryStream.of(session, BIDS).toDF()));
    assertEquals(2, vertices(g, SubplanReusePlanTest::countsPerAuction).size(), g::explain);
    assertFalse(g.explain().contains("ReusedSubplan [id=#" + vertices(g, SubplanReusePlanTest::countsPerAuction)
        .get(0).id() + "]"), g::explain);
  }

  @Test
  void equalSubplansBuiltApartAreSharedToo() {
    MemoryStream bids = MemoryStream.of(session, BIDS);
    DataFrame a = bids.toDF().withWatermark("ts", "0 seconds").groupBy(window(col("ts"), "10 seconds"), col("auction"))
        .agg(count("*").alias("n"));
    DataFrame b = bids.toDF().withWatermark("ts", "0 seconds").groupBy(window(col("ts"), "10 seconds"), col("auction"))
        .agg(count("*").alias("n")).select(col("window").alias("w2"), col("auction").alias("a2"), col("n").alias("n2"));
    JobGraph g = streaming(a.join(b, col("window").equalTo(col("w2")).and(col("auction").equalTo(col("a2")))));
    assertEquals(1, vertices(g, s -> s instanceof StreamingAggregateSpec).size(), g::explain);
  }

  @Test
  void aBatchSelfJoinOfAnAggregationAggregatesOnce() {
    DataFrame sums = session.range(100).selectExpr("id % 7 AS k", "id AS v").groupBy(col("k")).agg(sum("v").alias("s"));
    DataFrame top = sums.agg(max("s").alias("top"));
    JobGraph g = batch(sums.join(top, col("s").equalTo(col("top"))));
    List<Vertex> finals = vertices(g, SubplanReusePlanTest::finalSumPerKey);
    assertEquals(1, finals.size(), g::explain);
    assertEquals(2, g.outputsOf(finals.get(0).id()).size(), g::explain);
    assertTrue(g.explain().contains("ReusedSubplan [id=#" + finals.get(0).id() + "]"), g::explain);
  }

  @Test
  void aBatchSelfJoinWithoutAggregationReadsItsInputTwice() {
    DataFrame evens = session.range(100).filter(col("id").mod(2).equalTo(0));
    JobGraph g = batch(evens.join(evens.select(col("id").alias("id2")), col("id").equalTo(col("id2"))));
    assertEquals(2, g.vertices().stream().filter(v -> v instanceof Vertex.SourceVertex).count(), g::explain);
    assertTrue(g.vertices().stream().noneMatch(v -> g.outputsOf(v.id()).size() > 1), g::explain);
  }

  @Test
  void aSubplanWithANondeterministicFunctionIsNotShared() {
    UserDefinedFunction jitter = UserDefinedFunction.of((UDF1<Long, Long>) v -> v, DataTypes.LONG).asNondeterministic();
    DataFrame sums = session.range(100).select((col("id").mod(7)).alias("k"), jitter.apply(col("id")).alias("v"))
        .groupBy(col("k")).agg(sum("v").alias("s"));
    JobGraph g = batch(sums.join(sums.agg(max("s").alias("top")), col("s").equalTo(col("top"))));
    assertEquals(2, vertices(g, SubplanReusePlanTest::finalSumPerKey).size(), g::explain);

    MemoryStream bids = MemoryStream.of(session, BIDS);
    UserDefinedFunction noisy = UserDefinedFunction.of((UDF1<Long, Long>) v -> v, DataTypes.LONG).asNondeterministic();
    JobGraph s = streaming(hotItems(bids.toDF().select(noisy.apply(col("auction")).alias("auction"), col("ts"))));
    assertEquals(2, vertices(s, SubplanReusePlanTest::countsPerAuction).size(), s::explain);
  }
}
