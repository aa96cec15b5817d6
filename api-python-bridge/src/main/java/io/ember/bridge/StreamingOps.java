package io.ember.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.streaming.DataStreamReader;
import io.ember.api.streaming.DataStreamWriter;
import io.ember.api.streaming.ForeachBatchFunction;
import io.ember.api.streaming.StreamingQuery;
import io.ember.api.streaming.StreamingQueryListener;
import io.ember.api.streaming.StreamingQueryProgress;
import io.ember.api.streaming.StreamingQueryStatus;
import io.ember.api.streaming.Trigger;
import io.ember.core.data.Batch;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.StructType;
import io.ember.core.errors.EmberRuntimeException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The streaming ops of {@code PROTOCOL.md} ("Streaming"): {@code readStream}, {@code startStream}, the query
 * ops ({@code queryState}, {@code queryProgress}, {@code awaitTermination}, {@code processAllAvailable},
 * {@code stopQuery}, {@code explainQuery}), the manager ops ({@code activeQueries}, {@code getQuery},
 * {@code awaitAnyTermination}, {@code resetTerminated}) and Python listeners ({@code addListener},
 * {@code removeListener}). Queries are named on the wire by their run id; foreachBatch functions, foreach writers
 * ({@link PythonForeachWriter}) and listeners live in the Python client and are called through the
 * {@link CallbackChannel}. Thread-safe: blocking ops
 * (waiting for a query) hold only their own connection.
 */
final class StreamingOps {
  private final Session session;
  private final Handles handles;
  private final Function<JsonNode, DataFrame> frames;
  private final CallbackChannel callbacks;
  private final ObjectMapper mapper;
  private final Map<String, StreamingQuery> queries = new ConcurrentHashMap<>();
  private final Map<Long, PythonListener> listeners = new ConcurrentHashMap<>();
  private final long foreachTarget;

  /**
   * @param frames the DataFrame of a request's {@code plan} field
   */
  StreamingOps(Session session, Handles handles, Function<JsonNode, DataFrame> frames, CallbackChannel callbacks,
      ObjectMapper mapper) {
    this.session = session;
    this.handles = handles;
    this.frames = frames;
    this.callbacks = callbacks;
    this.mapper = mapper;
    this.foreachTarget = PythonForeachWriter.register(this::deliverForeach);
  }

  /**
   * Hands a partition's rows of an epoch to the client's foreach writer {@code writer}: {@code {"kind": "foreach",
   * "writer", "partitionId", "epochId", "schema"}} and the rows as {@code B} frames. Runs on the sink task's
   * thread, which waits for the answer.
   */
  private void deliverForeach(long writer, long partitionId, long epochId, StructType schema, List<Batch> rows) {
    ObjectNode req = JsonNodeFactory.instance.objectNode();
    req.put("kind", "foreach");
    req.put("writer", writer);
    req.put("partitionId", partitionId);
    req.put("epochId", epochId);
    req.set("schema", TypeCodec.schemaJson(schema));
    callbacks.call(req, rows, "foreach writer");
  }

  /** The op names this class answers. */
  static final List<String> OPS = List.of("readStream", "startStream", "queryState", "queryProgress",
      "awaitTermination", "processAllAvailable", "stopQuery", "explainQuery", "activeQueries", "getQuery",
      "awaitAnyTermination", "resetTerminated", "addListener", "removeListener");

