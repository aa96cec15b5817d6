package io.ember.bridge;

import static io.ember.bridge.BridgeClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ember.api.Session;
import io.ember.api.analysis.ResolvedPlan;
import io.ember.bridge.BridgeClient.Response;
import io.ember.bridge.udf.PythonEvalType;
import io.ember.bridge.udf.PythonUdfExpression;
import java.io.IOException;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code registerUdf}: a Python function registered by name is planned, from SQL and {@code sqlExpr}, as the same
 * {@link PythonUdfExpression} a {@code udf} expression gives. Nothing is evaluated (no Python worker starts); the
 * pytest suite runs registered functions end to end.
 */
class BridgeUdfRegisterTest {
  private static final String PICKLED = Base64.getEncoder().encodeToString(new byte[] {4, 5, 6});
  private static final String RANGE = "{'node':'Range','planId':1,'start':0,'end':5,'step':1,'numPartitions':1}";
  private static Session base;
  private static Session session;
  private static BridgeTestServer server;

  /** The functions are registered in a session of their own; stopping the base session stops the runtime. */
  @BeforeAll
  static void start() throws IOException {
    base = Session.builder().master("local[2]").appName("bridge-udf-register-test").getOrCreate();
    session = base.newSession();
    server = BridgeTestServer.serve(session, "bridge-udf-register-test");
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    base.stop();
  }

  private static String register(String name, String evalType, String returnType) {
    return "{'op':'registerUdf','name':'" + name + "','udf':{'name':'" + name + "','function':'" + PICKLED
        + "','returnType':" + returnType + ",'evalType':'" + evalType + "','deterministic':true}}";
  }

  @Test
  void aRegisteredFunctionIsPlannedFromSqlAsAPythonUdf() throws IOException {
    try (BridgeClient c = server.connect()) {
      c.callOk("{'op':'createTempView','name':'nums','replace':true,'plan':" + RANGE + "}");
      c.callOk(register("py_twice", "vector", "'long'"));

      Response analyzed = c.callOk("{'op':'analyze','plan':{'node':'Sql','planId':40,"
          + "'text':'SELECT PY_TWICE(id) AS t FROM nums'}}");
      JsonNode field = analyzed.header().get("schema").get("fields").get(0);
      assertEquals("t", field.get("name").asText());
      assertEquals("long", field.get("type").asText());

      Response viaExpr = c.callOk("{'op':'analyze','plan':{'node':'Project','planId':41,'child':" + RANGE
          + ",'projections':[{'expr':'sqlExpr','text':'py_twice(id)'}]}}");
      assertEquals("py_twice(id)", viaExpr.header().get("schema").get("fields").get(0).get("name").asText());

      assertTrue(c.callOk("{'op':'functionExists','name':'Py_Twice'}").header().get("exists").asBoolean());
      assertFalse(c.callOk("{'op':'functionExists','name':'py_thrice'}").header().get("exists").asBoolean());
      assertEquals("py_twice", c.callOk("{'op':'listFunctions'}").header().get("names").get(0).asText());
    }
    ResolvedPlan.Project p = assertInstanceOf(ResolvedPlan.Project.class,
        session.sql("SELECT py_twice(id) FROM nums").queryExecution().analyzed());
    PythonUdfExpression udf = assertInstanceOf(PythonUdfExpression.class, p.exprs().get(0));
    assertEquals(PythonEvalType.VECTOR, udf.function().evalType());
    assertEquals("py_twice", udf.function().name());
  }

  @Test
  void unknownNamesAndRefusedNamesAreTypedErrors() throws IOException {
    try (BridgeClient c = server.connect()) {
      c.callOk(register("py_len", "row", "'integer'"));
      Response unknown = c.call(obj("{'op':'analyze','plan':{'node':'Sql','planId':50,"
          + "'text':'SELECT py_lenn(1)'}}"));
      assertFalse(unknown.ok());
      assertEquals("UNRESOLVED_ROUTINE", unknown.error().get("errorClass").asText());
      assertTrue(unknown.error().get("message").asText().contains("Did you mean `py_len`?"), unknown.error().toString());

      Response refused = c.call(obj(register("max", "row", "'integer'")));
      assertFalse(refused.ok());
      assertEquals("INVALID_UDF_NAME", refused.error().get("errorClass").asText());

      Response badType = c.call(obj(register("py_bad", "grouped", "'integer'")));
      assertFalse(badType.ok());
      assertEquals("BRIDGE_INVALID_REQUEST", badType.error().get("errorClass").asText());
    }
  }
}
