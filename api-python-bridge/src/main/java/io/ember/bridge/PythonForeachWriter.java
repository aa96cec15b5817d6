package io.ember.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ember.api.streaming.ForeachWriter;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The foreach writer of a Python client's {@code writeStream.foreach(f)}: each partition's copy (one per sink
 * task and epoch, as {@code ForeachWriterSink} makes them) gathers the partition's rows of the epoch and, at
 * {@link #close}, hands them to the client in one {@code foreach} callback ({@code PROTOCOL.md}, "Callbacks"),
 * where a fresh copy of {@code f} gets {@code open(partitionId, epochId)}, {@code process(row)} per row and
 * {@code close(error)}. The task waits for the answer; an error answer fails the query. A partition aborted by
 * a task failure is dropped without calling the client (its Python writer was never opened).
 *
 * <p>Copies are made by Java serialization, so this class holds only ids: the bridge's {@link Target} is found
 * again through a registry of the bridge process.
 */
final class PythonForeachWriter extends ForeachWriter<Row> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong NEXT_TARGET = new AtomicLong(1);
  private static final Map<Long, Target> TARGETS = new ConcurrentHashMap<>();

  /** Where the rows of a partition go: the client's writer {@code writer} by way of its callback channel. */
  interface Target {
    void deliver(long writer, long partitionId, long epochId, StructType schema, List<Batch> rows);
  }

  private final long target;
  private final long writer;
  private final String schemaJson;
  private transient long partitionId;
  private transient long epochId;
  private transient List<Row> rows;

  private PythonForeachWriter(long target, long writer, String schemaJson) {
    this.target = target;
    this.writer = writer;
    this.schemaJson = schemaJson;
  }

  /** Registers a target for the writers of one bridge; returns its id. */
  static long register(Target t) {
    long id = NEXT_TARGET.getAndIncrement();
    TARGETS.put(id, t);
    return id;
  }

  /** The writer for the client's writer {@code writer} of rows of {@code schema}, delivered to {@code target}. */
  static PythonForeachWriter of(long target, long writer, StructType schema) {
    return new PythonForeachWriter(target, writer, TypeCodec.schemaJson(schema).toString());
  }

  @Override
  public boolean open(long partitionId, long epochId) {
    this.partitionId = partitionId;
    this.epochId = epochId;
    this.rows = new ArrayList<>();
    return true;
  }

  @Override
  public void process(Row value) {
    rows.add(value);
  }

  @Override
  public void close(Throwable errorOrNull) {
    List<Row> gathered = rows;
    rows = null;
    if (errorOrNull != null || gathered == null) {
      return;
    }
    Target t = TARGETS.get(target);
    if (t == null) {
      throw new EmberRuntimeException(CallbackChannel.CHANNEL_CLOSED, "The bridge that started this foreach query"
          + " is gone.");
    }
    StructType schema;
    try {
      schema = TypeCodec.schemaFromJson(JSON.readTree(schemaJson));
    } catch (JsonProcessingException e) {
      throw new EmberRuntimeException("BRIDGE_INTERNAL_ERROR", "The foreach writer's schema does not parse: " + e, e);
    }
    List<Batch> batches = gathered.isEmpty() ? List.of() : List.of(Batch.fromRows(schema, gathered));
    t.deliver(writer, partitionId, epochId, schema, batches);
  }
}
