package io.ember.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ember.api.DataFrame;
import io.ember.api.StorageLevel;
import io.ember.api.DataFrameReader;
import io.ember.api.DataFrameWriter;
import io.ember.api.Session;
import io.ember.api.logical.LogicalPlan;
import io.ember.core.data.Batch;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.StructType;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the requests of one client against a {@link Session}: every op of the table in {@code PROTOCOL.md}.
 * Each request is answered with one {@code J} frame (plus its {@code B} frames); a failing request is answered
 * with an error frame and the connection stays usable. Thread-safe: each connection's thread calls it for that
 * connection's requests (streaming ops in {@link StreamingOps}).
 */
public final class RequestDispatcher {
  /** What {@code show} prints when the request does not say. */
  static final int DEFAULT_SHOW_ROWS = 20;
  static final int DEFAULT_TRUNCATE = 20;

  /** The outcome of one request: the result fields and the batches that follow the header. */
  private record Reply(ObjectNode fields, List<Batch> batches) {
    static Reply of(ObjectNode fields) {
      return new Reply(fields, List.of());
    }
  }

  private final Session session;
  private final Handles handles;
  private final PlanDecoder plans;
  private final ObjectMapper mapper;
  private final StreamingOps streaming;

  /** A dispatcher whose streaming callbacks go through {@code callbacks}. */
  public RequestDispatcher(Session session, Handles handles, PlanDecoder plans, ObjectMapper mapper,
      CallbackChannel callbacks) {
    this.session = session;
    this.handles = handles;
    this.plans = plans;
    this.mapper = mapper;
    this.streaming = new StreamingOps(session, handles, this::frame, callbacks, mapper);
  }

  /** A dispatcher without a client to call back (streaming callbacks fail). */
  public RequestDispatcher(Session session, Handles handles, PlanDecoder plans, ObjectMapper mapper) {
    this(session, handles, plans, mapper, new CallbackChannel());
  }

  /**
   * Answers {@code request} on {@code out} (flushed), reading the {@code B} frames a {@code createDataFrame}
   * request announces from {@code in}.
   *
   * @return true when the request was {@code stop} (its answer is written; the caller then stops the bridge)
   * @throws IOException when the connection fails
   */
  public boolean handle(JsonNode request, DataInputStream in, OutputStream out) throws IOException {
    JsonNode id = request.get("id");
    String op = request.path("op").asText("");
    List<Batch> incoming;
    try {
      incoming = readIncoming(request, op, in);
    } catch (RuntimeException e) {
      writeError(out, id, e);
      return false;
    }
    Reply reply;
    try {
      reply = run(op, request, incoming);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // A too deep plan or a result too large for the heap fails this request only; its memory is free again.
      writeError(out, id, e);
      return false;
    }
    ObjectNode header = JsonNodeFactory.instance.objectNode();
    header.set("id", id);
    header.put("ok", true);
    header.setAll(reply.fields());
    if (op.equals("collect")) {
      header.put("batches", reply.batches().size());
    }
    Frame.json(mapper.writeValueAsBytes(header)).write(out);
    for (Batch b : reply.batches()) {
      Frame.batch(BatchCodec.encode(b)).write(out);
    }
    out.flush();
    return op.equals("stop");
  }

  /** Writes {@code {"id": id, "ok": false, "error": {...}}} and flushes. */
  public void writeError(OutputStream out, JsonNode id, Throwable error) throws IOException {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.set("id", id);
    node.put("ok", false);
    node.set("error", BridgeErrors.toJson(error));
    Frame.json(mapper.writeValueAsBytes(node)).write(out);
    out.flush();
  }

