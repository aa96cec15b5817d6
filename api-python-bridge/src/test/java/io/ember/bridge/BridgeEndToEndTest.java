package io.ember.bridge;

import static io.ember.bridge.BridgeClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ember.api.Session;
import io.ember.bridge.BridgeClient.Response;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bridge served in-process on a thread, driven over a real loopback socket as the Python package drives it. */
class BridgeEndToEndTest {
  private static final String TOKEN = "0123456789abcdef0123456789abcdef";
  private static final AtomicInteger STOPS = new AtomicInteger();
  private static Session session;
  private static BridgeServer server;

  @TempDir
  static Path dir;

  @BeforeAll
  static void start() throws IOException {
    session = Session.builder().master("local[2]").appName("bridge-test").getOrCreate();
    server = BridgeServer.bind(session, TOKEN, STOPS::incrementAndGet);
    Thread t = new Thread(server::serve, "bridge-test-server");
    t.setDaemon(true);
    t.start();
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    session.stop();
  }

  private static BridgeClient connect() throws IOException {
    BridgeClient c = new BridgeClient(server.port());
    JsonNode hello = c.handshake(TOKEN, BridgeServer.PROTOCOL_VERSION);
    assertTrue(hello.path("ok").asBoolean(), hello.toString());
    return c;
  }

  private static List<Row> rows(Response r) {
    List<Row> out = new ArrayList<>();
    r.batches().forEach(b -> out.addAll(b.toRows()));
    return out;
  }

  private static long readPeople(BridgeClient c) throws IOException {
    Path csv = dir.resolve("people.csv");
    Files.writeString(csv, "name,age\nann,30\nbob,\ncid,25\n");
    ObjectNode read = obj("{'op':'read','format':'csv','options':{'header':'true','inferSchema':'true'}}");
    read.putArray("paths").add(csv.toString());
    Response r = c.call(read);
    assertTrue(r.ok(), r.header().toString());
    assertEquals("{\"type\":\"struct\",\"fields\":[{\"name\":\"name\",\"type\":\"string\",\"nullable\":true,"
        + "\"metadata\":{}},{\"name\":\"age\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}}]}",
        r.header().get("schema").toString());
    return r.header().get("source").asLong();
  }

  private static String scan(long source) {
    return "{'node':'SourceScan','planId':100,'source':" + source + "}";
  }

  @Test
  void theHandshakeReportsProtocolVersionAndParallelism() throws IOException {
    try (BridgeClient c = new BridgeClient(server.port())) {
      JsonNode hello = c.handshake(TOKEN, 1);

      assertEquals(1, hello.get("protocol").asInt());
      assertEquals(session.version(), hello.get("version").asText());
      assertEquals(2, hello.get("defaultParallelism").asInt());
    }
  }

  @Test
  void aClientWithAWrongTokenIsRefusedAndDisconnected() throws IOException {
    try (BridgeClient c = new BridgeClient(server.port())) {
      JsonNode hello = c.handshake("not-the-token", 1);

      assertFalse(hello.path("ok").asBoolean());
      assertEquals("BRIDGE_HANDSHAKE_REFUSED", hello.path("error").path("errorClass").asText());
      assertTrue(hello.path("error").path("message").asText().contains("Wrong bridge token"));
      assertNull(c.readFrame(), "the server closes the connection");
    }
  }

  @Test
  void aClientOfAnotherProtocolVersionIsRefused() throws IOException {
    try (BridgeClient c = new BridgeClient(server.port())) {
      JsonNode hello = c.handshake(TOKEN, 2);

      assertFalse(hello.path("ok").asBoolean());
      assertTrue(hello.path("error").path("message").asText().contains("this bridge speaks protocol 1"));
      assertNull(c.readFrame());
    }
  }

