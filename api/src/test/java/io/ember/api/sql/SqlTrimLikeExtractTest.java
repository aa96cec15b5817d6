package io.ember.api.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
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
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> session.sql("SELECT EXTRACT(SECOND FROM TIMESTAMP '2024-03-05 17:04:00')"));
    assertEquals("UNSUPPORTED_FEATURE.SQL", e.errorClass());
  }
}
