package io.ember.api.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ember.connectors.memory.MemoryStreamSource;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.EventTimeTracker.EventTimeStats;
import io.ember.operators.StateMetrics;
import io.ember.runtime.EpochReport;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.Exchange;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Progress reports built from epoch reports, and their JSON in Spark's shape. */
class StreamingQueryProgressTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("v", DataTypes.LONG));
  private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");
  private static final UUID RUN = UUID.fromString("00000000-0000-0000-0000-000000000002");

  /** source 0 (2 tasks) → stateful operator 1 (3 tasks) → sink 2. */
  private static JobGraph graph() {
    return new JobGraph(List.of(
        new Vertex.SourceVertex(0, 2, new MemoryStreamSource(SCHEMA)),
        new Vertex.OperatorVertex(1, 3, List.of(io.ember.operators.calc.CalcSpec.project(SCHEMA,
            List.of(new io.ember.core.expr.ColumnRef(0, "v", DataTypes.LONG, true)), List.of("v")))),
        new Vertex.SinkVertex(2, 3, new DiscardSink(), SCHEMA)),
        List.of(new Edge(0, 1, 0, new Exchange.RoundRobin()), new Edge(1, 2, 0, new Exchange.Forward())));
  }

  private static ProgressTracker tracker(int capacity) {
    return new ProgressTracker(ID, RUN, "q1", graph(), Set.of(0), Map.of(0, "MemoryStream[v]"),
        Map.of(1, "stateStoreSave"), 2, "NoopSink", capacity, 7);
  }

  private static EpochReport report(long epoch, long start, long cut, long commit, long rows, List<String> offsets,
      long watermark, Map<Integer, EventTimeStats> eventTime) {
    return new EpochReport(epoch, cut, start, commit, Map.of(0, rows), Map.of(0, rows, 1, rows / 2),
        Map.of(0, offsets), watermark, watermark, eventTime,
        Map.of(1, new StateMetrics("agg", 10, 4, 1, 2, 2048)), false);
  }

  @Test
  void progressCarriesSparkFieldsAndRates() {
    ProgressTracker t = tracker(100);
    StreamingQueryProgress p = t.record(report(0, 1_000, 1_500, 2_000, 100, List.of("1", "2"), Long.MIN_VALUE,
        Map.of()));
    assertEquals(ID, p.id());
    assertEquals(RUN, p.runId());
    assertEquals("q1", p.name());
    assertEquals(0, p.batchId());
    assertEquals("1970-01-01T00:00:01.000Z", p.timestamp());
    assertEquals(100, p.numInputRows());
    assertEquals(200.0, p.inputRowsPerSecond(), 1e-9);
    assertEquals(100.0, p.processedRowsPerSecond(), 1e-9);
    assertEquals(1000, p.batchDuration());
    assertEquals(Map.of("triggerExecution", 1000L, "addBatch", 500L, "queryPlanning", 7L), p.durationMs());
    assertTrue(p.eventTime().isEmpty(), "no watermark, no eventTime");
    SourceProgress s = p.sources().get(0);
    assertEquals("MemoryStream[v]", s.description());
    assertNull(s.startOffset());
    assertEquals("[1,2]", s.endOffset());
    assertEquals(100, s.numInputRows());
    StateOperatorProgress op = p.stateOperators().get(0);
    assertEquals("stateStoreSave", op.operatorName());
    assertEquals(10, op.numRowsTotal());
    assertEquals(4, op.numRowsUpdated());
    assertEquals(1, op.numRowsRemoved());
    assertEquals(2, op.numRowsDroppedByWatermark());
    assertEquals(2048, op.memoryUsedBytes());
    assertEquals(3, op.numStateStoreInstances());
    assertEquals("NoopSink", p.sink().description());
    assertEquals(50, p.sink().numOutputRows(), "rows out of the sink's input vertex");

    StreamingQueryProgress next = t.record(report(1, 2_000, 2_000, 2_000, 0, List.of("3", "4"), Long.MIN_VALUE,
        Map.of()));
    assertEquals("[1,2]", next.sources().get(0).startOffset(), "an epoch starts where the previous one ended");
    assertEquals("[3,4]", next.sources().get(0).endOffset());
    assertTrue(Double.isNaN(next.inputRowsPerSecond()), "no time elapsed: no rate");
    assertFalse(next.durationMs().containsKey("queryPlanning"), "planning is reported with the first epoch only");
  }

  @Test
  void recentProgressKeepsTheConfiguredNumber() {
    ProgressTracker t = tracker(3);
    for (int i = 0; i < 5; i++) {
      t.record(report(i, i * 10, i * 10 + 5, i * 10 + 9, i, List.of("" + i), Long.MIN_VALUE, Map.of()));
    }
    StreamingQueryProgress[] recent = t.recent();
    assertEquals(3, recent.length);
    assertEquals(2, recent[0].batchId());
    assertEquals(4, recent[2].batchId());
    assertEquals(4, t.last().batchId());
  }

  @Test
  void eventTimeIsReportedForQueriesWithAWatermark() {
    ProgressTracker t = tracker(10);
    EventTimeStats stats = new EventTimeStats(2, 1_000_000, 3_000_000, 4_000_000);
    StreamingQueryProgress first = t.record(report(0, 0, 1, 2, 2, List.of("0"), Long.MIN_VALUE, Map.of(0, stats)));
    assertEquals(Map.of("min", "1970-01-01T00:00:01.000Z", "max", "1970-01-01T00:00:03.000Z",
        "avg", "1970-01-01T00:00:02.000Z", "watermark", "1970-01-01T00:00:00.000Z"), first.eventTime());
    StreamingQueryProgress later = t.record(report(1, 2, 3, 4, 0, List.of("0"), 5_000_000L,
        Map.of(0, EventTimeStats.EMPTY)));
    assertEquals(Map.of("watermark", "1970-01-01T00:00:05.000Z"), later.eventTime());
  }

  @Test
  void checkpointFiguresAndRecoveriesFollowSparksFields() throws Exception {
    ProgressTracker t = tracker(10);
    EpochReport plain = report(3, 1_000, 1_500, 2_000, 100, List.of("1"), Long.MIN_VALUE, Map.of());
    EpochReport withFigures = new EpochReport(plain.epoch(), plain.cutAtMillis(), plain.startedAtMillis(),
        plain.committedAtMillis(), plain.inputRowsBySource(), plain.rowsOutByVertex(), plain.sourceOffsets(),
        plain.watermarkMicros(), plain.nextWatermarkMicros(), plain.eventTime(), plain.stateMetrics(), false,
        new EpochReport.Checkpoint(3, 12, 4096, 8192),
        List.of(new EpochReport.Recovery(List.of("v1+v2[1]"), 2, 1_700, 45, "Injected")));
    StreamingQueryProgress p = t.record(withFigures);
    JsonNode json = new ObjectMapper().readTree(p.json());
    List<String> fields = iterate(json);
    assertEquals(List.of("sink", "checkpoint", "recoveries"), fields.subList(fields.size() - 3, fields.size()));
    assertEquals(List.of("epoch", "durationMs", "sizeBytes", "replicaMemoryBytes"), iterate(json.get("checkpoint")));
    assertEquals(4096, json.get("checkpoint").get("sizeBytes").asLong());
    JsonNode recovery = json.get("recoveries").get(0);
    assertEquals("v1+v2[1]", recovery.get("failedTasks").get(0).asText());
    assertEquals(2, recovery.get("fromEpoch").asLong());
    assertEquals("1970-01-01T00:00:01.700Z", recovery.get("timestamp").asText());
    assertEquals(45, recovery.get("durationMs").asLong());
    assertEquals("Injected", recovery.get("error").asText());
  }

  @Test
  void jsonHasSparksShape() throws Exception {
    ProgressTracker t = tracker(10);
    StreamingQueryProgress p = t.record(report(0, 1_000, 1_500, 2_000, 100, List.of("{\"a\":1}", "{\"a\":2}"),
        Long.MIN_VALUE, Map.of()));
    JsonNode json = new ObjectMapper().readTree(p.json());
    List<String> fields = iterate(json);
    assertEquals(List.of("id", "runId", "name", "timestamp", "batchId", "batchDuration", "numInputRows",
        "inputRowsPerSecond", "processedRowsPerSecond", "durationMs", "stateOperators", "sources", "sink",
        "recoveries"), fields, "Spark's fields, then Ember's (no checkpoint figures in this report)");
    assertEquals(List.of("addBatch", "queryPlanning", "triggerExecution"), iterate(json.get("durationMs")),
        "sorted keys as Spark");
    JsonNode source = json.get("sources").get(0);
    assertTrue(source.get("startOffset").isNull());
    assertEquals(2, source.get("endOffset").get(1).get("a").asInt(), "JSON offsets are embedded as JSON");
    assertEquals(json, new ObjectMapper().readTree(p.prettyJson()));
    assertTrue(p.prettyJson().contains("\"batchId\" : 0"), p.prettyJson());
    assertEquals(p.prettyJson(), p.toString());

    StreamingQueryProgress idle = t.record(report(1, 2_000, 2_000, 2_000, 0, List.of("x"), Long.MIN_VALUE,
        Map.of()));
    JsonNode idleJson = new ObjectMapper().readTree(idle.json());
    assertFalse(idleJson.has("inputRowsPerSecond"), "NaN rates are left out, as Spark");
    assertEquals("x", idleJson.get("sources").get(0).get("endOffset").asText(), "non-JSON offsets stay strings");
  }

  @Test
  void statusAndEventsSerialize() throws Exception {
    StreamingQueryStatus status = new StreamingQueryStatus(StreamingQueryStatus.WAITING, false, false);
    JsonNode s = new ObjectMapper().readTree(status.json());
    assertEquals("Waiting for data to arrive", s.get("message").asText());
    assertFalse(s.get("isTriggerActive").asBoolean());
    var terminated = new StreamingQueryListener.QueryTerminatedEvent(ID, RUN, java.util.Optional.empty(),
        java.util.Optional.empty());
    JsonNode t = new ObjectMapper().readTree(terminated.json());
    assertTrue(t.get("exception").isNull());
    assertEquals(ID.toString(), t.get("id").asText());
  }

  private static List<String> iterate(JsonNode node) {
    List<String> out = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
