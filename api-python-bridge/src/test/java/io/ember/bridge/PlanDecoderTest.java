package io.ember.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalExpr.Alias;
import io.ember.api.logical.LogicalExpr.Call;
import io.ember.api.logical.LogicalExpr.CaseWhen;
import io.ember.api.logical.LogicalExpr.Cast;
import io.ember.api.logical.LogicalExpr.LiteralValue;
import io.ember.api.logical.LogicalExpr.Operator;
import io.ember.api.logical.LogicalExpr.SortOrder;
import io.ember.api.logical.LogicalExpr.Star;
import io.ember.api.logical.LogicalExpr.UnresolvedColumn;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.Op;
import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanDecoderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Handles handles = new Handles();
  private final PlanDecoder decoder = new PlanDecoder(handles);

  private LogicalPlan decode(String json) throws Exception {
    return decoder.decode(JSON.readTree(json.replace('\'', '"')));
  }

  private static final String RANGE = "{'node':'Range','planId':1,'start':0,'end':10,'step':2,'numPartitions':3}";

  @Test
  void aRangeBecomesTheRangeRecordWithAJvmPlanId() throws Exception {
    LogicalPlan plan = decode(RANGE);

    assertEquals(new LogicalPlan.Range(decoder.planId(1), 0, 10, 2, 3), plan);
  }

  @Test
  void theSameClientPlanIdMapsToTheSameJvmIdAndDifferentOnesApart() {
    assertEquals(decoder.planId(5), decoder.planId(5));
    assertNotEquals(decoder.planId(5), decoder.planId(6));
  }

  @Test
  void aProjectFilterSortLimitTreeDecodesWithItsExpressions() throws Exception {
    LogicalPlan plan = decode("{'node':'Limit','planId':5,'limit':3,'offset':1,'child':"
        + "{'node':'Sort','planId':4,'order':[{'expr':'sort','child':{'expr':'col','name':'id','planId':1},"
        + "'ascending':false,'nullsFirst':false}],'child':"
        + "{'node':'Filter','planId':3,'condition':{'expr':'op','op':'GREATER_THAN','args':["
        + "{'expr':'col','name':'id','planId':null},{'expr':'lit','value':2,'type':'long'}]},'child':"
        + "{'node':'Project','planId':2,'projections':[{'expr':'star','qualifier':null},"
        + "{'expr':'alias','name':'twice','child':{'expr':'op','op':'MULTIPLY','args':["
        + "{'expr':'col','name':'id','planId':null},{'expr':'lit','value':2,'type':'integer'}]}}],'child':"
        + RANGE + "}}}}");

    LogicalPlan range = new LogicalPlan.Range(decoder.planId(1), 0, 10, 2, 3);
    LogicalPlan project = new LogicalPlan.Project(decoder.planId(2), List.of(new Star(null),
        new Alias(new Operator(Op.MULTIPLY, List.of(new UnresolvedColumn("id", null),
            new LiteralValue(2, DataTypes.INTEGER))), "twice")), range);
    LogicalPlan filter = new LogicalPlan.Filter(decoder.planId(3), new Operator(Op.GREATER_THAN,
        List.of(new UnresolvedColumn("id", null), new LiteralValue(2L, DataTypes.LONG))), project);
    LogicalPlan sort = new LogicalPlan.Sort(decoder.planId(4),
        List.of(new SortOrder(new UnresolvedColumn("id", decoder.planId(1)), false, false)), filter);
    assertEquals(new LogicalPlan.Limit(decoder.planId(5), 3, 1, sort), plan);
  }

  @Test
  void aggregateJoinUnionDeduplicateAndAliasDecode() throws Exception {
    String left = "{'node':'SubqueryAlias','planId':11,'alias':'l','child':" + RANGE + "}";
    String right = "{'node':'Deduplicate','planId':12,'keys':['id'],'child':" + RANGE + "}";
    LogicalPlan plan = decode("{'node':'Union','planId':15,'byName':true,'allowMissingColumns':true,'inputs':["
        + "{'node':'Aggregate','planId':14,'grouping':[{'expr':'col','name':'id'}],'aggregates':["
        + "{'expr':'col','name':'id'},{'expr':'call','name':'count','args':[{'expr':'star'}],'distinct':true}],"
        + "'child':{'node':'Join','planId':13,'joinType':'left_outer','condition':null,'usingColumns':['id'],"
        + "'left':" + left + ",'right':" + right + "}}]}");

    LogicalPlan range = new LogicalPlan.Range(decoder.planId(1), 0, 10, 2, 3);
    LogicalPlan join = new LogicalPlan.Join(decoder.planId(13),
        new LogicalPlan.SubqueryAlias(decoder.planId(11), "l", range),
        new LogicalPlan.Deduplicate(decoder.planId(12), List.of("id"), range), "left_outer", null, List.of("id"));
    LogicalPlan agg = new LogicalPlan.Aggregate(decoder.planId(14), List.of(new UnresolvedColumn("id", null)),
        List.of(new UnresolvedColumn("id", null), new Call("count", List.of(new Star(null)), true)), join);
    assertEquals(new LogicalPlan.Union(decoder.planId(15), List.of(agg), true, true), plan);
  }

  @Test
  void castCaseAndTypedLiteralsDecode() throws Exception {
    LogicalPlan plan = decode("{'node':'Project','planId':2,'child':" + RANGE + ",'projections':["
        + "{'expr':'cast','child':{'expr':'col','name':'id'},'to':'decimal(10,2)'},"
        + "{'expr':'case','conditions':[{'expr':'lit','value':true,'type':'boolean'}],"
        + "'values':[{'expr':'lit','value':'2024-02-29','type':'date'}],'otherwise':null},"
        + "{'expr':'lit','value':1700000000123456,'type':'timestamp'},"
        + "{'expr':'lit','value':'12.3','type':'decimal(5,2)'},"
        + "{'expr':'lit','value':'NaN','type':'double'},"
        + "{'expr':'lit','value':[1,null],'type':{'type':'array','elementType':'integer','containsNull':true}},"
        + "{'expr':'lit','value':null,'type':'string'}]}");

    List<LogicalExpr> p = ((LogicalPlan.Project) plan).projections();
    assertEquals(new Cast(new UnresolvedColumn("id", null), DataTypes.decimal(10, 2)), p.get(0));
    assertEquals(new CaseWhen(List.of(new LiteralValue(true, DataTypes.BOOLEAN)),
        List.of(new LiteralValue(LocalDate.of(2024, 2, 29), DataTypes.DATE)), null), p.get(1));
    assertEquals(new LiteralValue(Instant.parse("2023-11-14T22:13:20.123456Z"), DataTypes.TIMESTAMP), p.get(2));
    assertEquals(new LiteralValue(new BigDecimal("12.30"), DataTypes.decimal(5, 2)), p.get(3));
    assertEquals(new LiteralValue(Double.NaN, DataTypes.DOUBLE), p.get(4));
    assertEquals(new LiteralValue(java.util.Arrays.asList(1, null), DataTypes.array(DataTypes.INTEGER)), p.get(5));
    assertEquals(new LiteralValue(null, DataTypes.STRING), p.get(6));
  }

  @Test
  void handlesResolveToTheirSourceAndRows() throws Exception {
    StructType schema = DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER));
    Batch batch = Batch.fromRows(schema, List.of(Row.of(1)));
    long relation = handles.addRelation(new Handles.Relation(schema, List.of(batch)));

    LogicalPlan plan = decode("{'node':'LocalRelation','planId':20,'relation':" + relation + "}");

    assertEquals(new LogicalPlan.LocalRelation(decoder.planId(20), schema, List.of(batch)), plan);
  }

  @Test
  void anUnknownHandleIsNamed() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> decode("{'node':'SourceScan','planId':1,'source':99}"));

    assertEquals("BRIDGE_UNKNOWN_HANDLE", e.errorClass());
    assertTrue(e.getMessage().contains("No source has the handle 99"), e.getMessage());
  }

  @Test
  void anUnknownNodeOrMissingFieldIsAnInvalidRequest() {
    EmberIllegalArgumentException unknown = assertThrows(EmberIllegalArgumentException.class,
        () -> decode("{'node':'Window','planId':1}"));
    EmberIllegalArgumentException missing = assertThrows(EmberIllegalArgumentException.class,
        () -> decode("{'node':'Filter','planId':2,'child':" + RANGE + "}"));
    EmberIllegalArgumentException badOp = assertThrows(EmberIllegalArgumentException.class,
        () -> decode("{'node':'Filter','planId':2,'child':" + RANGE
            + ",'condition':{'expr':'op','op':'XOR','args':[]}}"));

    assertTrue(unknown.getMessage().contains("Unknown plan node 'Window'"), unknown.getMessage());
    assertTrue(missing.getMessage().contains("Field 'condition' of plan node \"Filter\" is missing"),
        missing.getMessage());
    assertTrue(badOp.getMessage().contains("Unknown operator 'XOR'"), badOp.getMessage());
  }

  @Test
  void aLiteralOfTheWrongShapeIsRefused() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> decode("{'node':'Project','planId':2,'child':" + RANGE
            + ",'projections':[{'expr':'lit','value':'soon','type':'date'}]}"));

    assertTrue(e.getMessage().contains("The literal value \"soon\" is not a date"), e.getMessage());
  }

}
