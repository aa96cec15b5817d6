package io.ember.api;

import static io.ember.api.functions.bround;
import static io.ember.api.functions.btrim;
import static io.ember.api.functions.col;
import static io.ember.api.functions.date_trunc;
import static io.ember.api.functions.greatest;
import static io.ember.api.functions.ifnull;
import static io.ember.api.functions.last_day;
import static io.ember.api.functions.least;
import static io.ember.api.functions.lit;
import static io.ember.api.functions.locate;
import static io.ember.api.functions.make_date;
import static io.ember.api.functions.months_between;
import static io.ember.api.functions.next_day;
import static io.ember.api.functions.nullif;
import static io.ember.api.functions.nvl;
import static io.ember.api.functions.pmod;
import static io.ember.api.functions.position;
import static io.ember.api.functions.repeat;
import static io.ember.api.functions.replace;
import static io.ember.api.functions.substr;
import static io.ember.api.functions.translate;
import static io.ember.api.functions.trunc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The scalar functions of {@link functions} that call SQL functions by name: each names, types and computes as its
 * SQL form on rows with nulls, and gives the values Spark documents.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScalarFunctionsTest {
  private static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("id", DataTypes.INTEGER),
      DataTypes.field("a", DataTypes.INTEGER),
      DataTypes.field("b", DataTypes.INTEGER),
      DataTypes.field("x", DataTypes.DOUBLE),
      DataTypes.field("s", DataTypes.STRING),
      DataTypes.field("d", DataTypes.DATE),
      DataTypes.field("ts", DataTypes.TIMESTAMP));

  Session session;
  DataFrame df;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName("scalar-functions").getOrCreate();
    df = session.createDataFrame(List.of(
        Row.of(1, 7, -3, 2.5, "  Spark SQL  ", LocalDate.of(2024, 2, 10), Instant.parse("2024-02-10T13:45:30Z")),
        Row.of(2, null, 4, -0.5, "abcabc", LocalDate.of(1997, 2, 28), Instant.parse("1997-02-28T10:30:00Z")),
        Row.of(3, 5, null, 3.5, null, null, null)), SCHEMA);
    df.createOrReplaceTempView("sf");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  @Test
  void eachCallNamesTypesAndComputesAsItsSqlForm() {
    Map<String, Column> calls = new LinkedHashMap<>();
    calls.put("greatest(a, b)", greatest(col("a"), col("b")));
    calls.put("greatest(a, b, id)", greatest("a", "b", "id"));
    calls.put("least(a, b)", least("a", "b"));
    calls.put("nullif(a, 7)", nullif(col("a"), lit(7)));
    calls.put("nvl(a, b)", nvl(col("a"), col("b")));
    calls.put("ifnull(b, -1)", ifnull(col("b"), lit(-1)));
    calls.put("pmod(b, 5)", pmod(col("b"), lit(5)));
    calls.put("bround(x, 0)", bround(col("x")));
    calls.put("bround(x, 1)", bround(col("x"), 1));
    calls.put("locate('a', s, 1)", locate("a", col("s")));
    calls.put("locate('a', s, 3)", locate("a", col("s"), 3));
    calls.put("repeat(s, 2)", repeat(col("s"), 2));
    calls.put("repeat(s, id)", repeat(col("s"), col("id")));
    calls.put("replace(s, 'abc', 'x')", replace(col("s"), lit("abc"), lit("x")));
    calls.put("replace(s, 'b')", replace(col("s"), lit("b")));
    calls.put("translate(s, 'abc', 'AB')", translate(col("s"), "abc", "AB"));
    calls.put("substr(s, 3)", substr(col("s"), lit(3)));
    calls.put("substr(s, 3, 5)", substr(col("s"), lit(3), lit(5)));
    calls.put("btrim(s)", btrim(col("s")));
    calls.put("btrim(s, ' S')", btrim(col("s"), lit(" S")));
    calls.put("date_trunc('month', ts)", date_trunc("month", col("ts")));
    calls.put("trunc(d, 'year')", trunc(col("d"), "year"));
    calls.put("last_day(d)", last_day(col("d")));
    calls.put("next_day(d, 'Mon')", next_day(col("d"), "Mon"));
    calls.put("next_day(d, 'FRIDAY')", next_day(col("d"), lit("FRIDAY")));
    calls.put("make_date(2024, id, 29)", make_date(lit(2024), col("id"), lit(29)));
    calls.put("months_between(d, DATE'1997-01-31', true)", months_between(col("d"), lit(LocalDate.of(1997, 1, 31))));
    calls.put("months_between(d, DATE'1997-01-31', false)",
        months_between(col("d"), lit(LocalDate.of(1997, 1, 31)), false));
    for (Map.Entry<String, Column> call : calls.entrySet()) {
      DataFrame viaApi = df.orderBy("id").select(call.getValue());
      DataFrame viaSql = session.sql("SELECT " + call.getKey() + " FROM sf ORDER BY id");
      assertEquals(viaSql.schema().field(0).dataType(), viaApi.schema().field(0).dataType(), call.getKey());
      assertEquals(BinaryHashFunctionsTest.values(viaSql), BinaryHashFunctionsTest.values(viaApi), call.getKey());
    }
  }

  @Test
  void valuesSparkDocuments() {
    Row r = session.range(1).select(
        greatest(lit(1), lit(4), lit(2)), least(lit(1), lit(null).cast("int"), lit(2)), pmod(lit(-7), lit(3)),
        bround(lit(2.5)), locate("b", lit("abcb"), 3), translate(lit("AaBbCc"), "abc", "123"),
        last_day(lit(LocalDate.of(2009, 1, 12))), next_day(lit(LocalDate.of(2015, 7, 27)), "Sun"),
        months_between(lit("1997-02-28 10:30:00").cast("timestamp"), lit("1996-10-30").cast("timestamp")),
        position(lit("bar"), lit("foobarbar"), lit(5))).first();
    assertEquals(Arrays.asList(4, 1, 2, 2.0, 4, "A1B2C3", LocalDate.of(2009, 1, 31), LocalDate.of(2015, 8, 2),
        3.94959677, 7), Arrays.asList(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6),
        r.get(7), r.get(8), r.get(9)));
  }
}