  @Test
  void aCsvIsReadAnalyzedCollectedCountedAndShown() throws IOException {
    try (BridgeClient c = connect()) {
      long source = readPeople(c);
      String adults = "{'node':'Filter','planId':101,'child':" + scan(source) + ",'condition':{'expr':'op',"
          + "'op':'GREATER_THAN','args':[{'expr':'col','name':'age'},{'expr':'lit','value':26,'type':'integer'}]}}";
      String upper = "{'node':'Project','planId':102,'child':" + scan(source) + ",'projections':[{'expr':'call',"
          + "'name':'upper','args':[{'expr':'col','name':'name','planId':100}],'distinct':false},"
          + "{'expr':'col','name':'age'}]}";

      Response analyzed = c.call(obj("{'op':'analyze','plan':" + upper + "}"));
      Response collected = c.call(obj("{'op':'collect','plan':" + upper + "}"));
      Response limited = c.call(obj("{'op':'collect','limit':1,'plan':" + adults + "}"));
      Response counted = c.call(obj("{'op':'count','plan':" + scan(source) + "}"));
      Response shown = c.call(obj("{'op':'show','n':2,'truncate':20,'vertical':false,'plan':" + scan(source) + "}"));

      assertEquals("upper(name)", analyzed.header().at("/schema/fields/0/name").asText());
      assertEquals(List.of(Row.of("ANN", 30), Row.of("BOB", null), Row.of("CID", 25)), rows(collected));
      assertEquals(List.of(Row.of("ann", 30)), rows(limited));
      assertEquals(3, counted.header().get("count").asLong());
      assertEquals("+----+----+\n|name| age|\n+----+----+\n| ann|  30|\n| bob|NULL|\n+----+----+\n"
          + "only showing top 2 rows\n", shown.header().get("text").asText());
    }
  }

  @Test
  void anUnknownColumnIsAnAnalysisExceptionAndTheConnectionStaysUsable() throws IOException {
    try (BridgeClient c = connect()) {
      long source = readPeople(c);
      String bad = "{'node':'Project','planId':103,'child':" + scan(source)
          + ",'projections':[{'expr':'col','name':'agee'}]}";

      Response error = c.call(obj("{'op':'collect','plan':" + bad + "}"));
      Response after = c.call(obj("{'op':'count','plan':" + scan(source) + "}"));

      assertFalse(error.ok());
      assertEquals("io.ember.core.errors.AnalysisException", error.error().get("javaClass").asText());
      assertEquals("UNRESOLVED_COLUMN.WITH_SUGGESTION", error.error().get("errorClass").asText());
      assertTrue(error.error().get("message").asText().startsWith(
          "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `agee` cannot be resolved."),
          error.error().get("message").asText());
      assertTrue(error.error().get("stackTrace").asText().contains("at io.ember.api.analysis."));
      assertEquals(3, after.header().get("count").asLong());
    }
  }

  @Test
  void aWrittenCsvReadsBackWithTheSameRows() throws IOException {
    try (BridgeClient c = connect()) {
      long source = readPeople(c);
      Path out = dir.resolve("out");
      ObjectNode write = obj("{'op':'write','format':'csv','mode':'overwrite','options':{'header':'true'},"
          + "'partitionBy':[],'plan':" + scan(source) + "}");
      write.put("path", out.toString());

      Response written = c.call(write);
      ObjectNode reread = obj("{'op':'read','format':'csv','schema':'name STRING, age INT','options':{'header':'true'}}");
      reread.putArray("paths").add(out.toString());
      long again = c.call(reread).header().get("source").asLong();
      String sorted = "{'node':'Sort','planId':104,'child':" + scan(again) + ",'order':[{'expr':'sort',"
          + "'child':{'expr':'col','name':'name'},'ascending':true,'nullsFirst':true}]}";
      Response back = c.call(obj("{'op':'collect','plan':" + sorted + "}"));

      assertTrue(written.ok(), written.header().toString());
      assertTrue(Files.exists(out.resolve("_SUCCESS")));
      assertEquals(List.of(Row.of("ann", 30), Row.of("bob", null), Row.of("cid", 25)), rows(back));
    }
  }

  @Test
  void rowsSentWithCreateDataFrameComeBackFromCollect() throws IOException {
    StructType schema = DataTypes.struct(DataTypes.field("word", DataTypes.STRING),
        DataTypes.field("tags", DataTypes.array(DataTypes.INTEGER)), DataTypes.field("price", DataTypes.decimal(6, 2)));
    List<Row> first = List.of(Row.of("a", Arrays.asList(1, null), new java.math.BigDecimal("1.50")));
    List<Row> second = List.of(Row.of(null, null, null), Row.of("c", List.of(), new java.math.BigDecimal("-2.00")));
    try (BridgeClient c = connect()) {
      ObjectNode create = obj("{'op':'createDataFrame'}");
      create.set("schema", TypeCodec.schemaJson(schema));

      Response created = c.call(create, Batch.fromRows(schema, first), Batch.fromRows(schema, second));
      long relation = created.header().get("relation").asLong();
      Response collected = c.call(obj("{'op':'collect','plan':{'node':'LocalRelation','planId':105,'relation':"
          + relation + "}}"));

      List<Row> all = new ArrayList<>(first);
      all.addAll(second);
      assertEquals(TypeCodec.schemaJson(schema), collected.header().get("schema"));
      assertEquals(all, rows(collected));
    }
  }

