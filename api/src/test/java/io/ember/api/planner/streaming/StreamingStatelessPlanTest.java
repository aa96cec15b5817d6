package io.ember.api.planner.streaming;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.streaming.MemoryStream;
import io.ember.api.streaming.OutputMode;
import io.ember.connectors.memory.CollectSink;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.aggregate.HashAggregateSpec;
import io.ember.operators.join.BuildSide;
import io.ember.operators.join.HashJoinSpec;
import io.ember.operators.stream.aggregate.StreamingAggregateSpec;
import io.ember.operators.stream.dedup.StreamingDeduplicateSpec;
import io.ember.operators.stream.join.StreamJoinSpec;
import io.ember.operators.stream.watermark.EventTimeWatermarkSpec;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StreamingStatelessPlanTest {
  static final StructType EVENTS = DataTypes.struct(DataTypes.field("word", DataTypes.STRING),
      DataTypes.field("ts", DataTypes.TIMESTAMP), DataTypes.field("n", DataTypes.INTEGER));
  static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("StreamingStatelessPlanTest")
        .config("spark.sql.shuffle.partitions", "3").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  static DataFrame stream() {
    return MemoryStream.of(session, EVENTS).toDF();
  }

  static StreamingPhysicalPlan plan(DataFrame df, OutputMode mode) {
    return df.queryExecution().streamingPlan(mode, new CollectSink());
  }

  static Vertex.OperatorVertex vertexStartingWith(JobGraph g, Class<?> spec) {
    for (Vertex v : g.vertices()) {
      if (v instanceof Vertex.OperatorVertex ov && spec.isInstance(ov.chain().get(0))) {
        return ov;
      }
    }
    throw new AssertionError("No vertex starting with " + spec.getSimpleName() + " in\n" + g.explain());
  }

  static Edge input(JobGraph g, Vertex v, int index) {
    return g.inputsOf(v.id()).stream().filter(e -> e.inputIndex() == index).findFirst().orElseThrow();
  }

  @Test
  void streamingSourceRunsAtItsFixedParallelismAndIsRecordedAsAStream() {
    StreamingPhysicalPlan p = plan(stream().filter(col("n").gt(1)).select(col("word")), OutputMode.Append());
    List<Vertex.SourceVertex> sources = p.graph().vertices().stream()
        .filter(v -> v instanceof Vertex.SourceVertex).map(v -> (Vertex.SourceVertex) v).toList();
    assertEquals(1, sources.size());
    assertEquals(1, sources.get(0).parallelism());
    assertEquals(java.util.Set.of(sources.get(0).id()), p.streamingSources());
    String description = p.sourceDescriptions().get(sources.get(0).id());
    assertTrue(description.contains("MemoryStream"), description);
    assertTrue(p.statefulOperatorNames().isEmpty());
    assertInstanceOf(Vertex.SinkVertex.class, p.graph().vertex(p.sinkVertex()));
    assertTrue(p.graph().explain().contains("Calc"), p.graph()::explain);
  }

  @Test
  void streamStaticJoinBuffersTheStaticSideAndReadsItOnce() {
    DataFrame dim = session.createDataFrame(List.of(Row.of("a", 1), Row.of("b", 2)),
        DataTypes.struct(DataTypes.field("word", DataTypes.STRING), DataTypes.field("id", DataTypes.INTEGER)));
    for (String how : List.of("inner", "left_outer")) {
      StreamingPhysicalPlan p = plan(stream().join(dim, List.of("word"), how), OutputMode.Append());
      Vertex.OperatorVertex join = vertexStartingWith(p.graph(), HashJoinSpec.class);
      assertEquals(BuildSide.RIGHT, ((HashJoinSpec) join.chain().get(0)).buildSide());
      Vertex build = p.graph().vertex(input(p.graph(), join, 0).from());
      assertFalse(p.streamingSources().contains(build.id()), "the static side is not a stream");
      assertEquals(1, p.streamingSources().size());
    }
    // Stream on the right of an inner join: the static left side is the build side.
    StreamingPhysicalPlan p = plan(dim.join(stream(), List.of("word"), "inner"), OutputMode.Append());
    assertEquals(BuildSide.LEFT, ((HashJoinSpec) vertexStartingWith(p.graph(), HashJoinSpec.class).chain().get(0))
        .buildSide());
  }

  @Test
  void streamStreamJoinIsASymmetricHashJoinOnHashedInputs() {
    DataFrame l = stream().withWatermark("ts", "10 seconds").toDF("lw", "lts", "ln");
    DataFrame r = stream().withWatermark("ts", "10 seconds").toDF("rw", "rts", "rn");
    StreamingPhysicalPlan p = plan(l.join(r, col("lw").equalTo(col("rw")).and(col("lts").geq(col("rts"))),
        "left_outer"), OutputMode.Append());
    Vertex.OperatorVertex join = vertexStartingWith(p.graph(), StreamJoinSpec.class);
    StreamJoinSpec spec = (StreamJoinSpec) join.chain().get(0);
    assertEquals(io.ember.operators.join.JoinType.LEFT_OUTER, spec.joinType());
    assertEquals(1, spec.leftEventTimeColumn());
    assertEquals(1, spec.rightEventTimeColumn());
    assertTrue(spec.stateWatermarks().left().evicts(), spec.stateWatermarks()::describe);
    assertEquals(3, join.parallelism());
    assertEquals(new Exchange.Hash(new int[] {0}), input(p.graph(), join, 0).exchange());
    assertEquals(new Exchange.Hash(new int[] {0}), input(p.graph(), join, 1).exchange());
    assertEquals(Map.of(join.id(), "symmetricHashJoin"), p.statefulOperatorNames());
    assertEquals(2, p.streamingSources().size());
  }

  @Test
  void unionOfTwoStreamsReadsBoth() {
    StreamingPhysicalPlan p = plan(stream().union(stream()), OutputMode.Append());
    assertEquals(2, p.streamingSources().size());
  }

  @Test
  void watermarkBecomesAnEventTimeWatermarkOperatorWithOneIdPerWithWatermark() {
    DataFrame a = stream().withWatermark("ts", "10 seconds");
    DataFrame b = stream().withWatermark("ts", "1 minute");
    StreamingPhysicalPlan p = plan(a.union(b), OutputMode.Append());
    List<EventTimeWatermarkSpec> specs = p.graph().vertices().stream()
        .filter(v -> v instanceof Vertex.OperatorVertex).flatMap(v -> ((Vertex.OperatorVertex) v).chain().stream())
        .filter(s -> s instanceof EventTimeWatermarkSpec).map(s -> (EventTimeWatermarkSpec) s).toList();
    assertEquals(2, specs.size());
    assertNotEquals(specs.get(0).watermarkId(), specs.get(1).watermarkId());
    assertEquals(List.of(10_000_000L, 60_000_000L), specs.stream().map(EventTimeWatermarkSpec::delayMicros).sorted()
        .toList());
    assertEquals(1, specs.get(0).eventTimeColumn());
  }

  @Test
  void filtersNotReadingTheEventTimeMoveBelowTheWatermarkAsInSpark() {
    DataFrame q = stream().withWatermark("ts", "10 seconds").filter(col("n").gt(0).and(col("ts").isNotNull()));
    io.ember.api.analysis.ResolvedPlan optimized = q.queryExecution().optimized();
    assertInstanceOf(io.ember.api.analysis.ResolvedPlan.Filter.class, optimized);
    var above = (io.ember.api.analysis.ResolvedPlan.Filter) optimized;
    assertEquals(1, above.conjuncts().size());
    assertTrue(above.conjuncts().get(0).sql().contains("ts"), above.conjuncts().get(0)::sql);
    var watermark = assertInstanceOf(io.ember.api.analysis.ResolvedPlan.EventTimeWatermark.class, above.child());
    var below = assertInstanceOf(io.ember.api.analysis.ResolvedPlan.Filter.class, watermark.child());
    assertTrue(below.conjuncts().get(0).sql().contains("n"), below.conjuncts().get(0)::sql);
  }

  @Test
  void aWatermarkOnAWindowTracksTheWindowsEnd() {
    DataFrame windowed = stream().select(io.ember.api.functions.window(col("ts"), "10 seconds").as("w"), col("word"))
        .withWatermark("w", "5 seconds").groupBy(col("w"), col("word")).count();
    StreamingPhysicalPlan p = plan(windowed, OutputMode.Append());
    EventTimeWatermarkSpec spec = p.graph().vertices().stream().filter(v -> v instanceof Vertex.OperatorVertex)
        .flatMap(v -> ((Vertex.OperatorVertex) v).chain().stream()).filter(s -> s instanceof EventTimeWatermarkSpec)
        .map(s -> (EventTimeWatermarkSpec) s).findFirst().orElseThrow();
    assertEquals("__event_time", spec.eventTimeName());
    StreamingAggregateSpec agg = (StreamingAggregateSpec) vertexStartingWith(p.graph(), StreamingAggregateSpec.class)
        .chain().get(0);
    assertEquals(0, agg.eventTimeKey());
  }

  @Test
  void aggregationIsPartialThenHashExchangeThenStreamingAggregateInTheQueryMode() {
    DataFrame counts = stream().groupBy(col("word")).count();
    StreamingPhysicalPlan p = plan(counts, OutputMode.Update());
    Vertex.OperatorVertex fin = vertexStartingWith(p.graph(), StreamingAggregateSpec.class);
    StreamingAggregateSpec spec = (StreamingAggregateSpec) fin.chain().get(0);
    assertEquals(io.ember.operators.stream.OutputMode.UPDATE, spec.outputMode());
    assertEquals(StreamingAggregateSpec.NO_EVENT_TIME_KEY, spec.eventTimeKey());
    assertEquals(3, fin.parallelism());
    assertInstanceOf(Exchange.Hash.class, input(p.graph(), fin, 0).exchange());
    Vertex partial = p.graph().vertex(input(p.graph(), fin, 0).from());
    assertTrue(partial.explain().contains("partial_count"), partial::explain);
    assertEquals(Map.of(fin.id(), "stateStoreSave"), p.statefulOperatorNames());
  }

  @Test
  void aggregationByAWatermarkedColumnIsKeyedByEventTime() {
    DataFrame counts = stream().withWatermark("ts", "10 seconds").groupBy(col("word"), col("ts")).count();
    StreamingPhysicalPlan p = plan(counts, OutputMode.Append());
    StreamingAggregateSpec spec = (StreamingAggregateSpec) vertexStartingWith(p.graph(), StreamingAggregateSpec.class)
        .chain().get(0);
    assertEquals(1, spec.eventTimeKey());
    assertEquals(io.ember.operators.stream.OutputMode.APPEND, spec.outputMode());
  }

  @Test
  void globalAggregationGathersIntoOneTask() {
    StreamingPhysicalPlan p = plan(stream().agg(count(lit(1))), OutputMode.Complete());
    Vertex.OperatorVertex fin = vertexStartingWith(p.graph(), StreamingAggregateSpec.class);
    assertEquals(1, fin.parallelism());
    assertInstanceOf(Exchange.Gather.class, input(p.graph(), fin, 0).exchange());
  }

  @Test
  void distinctIsAnAggregationAndDropDuplicatesADeduplication() {
    StreamingPhysicalPlan agg = plan(stream().select(col("word")).distinct(), OutputMode.Complete());
    StreamingAggregateSpec spec = (StreamingAggregateSpec) vertexStartingWith(agg.graph(), StreamingAggregateSpec.class)
        .chain().get(0);
    assertEquals(List.of("word"), spec.partial().groupingNames());
    assertTrue(spec.partial().functions().isEmpty());

    StreamingPhysicalPlan dedup = plan(stream().dropDuplicates("word"), OutputMode.Append());
    Vertex.OperatorVertex v = vertexStartingWith(dedup.graph(), StreamingDeduplicateSpec.class);
    StreamingDeduplicateSpec d = (StreamingDeduplicateSpec) v.chain().get(0);
    assertEquals(List.of(0), d.keyColumns());
    assertEquals(-1, d.eventTimeColumn());
    assertEquals(new Exchange.Hash(new int[] {0}), input(dedup.graph(), v, 0).exchange());
    assertEquals(Map.of(v.id(), "dedupe"), dedup.statefulOperatorNames());

    StreamingPhysicalPlan within = plan(stream().withWatermark("ts", "5 seconds").dropDuplicatesWithinWatermark("word"),
        OutputMode.Append());
    Vertex.OperatorVertex w = vertexStartingWith(within.graph(), StreamingDeduplicateSpec.class);
    StreamingDeduplicateSpec ws = (StreamingDeduplicateSpec) w.chain().get(0);
    assertTrue(ws.withinWatermark());
    assertEquals(1, ws.eventTimeColumn());
    assertEquals(5_000_000L, ws.delayMicros());
    assertEquals(Map.of(w.id(), "dedupeWithinWatermark"), within.statefulOperatorNames());
  }

  @Test
  void aDeduplicationKeepsTheEventTimeItJudgesLatenessByWhenLaterStepsDropIt() {
    StreamingPhysicalPlan p = plan(stream().withWatermark("ts", "10 seconds").select("ts", "word")
        .dropDuplicates("word").select("word"), OutputMode.Append());
    StreamingDeduplicateSpec d = (StreamingDeduplicateSpec) vertexStartingWith(p.graph(),
        StreamingDeduplicateSpec.class).chain().get(0);
    assertEquals("ts", d.schema().field(d.eventTimeColumn()).name());
  }

  @Test
  void aStreamStreamJoinKeepsBothSidesEventTimeWhenLaterStepsDropIt() {
    DataFrame l = stream().withWatermark("ts", "10 seconds").toDF("lw", "lts", "ln");
    DataFrame r = stream().withWatermark("ts", "10 seconds").toDF("rw", "rts", "rn");
    StreamingPhysicalPlan p = plan(l.join(r, col("lw").equalTo(col("rw"))).select("lw", "rn"), OutputMode.Append());
    StreamJoinSpec spec = (StreamJoinSpec) vertexStartingWith(p.graph(), StreamJoinSpec.class).chain().get(0);
    assertEquals("lts", spec.leftSchema().field(spec.leftEventTimeColumn()).name());
    assertEquals("rts", spec.rightSchema().field(spec.rightEventTimeColumn()).name());
  }

  @Test
  void batchActionsOnAStreamFailAsInSpark() {
    DataFrame s = stream().select(col("word"));
    for (Runnable action : List.<Runnable>of(s::collectAsList, s::count, s::show, () -> s.write().format("csv")
        .save(System.getProperty("java.io.tmpdir") + "/ember-never-written"))) {
      AnalysisException e = assertThrows(AnalysisException.class, action::run);
      assertTrue(e.getMessage().contains("Queries with streaming sources must be executed with writeStream.start();"),
          e.getMessage());
    }
  }

  @Test
  void withWatermarkParsesSparkIntervalsAndRejectsBadInput() {
    DataFrame s = stream();
    assertEquals(s.schema(), s.withWatermark("ts", "interval 1 hour 30 minutes").schema());
    AnalysisException unparsable = assertThrows(AnalysisException.class, () -> s.withWatermark("ts", "ten seconds"));
    assertEquals("CANNOT_PARSE_INTERVAL", unparsable.errorClass());
    assertTrue(unparsable.getMessage().contains("Unable to parse 'ten seconds'."), unparsable.getMessage());
    EventTimeWatermarkSpec monthly = p(s.withWatermark("ts", "1 month 1 day 1 second"));
    assertEquals((32L * 86_400 + 1) * 1_000_000L, monthly.delayMicros(), "a month counts 31 days");
    assertEquals(1_500_000L, p(s.withWatermark("ts", "1.5 seconds")).delayMicros());
    EmberIllegalArgumentException negative = assertThrows(EmberIllegalArgumentException.class,
        () -> s.withWatermark("ts", "-10 seconds"));
    assertTrue(negative.getMessage().endsWith(
        "requirement failed: delay threshold (-10 seconds) should not be negative."), negative.getMessage());
    AnalysisException notTime = assertThrows(AnalysisException.class, () -> s.withWatermark("n", "1 second"));
    assertEquals("EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE", notTime.errorClass());
    assertTrue(notTime.getMessage().endsWith(
        "The event time `n` has the invalid type \"INT\", but expected \"TIMESTAMP\"."), notTime.getMessage());
    assertThrows(AnalysisException.class, () -> s.withWatermark("nope", "1 second"));
  }

  /** The watermark operator of {@code df}'s plan. */
  static EventTimeWatermarkSpec p(DataFrame df) {
    return plan(df, OutputMode.Append()).graph().vertices().stream().filter(v -> v instanceof Vertex.OperatorVertex)
        .flatMap(v -> ((Vertex.OperatorVertex) v).chain().stream()).filter(x -> x instanceof EventTimeWatermarkSpec)
        .map(x -> (EventTimeWatermarkSpec) x).findFirst().orElseThrow();
  }

  @Test
  void withWatermarkOnABatchDataFrameChangesNothing() {
    DataFrame batch = session.createDataFrame(List.of(Row.of("a", java.time.Instant.ofEpochSecond(5), 1)), EVENTS);
    DataFrame w = batch.withWatermark("ts", "10 seconds");
    assertEquals(batch.collectAsList(), w.collectAsList());
    assertFalse(w.queryExecution().optimized().toString().contains("EventTimeWatermark"));
    // As in Spark, the column of a batch watermark is not even looked at.
    assertEquals(batch.collectAsList(), batch.withWatermark("no_such_column", "1 second").collectAsList());
  }

  @Test
  void explainOfAStreamShowsTheStreamingPlan() {
    String text = stream().withWatermark("ts", "10 seconds").groupBy(col("word")).count().queryExecution()
        .explain(false);
    assertTrue(text.contains("EventTimeWatermark ts, 10 seconds"), text);
    assertTrue(text.contains("StreamingAggregate("), text);
  }
}
