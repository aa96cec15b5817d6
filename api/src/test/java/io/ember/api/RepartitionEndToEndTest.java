package io.ember.api;

import static io.ember.api.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.analysis.ResolvedPlan;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code repartition} and {@code coalesce} at local[3]: the physical plan has the exchange with the requested
 * task count (hash on the columns, round-robin without them, the shuffle partitions by default), and the rows
 * are those of the input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepartitionEndToEndTest {
  Session session;
  DataFrame df;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[3]").appName(getClass().getSimpleName())
        .config("spark.sql.shuffle.partitions", "5").getOrCreate();
    df = session.range(0, 1000).withColumn("k", col("id").mod(7));
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  static List<String> sorted(DataFrame df) {
    List<String> out = new ArrayList<>();
    for (Row row : df.collectAsList()) {
      out.add(String.valueOf(row));
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** The edge into the vertex after the exchange the plan's last repartition makes, and that vertex. */
  static Edge exchangeInto(JobGraph g, int parallelism, Class<? extends Exchange> kind) {
    for (Edge e : g.edges()) {
      Vertex to = g.vertex(e.to());
      if (kind.isInstance(e.exchange()) && to.parallelism() == parallelism && !(to instanceof Vertex.SinkVertex)) {
        return e;
      }
    }
    throw new AssertionError("no " + kind.getSimpleName() + " exchange into " + parallelism + " tasks in\n"
        + g.explain());
  }

  @Test
  void repartitionByColumnsHashesIntoTheRequestedTasksAndKeepsTheRows() {
    DataFrame out = df.repartition(4, col("k"));
    Edge e = exchangeInto(out.queryExecution().physicalPlan(new io.ember.connectors.memory.CollectSink()),
        4, Exchange.Hash.class);
    assertEquals(1, ((Exchange.Hash) e.exchange()).keyColumns().length);
    assertEquals(sorted(df), sorted(out));
    assertEquals(1000, out.count());
  }

  @Test
  void repartitionByColumnsDefaultsToTheShufflePartitions() {
    DataFrame out = df.repartition(col("k"), col("id").plus(1));
    exchangeInto(out.queryExecution().physicalPlan(new io.ember.connectors.memory.CollectSink()), 5,
        Exchange.Hash.class);
    assertEquals(List.of("id", "k"), List.of(out.columns()));
    assertEquals(sorted(df), sorted(out));
    String explained = out.queryExecution().explain(true);
    assertTrue(explained.contains("RepartitionByExpression"), explained);
  }

  @Test
  void repartitionWithoutColumnsIsRoundRobin() {
    DataFrame out = df.repartition(6).filter(col("k").equalTo(3));
    exchangeInto(out.queryExecution().physicalPlan(new io.ember.connectors.memory.CollectSink()), 6,
        Exchange.RoundRobin.class);
    assertEquals(sorted(df.filter(col("k").equalTo(3))), sorted(out));
  }

  @Test
  void coalesceLowersThePartitionsAndNeverRaisesThem() {
    DataFrame one = df.coalesce(1);
    exchangeInto(one.queryExecution().physicalPlan(new io.ember.connectors.memory.CollectSink()), 1,
        Exchange.Gather.class);
    assertEquals(sorted(df), sorted(one));
    DataFrame two = df.repartition(6).coalesce(2);
    exchangeInto(two.queryExecution().physicalPlan(new io.ember.connectors.memory.CollectSink()), 2,
        Exchange.RoundRobin.class);
    assertEquals(sorted(df), sorted(two));
    DataFrame more = df.coalesce(10);
    JobGraph g = more.queryExecution().physicalPlan(new io.ember.connectors.memory.CollectSink());
    assertTrue(g.vertices().stream().noneMatch(v -> v.parallelism() == 10), g.explain());
    assertTrue(more.queryExecution().optimized() instanceof ResolvedPlan.Repartition);
    assertEquals(1000, more.count());
  }

  @Test
  void aGroupByAfterARepartitionGivesTheSameAnswer() {
    DataFrame counts = df.repartition(2, col("k")).groupBy("k").count();
    assertEquals(sorted(df.groupBy("k").count()), sorted(counts));
  }

  @Test
  void nonPositivePartitionCountsAreRejected() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class, () -> df.repartition(0));
    assertTrue(e.getMessage().contains("Number of partitions (0) must be positive"), e.getMessage());
    assertThrows(EmberIllegalArgumentException.class, () -> df.coalesce(-1));
    assertThrows(EmberIllegalArgumentException.class, () -> df.repartition(new Column[0]));
  }
}