  @Test
  void aNullInANonNullableColumnOfCreateDataFrameIsRefused() throws IOException {
    StructType nullable = DataTypes.struct(DataTypes.field("id", DataTypes.LONG));
    StructType declared = DataTypes.struct(DataTypes.field("id", DataTypes.LONG, false));
    try (BridgeClient c = connect()) {
      ObjectNode create = obj("{'op':'createDataFrame'}");
      create.set("schema", TypeCodec.schemaJson(declared));

      Response refused = c.call(create, Batch.fromRows(nullable, List.of(Row.of(1L), Row.of((Object) null))));

      assertEquals("FIELD_NOT_NULLABLE_WITH_NAME", refused.error().get("errorClass").asText());
      assertEquals("[FIELD_NOT_NULLABLE_WITH_NAME] Field `id` is not nullable, but got None.",
          refused.error().get("message").asText());
    }
  }

  @Test
  void explainAndConfOpsAnswer() throws IOException {
    String range = "{'node':'Range','planId':106,'start':0,'end':5,'step':1,'numPartitions':0}";
    try (BridgeClient c = connect()) {
      Response simple = c.call(obj("{'op':'explain','mode':'simple','plan':" + range + "}"));
      Response extended = c.call(obj("{'op':'explain','mode':'extended','plan':" + range + "}"));
      Response badMode = c.call(obj("{'op':'explain','mode':'cost','plan':" + range + "}"));
      c.call(obj("{'op':'confSet','key':'spark.sql.shuffle.partitions','value':'7'}"));
      Response got = c.call(obj("{'op':'confGet','key':'spark.sql.shuffle.partitions'}"));
      Response all = c.call(obj("{'op':'confGetAll'}"));
      c.call(obj("{'op':'confUnset','key':'spark.sql.shuffle.partitions'}"));
      Response unsetWithDefault = c.call(obj("{'op':'confGet','key':'my.key','value':null}"));
      Response unknown = c.call(obj("{'op':'confGet','key':'my.key'}"));

      assertTrue(simple.header().get("text").asText().startsWith("== Physical Plan =="));
      assertTrue(extended.header().get("text").asText().startsWith("== Parsed Logical Plan =="));
      assertEquals("INVALID_EXPLAIN_MODE", badMode.error().get("errorClass").asText());
      assertEquals("7", got.header().get("value").asText());
      assertEquals("7", all.header().at("/values/spark.sql.shuffle.partitions").asText());
      assertTrue(unsetWithDefault.header().get("value").isNull());
      assertEquals("SQL_CONF_NOT_FOUND", unknown.error().get("errorClass").asText());
    }
  }

  @Test
  void anUnknownOpAndMalformedJsonAreErrorsForThatRequestOnly() throws IOException {
    try (BridgeClient c = connect()) {
      Response unknown = c.call(obj("{'op':'teleport'}"));
      c.send(BridgeClient.JSON.readTree("[1, 2]"));
      Response notAnObject = c.readResponse(0);
      Response count = c.call(obj("{'op':'count','plan':{'node':'Range','planId':107,'start':0,'end':4}}"));

      assertEquals("BRIDGE_INVALID_REQUEST", unknown.error().get("errorClass").asText());
      assertTrue(unknown.error().get("message").asText().contains("Unknown op 'teleport'"));
      assertFalse(notAnObject.ok());
      assertEquals(4, count.header().get("count").asLong());
    }
  }

  @Test
  void stopIsAnsweredThenTheStopActionRuns() throws IOException {
    int before = STOPS.get();
    try (BridgeClient c = connect()) {
      Response stopped = c.call(obj("{'op':'stop'}"));

      assertTrue(stopped.ok());
      assertNull(c.readFrame(), "the server ends the connection after stop");
    }
    assertEquals(before + 1, STOPS.get());
  }
}
