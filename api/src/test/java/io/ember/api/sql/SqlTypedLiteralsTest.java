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
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.DecimalType;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Spark's typed numeric literals: {@code 10L}, {@code 10S}, {@code 10Y}, {@code 1.5D}, {@code 1.5F}, {@code 1.5BD}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlTypedLiteralsTest {
  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName(getClass().getSimpleName()).getOrCreate();
    session.createDataFrame(List.of(Row.of(1, "a"), Row.of(2, "b")),
        DataTypes.struct(DataTypes.field("L", DataTypes.INTEGER), DataTypes.field("s", DataTypes.STRING)))
        .createOrReplaceTempView("tl");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private List<DataType> types(DataFrame df) {
    return df.schema().fields().stream().map(f -> f.dataType()).toList();
  }

  @Test
  void suffixIsATypeNotAnAlias() {
    DataFrame df = session.sql("SELECT 1.5D");
    assertEquals(1, df.columns().length);
    assertTrue(!df.columns()[0].equals("D"), "1.5D must not read as 1.5 AS D: " + df.columns()[0]);
    assertEquals(List.of(DataTypes.DOUBLE), types(df));
    assertEquals(List.of("[1.5]"), sorted(df));
  }

  @Test
  void eachSuffixGivesItsType() {
    DataFrame df = session.sql("SELECT 1.5D AS a, 10L AS b, 1.5BD AS c, 10S AS d, 10Y AS e, 1.5F AS f, 1e3D AS g,"
        + " 2d AS h, 7bd AS i, .5D AS j");
    assertEquals(List.of(DataTypes.DOUBLE, DataTypes.LONG, new DecimalType(2, 1), DataTypes.INTEGER,
        DataTypes.INTEGER, DataTypes.DOUBLE, DataTypes.DOUBLE, DataTypes.DOUBLE, new DecimalType(1, 0),
        DataTypes.DOUBLE), types(df));
    assertEquals(List.of("[1.5,10,1.5,10,10,1.5,1000.0,2.0,7,0.5]"), sorted(df));
  }

  @Test
  void inExpressionsWithUnaryMinusAndDiv() {
    DataFrame df = session.sql("SELECT 2.5D * 2 AS a, -128Y AS b, -9223372036854775808L AS c, 7L DIV 2 AS d,"
        + " 10L + 1 AS e");
    assertEquals(List.of(DataTypes.DOUBLE, DataTypes.INTEGER, DataTypes.LONG, DataTypes.LONG, DataTypes.LONG),
        types(df));
    assertEquals(List.of("[5.0,-128,-9223372036854775808,3,11]"), sorted(df));
    assertEquals(List.of("[3]"), sorted(session.table("tl").select(functions.expr("L + 1L")).filter("`(L + 1)` > 2")));
  }

  @Test
  void leavesNamesStringsCommentsAndQuotedNamesAlone() {
    DataFrame df = session.sql("SELECT L, s, 'x 1L' AS `1D`, t1.L AS x1D /* 2L */ FROM tl t1 -- 3D\n WHERE L = 1");
    assertEquals(List.of("L", "s", "1D", "x1D"), List.of(df.columns()));
    assertEquals(List.of(DataTypes.INTEGER, DataTypes.STRING, DataTypes.STRING, DataTypes.INTEGER), types(df));
    assertEquals(List.of("[1,a,x 1L,1]"), sorted(df));
    assertEquals(List.of("[1.5]"), sorted(session.sql("SELECT 1.5 D")));
    assertEquals(List.of("D"), List.of(session.sql("SELECT 1.5 D").columns()));
  }

  @Test
  void outOfRangeIsAnError() {
    AnalysisException tiny = assertThrows(AnalysisException.class, () -> session.sql("SELECT 128Y").collect());
    assertEquals("INVALID_NUMERIC_LITERAL_RANGE", tiny.errorClass());
    assertTrue(tiny.getMessage().contains("Numeric literal 128 is outside the valid range for tinyint with minimum"
        + " value of -128 and maximum value of 127"), tiny.getMessage());
    assertEquals("INVALID_NUMERIC_LITERAL_RANGE",
        assertThrows(AnalysisException.class, () -> session.sql("SELECT -32769S")).errorClass());
    assertEquals("INVALID_NUMERIC_LITERAL_RANGE",
        assertThrows(AnalysisException.class, () -> session.sql("SELECT 9223372036854775808L")).errorClass());
    assertEquals("INVALID_NUMERIC_LITERAL_RANGE",
        assertThrows(AnalysisException.class, () -> session.sql("SELECT 1e400D")).errorClass());
    assertEquals("INVALID_NUMERIC_LITERAL_RANGE",
        assertThrows(AnalysisException.class, () -> session.sql("SELECT 1e39F")).errorClass());
    assertEquals("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
        assertThrows(AnalysisException.class, () -> session.sql("SELECT 1234567890123456789012345678901234567890BD"))
            .errorClass());
    assertEquals(List.of("[32767,-32768]"), sorted(session.sql("SELECT 32767S, -32768S")));
  }
}