  /** The raw B frames of a createDataFrame request, all read before decoding so the stream stays in step. */
  private List<Batch> readIncoming(JsonNode request, String op, DataInputStream in) throws IOException {
    int k = op.equals("createDataFrame") ? Math.max(0, request.path("batches").asInt(0)) : 0;
    List<byte[]> frames = new ArrayList<>(k);
    String bad = null;
    for (int i = 0; i < k; i++) {
      Frame f = readFrame(in);
      if (f == null) {
        throw new EOFException("The client closed the connection before sending batch " + (i + 1) + " of " + k + ".");
      }
      if (!f.isBatch()) {
        bad = "frame " + (i + 1) + " of " + k + " after createDataFrame is not a 'B' frame";
        break;
      }
      frames.add(f.payload());
    }
    if (bad != null) {
      throw new EmberIllegalArgumentException("BRIDGE_INVALID_REQUEST", "A createDataFrame request announced " + k
          + " batches but " + bad + ".");
    }
    if (frames.isEmpty()) {
      return List.of();
    }
    StructType schema = TypeCodec.schemaFromJson(Args.required(request, "schema"));
    List<Batch> batches = new ArrayList<>(frames.size());
    for (byte[] payload : frames) {
      batches.add(BatchCodec.decode(payload, schema));
    }
    return batches;
  }

