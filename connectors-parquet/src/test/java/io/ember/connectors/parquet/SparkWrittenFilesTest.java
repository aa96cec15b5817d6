package io.ember.connectors.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Files written by Spark 4.0.1 ({@code local[1]}, session time zone UTC, default options: snappy, INT64
 * TIMESTAMP_MICROS), kept under {@code src/test/resources/spark-4.0.1/}. {@code all_types} is
 * <pre>
 * SELECT CAST(id AS INT) id, id % 2 = 0 flag, CAST(id * 1000000000 AS BIGINT) big, CAST(id AS DOUBLE) / 4 ratio,
 *   CAST(id / 2 AS FLOAT) f, CAST(id AS SMALLINT) s, CAST(id AS TINYINT) t, concat('name-', id) name,
 *   CAST(id * 1.25 AS DECIMAL(7,2)) small_dec, CAST(id * 1000000.125 AS DECIMAL(15,3)) mid_dec,
 *   CAST(id AS DECIMAL(30,4)) wide_dec, date_add(DATE'2024-01-01', id) day,
 *   TIMESTAMP'2024-01-01 00:00:00' + make_interval(0, 0, 0, 0, 0, 0, id * 1.5) ts FROM range(5)
 * UNION ALL a row of id 5 and nulls elsewhere
 * </pre>
 * and {@code array_column} is {@code SELECT 1 AS id, array(1, 2) AS xs}. {@code timestamps_int96} and
 * {@code timestamps_millis} hold {@code SELECT CAST(id AS INT) id, TIMESTAMP'1969-12-31 23:59:58' +
 * make_interval(0, 0, 0, id * 400, 0, 0, id * 1.5) ts FROM range(4)} and a row of id 4 with a null {@code ts}, written
 * with {@code spark.sql.parquet.outputTimestampType} INT96 (Spark's default before 3.0) and TIMESTAMP_MILLIS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkWrittenFilesTest {
  Session session;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[1]").appName("spark-files").getOrCreate();
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  static String resource(String name) {
    try {
      return Path.of(SparkWrittenFilesTest.class.getResource("/spark-4.0.1/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyColumnOfASparkFileReadsWithSparksValues() {
    DataFrame df = session.read().parquet(resource("all_types.snappy.parquet"));
    StructType expected = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
        DataTypes.field("flag", DataTypes.BOOLEAN), DataTypes.field("big", DataTypes.LONG),
        DataTypes.field("ratio", DataTypes.DOUBLE), DataTypes.field("f", DataTypes.DOUBLE),
        DataTypes.field("s", DataTypes.INTEGER), DataTypes.field("t", DataTypes.INTEGER),
        DataTypes.field("name", DataTypes.STRING), DataTypes.field("small_dec", DataTypes.decimal(7, 2)),
        DataTypes.field("mid_dec", DataTypes.decimal(15, 3)), DataTypes.field("wide_dec", DataTypes.decimal(30, 4)),
        DataTypes.field("day", DataTypes.DATE), DataTypes.field("ts", DataTypes.TIMESTAMP));
    assertEquals(expected, df.schema());
    List<Row> rows = new ArrayList<>();
    for (int id = 0; id < 5; id++) {
      rows.add(Row.of(id, id % 2 == 0, id * 1_000_000_000L, id / 4.0, id / 2.0, id, id, "name-" + id,
          new BigDecimal("1.25").multiply(BigDecimal.valueOf(id)).setScale(2),
          new BigDecimal("1000000.125").multiply(BigDecimal.valueOf(id)).setScale(3),
          BigDecimal.valueOf(id).setScale(4), LocalDate.of(2024, 1, 1).plusDays(id),
          Instant.parse("2024-01-01T00:00:00Z").plusMillis(1500L * id)));
    }
    Object[] nulls = new Object[13];
    nulls[0] = 5;
    rows.add(Row.of(nulls));
    assertEquals(rows, df.orderBy("id").collectAsList());
    assertEquals(Arrays.asList(Row.of("name-3", 1.5)), df.filter("id = 3").select("name", "f").collectAsList());
  }

  @Test
  void filtersOnEveryColumnOfASparkFileGiveTheSameRowsWithPushdownOnAndOff() {
    String file = resource("all_types.snappy.parquet");
    List<String> filters = List.of("id > 3", "id > 10", "flag = true", "big >= 3000000000", "ratio < 0.5",
        "f <= 1.0", "f = 0.0", "f < 0.3", "s = 2", "t IN (1, 4)", "name > 'name-2'", "name = 'zzz'",
        "small_dec = 2.50", "mid_dec > 3000000", "wide_dec < 1.5", "day = DATE'2024-01-03'",
        "ts >= TIMESTAMP'2024-01-01 00:00:03'", "ts IS NULL", "name IS NOT NULL AND NOT (s < 2)", "big > 99999999999");
    for (String f : filters) {
      session.conf().set("spark.sql.parquet.filterPushdown", false);
      List<Row> off = session.read().parquet(file).filter(f).orderBy("id").collectAsList();
      session.conf().set("spark.sql.parquet.filterPushdown", true);
      List<Row> on = session.read().parquet(file).filter(f).orderBy("id").collectAsList();
      assertEquals(off, on, f);
    }
    session.conf().unset("spark.sql.parquet.filterPushdown");
  }

  @Test
  void int96AndMillisecondTimestampsReadAsMicrosecondTimestamps() {
    List<Row> expected = new ArrayList<>();
    for (int id = 0; id < 4; id++) {
      expected.add(Row.of(id, Instant.parse("1969-12-31T23:59:58Z").plus(java.time.Duration.ofDays(400L * id))
          .plusMillis(1500L * id)));
    }
    expected.add(Row.of(4, null));
    for (String file : List.of("timestamps_int96.snappy.parquet", "timestamps_millis.snappy.parquet")) {
      DataFrame df = session.read().parquet(resource(file));
      assertEquals(DataTypes.TIMESTAMP, df.schema().field(1).dataType(), file);
      assertEquals(expected, df.orderBy("id").collectAsList(), file);
    }
  }

  @Test
  void anArrayColumnReadsWithSparksValues() {
    String file = resource("array_column.snappy.parquet");
    DataFrame df = session.read().parquet(file);
    assertEquals("struct<id:int,xs:array<int>>", df.schema().simpleString());
    assertEquals(List.of(Row.of(1, List.of(1, 2))), df.collectAsList());
    assertEquals(List.of(Row.of(1)), session.read().schema("id INT").parquet(file).collectAsList());
  }
}
