package io.ember.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code describe} and {@code summary} at local[2]: Spark's rows and string formatting, only numeric and string
 * columns, strings averaged where they are numbers, exact percentiles at rank ceil(p * n), and the errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DescribeSummaryTest {
  Session session;
  DataFrame people;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName(getClass().getSimpleName()).getOrCreate();
    StructType schema = DataTypes.struct(DataTypes.field("name", DataTypes.STRING),
        DataTypes.field("age", DataTypes.INTEGER), DataTypes.field("height", DataTypes.DOUBLE),
        DataTypes.field("ok", DataTypes.BOOLEAN));
    people = session.createDataFrame(List.of(Row.of("Alice", 2, 5.5, true), Row.of("Bob", 5, null, false),
        Row.of("Tom", null, 6.0, true), Row.of(null, 10, 4.0, null)), schema);
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  static List<String> rows(DataFrame df) {
    List<String> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      out.add(String.valueOf(r));
    }
    return out;
  }

  @Test
  void describeGivesCountMeanStddevMinMaxOfNumericAndStringColumns() {
    DataFrame d = people.describe();
    assertArrayEquals(new String[] {"summary", "name", "age", "height"}, d.columns());
    assertTrue(d.dtypes().stream().allMatch(t -> t.getValue().equals("string")), d.dtypes().toString());
    List<String> r = rows(d);
    assertEquals("[count,3,3,3]", r.get(0));
    assertEquals("[mean,null,5.666666666666667,5.166666666666667]", r.get(1));
    double sd = Math.sqrt(((2 - 17.0 / 3) * (2 - 17.0 / 3) + (5 - 17.0 / 3) * (5 - 17.0 / 3)
        + (10 - 17.0 / 3) * (10 - 17.0 / 3)) / 2);
    assertTrue(r.get(2).startsWith("[stddev,null," + sd + ","), r.get(2));
    assertEquals("[min,Alice,2,4.0]", r.get(3));
    assertEquals("[max,Tom,10,6.0]", r.get(4));
  }

  @Test
  void describeOfChosenColumnsShowsAsSparkShowsIt() {
    String shown = people.describe("age").showString(20, 20, false);
    assertEquals(String.join("\n",
        "+-------+-----------------+",
        "|summary|              age|",
        "+-------+-----------------+",
        "|  count|                3|",
        "|   mean|5.666666666666667|",
        "| stddev|4.041451884327381|",
        "|    min|                2|",
        "|    max|               10|",
        "+-------+-----------------+",
        ""), shown);
  }

  @Test
  void summaryAddsExactPercentilesAtRankCeilPN() {
    List<String> r = rows(people.summary());
    assertEquals(List.of("[count,3,3,3]", "[mean,null,5.666666666666667,5.166666666666667]"), r.subList(0, 2));
    assertEquals(List.of("[min,Alice,2,4.0]", "[25%,null,2,4.0]", "[50%,null,5,5.5]", "[75%,null,10,6.0]",
        "[max,Tom,10,6.0]"), r.subList(3, 8));
    DataFrame big = session.range(1, 101).toDF("v");
    assertEquals(List.of("[10%,10]", "[0%,1]", "[100%,100]", "[99.5%,100]", "[COUNT,100]"),
        rows(big.summary("10%", "0%", "100%", "99.5%", "COUNT")));
  }

  @Test
  void stringsThatAreNumbersHaveAMeanAndOthersCountAsNull() {
    StructType schema = DataTypes.struct(DataTypes.field("s", DataTypes.STRING));
    DataFrame df = session.createDataFrame(List.of(Row.of("1"), Row.of(" 2.5 "), Row.of("x"), Row.of("-1e1")), schema);
    assertEquals(List.of("[count,4]", "[mean,-2.1666666666666665]", "[min, 2.5 ]", "[50%,1.0]", "[max,x]",
        "[count_distinct,4]"), rows(df.summary("count", "mean", "min", "50%", "max", "count_distinct")));
  }

  @Test
  void anEmptyInputHasCountZeroAndNulls() {
    assertEquals(List.of("[count,0,0,0]", "[mean,null,null,null]", "[stddev,null,null,null]", "[min,null,null,null]",
        "[max,null,null,null]"), rows(people.filter(functions.col("age").gt(100)).describe()));
  }

  @Test
  void unknownStatisticsAndPercentilesOutOfRangeAreRejected() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> people.summary("median"));
    assertTrue(e.getMessage().contains("median is not a recognised statistic"), e.getMessage());
    assertThrows(EmberIllegalArgumentException.class, () -> people.summary("150%"));
  }
}