  /** A frame inside a request; a malformed one leaves the stream out of step, so it fails the connection. */
  private static Frame readFrame(DataInputStream in) throws IOException {
    try {
      return Frame.read(in);
    } catch (EmberIllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private Reply run(String op, JsonNode r, List<Batch> incoming) {
    ObjectNode res = JsonNodeFactory.instance.objectNode();
    switch (op) {
      case "analyze" -> {
        DataFrame df = frame(r);
        res.set("schema", TypeCodec.schemaJson(df.schema()));
        res.put("isStreaming", df.isStreaming());
      }
      case "collect" -> {
        return collect(r, res);
      }
      case "count" -> res.put("count", frame(r).count());
      case "show" -> res.put("text", show(r));
      case "explain" -> res.put("text", explain(r));
      case "read" -> read(r, res);
      case "createDataFrame" -> createDataFrame(r, incoming, res);
      case "write" -> write(r);
      case "confSet" -> session.conf().set(Args.text(r, "key"), confValue(r));
      case "confGet" -> res.put("value", confGet(r));
      case "confUnset" -> session.conf().unset(Args.text(r, "key"));
      case "confGetAll" -> {
        ObjectNode values = res.putObject("values");
        session.conf().getAll().forEach(values::put);
      }
      case "createTempView" -> createTempView(r);
      case "dropTempView" -> res.put("dropped", session.catalog().dropTempView(Args.text(r, "name")));
      case "dropGlobalTempView" -> res.put("dropped", session.catalog().dropGlobalTempView(Args.text(r, "name")));
      case "listTables" -> listTables(r, res);
      case "tableExists" -> res.put("exists", session.catalog().tableExists(Args.text(r, "name")));
      case "getTable" -> tableJson(session.catalog().getTable(Args.text(r, "name")), res.putObject("table"));
      case "listDatabases" -> {
        ArrayNode names = res.putArray("names");
        session.catalog().listDatabases().forEach(names::add);
      }
      case "createTable" -> createTable(r);
      case "currentDatabase" -> res.put("name", session.catalog().currentDatabase());
      case "setCurrentDatabase" -> session.catalog().setCurrentDatabase(Args.text(r, "name"));
      case "registerUdf" -> session.udf().register(Args.text(r, "name"), plans.pythonFunction(Args.required(r, "udf")));
      case "functionExists" -> res.put("exists", session.catalog().functionExists(Args.text(r, "name")));
      case "listFunctions" -> {
        ArrayNode names = res.putArray("names");
        session.catalog().listFunctions().forEach(names::add);
      }
      case "persist" -> StorageLevels.encode(
          frame(r).persist(StorageLevels.decode(r, "storageLevel", StorageLevel.MEMORY_AND_DISK)).storageLevel(),
          res, "storageLevel");
      case "unpersist" -> frame(r).unpersist(Args.bool(r, "blocking", false));
      case "storageLevel" -> StorageLevels.encode(frame(r).storageLevel(), res, "storageLevel");
      case "clearCache" -> session.catalog().clearCache();
      case "cacheTable" -> session.catalog().cacheTable(
          Args.text(r, "name"), StorageLevels.decode(r, "storageLevel", StorageLevel.MEMORY_AND_DISK));
      case "uncacheTable" -> session.catalog().uncacheTable(Args.text(r, "name"));
      case "isCached" -> res.put("cached", session.catalog().isCached(Args.text(r, "name")));
      case "stop" -> { }
      default -> {
        if (!streaming.run(op, r, res)) {
          throw new EmberIllegalArgumentException(
              "BRIDGE_INVALID_REQUEST", "Unknown op '" + op + "'. Known: analyze, collect, count, show, explain,"
                  + " read, createDataFrame, write, confSet, confGet, confUnset, confGetAll, createTempView,"
                  + " dropTempView, dropGlobalTempView, listTables, tableExists, getTable, listDatabases, createTable, currentDatabase, setCurrentDatabase, registerUdf, functionExists, listFunctions, persist, unpersist, storageLevel, clearCache, cacheTable, uncacheTable, isCached, stop, callbacks, " + String.join(", ", StreamingOps.OPS)
                  + ".");
        }
      }
    }
    return Reply.of(res);
  }

  private DataFrame frame(JsonNode r) {
    LogicalPlan plan = plans.decode(Args.required(r, "plan"));
    return session.dataFrame(plan);
  }

  /**
   * Registers the request's plan as a temporary view ({@code global}: a global one, in {@code global_temp});
   * {@code replace} false fails when the name is taken.
   */
  private void createTempView(JsonNode r) {
    DataFrame df = frame(r);
    String name = Args.text(r, "name");
    if (Args.bool(r, "global", false)) {
      if (Args.bool(r, "replace", false)) {
        df.createOrReplaceGlobalTempView(name);
      } else {
        df.createGlobalTempView(name);
      }
    } else if (Args.bool(r, "replace", false)) {
      df.createOrReplaceTempView(name);
    } else {
      df.createTempView(name);
    }
  }

  /**
   * The tables and views of the request's {@code db} (database {@code default} when absent), as
   * {@link io.ember.api.Catalog#listTablesDetailed} lists them: {@code tables} one object per entry (see
   * {@link #tableJson}).
   */
  private void listTables(JsonNode r, ObjectNode res) {
    JsonNode db = Args.optional(r, "db");
    ArrayNode tables = res.putArray("tables");
    for (io.ember.api.catalog.Table t : session.catalog().listTablesDetailed(
        db == null || db.isNull() ? null : db.asText())) {
      tableJson(t, tables.addObject());
    }
  }

  /** {@code name}, {@code database} (null for a temporary view), {@code description}, {@code tableType}, {@code isTemporary}. */
  private static void tableJson(io.ember.api.catalog.Table t, ObjectNode out) {
    out.put("name", t.name());
    out.put("database", t.database());
    out.put("description", t.description());
    out.put("tableType", t.tableType());
    out.put("isTemporary", t.isTemporary());
  }

  /** {@code spark.catalog.createTable}: {@code name}, optional {@code source}, {@code schema} and {@code options}. */
  private void createTable(JsonNode r) {
    JsonNode schema = Args.optional(r, "schema");
    session.catalog().createTable(Args.text(r, "name"), Args.optText(r, "source"),
        schema == null || schema.isNull() ? null : TypeCodec.schemaFromJson(schema), Args.stringMap(r, "options"));
  }

  private Reply collect(JsonNode r, ObjectNode res) {
    DataFrame df = frame(r);
    JsonNode limit = Args.optional(r, "limit");
    if (limit != null) {
      df = df.limit(Args.intValue(r, "limit"));
    }
    res.set("schema", TypeCodec.schemaJson(df.schema()));
    return new Reply(res, df.queryExecution().collectBatches());
  }

  private String show(JsonNode r) {
    JsonNode truncate = Args.optional(r, "truncate");
    int cut = truncate == null ? DEFAULT_TRUNCATE
        : truncate.isBoolean() ? (truncate.asBoolean() ? DEFAULT_TRUNCATE : 0) : Args.intValue(r, "truncate");
    return frame(r).showString(Args.optInt(r, "n", DEFAULT_SHOW_ROWS), cut, Args.bool(r, "vertical", false));
  }

  private String explain(JsonNode r) {
    String mode = Args.optText(r, "mode");
    String m = mode == null ? "simple" : mode.toLowerCase(Locale.ROOT);
    if (!m.equals("simple") && !m.equals("extended")) {
      throw new EmberIllegalArgumentException(
          "INVALID_EXPLAIN_MODE", "Unknown explain mode: " + mode + ". Accepted explain modes are 'simple', 'extended'.");
    }
    return frame(r).queryExecution().explain(m.equals("extended"));
  }

  private void read(JsonNode r, ObjectNode res) {
    DataFrameReader reader = session.read().format(Args.text(r, "format")).options(Args.stringMap(r, "options"));
    JsonNode schema = Args.optional(r, "schema");
    if (schema != null) {
      reader.schema(TypeCodec.schemaFromJson(schema));
    }
    DataFrame df = reader.load(Args.strings(r, "paths").toArray(new String[0]));
    LogicalPlan.SourceScan scan = (LogicalPlan.SourceScan) df.logicalPlan();
    res.put("source", handles.addSource(scan.source()));
    res.set("schema", TypeCodec.schemaJson(df.schema()));
  }

  private void createDataFrame(JsonNode r, List<Batch> batches, ObjectNode res) {
    StructType schema = TypeCodec.schemaFromJson(Args.required(r, "schema"));
    requireNonNullable(schema, batches);
    res.put("relation", handles.addRelation(new Handles.Relation(schema, batches)));
    res.set("schema", TypeCodec.schemaJson(schema));
  }

  /** A null in a column the schema declares not nullable is refused, as PySpark's schema verification does. */
  private static void requireNonNullable(StructType schema, List<Batch> batches) {
    for (int c = 0; c < schema.size(); c++) {
      if (schema.field(c).nullable()) {
        continue;
      }
      for (Batch b : batches) {
        if (b.column(c).nullCount() > 0) {
          throw new EmberIllegalArgumentException(
              "FIELD_NOT_NULLABLE_WITH_NAME", "Field `" + schema.field(c).name() + "` is not nullable, but got None.");
        }
      }
    }
  }

  /**
   * {@code df.write...}: {@code save} to the {@code path} (or by options alone), or with {@code table} the table's
   * {@code saveAsTable} (or, with {@code insertInto} true, {@code insertInto}). Without {@code format} the session's
   * {@code spark.sql.sources.default} applies.
   */
  private void write(JsonNode r) {
    DataFrameWriter writer = frame(r).write().options(Args.stringMap(r, "options"))
        .partitionBy(Args.strings(r, "partitionBy").toArray(new String[0]));
    String format = Args.optText(r, "format");
    if (format != null) {
      writer.format(format);
    }
    String mode = Args.optText(r, "mode");
    if (mode != null) {
      writer.mode(mode);
    }
    String table = Args.optText(r, "table");
    if (table != null) {
      if (Args.bool(r, "insertInto", false)) {
        writer.insertInto(table);
      } else {
        writer.saveAsTable(table);
      }
      return;
    }
    String path = Args.optText(r, "path");
    if (path == null) {
      writer.save();
    } else {
      writer.save(path);
    }
  }

  private static String confValue(JsonNode r) {
    JsonNode v = Args.required(r, "value");
    if (v.isContainerNode()) {
      throw Args.invalid(r, "value", "must be a string, number or boolean");
    }
    return v.asText();
  }

  /** {@code conf.get(key)}, or with a {@code value} field (even null) {@code conf.get(key, value)}. */
  private String confGet(JsonNode r) {
    String key = Args.text(r, "key");
    if (!r.has("value")) {
      return session.conf().get(key);
    }
    JsonNode dflt = r.get("value");
    return session.conf().get(key, dflt.isNull() ? null : dflt.asText());
  }
}
