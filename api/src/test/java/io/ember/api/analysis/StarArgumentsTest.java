package io.ember.api.analysis;

import static io.ember.api.functions.array;
import static io.ember.api.functions.col;
import static io.ember.api.functions.concat_ws;
import static io.ember.api.functions.count;
import static io.ember.api.functions.expr;
import static io.ember.api.functions.hash;
import static io.ember.api.functions.struct;
import static io.ember.api.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A star among a function's arguments, as Spark expands it in a select list: {@code f(*)}, {@code f(t.*)} and
 * {@code f(s.*)} stand for the columns (or fields) in order, so each result equals the call with the columns written
 * out; {@code count(*)} still counts rows, {@code count(t.*)} is refused, and a star outside a select list fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StarArgumentsTest {
  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName(getClass().getSimpleName()).getOrCreate();
    StructType abc = DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER), DataTypes.field("b", DataTypes.STRING),
        DataTypes.field("c", DataTypes.INTEGER));
    session.createDataFrame(List.of(Row.of(1, "x", 10), Row.of(2, null, 20), Row.of(null, "z", null),
        Row.of(2, "x", 30)), abc).createOrReplaceTempView("t");
    StructType kv = DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER), DataTypes.field("v", DataTypes.STRING));
    session.createDataFrame(List.of(Row.of(1, "one"), Row.of(2, "two")), kv).createOrReplaceTempView("u");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private List<String> rows(DataFrame df) {
    List<String> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      out.add(r.toString());
    }
    out.sort(null);
    return out;
  }

  private List<String> sql(String query) {
    return rows(session.sql(query));
  }

  @Test
  void sqlStarEqualsTheColumnsWrittenOut() {
    String[][] cases = {
        {"hash(*)", "hash(a, b, c)", "t"},
        {"xxhash64(*)", "xxhash64(a, b, c)", "t"},
        {"struct(*)", "struct(a, b, c)", "t"},
        {"concat_ws('-', *)", "concat_ws('-', a, b, c)", "t"},
        {"hash(1, *, 2)", "hash(1, a, b, c, 2)", "t"},
        {"hash(concat(*))", "hash(concat(a, b, c))", "t"},
        {"array(a, *)", "array(a, a, c)", "(SELECT a, c FROM t)"},
        {"coalesce(*)", "coalesce(a, c)", "(SELECT a, c FROM t)"},
        {"greatest(*)", "greatest(a, c)", "(SELECT a, c FROM t)"},
    };
    for (String[] c : cases) {
      List<String> expected = sql("SELECT " + c[1] + " FROM " + c[2]);
      assertEquals(4, expected.size());
      assertEquals(expected, sql("SELECT " + c[0] + " FROM " + c[2]), c[0]);
    }
    assertEquals(List.of("[{1, x, 10}]"), sql("SELECT struct(*) FROM t WHERE a = 1"));
    assertEquals(List.of("[1-x-10]"), sql("SELECT concat_ws('-', *) FROM t WHERE a = 1"));
  }

  @Test
  void structOfAStarKeepsTheColumnNames() {
    DataFrame df = session.sql("SELECT struct(*) AS s, struct(c, *) AS s2 FROM t");
    StructType s = (StructType) df.schema().field(0).dataType();
    assertEquals(List.of("a", "b", "c"), s.fieldNames());
    StructType s2 = (StructType) df.schema().field(1).dataType();
    assertEquals(List.of("c", "a", "b", "c"), s2.fieldNames());
  }

  @Test
  void exprAndColumnApi() {
    DataFrame t = session.table("t");
    List<String> expected = rows(t.select(hash(col("a"), col("b"), col("c")), struct(col("a"), col("b"), col("c"))));
    assertEquals(expected, rows(t.select(hash(col("*")), struct(col("*")))));
    assertEquals(expected, rows(t.select(expr("hash(*)"), expr("struct(*)"))));
    assertEquals(expected, rows(t.selectExpr("hash(*)", "struct(*)")));
    assertEquals(rows(t.select(array(col("a"), col("c")))), rows(t.select("a", "c").select(array(col("*")))));
    assertEquals(rows(t.select(concat_ws("|", col("a"), col("b"), col("c")))),
        rows(t.select(concat_ws("|", col("*")))));
  }

  @Test
  void qualifiedStarsOverAJoin() {
    assertEquals(sql("SELECT hash(t.a, t.b, t.c), struct(u.a, u.v) FROM t JOIN u ON t.a = u.a"),
        sql("SELECT hash(t.*), struct(u.*) FROM t JOIN u ON t.a = u.a"));
    // both sides have a column a: each star column is bound by position, not by its (ambiguous) name
    assertEquals(sql("SELECT hash(t.a, t.b, t.c, u.a, u.v) FROM t JOIN u ON t.a = u.a"),
        sql("SELECT hash(*) FROM t JOIN u ON t.a = u.a"));
    DataFrame l = session.table("t").alias("l");
    DataFrame r = session.table("u").alias("r");
    DataFrame joined = l.join(r, col("l.a").equalTo(col("r.a")));
    assertEquals(rows(joined.select(hash(col("r.a"), col("r.v")), struct(col("l.a"), col("l.b"), col("l.c")))),
        rows(joined.select(hash(col("r.*")), struct(col("l.*")))));
    assertEquals(List.of("[{1, one}]", "[{2, two}]", "[{2, two}]"),
        rows(joined.select(struct(col("r.*")))));
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> session.sql("SELECT hash(w.*) FROM t JOIN u ON t.a = u.a").collectAsList());
    assertEquals("CANNOT_RESOLVE_STAR_EXPAND", e.errorClass());
  }

  @Test
  void starOfAStructColumnStandsForItsFields() {
    assertEquals(sql("SELECT hash(s.a, s.b, s.c), struct(s.a, s.b, s.c) FROM (SELECT struct(a, b, c) AS s FROM t)"),
        sql("SELECT hash(s.*), struct(s.*) FROM (SELECT struct(a, b, c) AS s FROM t)"));
  }

  @Test
  void aggregationsAndCount() {
    assertEquals(List.of("[4,2,2,2]"),
        sql("SELECT count(*), count(t.a, t.b), count(DISTINCT *), count(DISTINCT a) FROM t"));
    assertEquals(sql("SELECT sum(hash(a, b, c)) FROM t"), sql("SELECT sum(hash(*)) FROM t"));
    assertEquals(sql("SELECT a, max(hash(a, b, c)) OVER (PARTITION BY a) FROM t"),
        sql("SELECT a, max(hash(*)) OVER (PARTITION BY a) FROM t"));
    assertEquals(List.of("[0]"), sql("SELECT count(t.*, u.*) FROM t JOIN u ON t.a = u.a WHERE t.b IS NULL"));
    assertEquals(List.of("[2]"), sql("SELECT count(t.*, u.*) FROM t JOIN u ON t.a = u.a"));
    // grouped by every column, a star among a grouped select item's arguments refers to the keys
    assertEquals(sql("SELECT hash(a, c), count(*) FROM (SELECT a, c FROM t) GROUP BY a, c"),
        sql("SELECT hash(*), count(*) FROM (SELECT a, c FROM t) GROUP BY a, c"));
    AnalysisException missing = assertThrows(AnalysisException.class,
        () -> session.sql("SELECT hash(*) FROM t GROUP BY a").collectAsList());
    assertEquals("MISSING_AGGREGATION", missing.errorClass());
    DataFrame t = session.table("t");
    assertEquals(rows(t.agg(sum(hash(col("a"), col("b"), col("c"))), count(col("*")))),
        rows(t.agg(sum(hash(col("*"))), count(col("*")))));
    AnalysisException single = assertThrows(AnalysisException.class,
        () -> session.sql("SELECT count(t.*) FROM t").collectAsList());
    assertEquals("_LEGACY_ERROR_TEMP_1021", single.errorClass());
    assertEquals("count(t.*) is not allowed. Please use count(*) or expand the columns manually, e.g."
        + " count(col1, col2)", single.getMessage().replaceFirst("^\\[[^]]*] ", ""));
  }

  @Test
  void starOverZeroColumns() {
    DataFrame none = session.table("t").select(new io.ember.api.Column[0]);
    assertEquals(List.of("[[]]", "[[]]", "[[]]", "[[]]"), rows(none.select(array(col("*")))));
    AnalysisException e = assertThrows(AnalysisException.class, () -> none.select(hash(col("*"))).collectAsList());
    assertEquals("WRONG_NUM_ARGS", e.errorClass());
  }

  @Test
  void starOutsideASelectListOrAFunctionIsRefused() {
    for (String query : List.of("SELECT a FROM t WHERE hash(*) = 0", "SELECT a FROM t GROUP BY hash(*)",
        "SELECT a FROM t ORDER BY hash(*)", "SELECT t.a FROM t JOIN u ON hash(*) = 0")) {
      AnalysisException e = assertThrows(AnalysisException.class, () -> session.sql(query).collectAsList(), query);
      assertEquals("INVALID_USAGE_OF_STAR_OR_REGEX", e.errorClass(), query);
    }
    DataFrame t = session.table("t");
    AnalysisException e = assertThrows(AnalysisException.class, () -> t.filter(hash(col("*")).gt(0)).collectAsList());
    assertEquals("INVALID_USAGE_OF_STAR_OR_REGEX", e.errorClass());
    AnalysisException operand = assertThrows(AnalysisException.class,
        () -> t.select(col("*").plus(1)).collectAsList());
    assertEquals("INVALID_USAGE_OF_STAR_OR_REGEX", operand.errorClass());
  }
}
