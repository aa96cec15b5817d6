package io.ember.api.sql;

import static io.ember.api.sql.SqlEndToEndTest.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.functions;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberException;
import io.ember.core.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Spark's {@code a DIV b} in SQL and {@code expr()}: truncating integral division with a bigint result. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlIntegralDivisionTest {
  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName(getClass().getSimpleName()).getOrCreate();
    session.createDataFrame(List.of(Row.of(7, 2), Row.of(-7, 2), Row.of(9, -4), Row.of(null, 3), Row.of(5, null)),
        DataTypes.struct(DataTypes.field("a", DataTypes.INTEGER), DataTypes.field("b", DataTypes.INTEGER)))
        .createOrReplaceTempView("nums");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  @Test
  void truncatesTowardZeroAsBigint() {
    DataFrame df = session.sql("SELECT 7 DIV 2, -7 DIV 2, 7 div -2");
    assertEquals(List.of("(7 div 2)", "(-7 div 2)", "(7 div -2)"), List.of(df.columns()));
    assertEquals(DataTypes.LONG, df.schema().fields().get(0).dataType());
    assertEquals(List.of("[3,-3,-3]"), sorted(df));
    assertEquals(List.of("[-2]", "[-3]", "[3]", "[null]", "[null]"), sorted(session.sql("SELECT a DIV b FROM nums")));
    assertEquals(List.of("[3]"), sorted(session.sql("SELECT 7.5 DIV 2")));
  }

  @Test
  void bindsLikeMultiplication() {
    assertEquals(List.of("[7]"), sorted(session.sql("SELECT 1 + 7 DIV 2 * 2")));
    assertEquals(List.of("[3]"), sorted(session.sql("SELECT 20 DIV 3 DIV 2")));
    assertEquals(List.of("[2]"), sorted(session.sql("SELECT (1 + 7) DIV (1 + 2)")));
    assertEquals(List.of("[1.5]"), sorted(session.sql("SELECT 3 / 2")));
    assertEquals(List.of("[4.5,4]"), sorted(session.sql("SELECT 9 /\n 2, 9\n DIV 2")));
  }

  @Test
  void divAsAFunctionAndAsANameStillWorks() {
    assertEquals(List.of("[3]"), sorted(session.sql("SELECT div(7, 2)")));
    DataFrame named = session.sql("SELECT a div FROM nums WHERE a = 7");
    assertEquals(List.of("div"), List.of(named.columns()));
    assertEquals(List.of("[7]"), sorted(session.sql("SELECT div FROM (SELECT 7 AS div)")));
  }

  @Test
  void worksInExprAndSelectExpr() {
    DataFrame nums = session.table("nums");
    assertEquals(List.of("[-2]", "[-3]", "[3]", "[null]", "[null]"),
        sorted(nums.select(functions.expr("a DIV b"))));
    assertEquals(List.of("q"), List.of(nums.selectExpr("a DIV 2 AS q").columns()));
  }

  @Test
  void divisionByZeroIsAnAnsiErrorElseNull() {
    EmberException e = assertThrows(EmberException.class, () -> session.sql("SELECT a DIV 0 FROM nums").collectAsList());
    assertTrue(e.getMessage().contains("DIVIDE_BY_ZERO"), e.getMessage());
    session.conf().set("spark.sql.ansi.enabled", false);
    try {
      assertEquals(List.of("[null]"), sorted(session.sql("SELECT 7 DIV 0")));
    } finally {
      session.conf().set("spark.sql.ansi.enabled", true);
    }
  }

  @Test
  void doublesAreRefusedAsInSparkWithAnsiMode() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> session.sql("SELECT CAST(7.5 AS DOUBLE) DIV 2"));
    assertEquals("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", e.errorClass());
  }

  @Test
  void syntaxErrorsAfterADivPointAtTheRightColumn() {
    ParseException e = assertThrows(ParseException.class, () -> session.sql("SELECT 7 DIV 2 FROM nums WHERE"));
    assertEquals(1, e.line());
    assertEquals(30, e.position());
  }
}
