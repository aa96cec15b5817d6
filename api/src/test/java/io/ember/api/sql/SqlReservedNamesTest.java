package io.ember.api.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Words the parser reserves but Spark does not ({@code date}, {@code timestamp}, {@code time}...) name columns. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlReservedNamesTest {
  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[1]").appName(getClass().getSimpleName()).getOrCreate();
    session.createDataFrame(List.of(Row.of(LocalDate.of(2024, 3, 5), "09:00", 1, "ann", 7)),
        DataTypes.struct(DataTypes.field("date", DataTypes.DATE), DataTypes.field("time", DataTypes.STRING),
            DataTypes.field("next", DataTypes.INTEGER), DataTypes.field("user", DataTypes.STRING),
            DataTypes.field("value", DataTypes.INTEGER)))
        .createOrReplaceTempView("rn");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  @Test
  void reservedWordsNameColumnsUnquoted() {
    DataFrame df = session.sql("SELECT date, time, next, user, value, rn.date AS d2 FROM rn WHERE date > DATE"
        + " '2024-01-01' ORDER BY date");
    assertEquals(List.of("date", "time", "next", "user", "value", "d2"), List.of(df.columns()));
    assertEquals(List.of(Row.of(LocalDate.of(2024, 3, 5), "09:00", 1, "ann", 7, LocalDate.of(2024, 3, 5))),
        df.collectAsList());
  }

  @Test
  void theWordsKeepTheirMeaningAsTypesAndLiterals() {
    DataFrame df = session.sql("SELECT CAST(date AS TIMESTAMP) AS timestamp, CAST('2024-01-02' AS DATE) AS date,"
        + " '2024-01-03'::date AS c, TIMESTAMP '2024-01-04 10:00:00' AS t, value + 1 AS `time` FROM rn");
    assertEquals(List.of("timestamp", "date", "c", "t", "time"), List.of(df.columns()));
    assertEquals(DataTypes.TIMESTAMP, df.schema().field(0).dataType());
    assertEquals(LocalDate.of(2024, 1, 2), df.collectAsList().get(0).get(1));
    assertEquals(List.of(Row.of(8)), session.sql("SELECT value + next FROM rn /* date */ WHERE 'date' <> user")
        .collectAsList());
    assertEquals(List.of(Row.of(LocalDate.of(2024, 3, 5))), session.range(1).selectExpr("DATE '2024-03-05' AS date")
        .collectAsList());
  }
}
