package io.ember.operators.aggregate;

import static io.ember.operators.aggregate.AggTestSupport.fn;
import static io.ember.operators.aggregate.AggTestSupport.global;
import static io.ember.operators.aggregate.AggTestSupport.globalLegacy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.core.errors.EmberArithmeticException;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateFunctionSemanticsTest {
  private static final StructType NUMS = DataTypes.struct(DataTypes.field("i", DataTypes.INTEGER),
      DataTypes.field("l", DataTypes.LONG), DataTypes.field("d", DataTypes.DOUBLE),
      DataTypes.field("m", DataTypes.decimal(5, 2)), DataTypes.field("s", DataTypes.STRING),
      DataTypes.field("dt", DataTypes.DATE));

  private static List<Row> numRows() {
    return List.of(
        Row.of(1, 10L, 1.5, new BigDecimal("1.25"), "pear", LocalDate.of(2024, 3, 1)),
        Row.of(null, null, null, null, null, null),
        Row.of(4, 30L, -2.0, new BigDecimal("2.50"), "apple", LocalDate.of(2023, 1, 9)),
        Row.of(2, 20L, 0.5, new BigDecimal("0.01"), "zoo", LocalDate.of(2025, 12, 31)));
  }

  @Test
  void countSkipsNullsAndCountStarCountsEveryRow() {
    Row r = global(NUMS, numRows(), fn(NUMS, "count", "i"), AggregateFunctions.countStar(),
        fn(NUMS, "count", "i", "s"));
    assertEquals(Row.of(3L, 4L, 3L), r);
  }

  @Test
  void emptyInputGivesZeroCountsEmptyArraysAndNullOthers() {
    Row r = global(NUMS, List.of(), fn(NUMS, "count", "i"), fn(NUMS, "sum", "l"), fn(NUMS, "avg", "d"),
        fn(NUMS, "min", "s"), fn(NUMS, "max", "dt"), fn(NUMS, "first", "i"), fn(NUMS, "collect_list", "i"),
        fn(NUMS, "collect_set", "s"), fn(NUMS, "stddev", "d"), fn(NUMS, "approx_count_distinct", "s"),
        AggregateFunctions.build("count", AggTestSupport.cols(NUMS, "i"), true));
    assertEquals(Row.of(0L, null, null, null, null, null, List.of(), List.of(), null, 0L, 0L), r);
  }

  @Test
  void sumHasSparkResultTypes() {
    assertEquals(DataTypes.LONG, fn(NUMS, "sum", "i").resultType());
    assertEquals(DataTypes.LONG, fn(NUMS, "sum", "l").resultType());
    assertEquals(DataTypes.DOUBLE, fn(NUMS, "sum", "d").resultType());
    assertEquals(DataTypes.decimal(15, 2), fn(NUMS, "sum", "m").resultType());
    assertEquals(DataTypes.decimal(38, 2), new SumFunction(new Literal(null, DataTypes.decimal(35, 2))).resultType());
    Row r = global(NUMS, numRows(), fn(NUMS, "sum", "i"), fn(NUMS, "sum", "l"), fn(NUMS, "sum", "d"),
        fn(NUMS, "sum", "m"));
    assertEquals(Row.of(7L, 60L, 0.0, new BigDecimal("3.76")), r);
  }

  @Test
  void sumOfLongsOverflowsWithAnsiErrorAndWrapsInLegacyMode() {
    StructType t = DataTypes.struct(DataTypes.field("l", DataTypes.LONG));
    List<Row> rows = List.of(Row.of(Long.MAX_VALUE), Row.of(1L), Row.of(1L));
    EmberArithmeticException e = assertThrows(EmberArithmeticException.class, () -> global(t, rows, fn(t, "sum", "l")));
    assertEquals("ARITHMETIC_OVERFLOW", e.errorClass());
    assertTrue(e.getMessage().startsWith("[ARITHMETIC_OVERFLOW] long overflow."), e.getMessage());
    assertTrue(e.getMessage().contains("\"spark.sql.ansi.enabled\""), e.getMessage());
    assertEquals(Row.of(Long.MIN_VALUE + 1), globalLegacy(t, rows, fn(t, "sum", "l")));
  }

  @Test
  void sumOfDecimalsOverflowingTheirTypeFailsInAnsiAndIsNullInLegacy() {
    StructType t = DataTypes.struct(DataTypes.field("m", DataTypes.decimal(38, 0)));
    BigDecimal big = new BigDecimal("9".repeat(38));
    List<Row> rows = List.of(Row.of(big), Row.of(BigDecimal.ONE));
    EmberArithmeticException e = assertThrows(EmberArithmeticException.class, () -> global(t, rows, fn(t, "sum", "m")));
    assertEquals("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", e.errorClass());
    assertEquals(Row.of((Object) null), globalLegacy(t, rows, fn(t, "sum", "m")));
  }

  @Test
  void avgIsDoubleOrWiderDecimal() {
    assertEquals(DataTypes.DOUBLE, fn(NUMS, "avg", "i").resultType());
    assertEquals(DataTypes.decimal(9, 6), fn(NUMS, "mean", "m").resultType());
    Row r = global(NUMS, numRows(), fn(NUMS, "avg", "i"), fn(NUMS, "avg", "l"), fn(NUMS, "mean", "m"));
    assertEquals(Row.of(7.0 / 3, 20.0, new BigDecimal("1.253333")), r);
  }

  @Test
  void minAndMaxOrderNumbersStringsDatesAndDecimals() {
    Row r = global(NUMS, numRows(), fn(NUMS, "min", "i"), fn(NUMS, "max", "l"), fn(NUMS, "min", "d"),
        fn(NUMS, "max", "m"), fn(NUMS, "min", "s"), fn(NUMS, "max", "s"), fn(NUMS, "min", "dt"),
        fn(NUMS, "max", "dt"));
    assertEquals(Row.of(1, 30L, -2.0, new BigDecimal("2.50"), "apple", "zoo", LocalDate.of(2023, 1, 9),
        LocalDate.of(2025, 12, 31)), r);
  }

  @Test
  void maxOfDoublesTreatsNaNAsLargest() {
    StructType t = DataTypes.struct(DataTypes.field("d", DataTypes.DOUBLE));
    Row r = global(t, List.of(Row.of(1.0), Row.of(Double.NaN), Row.of(-0.0)), fn(t, "max", "d"), fn(t, "min", "d"));
    assertTrue(Double.isNaN((Double) r.get(0)));
    assertEquals(-0.0, (Double) r.get(1));
  }

  @Test
  void firstAndLastTakeRowsInOrderAndCanIgnoreNulls() {
    StructType t = DataTypes.struct(DataTypes.field("s", DataTypes.STRING));
    List<Row> rows = Arrays.asList(Row.of((Object) null), Row.of("a"), Row.of("b"), Row.of((Object) null));
    Literal yes = new Literal(true, DataTypes.BOOLEAN);
    AggregateFunction firstIgnoring = AggregateFunctions.build("first", List.of(AggTestSupport.col(t, "s"), yes), false);
    AggregateFunction lastIgnoring = AggregateFunctions.build("last_value", List.of(AggTestSupport.col(t, "s"), yes), false);
    Row r = global(t, rows, fn(t, "first", "s"), firstIgnoring, fn(t, "last", "s"), lastIgnoring);
    assertEquals(Arrays.asList(null, "a", null, "b"), Arrays.asList(r.get(0), r.get(1), r.get(2), r.get(3)));
  }

  @Test
  void collectListKeepsOrderAndCollectSetDeduplicatesBothSkippingNulls() {
    StructType t = DataTypes.struct(DataTypes.field("i", DataTypes.INTEGER));
    List<Row> rows = Arrays.asList(Row.of(3), Row.of((Object) null), Row.of(1), Row.of(3), Row.of(2));
    Row r = global(t, rows, fn(t, "collect_list", "i"), fn(t, "collect_set", "i"));
    assertEquals(List.of(3, 1, 3, 2), r.get(0));
    assertEquals(List.of(3, 1, 2), r.get(1));
    assertEquals(DataTypes.array(DataTypes.INTEGER).elementType(), ((io.ember.core.types.ArrayType) fn(t, "collect_list", "i").resultType()).elementType());
  }

  @Test
  void varianceAndStddevFollowSparkIncludingSmallSamples() {
    StructType t = DataTypes.struct(DataTypes.field("d", DataTypes.DOUBLE));
    List<Row> rows = List.of(Row.of(2.0), Row.of(4.0), Row.of(4.0), Row.of(4.0), Row.of(5.0), Row.of(5.0),
        Row.of(7.0), Row.of(9.0));
    Row r = global(t, rows, fn(t, "var_pop", "d"), fn(t, "stddev_pop", "d"), fn(t, "variance", "d"),
        fn(t, "stddev", "d"), fn(t, "std", "d"), fn(t, "var_samp", "d"), fn(t, "stddev_samp", "d"));
    assertEquals(4.0, r.getDouble(0), 1e-12);
    assertEquals(2.0, r.getDouble(1), 1e-12);
    assertEquals(32.0 / 7, r.getDouble(2), 1e-12);
    assertEquals(Math.sqrt(32.0 / 7), r.getDouble(3), 1e-12);
    assertEquals(r.getDouble(3), r.getDouble(4));
    assertEquals(r.getDouble(2), r.getDouble(5));
    assertEquals(r.getDouble(3), r.getDouble(6));
    Row one = global(t, List.of(Row.of(3.0)), fn(t, "var_samp", "d"), fn(t, "stddev_samp", "d"),
        fn(t, "var_pop", "d"), fn(t, "stddev_pop", "d"));
    assertEquals(Arrays.asList(null, null, 0.0, 0.0), Arrays.asList(one.get(0), one.get(1), one.get(2), one.get(3)));
  }

  @Test
  void distinctAggregatesSkipRowsWithANullAndCountTuples() {
    StructType t = DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER), DataTypes.field("b", DataTypes.STRING));
    List<Row> rows = Arrays.asList(Row.of(1, "x"), Row.of(1, "x"), Row.of(1, "y"), Row.of(2, null),
        Row.of(null, "x"), Row.of(2, "x"), Row.of(3, "x"));
    Row r = global(t, rows,
        AggregateFunctions.build("countDistinct", AggTestSupport.cols(t, "a", "b"), false),
        AggregateFunctions.build("count", AggTestSupport.cols(t, "a"), true),
        AggregateFunctions.build("sum", AggTestSupport.cols(t, "a"), true),
        AggregateFunctions.build("avg", AggTestSupport.cols(t, "a"), true));
    assertEquals(Row.of(4L, 3L, 6L, 2.0), r);
  }

  @Test
  void sumAndAvgOfStringsCastThemToDouble() {
    StructType t = DataTypes.struct(DataTypes.field("s", DataTypes.STRING));
    List<Row> rows = Arrays.asList(Row.of("1.5"), Row.of((Object) null), Row.of("2"));
    assertEquals(Row.of(3.5, 1.75), global(t, rows, fn(t, "sum", "s"), fn(t, "avg", "s")));
  }

  @Test
  void globalAggregateOnManyRowsCountsEveryBatch() {
    StructType t = DataTypes.struct(DataTypes.field("l", DataTypes.LONG));
    List<Row> rows = new ArrayList<>();
    for (long i = 1; i <= 1000; i++) {
      rows.add(Row.of(i));
    }
    assertEquals(Row.of(1000L, 500500L), global(t, rows, AggregateFunctions.countStar(), fn(t, "sum", "l")));
  }
}