  /**
   * Runs {@code op}, putting its results into {@code res}.
   *
   * @return false when {@code op} is not a streaming op
   */
  boolean run(String op, JsonNode r, ObjectNode res) {
    switch (op) {
      case "readStream" -> readStream(r, res);
      case "startStream" -> res.set("query", describe(startStream(r)));
      case "queryState" -> queryState(query(r), res);
      case "queryProgress" -> queryProgress(query(r), Args.bool(r, "recent", false), res);
      case "awaitTermination" -> {
        StreamingQuery q = query(r);
        if (Args.optional(r, "timeoutMs") == null) {
          q.awaitTermination();
          res.put("terminated", true);
        } else {
          res.put("terminated", q.awaitTermination(Args.longValue(r, "timeoutMs")));
        }
      }
      case "processAllAvailable" -> query(r).processAllAvailable();
      case "stopQuery" -> stop(query(r), Args.bool(r, "wait", true));
      case "explainQuery" -> res.put("text", QueryExplain.text(query(r), Args.bool(r, "extended", false)));
      case "activeQueries" -> {
        ArrayNode list = res.putArray("queries");
        for (StreamingQuery q : session.streams().active()) {
          list.add(describe(q));
        }
      }
      case "getQuery" -> {
        StreamingQuery q = session.streams().get(uuid(r, "id"));
        if (q == null) {
          res.putNull("query");
        } else {
          res.set("query", describe(q));
        }
      }
      case "awaitAnyTermination" -> {
        if (Args.optional(r, "timeoutMs") == null) {
          session.streams().awaitAnyTermination();
          res.put("terminated", true);
        } else {
          res.put("terminated", session.streams().awaitAnyTermination(Args.longValue(r, "timeoutMs")));
        }
      }
      case "resetTerminated" -> session.streams().resetTerminated();
      case "addListener" -> addListener(Args.longValue(r, "listener"));
      case "removeListener" -> {
        PythonListener l = listeners.remove(Args.longValue(r, "listener"));
        if (l != null) {
          session.streams().removeListener(l);
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * Stops {@code q}; without {@code wait} (the client's foreachBatch function stops its own query, which ends
   * only after that function returned) the stop runs on a thread of its own and the op returns at once.
   */
  private static void stop(StreamingQuery q, boolean wait) {
    if (wait) {
      q.stop();
      return;
    }
    Thread t = new Thread(q::stop, "ember-bridge-stop-" + q.runId());
    t.setDaemon(true);
    t.start();
  }

  private void readStream(JsonNode r, ObjectNode res) {
    DataStreamReader reader = session.readStream().options(Args.stringMap(r, "options"));
    String format = Args.optText(r, "format");
    if (format != null) {
      reader.format(format);
    }
    JsonNode schema = Args.optional(r, "schema");
    if (schema != null) {
      reader.schema(TypeCodec.schemaFromJson(schema));
    }
    String path = Args.optText(r, "path");
    String table = Args.optText(r, "table");
    DataFrame df = table != null ? reader.table(table) : path == null ? reader.load() : reader.load(path);
    LogicalPlan plan = df.logicalPlan();
    if (plan instanceof LogicalPlan.SubqueryAlias alias) {
      plan = alias.child();
    }
    if (!(plan instanceof LogicalPlan.SourceScan scan)) {
      // a streaming temporary view: the client reads it by name
      res.put("view", true);
      return;
    }
    res.put("source", handles.addSource(scan.source()));
    res.set("schema", TypeCodec.schemaJson(df.schema()));
  }

  private StreamingQuery startStream(JsonNode r) {
    DataFrame df = frames.apply(r);
    DataStreamWriter w = df.writeStream();
    String format = Args.optText(r, "format");
    if (format != null) {
      w.format(format);
    }
    String mode = Args.optText(r, "outputMode");
    if (mode != null) {
      w.outputMode(mode);
    }
    JsonNode trigger = Args.optional(r, "trigger");
    if (trigger != null) {
      w.trigger(trigger(r, trigger));
    }
    String name = Args.optText(r, "queryName");
    if (name != null) {
      w.queryName(name);
    }
    w.options(Args.stringMap(r, "options")).partitionBy(Args.strings(r, "partitionBy").toArray(new String[0]));
    if (Args.optional(r, "foreachBatch") != null) {
      w.foreachBatch(new PythonForeachBatch(Args.longValue(r, "foreachBatch")));
    }
    if (Args.optional(r, "foreach") != null) {
      w.foreach(PythonForeachWriter.of(foreachTarget, Args.longValue(r, "foreach"), df.schema()));
    }
    String path = Args.optText(r, "path");
    String table = Args.optText(r, "table");
    StreamingQuery q = table != null ? w.toTable(table) : path == null ? w.start() : w.start(path);
    queries.put(q.runId().toString(), q);
    return q;
  }

  /**
   * {@code {"processingTime": "1 second"}}, {@code {"once": true}}, {@code {"availableNow": true}} or
   * {@code {"continuous": "1 second"}}.
   */
  private static Trigger trigger(JsonNode r, JsonNode t) {
    if (!t.isObject() || t.size() != 1) {
      throw Args.invalid(r, "trigger", "must be an object with one of processingTime, once, availableNow,"
          + " continuous");
    }
    if (t.has("processingTime")) {
      return Trigger.ProcessingTime(Args.text(t, "processingTime"));
    }
    if (t.has("once") && Args.bool(t, "once", false)) {
      return Trigger.Once();
    }
    if (t.has("availableNow") && Args.bool(t, "availableNow", false)) {
      return Trigger.AvailableNow();
    }
    if (t.has("continuous")) {
      return Trigger.Continuous(Args.text(t, "continuous"));
    }
    throw Args.invalid(r, "trigger", "must be {\"processingTime\": interval}, {\"once\": true},"
        + " {\"availableNow\": true} or {\"continuous\": interval}");
  }

  private void queryState(StreamingQuery q, ObjectNode res) {
    res.put("isActive", q.isActive());
    StreamingQueryStatus status = q.status();
    ObjectNode s = res.putObject("status");
    s.put("message", status.message());
    s.put("isDataAvailable", status.isDataAvailable());
    s.put("isTriggerActive", status.isTriggerActive());
    q.exception().ifPresentOrElse(e -> res.set("exception", BridgeErrors.toJson(e)), () -> res.putNull("exception"));
  }

  private void queryProgress(StreamingQuery q, boolean recent, ObjectNode res) {
    if (recent) {
      ArrayNode list = res.putArray("progress");
      for (StreamingQueryProgress p : q.recentProgress()) {
        list.add(json(p.json()));
      }
    } else {
      StreamingQueryProgress p = q.lastProgress();
      if (p == null) {
        res.putNull("progress");
      } else {
        res.set("progress", json(p.json()));
      }
    }
  }

  private StreamingQuery query(JsonNode r) {
    String runId = Args.text(r, "query");
    StreamingQuery q = queries.get(runId);
    if (q == null) {
      for (StreamingQuery active : session.streams().active()) {
        queries.putIfAbsent(active.runId().toString(), active);
      }
      q = queries.get(runId);
    }
    if (q == null) {
      throw new EmberIllegalArgumentException("BRIDGE_UNKNOWN_HANDLE", "No streaming query has the run id " + runId
          + "; queries come from this bridge's startStream, activeQueries and getQuery responses.");
    }
    return q;
  }

  /** {@code {"id", "runId", "name"}}; registers the query so later ops can name it by run id. */
  private ObjectNode describe(StreamingQuery q) {
    queries.putIfAbsent(q.runId().toString(), q);
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", q.id().toString());
    o.put("runId", q.runId().toString());
    o.put("name", q.name());
    return o;
  }

  private static UUID uuid(JsonNode r, String field) {
    try {
      return UUID.fromString(Args.text(r, field));
    } catch (IllegalArgumentException e) {
      throw Args.invalid(r, field, "must be a UUID");
    }
  }

  private JsonNode json(String text) {
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new EmberRuntimeException("BRIDGE_INTERNAL_ERROR", "Progress JSON could not be read back: " + e.getMessage(), e);
    }
  }

  private void addListener(long id) {
    PythonListener l = new PythonListener(id);
    if (listeners.putIfAbsent(id, l) == null) {
      session.streams().addListener(l);
    }
  }

  /**
   * A foreachBatch function of the Python client: each epoch's rows become a relation handle for the duration of
   * the call ({@code {"kind": "foreachBatch", "function", "batchId", "relation", "schema"}}), released when the
   * Python function returned. Runs on the query's commit thread, which waits for the answer.
   */
  private final class PythonForeachBatch implements ForeachBatchFunction {
    private final long function;

    PythonForeachBatch(long function) {
      this.function = function;
    }

    @Override
    public void call(DataFrame batchDf, long batchId) {
      LogicalPlan.LocalRelation rows = (LogicalPlan.LocalRelation) batchDf.logicalPlan();
      long relation = handles.addRelation(new Handles.Relation(rows.schema(), rows.batches()));
      ObjectNode req = JsonNodeFactory.instance.objectNode();
      req.put("kind", "foreachBatch");
      req.put("function", function);
      req.put("batchId", batchId);
      req.put("relation", relation);
      req.set("schema", TypeCodec.schemaJson(rows.schema()));
      try {
        callbacks.call(req, "foreachBatch function");
      } finally {
        handles.removeRelation(relation);
      }
    }
  }

  /**
   * A listener of the Python client: every event is sent as {@code {"kind": "listener", "listener", "event":
   * "started"|"progress"|"idle"|"terminated", "data": <the event's JSON>}} from the session's listener thread,
   * which waits for the answer (so the Python listener hears the events in order).
   */
  private final class PythonListener extends StreamingQueryListener {
    private final long id;

    PythonListener(long id) {
      this.id = id;
    }

    private void deliver(String event, StreamingQueryListener.Event e) {
      ObjectNode req = JsonNodeFactory.instance.objectNode();
      req.put("kind", "listener");
      req.put("listener", id);
      req.put("event", event);
      req.set("data", json(e.json()));
      callbacks.call(req, "listener's onQuery" + Character.toUpperCase(event.charAt(0)) + event.substring(1));
    }

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
      deliver("started", event);
    }

    @Override
    public void onQueryProgress(QueryProgressEvent event) {
      deliver("progress", event);
    }

    @Override
    public void onQueryIdle(QueryIdleEvent event) {
      deliver("idle", event);
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent event) {
      deliver("terminated", event);
    }
  }
}
