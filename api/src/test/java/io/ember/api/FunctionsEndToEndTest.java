package io.ember.api;

import static io.ember.api.functions.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Every function of {@link functions} resolves and evaluates to Spark's value, nulls included. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunctionsEndToEndTest {
  private static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("s", DataTypes.STRING), DataTypes.field("n", DataTypes.DOUBLE),
      DataTypes.field("i", DataTypes.INTEGER), DataTypes.field("d", DataTypes.DATE),
      DataTypes.field("ts", DataTypes.TIMESTAMP), DataTypes.field("arr", DataTypes.array(DataTypes.INTEGER)),
      DataTypes.field("csv", DataTypes.STRING));

  Session session;
  DataFrame one;
  DataFrame nulls;
  DataFrame nums;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName("functions").getOrCreate();
    one = session.createDataFrame(List.of(Row.of("  Hello World  ", -2.5, 7, LocalDate.of(2024, 3, 15),
        Instant.parse("2024-03-15T10:20:30Z"), List.of(1, 2, 3), "a,b,,c")), SCHEMA);
    nulls = session.createDataFrame(List.of(Row.of(null, null, null, null, null, null, null)), SCHEMA);
    nums = session.createDataFrame(List.of(Row.of(1, "x"), Row.of(2, null), Row.of(2, "y"), Row.of(4, "x")),
        DataTypes.struct(DataTypes.field("v", DataTypes.INTEGER), DataTypes.field("k", DataTypes.STRING)));
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private static List<Object> values(DataFrame df, Column... cols) {
    return Arrays.asList(df.select(cols).collectAsList().get(0).toArray());
  }

  @Test
  void stringFunctions() {
    Column t = trim(col("s"));
    assertEquals(Arrays.asList("HELLO WORLD", "hello world", 15, "Hello World  ", "  Hello World", "Hello", "Hello"),
        values(one, upper(t), lower(t), length(col("s")), ltrim(col("s")), rtrim(col("s")), substring(t, 1, 5),
            t.substr(1, 5)));
    assertEquals(Arrays.asList("ab", "a-b", List.of("a", "b", "", "c"), 4, "a#b#", "42", "007", "700", 3),
        values(one, concat(lit("a"), lit("b")), concat_ws("-", lit("a"), lit(null).cast("string"), lit("b")),
            split(col("csv"), ","), size(split(col("csv"), ",")), regexp_replace(lit("a1b22"), "\\d+", "#"),
            regexp_extract(lit("id=42"), "id=(\\d+)", 1), lpad(lit("7"), 3, "0"), rpad(lit("7"), 3, "0"),
            instr(lit("hello"), "ll")));
    assertEquals(Arrays.asList(true, true, true, true, true, false),
        values(one, t.like("H%d"), t.rlike("W.r"), t.contains("lo W"), t.startsWith("He"), t.endsWith("ld"),
            t.like("h%")));
  }

  @Test
  void dateAndTimeFunctions() {
    assertEquals(Arrays.asList(LocalDate.of(2024, 3, 15), LocalDate.of(2024, 3, 15), "2024/03", 2024, 3, 15, 6),
        values(one, to_date(lit("2024-03-15")), to_date(lit("15/03/2024"), "dd/MM/yyyy"), date_format(col("d"), "yyyy/MM"),
            year(col("d")), month(col("d")), dayofmonth(col("d")), dayofweek(col("d"))));
    assertEquals(Arrays.asList(10, 20, 30, 14, LocalDate.of(2024, 4, 4), LocalDate.of(2024, 2, 29)),
        values(one, hour(col("ts")), minute(col("ts")), second(col("ts")),
            datediff(col("d"), lit(LocalDate.of(2024, 3, 1))), date_add(col("d"), 20), date_sub(col("d"), 15)));
    assertEquals(Arrays.asList(1710498030L, 1710498030L, "1970-01-01 00:00:00", "1970-01-01",
            Instant.parse("2024-03-15T10:20:30Z"), Instant.parse("2024-03-15T10:20:30Z")),
        values(one, unix_timestamp(col("ts")), unix_timestamp(lit("2024-03-15 10:20:30")), from_unixtime(lit(0L)),
            from_unixtime(lit(0L), "yyyy-MM-dd"), to_timestamp(lit("2024-03-15 10:20:30")),
            to_timestamp(lit("15.03.2024 10:20:30"), "dd.MM.yyyy HH:mm:ss")));
    List<Object> now = values(one, current_date(), current_timestamp(), unix_timestamp());
    assertEquals(LocalDate.class, now.get(0).getClass());
    assertEquals(Instant.class, now.get(1).getClass());
    assertEquals(((Instant) now.get(1)).getEpochSecond(), (long) (Long) now.get(2));
  }

  @Test
  void mathFunctions() {
    assertEquals(Arrays.asList(2.5, 3.0, -2.5, -3L, -2L, 4.0, 1024.0, 1.0, 1.0, 3.0),
        values(one, abs(col("n")), round(lit(2.5)), round(col("n"), 1), floor(col("n")), ceil(col("n")),
            sqrt(lit(16.0)), pow(lit(2), 10), exp(lit(0)), log(lit(Math.E)), log(2.0, lit(8.0))));
  }

  @Test
  void arrayFunctions() {
    assertEquals(Arrays.asList(List.of(7, 7), true, false, 3),
        values(one, array(col("i"), col("i")), array_contains(col("arr"), 2), array_contains(col("arr"), 9),
            size(col("arr"))));
    assertEquals(List.of(1, 2, 3), one.select(explode(col("arr"))).collectAsList().stream().map(r -> r.get(0)).toList());
    assertEquals("col", one.select(explode(col("arr"))).columns()[0]);
    assertEquals(0, nulls.select(explode(col("arr"))).count());
    assertEquals(1, nulls.select(explode_outer(col("arr"))).count());
  }

  @Test
  void nullsPropagateThroughScalarFunctions() {
    // size(null) is null, not -1, under ANSI mode (Spark 4 default).
    List<Object> out = values(nulls, upper(col("s")), length(col("s")), year(col("d")), abs(col("n")), size(col("arr")),
        coalesce(col("s"), lit("dflt")), col("i").isNull(), when(col("i").gt(1), "big").otherwise("small"));
    assertEquals(Arrays.asList(null, null, null, null, null, "dflt", true, "small"), out);
  }

  @Test
  void aggregateFunctions() {
    DataFrame agg = nums.agg(count("*"), count("k"), countDistinct("v"), sum_distinct(col("v")), sum("v"), avg("v"),
        min("k"), max("k"), approx_count_distinct("v"), approx_count_distinct(col("k"), 0.1));
    assertEquals(Arrays.asList(4L, 3L, 3L, 7L, 9L, 2.25, "x", "y", 3L, 2L), Arrays.asList(agg.collectAsList().get(0).toArray()));
    Row spread = nums.agg(stddev("v"), stddev_pop(col("v")), variance("v"), var_pop(col("v")), stddev_samp(col("v")),
        var_samp(col("v"))).collectAsList().get(0);
    assertEquals(1.2583, spread.getDouble(0), 1e-4);
    assertEquals(1.0897, spread.getDouble(1), 1e-4);
    assertEquals(1.5833, spread.getDouble(2), 1e-4);
    assertEquals(1.1875, spread.getDouble(3), 1e-4);
    assertEquals(spread.getDouble(0), spread.getDouble(4), 0);
    assertEquals(spread.getDouble(2), spread.getDouble(5), 0);
    DataFrame ordered = nums.orderBy("v").limit(4);
    Row firsts = session.createDataFrame(List.of(Row.of(1, null), Row.of(1, "b")), DataTypes.struct(
            DataTypes.field("g", DataTypes.INTEGER), DataTypes.field("k", DataTypes.STRING)))
        .groupBy("g").agg(first("k", true), last("k", true)).collectAsList().get(0);
    assertEquals(Row.of(1, "b", "b"), firsts);
    Row lists = ordered.agg(collect_list("v"), collect_set("k")).collectAsList().get(0);
    assertEquals(List.of(1, 2, 2, 4), lists.getList(0).stream().sorted().toList());
    assertEquals(List.of("x", "y"), lists.<String>getList(1).stream().sorted().toList());
  }
}
