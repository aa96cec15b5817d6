package io.ember.api.streaming;

import io.ember.operators.EventTimeTracker.EventTimeStats;
import io.ember.operators.StateMetrics;
import io.ember.runtime.EpochReport;
import io.ember.runtime.graph.Edge;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Turns a query's {@link EpochReport}s into {@link StreamingQueryProgress} reports and keeps the recent ones.
 * Reports arrive one at a time on the job's commit thread; readers may call from any thread.
 */
final class ProgressTracker {
  private final UUID id;
  private final UUID runId;
  private final String name;
  private final JobGraph graph;
  private final List<Integer> streamingSources;
  private final Map<Integer, String> sourceDescriptions;
  private final Map<Integer, String> statefulOperatorNames;
  private final int sinkVertex;
  private final String sinkDescription;
  private final int capacity;
  private final long planningMillis;
  private final Map<Integer, String> lastEndOffsets = new HashMap<>();
  private final Deque<StreamingQueryProgress> recent = new ArrayDeque<>();
  private boolean first = true;

  /**
   * @param capacity how many reports {@link #recent()} keeps
   * @param planningMillis the time planning took, reported with the run's first epoch as {@code queryPlanning}
   */
  ProgressTracker(UUID id, UUID runId, String name, JobGraph graph, Set<Integer> streamingSources,
      Map<Integer, String> sourceDescriptions, Map<Integer, String> statefulOperatorNames, int sinkVertex,
      String sinkDescription, int capacity, long planningMillis) {
    this.id = id;
    this.runId = runId;
    this.name = name;
    this.graph = graph;
    this.streamingSources = List.copyOf(new TreeSet<>(streamingSources));
    this.sourceDescriptions = Map.copyOf(sourceDescriptions);
    this.statefulOperatorNames = Map.copyOf(statefulOperatorNames);
    this.sinkVertex = sinkVertex;
    this.sinkDescription = sinkDescription;
    this.capacity = capacity;
    this.planningMillis = planningMillis;
  }

  /** The progress of {@code report}'s epoch, also kept in {@link #recent()}. */
  synchronized StreamingQueryProgress record(EpochReport report) {
    long rows = report.numInputRows();
    long inputMillis = report.cutAtMillis() - report.startedAtMillis();
    long totalMillis = report.committedAtMillis() - report.startedAtMillis();
    Map<String, Long> durations = new LinkedHashMap<>();
    durations.put("triggerExecution", totalMillis);
    durations.put("addBatch", report.committedAtMillis() - report.cutAtMillis());
    if (first) {
      durations.put("queryPlanning", planningMillis);
      first = false;
    }
    List<SourceProgress> sources = new ArrayList<>();
    for (int v : streamingSources) {
      long n = report.inputRowsBySource().getOrDefault(v, 0L);
      String end = offsets(report.sourceOffsets().get(v));
      String start = lastEndOffsets.get(v);
      if (end != null) {
        lastEndOffsets.put(v, end);
      } else {
        end = start;
      }
      sources.add(new SourceProgress(describe(v), start, end, end, n, rate(n, inputMillis), rate(n, totalMillis),
          Map.of()));
    }
    List<StateOperatorProgress> state = new ArrayList<>();
    new TreeMap<>(report.stateMetrics()).forEach((v, m) -> state.add(stateProgress(v, m)));
    StreamingQueryProgress progress = new StreamingQueryProgress(id, runId, name,
        ProgressJson.formatMillis(report.startedAtMillis()), report.epoch(), totalMillis, rows,
        rate(rows, inputMillis), rate(rows, totalMillis), durations, eventTime(report), state, sources,
        new SinkProgress(sinkDescription, sinkRows(report), Map.of()), checkpoint(report), recoveries(report));
    recent.addLast(progress);
    while (recent.size() > capacity) {
      recent.removeFirst();
    }
    return progress;
  }

  private static CheckpointProgress checkpoint(EpochReport report) {
    EpochReport.Checkpoint c = report.checkpoint();
    return c == null ? null : new CheckpointProgress(c.epoch(), c.durationMs(), c.sizeBytes(), c.replicaMemoryBytes());
  }

