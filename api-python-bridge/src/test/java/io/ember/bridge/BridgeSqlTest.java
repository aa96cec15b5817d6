package io.ember.bridge;

import static io.ember.bridge.BridgeClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.Session;
import io.ember.bridge.BridgeClient.Response;
import io.ember.core.data.Row;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SQL over the bridge: {@code Sql} plan nodes, {@code sqlExpr} expressions and the temporary-view ops. */
class BridgeSqlTest {
  private static final String RANGE = "{'node':'Range','planId':1,'start':0,'end':5,'step':1,'numPartitions':1}";
  private static Session session;
  private static BridgeTestServer server;

  @BeforeAll
  static void start() throws IOException {
    session = Session.builder().master("local[2]").appName("bridge-sql-test").getOrCreate();
    server = BridgeTestServer.serve(session, "bridge-sql-test");
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    session.stop();
  }

  private static List<Row> rows(Response r) {
    List<Row> out = new ArrayList<>();
    r.batches().forEach(b -> out.addAll(b.toRows()));
    return out;
  }

  @Test
  void aSqlNodeQueriesAViewAndItsColumnsResolveByPlanId() throws IOException {
    try (BridgeClient c = server.connect()) {
      c.callOk("{'op':'createTempView','name':'nums','replace':true,'plan':" + RANGE + "}");
      String sql = "{'node':'Sql','planId':20,'text':'SELECT id * 10 AS t FROM nums WHERE id > 2 ORDER BY t DESC'}";
      String project = "{'node':'Project','planId':21,'child':" + sql
          + ",'projections':[{'expr':'col','name':'t','planId':20}]}";

      Response r = c.callOk("{'op':'collect','plan':" + project + "}");

      assertEquals(List.of(Row.of(40L), Row.of(30L)), rows(r));
    }
  }

  @Test
  void aSqlExprIsTheSqlExpressionTranslator() throws IOException {
    try (BridgeClient c = server.connect()) {
      String project = "{'node':'Project','planId':31,'child':" + RANGE
          + ",'projections':[{'expr':'sqlExpr','text':'id + 1 AS nxt'}]}";
      String filter = "{'node':'Filter','planId':32,'child':" + project
          + ",'condition':{'expr':'sqlExpr','text':'nxt * 2 IN (4, 8)'}}";

      Response r = c.callOk("{'op':'collect','plan':" + filter + "}");

      assertEquals("nxt", r.header().at("/schema/fields/0/name").asText());
      assertEquals(List.of(Row.of(2L), Row.of(4L)), rows(r));
    }
  }

  @Test
  void aSyntaxErrorIsAParseExceptionAtAnalyzeAndAnUnknownTableAnAnalysisException() throws IOException {
    try (BridgeClient c = server.connect()) {
      Response parse = c.call(obj("{'op':'analyze','plan':{'node':'Sql','planId':40,'text':'SELEC 1'}}"));
      Response missing = c.call(obj("{'op':'analyze','plan':{'node':'Sql','planId':41,"
          + "'text':'SELECT * FROM no_such_view'}}"));

      assertFalse(parse.ok());
      assertEquals("io.ember.api.sql.ParseException", parse.error().get("javaClass").asText());
      assertEquals("PARSE_SYNTAX_ERROR", parse.error().get("errorClass").asText());
      assertFalse(missing.ok());
      assertEquals("TABLE_OR_VIEW_NOT_FOUND", missing.error().get("errorClass").asText());
    }
  }

  @Test
  void viewsAreCreatedListedCheckedAndDropped() throws IOException {
    try (BridgeClient c = server.connect()) {
      c.callOk("{'op':'createTempView','name':'Catalog_V','replace':false,'plan':" + RANGE + "}");
      Response again = c.call(obj("{'op':'createTempView','name':'catalog_v','replace':false,'plan':" + RANGE + "}"));
      Response listed = c.callOk("{'op':'listTables'}");
      Response exists = c.callOk("{'op':'tableExists','name':'CATALOG_V'}");
      Response dropped = c.callOk("{'op':'dropTempView','name':'catalog_v'}");
      Response droppedAgain = c.callOk("{'op':'dropTempView','name':'catalog_v'}");
      Response gone = c.callOk("{'op':'tableExists','name':'catalog_v'}");

      assertEquals("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", again.error().get("errorClass").asText());
      List<String> names = new ArrayList<>();
      listed.header().get("tables").forEach(n -> names.add(n.get("name").asText()));
      assertTrue(names.contains("catalog_v"), names.toString());
      assertTrue(exists.header().get("exists").asBoolean());
      assertTrue(dropped.header().get("dropped").asBoolean());
      assertFalse(droppedAgain.header().get("dropped").asBoolean());
      assertFalse(gone.header().get("exists").asBoolean());
    }
  }

  @Test
  void aSqlDataFrameKeepsTheViewItWasCreatedOver() throws IOException {
    try (BridgeClient c = server.connect()) {
      c.callOk("{'op':'createTempView','name':'kept','replace':true,'plan':" + RANGE + "}");
      String sql = "{'node':'Sql','planId':50,'text':'SELECT count(*) AS n FROM kept'}";
      c.callOk("{'op':'analyze','plan':" + sql + "}");
      c.callOk("{'op':'createTempView','name':'kept','replace':true,'plan':"
          + "{'node':'Range','planId':51,'start':0,'end':2,'step':1,'numPartitions':1}}");

      assertEquals(List.of(Row.of(5L)), rows(c.callOk("{'op':'collect','plan':" + sql + "}")));
    }
  }
}
