package io.ember.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ember.bridge.udf.PythonException;
import io.ember.core.data.Batch;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.EmberRuntimeException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JVM's calls into the Python client ({@code PROTOCOL.md}, "Callbacks"): a foreachBatch function, a foreach
 * writer, a streaming query listener. The client opens a connection of its own and sends {@code callbacks}; from then on
 * the JVM writes callback requests {@code J{"callback": n, "kind": ...}} on it and the client answers each with
 * {@code J{"callback": n, "ok": true}} or {@code J{"callback": n, "ok": false, "error": {...}}}, in any order
 * (the client runs callbacks concurrently). A request may carry rows: {@code "batches": k} and {@code k}
 * {@code B} frames after it. {@link #call} blocks its thread until the answer arrives, so a
 * callback may run requests of its own on the client's other connections meanwhile.
 *
 * <p>One channel is current at a time: a new {@code callbacks} connection replaces the previous one, whose
 * pending calls fail. Thread-safe.
 */
final class CallbackChannel implements AutoCloseable {
  /** A call the client did not answer because its channel closed (or there was none). */
  static final String CHANNEL_CLOSED = "BRIDGE_CALLBACK_CHANNEL_CLOSED";
  /** A Python callback raised. */
  static final String CALLBACK_FAILED = "PYTHON_CALLBACK_FAILED";

  private final AtomicLong nextId = new AtomicLong(1);
  private final Object lock = new Object();
  private Connection current;

  /** One callback connection: its output (writes serialized on it) and the calls waiting for an answer. */
  private static final class Connection {
    final OutputStream out;
    final ObjectMapper mapper;
    final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    volatile String closedBecause;

    Connection(OutputStream out, ObjectMapper mapper) {
      this.out = out;
      this.mapper = mapper;
    }

    void fail(String why) {
      closedBecause = why;
      for (Long id : pending.keySet()) {
        CompletableFuture<JsonNode> f = pending.remove(id);
        if (f != null) {
          f.completeExceptionally(closed(why));
        }
      }
    }
  }

  /**
   * Serves a connection that sent {@code callbacks} (request id {@code requestId}): makes it the current
   * channel, answers the request, then reads the client's answers until the connection closes. Runs on the
   * connection's thread and returns when the connection ends.
   */
  void serve(JsonNode requestId, DataInputStream in, OutputStream out, ObjectMapper mapper) throws IOException {
    Connection c = new Connection(out, mapper);
    Connection previous;
    synchronized (lock) {
      previous = current;
      current = c;
    }
    if (previous != null) {
      previous.fail("the client opened a new callback channel");
    }
    ObjectNode ok = JsonNodeFactory.instance.objectNode();
    ok.set("id", requestId);
    ok.put("ok", true);
    try {
      synchronized (c.out) {
        Frame.json(mapper.writeValueAsBytes(ok)).write(out);
        out.flush();
      }
      while (true) {
        Frame f;
        try {
          f = Frame.read(in);
        } catch (EmberIllegalArgumentException e) {
          throw new IOException(e.getMessage(), e);
        }
        if (f == null) {
          return;
        }
        JsonNode answer = f.isJson() ? parse(mapper, f.payload()) : null;
        if (answer == null || !answer.has("callback")) {
          throw new IOException("The client sent a callback channel frame that is not an answer"
              + " J{\"callback\": n, \"ok\": ...}.");
        }
        CompletableFuture<JsonNode> waiting = c.pending.remove(answer.get("callback").asLong());
        if (waiting != null) {
          waiting.complete(answer);
        }
      }
    } finally {
      synchronized (lock) {
        if (current == c) {
          current = null;
        }
      }
      c.fail("the Python client closed its callback connection");
    }
  }

  /**
   * Calls the client with {@code request} (its {@code kind} and arguments; the {@code callback} id is added) and
   * waits for the answer.
   *
   * @param what what is called, for error messages ({@code "foreachBatch function"})
   * @return the answer's fields
   * @throws PythonException {@link #CALLBACK_FAILED} with the Python type, message and traceback when the
   *     callback raised
   * @throws EmberRuntimeException {@link #CHANNEL_CLOSED} when no client listens or its channel closed before
   *     answering, or when the waiting thread is interrupted (e.g. the query is stopped)
   */
  JsonNode call(ObjectNode request, String what) {
    return call(request, List.of(), what);
  }

  /**
   * As {@link #call(ObjectNode, String)}, sending {@code batches} as {@code B} frames after the request (whose
   * {@code batches} field gets their number).
   */
  JsonNode call(ObjectNode request, List<Batch> batches, String what) {
    Connection c;
    synchronized (lock) {
      c = current;
    }
    if (c == null) {
      throw closed("the Python client has no callback channel open");
    }
    long id = nextId.getAndIncrement();
    request.put("callback", id);
    if (!batches.isEmpty()) {
      request.put("batches", batches.size());
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    c.pending.put(id, answer);
    try {
      byte[] bytes = c.mapper.writeValueAsBytes(request);
      List<byte[]> encoded = new ArrayList<>(batches.size());
      for (Batch b : batches) {
        encoded.add(BatchCodec.encode(b));
      }
      synchronized (c.out) {
        Frame.json(bytes).write(c.out);
        for (byte[] b : encoded) {
          Frame.batch(b).write(c.out);
        }
        c.out.flush();
      }
    } catch (IOException e) {
      c.pending.remove(id);
      throw closed("writing to it failed: " + e.getMessage());
    }
    if (c.closedBecause != null) {
      c.fail(c.closedBecause); // the channel closed between the check and the write: nobody will answer
    }
    JsonNode reply;
    try {
      reply = answer.get();
    } catch (InterruptedException e) {
      c.pending.remove(id);
      Thread.currentThread().interrupt();
      throw new EmberRuntimeException(CHANNEL_CLOSED, "Interrupted while waiting for the Python " + what + ".");
    } catch (ExecutionException e) {
      throw (RuntimeException) e.getCause();
    }
    if (reply.path("ok").asBoolean(false)) {
      return reply;
    }
    JsonNode error = reply.path("error");
    String type = error.path("type").asText("Exception");
    String message = error.path("message").asText("");
    String traceback = error.path("traceback").asText("");
    return failWith(what, type, message, traceback);
  }

  private static JsonNode failWith(String what, String type, String message, String traceback) {
    StringBuilder text = new StringBuilder("An exception was thrown from the Python ").append(what).append(": ")
        .append(type).append(message.isEmpty() ? "" : ": " + message);
    if (!traceback.isEmpty()) {
      text.append('\n').append(traceback.stripTrailing());
    }
    throw new PythonException(CALLBACK_FAILED, text.toString(), type, traceback);
  }

  /** Fails the calls waiting on the current channel; later calls fail until a client opens a new one. */
  @Override
  public void close() {
    Connection c;
    synchronized (lock) {
      c = current;
      current = null;
    }
    if (c != null) {
      c.fail("the bridge is closing");
    }
  }

  private static JsonNode parse(ObjectMapper mapper, byte[] payload) {
    try {
      JsonNode n = mapper.readTree(payload);
      return n != null && n.isObject() ? n : null;
    } catch (JsonProcessingException e) {
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  private static EmberRuntimeException closed(String why) {
    return new EmberRuntimeException(CHANNEL_CLOSED, "Cannot call the Python client back: " + why
        + ". Callbacks (foreachBatch, foreach, listeners) need the Python session that started the query.");
  }
}
