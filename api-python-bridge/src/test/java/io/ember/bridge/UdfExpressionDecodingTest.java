package io.ember.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.bridge.udf.PythonEvalType;
import io.ember.bridge.udf.PythonUdfBinder;
import io.ember.bridge.udf.PythonUdfExpression;
import io.ember.bridge.udf.PythonWorkerPool;
import io.ember.bridge.udf.WorkerLauncher;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.types.ArrayType;
import io.ember.core.types.DataTypes;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The {@code udf} expression of the plan JSON (no worker is started: nothing is evaluated). */
class UdfExpressionDecodingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PICKLED = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
  private final PythonWorkerPool pool = new PythonWorkerPool(WorkerLauncher.fromEnvironment(), 1);
  private final PlanDecoder decoder = new PlanDecoder(new Handles(), pool);

  @AfterEach
  void close() {
    pool.close();
  }

  private LogicalExpr decodeProjection(String udfJson) throws Exception {
    String plan = "{'node':'Project','planId':7,'projections':[" + udfJson + "],"
        + "'child':{'node':'Range','planId':6,'start':0,'end':3}}";
    LogicalPlan.Project p = assertInstanceOf(LogicalPlan.Project.class,
        decoder.decode(JSON.readTree(plan.replace('\'', '"'))));
    return p.projections().get(0);
  }

  @Test
  void udfBecomesAUserFunctionBoundToAPythonUdfExpression() throws Exception {
    LogicalExpr e = decodeProjection("{'expr':'udf','name':'f','function':'" + PICKLED + "','returnType':"
        + "{'type':'array','elementType':'integer','containsNull':true},'evalType':'vector',"
        + "'args':[{'expr':'col','name':'id','planId':null}]}");
    LogicalExpr.UserFunction u = assertInstanceOf(LogicalExpr.UserFunction.class, e);
    assertEquals("f(id)", u.prettyName());
    assertEquals(List.of(new LogicalExpr.UnresolvedColumn("id", null)), u.args());
    PythonUdfBinder binder = assertInstanceOf(PythonUdfBinder.class, u.binder());
    assertEquals(new ArrayType(DataTypes.INTEGER, true), binder.returnType());
    assertEquals(PythonEvalType.VECTOR, binder.function().evalType());
    assertEquals(true, binder.function().deterministic());
    ColumnRef id = new ColumnRef(0, "id", DataTypes.LONG, false);
    PythonUdfExpression bound = assertInstanceOf(PythonUdfExpression.class, binder.bind(List.of(id)));
    assertEquals("f(id)", bound.sql());
    assertEquals(0, pool.liveWorkers());
  }

  @Test
  void sameFunctionInTwoRequestsKeepsItsId() throws Exception {
    String json = "{'expr':'udf','name':'g','function':'" + PICKLED + "','returnType':'string','evalType':'row',"
        + "'deterministic':false,'args':[]}";
    PythonUdfBinder a = (PythonUdfBinder) ((LogicalExpr.UserFunction) decodeProjection(json)).binder();
    PythonUdfBinder b = (PythonUdfBinder) ((LogicalExpr.UserFunction) decodeProjection(json)).binder();
    assertEquals(a.function(), b.function());
    assertEquals(false, a.function().deterministic());
  }

  @Test
  void malformedUdfsAreInvalidRequests() {
    EmberIllegalArgumentException badBase64 = assertThrows(EmberIllegalArgumentException.class, () ->
        decodeProjection("{'expr':'udf','name':'f','function':'%%%','returnType':'string','evalType':'row','args':[]}"));
    assertEquals("BRIDGE_INVALID_REQUEST", badBase64.errorClass());
    EmberIllegalArgumentException badEval = assertThrows(EmberIllegalArgumentException.class, () ->
        decodeProjection("{'expr':'udf','name':'f','function':'" + PICKLED
            + "','returnType':'string','evalType':'grouped','args':[]}"));
    assertEquals("[BRIDGE_INVALID_REQUEST] Unknown UDF evalType 'grouped'. Known: row, vector.", badEval.getMessage());
    EmberIllegalArgumentException badType = assertThrows(EmberIllegalArgumentException.class, () ->
        decodeProjection("{'expr':'udf','name':'f','function':'" + PICKLED
            + "','returnType':'nope','evalType':'row','args':[]}"));
    assertEquals("BRIDGE_INVALID_TYPE", badType.errorClass());
  }
}
