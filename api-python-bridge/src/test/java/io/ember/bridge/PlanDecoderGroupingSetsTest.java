package io.ember.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ember.api.logical.LogicalExpr.Call;
import io.ember.api.logical.LogicalExpr.UnresolvedColumn;
import io.ember.api.logical.LogicalPlan;
import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code GroupingSets} plan node of {@code rollup}/{@code cube} (PROTOCOL.md). */
class PlanDecoderGroupingSetsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RANGE = "{'node':'Range','planId':1,'start':0,'end':10}";
  private final PlanDecoder decoder = new PlanDecoder(new Handles());

  private LogicalPlan decode(String json) throws Exception {
    return decoder.decode(JSON.readTree(json.replace('\'', '"')));
  }

  @Test
  void decodesGroupingExpressionsAndTheirSets() throws Exception {
    LogicalPlan plan = decode("{'node':'GroupingSets','planId':2,'child':" + RANGE + ","
        + "'grouping':[{'expr':'col','name':'id'}],'sets':[[0],[]],"
        + "'aggregates':[{'expr':'col','name':'id'},{'expr':'call','name':'grouping','args':[{'expr':'col','name':'id'}],"
        + "'distinct':false}]}");
    UnresolvedColumn id = new UnresolvedColumn("id", null);
    assertEquals(new LogicalPlan.GroupingSets(decoder.planId(2), List.of(id), List.of(List.of(0), List.of()),
        List.of(id, new Call("grouping", List.of(id), false)), new LogicalPlan.Range(decoder.planId(1), 0, 10, 1, 0)),
        plan);
  }

  @Test
  void refusesAnIndexOutsideTheGroupingExpressions() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class, () -> decode(
        "{'node':'GroupingSets','planId':2,'child':" + RANGE + ",'grouping':[{'expr':'col','name':'id'}],"
            + "'sets':[[1]],'aggregates':[]}"));
    assertEquals("BRIDGE_INVALID_REQUEST", e.errorClass());
  }
}
