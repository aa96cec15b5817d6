package io.ember.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ember.core.data.Batch;
import io.ember.core.types.StructType;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** A minimal protocol client for tests: sends J frames, reads responses and the batches that follow. */
final class BridgeClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A response header and its decoded batches. */
  record Response(JsonNode header, List<Batch> batches) {
    boolean ok() {
      return header.path("ok").asBoolean();
    }

    JsonNode error() {
      return header.path("error");
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private int nextId = 1;

  BridgeClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    out = new BufferedOutputStream(socket.getOutputStream());
  }

  static ObjectNode obj(String json) {
    try {
      return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    } catch (IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  JsonNode handshake(String token, int protocol) throws IOException {
    ObjectNode hello = JSON.createObjectNode().put("protocol", protocol).put("token", token);
    send(hello);
    Frame f = Frame.read(in);
    return f == null ? null : JSON.readTree(f.payload());
  }

  void send(JsonNode node) throws IOException {
    Frame.json(JSON.writeValueAsBytes(node)).write(out);
    out.flush();
  }

  void sendBatch(Batch b) throws IOException {
    Frame.batch(BatchCodec.encode(b)).write(out);
    out.flush();
  }

  /** Sends the request {@code json} (see {@link #obj}) and returns its response, asserting that it succeeded. */
  Response callOk(String json) throws IOException {
    Response r = call(obj(json));
    org.junit.jupiter.api.Assertions.assertTrue(r.ok(), r.header().toString());
    return r;
  }

  /** Sends {@code request} with the next id and reads its response, decoding batches with the response schema. */
  Response call(ObjectNode request, Batch... outgoing) throws IOException {
    int id = nextId++;
    request.put("id", id);
    if (outgoing.length > 0) {
      request.put("batches", outgoing.length);
    }
    send(request);
    for (Batch b : outgoing) {
      sendBatch(b);
    }
    return readResponse(id);
  }

  Response readResponse(int id) throws IOException {
    Frame f = Frame.read(in);
    if (f == null || !f.isJson()) {
      throw new IOException("Expected a J frame, got " + f);
    }
    JsonNode header = JSON.readTree(f.payload());
    if (header.path("id").asInt() != id) {
      throw new IOException("Response for id " + header.path("id") + ", expected " + id);
    }
    List<Batch> batches = new ArrayList<>();
    int k = header.path("batches").asInt(0);
    if (k > 0) {
      StructType schema = TypeCodec.schemaFromJson(header.get("schema"));
      for (int i = 0; i < k; i++) {
        batches.add(BatchCodec.decode(Frame.read(in).payload(), schema));
      }
    }
    return new Response(header, batches);
  }

  /** The next raw frame, or null at end of stream. */
  Frame readFrame() throws IOException {
    return Frame.read(in);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
