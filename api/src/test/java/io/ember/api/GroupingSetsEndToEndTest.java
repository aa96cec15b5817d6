package io.ember.api;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.grouping;
import static io.ember.api.functions.grouping_id;
import static io.ember.api.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code rollup}, {@code cube}, {@code grouping} and {@code grouping_id} end to end at local[3], against results
 * worked out by hand from Spark's definitions: a null in the data stays a group of its own, apart from the null of
 * a column aggregated away; aggregates read the data's values; Spark's errors for misused grouping functions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupingSetsEndToEndTest {
  Session session;
  DataFrame df;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[3]").appName(getClass().getSimpleName()).getOrCreate();
    StructType schema = DataTypes.struct(DataTypes.field("k", DataTypes.STRING),
        DataTypes.field("g", DataTypes.INTEGER, false), DataTypes.field("v", DataTypes.LONG));
    df = session.createDataFrame(List.of(Row.of("a", 1, 10L), Row.of("a", 2, 20L), Row.of(null, 1, 5L),
        Row.of("b", 1, null), Row.of("a", 1, 1L)), schema);
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  @Test
  void rollupGivesSubtotalsAndAGrandTotalWithGroupingBits() {
    DataFrame r = df.rollup("k", "g").agg(sum("v"), grouping("k"), grouping("g"), grouping_id());
    assertEquals(List.of("[a,1,11,0,0,0]", "[a,2,20,0,0,0]", "[a,null,31,0,1,1]", "[b,1,null,0,0,0]",
        "[b,null,null,0,1,1]", "[null,1,5,0,0,0]", "[null,null,36,1,1,3]", "[null,null,5,0,1,1]"),
        SetOperationsEndToEndTest.sorted(r));
    assertEquals(List.of("k", "g", "sum(v)", "grouping(k)", "grouping(g)", "grouping_id()"), List.of(r.columns()));
    assertTrue(r.schema().fields().get(1).nullable(), "g is null where it is rolled up");
    assertEquals(DataTypes.INTEGER, r.schema().fields().get(3).dataType());
    assertEquals(DataTypes.LONG, r.schema().fields().get(5).dataType());
  }

  @Test
  void cubeGroupsByEverySubset() {
    DataFrame c = df.cube(col("k"), col("g")).agg(count("*").alias("n"), grouping_id("k", "g").alias("id"));
    assertEquals(List.of("[a,1,2,0]", "[a,2,1,0]", "[a,null,3,1]", "[b,1,1,0]", "[b,null,1,1]", "[null,1,1,0]",
        "[null,1,4,2]", "[null,2,1,2]", "[null,null,1,1]", "[null,null,5,3]"), SetOperationsEndToEndTest.sorted(c));
  }

  @Test
  void groupedDataShortcutsAndExpressionsAsGroupingColumns() {
    assertEquals(List.of("[a,3]", "[b,1]", "[null,1]", "[null,5]"),
        SetOperationsEndToEndTest.sorted(df.rollup("k").count()));
    DataFrame sums = df.rollup(col("g").plus(1).alias("g1")).sum("g");
    assertEquals(List.of("g1", "sum(g)"), List.of(sums.columns()));
    assertEquals(List.of("[2,4]", "[3,2]", "[null,6]"), SetOperationsEndToEndTest.sorted(sums),
        "aggregates read the data's value of a grouping column, not the rolled-up null");
  }

  @Test
  void filtersAndSortsOverGroupingResults() {
    DataFrame totals = df.cube("k", "g").agg(sum("v").alias("s"), grouping_id().alias("id"))
        .filter(col("id").equalTo(2)).orderBy(col("g"));
    assertEquals(List.of("[null,1,16,2]", "[null,2,20,2]"),
        totals.collectAsList().stream().map(String::valueOf).toList());
    DataFrame dataNulls = df.rollup("k").agg(count("*").alias("n"), grouping("k").alias("rolled"))
        .filter(col("k").isNull().and(col("rolled").equalTo(0)));
    assertEquals(List.of("[null,1,0]"), SetOperationsEndToEndTest.sorted(dataNulls));
  }

  @Test
  void emptyInputHasNoGroups() {
    assertEquals(List.of(), df.filter(col("g").gt(5)).rollup("k").count().collectAsList());
  }

  @Test
  void explainShowsTheExpandUnderTheAggregate() {
    String plan = df.rollup("k").count().queryExecution().explain(true);
    assertTrue(plan.contains("Expand"), plan);
    assertTrue(plan.contains("spark_grouping_id"), plan);
    assertFalse(df.groupBy("k").count().queryExecution().explain(true).contains("Expand"));
  }

  @Test
  void misusedGroupingFunctionsAreSparksErrors() {
    AnalysisException notGrouped = assertThrows(AnalysisException.class,
        () -> df.cube("k", "g").agg(grouping("v")).schema());
    assertEquals("GROUPING_COLUMN_MISMATCH", notGrouped.errorClass());
    assertTrue(notGrouped.getMessage().contains("Column of grouping (v) can't be found in grouping columns k,g"),
        notGrouped.getMessage());
    AnalysisException partial = assertThrows(AnalysisException.class,
        () -> df.cube("k", "g").agg(grouping_id("g")).schema());
    assertEquals("GROUPING_ID_COLUMN_MISMATCH", partial.errorClass());
    AnalysisException plain = assertThrows(AnalysisException.class,
        () -> df.groupBy("k").agg(grouping("k")).schema());
    assertEquals("UNSUPPORTED_GROUPING_EXPRESSION", plain.errorClass());
  }
}
