package io.ember.bridge;

import static io.ember.bridge.BridgeClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ember.api.Session;
import io.ember.bridge.BridgeClient.Response;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming over the bridge as the Python package drives it: queries named by run id, several connections served
 * at once, and the callback channel on which the JVM calls foreachBatch functions and listeners.
 */
class BridgeStreamingTest {
  private static final String TOKEN = "0123456789abcdef0123456789abcdef";
  private Session session;
  private BridgeServer server;

  @TempDir
  Path dir;

  @BeforeEach
  void start() throws IOException {
    session = Session.builder().master("local[2]").appName("bridge-streaming-test").getOrCreate();
    server = BridgeServer.bind(session, TOKEN, () -> { });
    Thread t = new Thread(server::serve, "bridge-streaming-test-server");
    t.setDaemon(true);
    t.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    for (var q : session.streams().active()) {
      q.stop();
    }
  }

  private BridgeClient connect() throws IOException {
    BridgeClient c = new BridgeClient(server.port());
    assertTrue(c.handshake(TOKEN, BridgeServer.PROTOCOL_VERSION).path("ok").asBoolean());
    return c;
  }

  /** A directory of two CSV files of rows {@code id INT, name STRING}, read one file per epoch. */
  private long csvStream(BridgeClient c) throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    long base = System.currentTimeMillis() - 600_000;
    Files.setLastModifiedTime(Files.writeString(in.resolve("0.csv"), "1,a\n2,b\n"), FileTime.fromMillis(base));
    Files.setLastModifiedTime(Files.writeString(in.resolve("1.csv"), "3,c\n"), FileTime.fromMillis(base + 1000));
    ObjectNode read = obj("{'op':'readStream','format':'csv','schema':'id INT, name STRING',"
        + "'options':{'maxFilesPerTrigger':'1'}}");
    read.put("path", in.toString());
    Response r = c.call(read);
    assertTrue(r.ok(), r.header().toString());
    long source = r.header().get("source").asLong();
    Response analyzed = c.call(obj("{'op':'analyze','plan':" + scan(source) + "}"));
    assertTrue(analyzed.header().get("isStreaming").asBoolean());
    return source;
  }

  private static String scan(long source) {
    return "{'node':'SourceScan','planId':1,'source':" + source + "}";
  }

  private static String start(long source, String rest) {
    return "{'op':'startStream','plan':" + scan(source) + ",'trigger':{'availableNow':true}" + rest + "}";
  }

  @Test
  void foreachBatchCallsTheClientPerEpochWhileItRunsQueriesOnOtherConnections() throws Exception {
    try (BridgeClient main = connect(); BridgeClient callbacks = connect(); BridgeClient worker = connect()) {
      assertTrue(callbacks.call(obj("{'op':'callbacks'}")).ok());
      long source = csvStream(main);
      Response started = main.call(obj(start(source, ",'foreachBatch':7")));
      assertTrue(started.ok(), started.header().toString());
      String runId = started.header().path("query").path("runId").asText();
      // The main connection waits for the query while the callbacks are answered.
      CompletableFuture<Response> waited = CompletableFuture.supplyAsync(() -> {
        try {
          return main.call(obj("{'op':'awaitTermination','query':'" + runId + "'}"));
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });
      long rows = 0;
      long expectedBatch = 0;
      while (rows < 3) {
        JsonNode request = BridgeClient.JSON.readTree(callbacks.readFrame().payload());
        assertEquals("foreachBatch", request.get("kind").asText());
        assertEquals(7, request.get("function").asLong());
        assertEquals(expectedBatch++, request.get("batchId").asLong());
        Response count = worker.call(obj("{'op':'count','plan':{'node':'LocalRelation','planId':"
            + (100 + expectedBatch) + ",'relation':" + request.get("relation").asLong() + "}}"));
        assertTrue(count.ok(), count.header().toString());
        rows += count.header().get("count").asLong();
        ObjectNode answer = BridgeClient.JSON.createObjectNode().put("callback", request.get("callback").asLong());
        callbacks.send(answer.put("ok", true));
      }
      assertEquals(3, rows);
      Response done = waited.get(60, TimeUnit.SECONDS);
      assertTrue(done.ok(), done.header().toString());
      Response state = worker.call(obj("{'op':'queryState','query':'" + runId + "'}"));
      assertFalse(state.header().get("isActive").asBoolean());
      assertTrue(state.header().get("exception").isNull());
      Response progress = worker.call(obj("{'op':'queryProgress','query':'" + runId + "','recent':true}"));
      assertTrue(progress.header().get("progress").size() >= 2, progress.header().toString());
    }
  }

  @Test
  void anErrorAnswerFailsTheQueryWithThePythonTraceback() throws Exception {
    try (BridgeClient main = connect(); BridgeClient callbacks = connect()) {
      assertTrue(callbacks.call(obj("{'op':'callbacks'}")).ok());
      long source = csvStream(main);
      Response started = main.call(obj(start(source, ",'foreachBatch':1")));
      String runId = started.header().path("query").path("runId").asText();
      JsonNode request = BridgeClient.JSON.readTree(callbacks.readFrame().payload());
      callbacks.send(obj("{'callback':" + request.get("callback").asLong() + ",'ok':false,'error':{'type':"
          + "'ValueError','message':'bad rows','traceback':'Traceback (most recent call last):\\n  File x'}}"));
      Response waited = main.call(obj("{'op':'awaitTermination','query':'" + runId + "','timeoutMs':60000}"));
      assertFalse(waited.ok());
      assertEquals("io.ember.api.streaming.StreamingQueryException", waited.error().get("javaClass").asText());
      String message = waited.error().get("message").asText();
      assertTrue(message.contains("FOREACH_BATCH_USER_FUNCTION_ERROR"), message);
      assertTrue(message.contains("ValueError: bad rows\nTraceback (most recent call last):"), message);
      Response state = main.call(obj("{'op':'queryState','query':'" + runId + "'}"));
      assertEquals("STREAM_FAILED", state.header().path("exception").path("errorClass").asText());
    }
  }

  @Test
  void withoutACallbackChannelAForeachBatchQueryFails() throws Exception {
    try (BridgeClient main = connect()) {
      long source = csvStream(main);
      Response started = main.call(obj(start(source, ",'foreachBatch':1")));
      String runId = started.header().path("query").path("runId").asText();
      Response waited = main.call(obj("{'op':'awaitTermination','query':'" + runId + "','timeoutMs':60000}"));
      assertFalse(waited.ok());
      assertTrue(waited.error().get("message").asText().contains(CallbackChannel.CHANNEL_CLOSED));
    }
  }

  @Test
  void foreachSendsEachPartitionsRowsOfAnEpochWithTheCallback() throws Exception {
    try (BridgeClient main = connect(); BridgeClient callbacks = connect()) {
      assertTrue(callbacks.call(obj("{'op':'callbacks'}")).ok());
      long source = csvStream(main);
      Response started = main.call(obj(start(source, ",'foreach':5")));
      assertTrue(started.ok(), started.header().toString());
      String runId = started.header().path("query").path("runId").asText();
      List<String> seen = new ArrayList<>();
      int rows = 0;
      while (rows < 3) {
        JsonNode request = BridgeClient.JSON.readTree(callbacks.readFrame().payload());
        assertEquals("foreach", request.get("kind").asText());
        assertEquals(5, request.get("writer").asLong());
        StructType schema = TypeCodec.schemaFromJson(request.get("schema"));
        for (int i = 0; i < request.path("batches").asInt(0); i++) {
          Batch b = BatchCodec.decode(callbacks.readFrame().payload(), schema);
          for (Row r : b.toRows()) {
            seen.add(request.get("epochId").asLong() + ":" + r.get(0));
            rows++;
          }
        }
        callbacks.send(obj("{'callback':" + request.get("callback").asLong() + ",'ok':true}"));
      }
      assertEquals(List.of("0:1", "0:2", "1:3"), seen);
      // Later epochs bring no rows (a partition without rows is still handed over: open and close); the query
      // then ends.
      List<Integer> laterBatches = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread answering = new Thread(() -> {
        try {
          Frame f;
          while ((f = callbacks.readFrame()) != null) {
            JsonNode request = BridgeClient.JSON.readTree(f.payload());
            laterBatches.add(request.path("batches").asInt(0));
            callbacks.send(obj("{'callback':" + request.get("callback").asLong() + ",'ok':true}"));
          }
        } catch (IOException e) {
          // the test closed the connection
        }
      });
      answering.setDaemon(true);
      answering.start();
      Response waited = main.call(obj("{'op':'awaitTermination','query':'" + runId + "','timeoutMs':60000}"));
      assertTrue(waited.ok(), waited.header().toString());
      assertTrue(waited.header().get("terminated").asBoolean());
      assertTrue(laterBatches.stream().allMatch(k -> k == 0), laterBatches.toString());
    }
  }

  @Test
  void listenersHearEventsInOrderOverTheCallbackChannel() throws Exception {
    try (BridgeClient main = connect(); BridgeClient callbacks = connect()) {
      assertTrue(callbacks.call(obj("{'op':'callbacks'}")).ok());
      assertTrue(main.call(obj("{'op':'addListener','listener':3}")).ok());
      long source = csvStream(main);
      CompletableFuture<Response> started = CompletableFuture.supplyAsync(() -> {
        try {
          return main.call(obj(start(source, ",'format':'noop','queryName':'q1'")));
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });
      StringBuilder events = new StringBuilder();
      String last = "";
      while (!last.equals("terminated")) {
        JsonNode request = BridgeClient.JSON.readTree(callbacks.readFrame().payload());
        assertEquals("listener", request.get("kind").asText());
        assertEquals(3, request.get("listener").asLong());
        last = request.get("event").asText();
        events.append(last.charAt(0));
        if (last.equals("started")) {
          assertEquals("q1", request.path("data").path("name").asText());
        }
        callbacks.send(obj("{'callback':" + request.get("callback").asLong() + ",'ok':true}"));
      }
      assertTrue(events.toString().matches("sp+t"), events.toString());
      Response r = started.get(60, TimeUnit.SECONDS);
      assertTrue(r.ok(), r.header().toString());
      assertNotNull(r.header().path("query").get("id"));
      assertTrue(main.call(obj("{'op':'removeListener','listener':3}")).ok());
    }
  }

  @Test
  void aBadTriggerAndAnUnknownQueryAreInvalidRequests() throws Exception {
    try (BridgeClient main = connect()) {
      long source = csvStream(main);
      Response bad = main.call(obj("{'op':'startStream','plan':" + scan(source) + ",'trigger':{'every':1}}"));
      assertEquals("BRIDGE_INVALID_REQUEST", bad.error().get("errorClass").asText());
      Response unknown = main.call(obj("{'op':'stopQuery','query':'nope'}"));
      assertEquals("BRIDGE_UNKNOWN_HANDLE", unknown.error().get("errorClass").asText());
    }
  }
}
