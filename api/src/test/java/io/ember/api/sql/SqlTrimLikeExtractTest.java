package io.ember.api.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** SQL's special forms TRIM(.. FROM ..), LIKE .. ESCAPE and EXTRACT(.. FROM ..) as Spark reads them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlTrimLikeExtractTest {
  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[1]").appName(getClass().getSimpleName()).getOrCreate();
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private Row one(String sql) {
    return session.sql(sql).collectAsList().get(0);
  }

  @Test
  void trimOfGivenCharactersFromEitherOrBothEnds() {
    assertEquals(Row.of("abc", "abcxy", "yxabc", "abc"), one("SELECT trim(BOTH 'xy' FROM 'yxabcxy'),"
        + " trim(LEADING 'xy' FROM 'yxabcxy'), trim(TRAILING 'yx' FROM 'yxabcxy'), trim('  abc ')"));
  }

  @Test
  void likeWithAnEscapeCharacterMatchesTheWildcardsLiterally() {
    assertEquals(Row.of(true, false, true), one("SELECT 'a_b' LIKE 'a!_b' ESCAPE '!', 'axb' LIKE 'a!_b' ESCAPE '!',"
        + " '50%' NOT LIKE '50!%x' ESCAPE '!'"));
  }

  @Test
  void extractReadsDateFieldsUnderSparksNames() {
    DataFrame df = session.sql("SELECT EXTRACT(YEAR FROM DATE '2024-03-05'), EXTRACT(DOW FROM DATE '2024-03-05'),"
        + " EXTRACT(HOUR FROM TIMESTAMP '2024-03-05 17:04:00')");
    assertEquals(Row.of(2024, 3, 17), df.collectAsList().get(0));
    session.createDataFrame(List.of(Row.of(LocalDate.of(2024, 3, 5))),
        DataTypes.struct(DataTypes.field("d", DataTypes.DATE))).createOrReplaceTempView("dates");
    assertEquals("extract(YEAR FROM d)", session.sql("SELECT EXTRACT(YEAR FROM d) FROM dates").columns()[0]);
  }

  @Test
  void extractSecondKeepsTheFractionAsDecimal86() {
    DataFrame df = session.sql("SELECT EXTRACT(SECOND FROM TIMESTAMP '2024-03-05 17:04:09.123456') AS s,"
        + " EXTRACT(SECOND FROM TIMESTAMP '2024-03-05 17:04:00') AS z, date_part('SECOND', TIMESTAMP"
        + " '2024-03-05 17:04:59.5') AS p, EXTRACT(SECONDS FROM TIMESTAMP '2024-03-05 17:04:01.000001') AS syn");
    assertEquals(DataTypes.decimal(8, 6), df.schema().field(0).dataType());
    assertEquals(DataTypes.decimal(8, 6), df.schema().field(2).dataType());
    assertEquals(Row.of(new BigDecimal("9.123456"), new BigDecimal("0.000000"), new BigDecimal("59.500000"),
        new BigDecimal("1.000001")), df.collectAsList().get(0));
    session.createDataFrame(List.of(Row.of(LocalDate.of(2024, 3, 5))),
        DataTypes.struct(DataTypes.field("d", DataTypes.DATE))).createOrReplaceTempView("second_dates");
    assertEquals(List.of("extract(SECOND FROM d)", "date_part(SECOND, d)"), List.of(session.sql(
        "SELECT EXTRACT(SECOND FROM d), date_part('SECOND', d) FROM second_dates").columns()));
  }

  @Test
  void everyExtractFieldAndSynonymOfSparkReadsADateOrTimestamp() {
    String ts = "TIMESTAMP '2024-03-05 17:04:09'";
    assertEquals(Row.of(2024, 2024, 1, 3, 3, 10, 5, 3, 2, 65, 17, 17, 4, 4), one("SELECT EXTRACT(YEAR FROM " + ts
        + "), date_part('YR', " + ts + "), EXTRACT(QUARTER FROM " + ts + "), EXTRACT(MONTH FROM " + ts + "),"
        + " date_part('MON', " + ts + "), EXTRACT(WEEK FROM " + ts + "), EXTRACT(DAY FROM " + ts + "),"
        + " EXTRACT(DAYOFWEEK FROM " + ts + "), date_part('DOW_ISO', " + ts + "), EXTRACT(DOY FROM " + ts + "),"
        + " EXTRACT(HOUR FROM " + ts + "), date_part('H', " + ts + "), EXTRACT(MINUTE FROM " + ts + "),"
        + " datepart('MINS', " + ts + ")"));
    // ISO week-based years: 2021-01-03 (a Sunday) is in 2020's week 53, 2024-12-30 (a Monday) in 2025's week 1.
    assertEquals(Row.of(2020, 2025, 7, 1), one("SELECT date_part('YEAROFWEEK', DATE '2021-01-03'),"
        + " date_part('YEAROFWEEK', DATE '2024-12-30'), date_part('DAYOFWEEK_ISO', DATE '2021-01-03'),"
        + " date_part('DOW', DATE '2021-01-03')"));
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> session.sql("SELECT date_part('FORTNIGHT', " + ts + ")"));
    assertEquals("INVALID_EXTRACT_FIELD", e.errorClass());
  }
}
