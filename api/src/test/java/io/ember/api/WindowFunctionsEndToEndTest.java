package io.ember.api;

import static io.ember.api.functions.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.api.expressions.Window;
import io.ember.api.expressions.WindowSpec;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Window functions through the DataFrame API; every expected row is worked out by hand from Spark's
 * documented semantics (default frames, ties, nulls, lag/lead defaults, ntile's distribution).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WindowFunctionsEndToEndTest {
  Session session;
  DataFrame emp;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[4]").appName("window-functions").getOrCreate();
    StructType schema = DataTypes.struct(DataTypes.field("dept", DataTypes.STRING),
        DataTypes.field("name", DataTypes.STRING), DataTypes.field("salary", DataTypes.LONG));
    emp = session.createDataFrame(List.of(Row.of("sales", "a", 100L), Row.of("sales", "b", 200L),
        Row.of("sales", "c", 200L), Row.of("sales", "d", null), Row.of("eng", "e", 300L), Row.of("eng", "f", 150L),
        Row.of(null, "g", 50L)), schema);
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private static List<List<Object>> rows(DataFrame df) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : df.orderBy("name").collectAsList()) {
      out.add(Arrays.asList(r.toArray()));
    }
    return out;
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void rankingFunctionsShareRanksOnTies() {
    WindowSpec bySalary = Window.partitionBy("dept").orderBy(col("salary").desc());
    DataFrame df = emp.select(col("name"), rank().over(bySalary).as("r"), dense_rank().over(bySalary).as("dr"),
        row_number().over(Window.partitionBy("dept").orderBy(col("salary").desc(), col("name"))).as("rn"));
    assertEquals(List.of(row("a", 3, 2, 3), row("b", 1, 1, 1), row("c", 1, 1, 2), row("d", 4, 3, 4),
        row("e", 1, 1, 1), row("f", 2, 2, 2), row("g", 1, 1, 1)), rows(df));
  }

  @Test
  void aggregatesUseSparksDefaultFrames() {
    DataFrame df = emp.select(col("name"),
        sum("salary").over(Window.partitionBy("dept").orderBy("salary")).as("running"),
        sum("salary").over(Window.partitionBy("dept")).as("total"),
        avg("salary").over(Window.partitionBy("dept").orderBy("name").rowsBetween(-1, Window.currentRow())).as("avg2"),
        sum("salary").over(Window.partitionBy("dept").orderBy("salary").rangeBetween(-100, 0)).as("within100"));
    assertEquals(List.of(row("a", 100L, 500L, 100.0, 100L), row("b", 500L, 500L, 150.0, 500L),
        row("c", 500L, 500L, 200.0, 500L), row("d", null, 500L, 200.0, null), row("e", 450L, 450L, 300.0, 300L),
        row("f", 150L, 450L, 225.0, 150L), row("g", 50L, 50L, 50.0, 50L)), rows(df));
  }

  @Test
  void lagAndLeadWithDefaultsAndWithColumn() {
    WindowSpec byName = Window.partitionBy("dept").orderBy("name");
    DataFrame df = emp.withColumn("prev", lag("salary", 1).over(byName))
        .withColumn("next", lead(col("salary"), 1, 0).over(byName)).drop("dept", "salary");
    assertEquals(List.of(row("a", null, 200L), row("b", 100L, 200L), row("c", 200L, null), row("d", 200L, 0L),
        row("e", null, 150L), row("f", 300L, 0L), row("g", null, 0L)), rows(df));
  }

  @Test
  void withoutPartitionTheWholeInputIsOnePartition() {
    WindowSpec all = Window.orderBy("name");
    DataFrame df = emp.select(col("name"), ntile(3).over(all).as("t"), percent_rank().over(all).as("pr"),
        cume_dist().over(all).as("cd"), count("*").over().as("n"));
    assertEquals(List.of(row("a", 1, 0.0, 1 / 7.0, 7L), row("b", 1, 1 / 6.0, 2 / 7.0, 7L),
        row("c", 1, 2 / 6.0, 3 / 7.0, 7L), row("d", 2, 3 / 6.0, 4 / 7.0, 7L), row("e", 2, 4 / 6.0, 5 / 7.0, 7L),
        row("f", 3, 5 / 6.0, 6 / 7.0, 7L), row("g", 3, 1.0, 1.0, 7L)), rows(df));
  }

  @Test
  void expressionsOverWindowResultsAndSparkColumnNames() {
    DataFrame df = emp.select(col("name"), rank().over(Window.partitionBy("dept").orderBy("salary")).plus(10),
        sum("salary").over(Window.partitionBy("dept").orderBy("salary")));
    assertEquals(List.of("name",
        "(rank() OVER (PARTITION BY dept ORDER BY salary ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT"
            + " ROW) + 10)",
        "sum(salary) OVER (PARTITION BY dept ORDER BY salary ASC NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND"
            + " CURRENT ROW)"), Arrays.asList(df.columns()));
    assertEquals(row("d", 11, null), rows(df).get(3));
    assertEquals(row("f", 11, 150L), rows(df).get(5));
  }

  private static String errorOf(Runnable r) {
    return assertThrows(AnalysisException.class, r::run).errorClass();
  }

  @Test
  void misusesFailWithSparksErrors() {
    WindowSpec unordered = Window.partitionBy("dept");
    assertEquals("WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE", errorOf(() -> emp.select(row_number()).collectAsList()));
    assertEquals("_LEGACY_ERROR_TEMP_1037", errorOf(() -> emp.select(rank().over(unordered)).collectAsList()));
    assertEquals("_LEGACY_ERROR_TEMP_1036", errorOf(() -> emp.select(
        rank().over(Window.orderBy("salary").rowsBetween(-1, 1))).collectAsList()));
    assertEquals("DISTINCT_WINDOW_FUNCTION_UNSUPPORTED", errorOf(() -> emp.select(
        countDistinct(col("salary")).over(unordered)).collectAsList()));
    assertEquals("DATATYPE_MISMATCH.RANGE_FRAME_MULTI_ORDER", errorOf(() -> emp.select(
        sum("salary").over(Window.orderBy("salary", "name").rangeBetween(-1, 1))).collectAsList()));
    assertEquals("DATATYPE_MISMATCH.RANGE_FRAME_INVALID_TYPE", errorOf(() -> emp.select(
        sum("salary").over(Window.orderBy("name").rangeBetween(-1, 1))).collectAsList()));
    assertEquals("UNSUPPORTED_EXPR_FOR_OPERATOR", errorOf(() -> emp.filter(
        row_number().over(Window.orderBy("name")).gt(1)).collectAsList()));
  }
}
