package io.ember.api.udf;

import static io.ember.api.functions.call_udf;
import static io.ember.api.functions.callUDF;
import static io.ember.api.functions.col;
import static io.ember.api.functions.expr;
import static io.ember.api.functions.upper;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import io.ember.runtime.remote.PlanCodec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code session.udf().register}: Java functions called by name from SQL, {@code expr}, {@code selectExpr},
 * {@code filter(String)} and {@code call_udf}, with Spark's null passing, arity and name errors. Each test works
 * in a session of its own ({@code newSession()}), so registrations never leak between tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UdfRegistrationTest {
  Session base;
  Session spark;

  @BeforeAll
  void start() {
    base = Session.builder().master("local[2]").appName(getClass().getSimpleName()).getOrCreate();
  }

  @AfterAll
  void stop() {
    base.stop();
  }

  @BeforeEach
  void freshSession() {
    spark = base.newSession();
    spark.createDataFrame(List.of(Row.of(1, "apple", LocalDate.of(2024, 3, 1)), Row.of(2, null, null),
            Row.of(3, "fig", LocalDate.of(2023, 12, 31)), Row.of(4, "kiwi", LocalDate.of(2024, 1, 15))),
        DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER), DataTypes.field("s", DataTypes.STRING),
            DataTypes.field("d", DataTypes.DATE)))
        .createOrReplaceTempView("t");
    spark.udf().register("str_len", (UDF1<String, Integer>) s -> s == null ? -1 : s.length(), DataTypes.INTEGER);
  }

  private static List<Row> sortedById(DataFrame df) {
    List<Row> rows = new ArrayList<>(df.collectAsList());
    rows.sort((a, b) -> Integer.compare(a.getInt(0), b.getInt(0)));
    return rows;
  }

  @Test
  void aRegisteredFunctionRunsInSqlWithNullsPassedAsNull() {
    DataFrame df = spark.sql("SELECT id, str_len(s) FROM t");
    assertArrayEquals(new String[] {"id", "str_len(s)"}, df.columns());
    assertEquals(List.of(Row.of(1, 5), Row.of(2, -1), Row.of(3, 3), Row.of(4, 4)), sortedById(df));
  }

  @Test
  void namesAreCaseInsensitiveAndWorkInEveryCallByName() {
    DataFrame t = spark.table("t");
    List<Row> expected = List.of(Row.of(1, 5), Row.of(2, -1), Row.of(3, 3), Row.of(4, 4));
    assertEquals(expected, sortedById(spark.sql("SELECT id, STR_LEN(s) AS n FROM t")));
    assertEquals(expected, sortedById(t.select(col("id"), expr("Str_Len(s) AS n"))));
    assertEquals(expected, sortedById(t.selectExpr("id", "str_len(s) AS n")));
    assertEquals(expected, sortedById(t.select(col("id"), call_udf("str_len", col("s")).alias("n"))));
    assertEquals(expected, sortedById(t.select(col("id"), callUDF("STR_LEN", col("s")).alias("n"))));
    assertEquals(List.of(Row.of(1), Row.of(4)), sortedById(t.filter("str_len(s) >= 4").select("id")));
    assertEquals(List.of(Row.of(3)),
        spark.sql("SELECT id FROM t WHERE str_len(s) = 3").collectAsList());
  }

  @Test
  void functionsOfSeveralArgumentsAndOfDates() {
    spark.udf().register("tag", (UDF2<Integer, String, String>) (i, s) -> i + ":" + s, DataTypes.STRING);
    spark.udf().register("next_year", (UDF1<LocalDate, Integer>) d -> d == null ? null : d.getYear() + 1,
        DataTypes.INTEGER);
    spark.udf().register("answer", (UDF0<Long>) () -> 42L, DataTypes.LONG);
    assertEquals(List.of(Row.of(1, "1:apple", 2025, 42L), Row.of(2, "2:null", null, 42L),
            Row.of(3, "3:fig", 2024, 42L), Row.of(4, "4:kiwi", 2025, 42L)),
        sortedById(spark.sql("SELECT id, tag(id, s), next_year(d), answer() FROM t")));
  }

  @Test
  void aFunctionOverAnAggregateAndAsAGroupingKey() {
    assertEquals(List.of(Row.of(-1, 1L), Row.of(3, 1L), Row.of(4, 1L), Row.of(5, 1L)), sortedById(
        spark.sql("SELECT str_len(s) AS n, count(*) FROM t GROUP BY str_len(s)")));
    assertEquals(List.of(Row.of(4)), spark.sql("SELECT str_len(max(s)) FROM t").collectAsList());
  }

  @Test
  void aWrongNumberOfArgumentsIsWrongNumArgs() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> spark.sql("SELECT str_len(s, id) FROM t"));
    assertEquals("WRONG_NUM_ARGS", e.errorClass());
    assertTrue(e.getMessage().contains("`str_len` requires 1 parameters but the actual number is 2"), e.getMessage());
    assertThrows(AnalysisException.class, () -> spark.table("t").selectExpr("str_len()"));
  }

  @Test
  void anUnknownNameSuggestsTheClosestRegisteredOrBuiltInName() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> spark.sql("SELECT str_lenn(s) FROM t"));
    assertEquals("UNRESOLVED_ROUTINE", e.errorClass());
    assertTrue(e.getMessage().contains("Did you mean `str_len`?"), e.getMessage());
    AnalysisException inAggregate = assertThrows(AnalysisException.class,
        () -> spark.sql("SELECT id, str_lenn(s) FROM t GROUP BY id"));
    assertTrue(inAggregate.getMessage().contains("`str_len`"), inAggregate.getMessage());
    AnalysisException builtIn = assertThrows(AnalysisException.class, () -> spark.sql("SELECT uper(s) FROM t"));
    assertTrue(builtIn.getMessage().contains("Did you mean `upper`?"), builtIn.getMessage());
  }

  @Test
  void functionsBelongToTheirSession() {
    Session other = spark.newSession();
    spark.table("t").createOrReplaceTempView("t");
    other.createDataFrame(List.of(Row.of("x")), DataTypes.struct(DataTypes.field("s", DataTypes.STRING)))
        .createOrReplaceTempView("u");
    AnalysisException e = assertThrows(AnalysisException.class, () -> other.sql("SELECT str_len(s) FROM u"));
    assertEquals("UNRESOLVED_ROUTINE", e.errorClass());
    assertTrue(spark.catalog().functionExists("STR_LEN"));
    assertFalse(other.catalog().functionExists("str_len"));
    assertTrue(other.catalog().functionExists("upper"));
    assertTrue(other.catalog().functionExists("sum"));
    assertEquals(List.of("str_len"), spark.catalog().listFunctions());
  }

  @Test
  void aRegisteredNameShadowsABuiltInScalarFunction() {
    spark.udf().register("upper", (UDF1<String, String>) s -> s == null ? null : "<" + s + ">", DataTypes.STRING);
    assertEquals(List.of(Row.of(1, "<apple>")), spark.sql("SELECT id, upper(s) FROM t WHERE id = 1").collectAsList());
    assertEquals(List.of(Row.of(1, "<apple>")),
        spark.table("t").filter("id = 1").select(col("id"), upper(col("s"))).collectAsList());
    Session other = spark.newSession();
    assertEquals(List.of(Row.of("APPLE")), other.createDataFrame(List.of(Row.of("apple")),
        DataTypes.struct(DataTypes.field("s", DataTypes.STRING))).selectExpr("upper(s)").collectAsList());
  }

  @Test
  void registeringAgainReplacesTheFunction() {
    spark.udf().register("str_len", (UDF1<String, Integer>) s -> 0, DataTypes.INTEGER);
    assertEquals(List.of(Row.of(0)), spark.sql("SELECT str_len(s) FROM t WHERE id = 1").collectAsList());
  }

  @Test
  void aggregateWindowAndGeneratorNamesCannotBeRegistered() {
    for (String name : List.of("sum", "COUNT", "row_number", "explode", " ")) {
      EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
          () -> spark.udf().register(name, (UDF1<Object, Object>) x -> x, DataTypes.STRING), name);
      assertEquals("INVALID_UDF_NAME", e.errorClass());
    }
  }

  @Test
  void distinctOnAUserFunctionIsRejected() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> spark.sql("SELECT str_len(DISTINCT s) FROM t"));
    assertEquals("DISTINCT_NOT_SUPPORTED", e.errorClass());
  }

  @Test
  void anExceptionInTheFunctionFailsTheQueryAndTheSessionStaysUsable() {
    spark.udf().register("boom", (UDF1<Integer, Integer>) i -> {
      if (i == 3) {
        throw new IllegalStateException("no threes");
      }
      return i;
    }, DataTypes.INTEGER);
    EmberException e = assertThrows(EmberException.class, () -> spark.sql("SELECT boom(id) FROM t").collectAsList());
    assertEquals("FAILED_EXECUTE_UDF", e.errorClass());
    assertTrue(e.getMessage().contains("`boom`") && e.getMessage().contains("java.lang.IllegalStateException: no threes"),
        e.getMessage());
    assertEquals(List.of(Row.of(2)), spark.sql("SELECT boom(id) FROM t WHERE id = 2").collectAsList());
  }

  @Test
  void aResultOfTheWrongTypeFailsNamingTheDeclaredType() {
    spark.udf().register("as_long", (UDF1<Integer, Long>) i -> (long) i, DataTypes.INTEGER);
    EmberException e = assertThrows(EmberException.class, () -> spark.sql("SELECT as_long(id) FROM t").collectAsList());
    assertEquals("FAILED_EXECUTE_UDF", e.errorClass());
    assertTrue(e.getMessage().contains("java.lang.Long") && e.getMessage().contains("INT"), e.getMessage());
    spark.udf().register("wrong_arg", (UDF1<Long, Long>) x -> x + 1, DataTypes.LONG);
    EmberException cast = assertThrows(EmberException.class,
        () -> spark.sql("SELECT wrong_arg(id) FROM t").collectAsList());
    assertEquals("FAILED_EXECUTE_UDF", cast.errorClass());
    assertTrue(cast.getMessage().contains("ClassCastException"), cast.getMessage());
  }

  @Test
  void anUnnamedUdfAppliesToColumnsAndRegistersUnderAName() {
    UserDefinedFunction twice = UserDefinedFunction.of((UDF1<Integer, Integer>) i -> i == null ? null : 2 * i,
        DataTypes.INTEGER);
    DataFrame df = spark.table("t").select(col("id"), twice.apply(col("id")));
    assertArrayEquals(new String[] {"id", "UDF(id)"}, df.columns());
    assertEquals(Row.of(3, 6), sortedById(df).get(2));
    UserDefinedFunction registered = spark.udf().register("twice", twice);
    assertEquals("twice", registered.name());
    assertEquals(List.of(Row.of(8)), spark.sql("SELECT twice(id) FROM t WHERE id = 4").collectAsList());
  }

  @Test
  void aNondeterministicFunctionIsNeitherFoldedNorDeterministic() {
    AtomicInteger calls = new AtomicInteger();
    UserDefinedFunction next = UserDefinedFunction.of((UDF0<Integer>) calls::incrementAndGet, DataTypes.INTEGER)
        .asNondeterministic();
    assertFalse(next.deterministic());
    assertFalse(next.binder("next_id").bind(List.of()).deterministic());
    assertFalse(next.binder("next_id").bind(List.of()).foldable());
    UserDefinedFunction plain = UserDefinedFunction.of((UDF1<Integer, Integer>) i -> i, DataTypes.INTEGER);
    assertTrue(plain.binder("p").bind(List.of(new Literal(1, DataTypes.INTEGER))).deterministic());
    assertFalse(plain.binder("p").bind(List.of(new Literal(1, DataTypes.INTEGER))).foldable());

    spark.udf().register("next_id", next);
    Set<Integer> values = new TreeSet<>();
    spark.range(5).createOrReplaceTempView("five");
    for (Row r : spark.sql("SELECT next_id() FROM five").collectAsList()) {
      values.add(r.getInt(0));
    }
    assertEquals(5, values.size(), "each row calls the function: " + values);

    // Read twice above the select that calls it, it is still called once per row: both reads see one value.
    DataFrame once = spark.sql("SELECT next_id() AS n FROM five").selectExpr("n", "n * 10 AS m");
    for (Row r : once.collectAsList()) {
      assertEquals(r.getInt(0) * 10, r.getInt(1), r.toString());
    }
  }

  @Test
  void aLambdaCannotTravelToAnotherNode() {
    var bound = spark.udf().register("shipped", (UDF1<Integer, Integer>) i -> i, DataTypes.INTEGER)
        .binder("shipped").bind(List.of(new Literal(1, DataTypes.INTEGER)));
    EmberException e = assertThrows(EmberException.class, () -> PlanCodec.encode(bound));
    assertEquals("NOT_SHIPPABLE", e.errorClass());
    assertTrue(e.getMessage().contains("function"), e.getMessage());
  }
}