  private static List<RecoveryProgress> recoveries(EpochReport report) {
    List<RecoveryProgress> out = new ArrayList<>();
    for (EpochReport.Recovery r : report.recoveries()) {
      out.add(new RecoveryProgress(r.failedTasks(), r.fromEpoch(), ProgressJson.formatMillis(r.startedAtMillis()),
          r.durationMs(), r.error(), r.phasesMs()));
    }
    return out;
  }

  synchronized StreamingQueryProgress[] recent() {
    return recent.toArray(new StreamingQueryProgress[0]);
  }

  synchronized StreamingQueryProgress last() {
    return recent.peekLast();
  }

  /** The sources' last committed offsets as one JSON value (an object by source description), or null. */
  synchronized String lastOffsets() {
    if (lastEndOffsets.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder("{");
    for (int v : streamingSources) {
      String o = lastEndOffsets.get(v);
      if (o != null) {
        sb.append(sb.length() > 1 ? "," : "").append(ProgressJson.compact(
            ProgressJson.MAPPER.getNodeFactory().textNode(describe(v)))).append(':').append(o);
      }
    }
    return sb.append('}').toString();
  }

  private String describe(int vertex) {
    String d = sourceDescriptions.get(vertex);
    if (d != null) {
      return d;
    }
    Vertex v = graph.vertex(vertex);
    return v instanceof Vertex.SourceVertex s ? s.source().explain() : v.explain();
  }

  private StateOperatorProgress stateProgress(int vertex, StateMetrics m) {
    String opName = statefulOperatorNames.getOrDefault(vertex, m.operatorName());
    return new StateOperatorProgress(opName, m.numRowsTotal(), m.numRowsUpdated(), m.numRowsRemoved(),
        m.memoryUsedBytes(), m.numRowsDroppedByWatermark(), graph.vertex(vertex).parallelism());
  }

  /** Rows into the sink: what the sink vertex counted, else what its inputs emitted. */
  private long sinkRows(EpochReport report) {
    Long own = report.rowsOutByVertex().get(sinkVertex);
    if (own != null) {
      return own;
    }
    long sum = 0;
    boolean known = false;
    for (Edge e : graph.inputsOf(sinkVertex)) {
      Long n = report.rowsOutByVertex().get(e.from());
      if (n != null) {
        sum += n;
        known = true;
      }
    }
    return known ? sum : -1;
  }

  /** One task's offset as is; several tasks' offsets as a JSON array in task order. */
  static String offsets(List<String> byTask) {
    if (byTask == null || byTask.isEmpty() || byTask.stream().allMatch(o -> o == null)) {
      return null;
    }
    if (byTask.size() == 1) {
      return byTask.get(0);
    }
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < byTask.size(); i++) {
      String o = byTask.get(i);
      sb.append(i > 0 ? "," : "").append(o == null ? "null" : o);
    }
    return sb.append(']').toString();
  }

  static double rate(long rows, long millis) {
    return millis > 0 ? rows * 1000.0 / millis : Double.NaN;
  }

  /**
   * Spark's {@code eventTime}: for a query with a watermark, the watermark in force (the epoch start while there
   * is none yet) and the min, max and average event time of the epoch's rows when it had any.
   */
  static Map<String, String> eventTime(EpochReport report) {
    Map<String, String> out = new LinkedHashMap<>();
    boolean hasWatermark = !report.eventTime().isEmpty() || report.watermarkMicros() != Long.MIN_VALUE;
    if (!hasWatermark) {
      return out;
    }
    EventTimeStats all = EventTimeStats.EMPTY;
    for (EventTimeStats s : report.eventTime().values()) {
      all = all.merge(s);
    }
    if (all.count() > 0) {
      out.put("min", ProgressJson.formatMillis(Math.floorDiv(all.minMicros(), 1000L)));
      out.put("max", ProgressJson.formatMillis(Math.floorDiv(all.maxMicros(), 1000L)));
      out.put("avg", ProgressJson.formatMillis((long) Math.floor(all.sumMicros() / all.count() / 1000.0)));
    }
    long watermark = report.watermarkMicros() == Long.MIN_VALUE ? 0 : Math.floorDiv(report.watermarkMicros(), 1000L);
    out.put("watermark", ProgressJson.formatMillis(watermark));
    return out;
  }
}
