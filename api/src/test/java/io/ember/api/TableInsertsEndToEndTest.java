package io.ember.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INSERT with a column list, static and dynamic partitions, and partition overwrite modes, as Spark's. */
class TableInsertsEndToEndTest extends WarehouseSessionTest {
  private List<String> sorted(String sql) {
    return sorted(session.sql(sql));
  }

  @Test
  void columnListsFillTheOtherColumnsWithNulls() {
    session.sql("CREATE TABLE people (name STRING, age INT, city STRING) USING json");
    session.sql("INSERT INTO people (city, name) VALUES ('oslo', 'ann')");
    session.sql("INSERT INTO people (age, name, city) SELECT 40L, 'bob', 'rome'");
    assertEquals(List.of("[ann,null,oslo]", "[bob,40,rome]"), sorted("SELECT * FROM people"));
    assertEquals("INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS",
        error("INSERT INTO people (name) SELECT 'x', 1"));
    assertEquals("UNRESOLVED_COLUMN.WITH_SUGGESTION", error("INSERT INTO people (nmae) SELECT 'x'"));
    assertEquals("COLUMN_ALREADY_EXISTS", error("INSERT INTO people (name, NAME) SELECT 'x', 'y'"));
    session.sql("INSERT OVERWRITE people (name) SELECT 'cy'");
    assertEquals(List.of("[cy,null,null]"), sorted("SELECT * FROM people"));
  }

  @Test
  void staticAndDynamicPartitionsInsertAndOverwrite() {
    session.sql("CREATE TABLE events (what STRING, day STRING, hour INT) USING csv PARTITIONED BY (day, hour)");
    session.sql("INSERT INTO events PARTITION (day = 'mon', hour = 9) VALUES ('a'), ('b')");
    session.sql("INSERT INTO events PARTITION (day = 'mon', hour) SELECT 'c', 10");
    session.sql("INSERT INTO events PARTITION (day = 'tue', hour) (what, hour) SELECT 'd', 9");
    assertEquals(List.of("[day=mon/hour=10]", "[day=mon/hour=9]", "[day=tue/hour=9]"),
        sorted("SHOW PARTITIONS events"));
    assertEquals("_LEGACY_ERROR_TEMP_1169", error("INSERT INTO events PARTITION (day = 'mon') SELECT 'x', 1"));
    assertEquals("INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS",
        error("INSERT INTO events PARTITION (day = 'mon', hour = 1) SELECT 'x', 1"));
    assertEquals("STATIC_PARTITION_COLUMN_IN_INSERT_COLUMN_LIST",
        error("INSERT INTO events PARTITION (day = 'mon', hour = 1) (what, day) SELECT 'x', 'y'"));

    // static mode: the static values select the partitions replaced (here every hour of monday)
    session.sql("INSERT OVERWRITE events PARTITION (day = 'mon', hour) SELECT 'e', 11");
    assertEquals(List.of("[d,tue,9]", "[e,mon,11]"), sorted("SELECT * FROM events"));

    // dynamic mode: only the partitions the rows fall into
    session.sql("INSERT INTO events PARTITION (day = 'mon', hour = 12) VALUES ('f')");
    session.conf().set("spark.sql.sources.partitionOverwriteMode", "dynamic");
    session.sql("INSERT OVERWRITE events PARTITION (day = 'mon', hour) SELECT 'g', 12");
    assertEquals(List.of("[d,tue,9]", "[e,mon,11]", "[g,mon,12]"), sorted("SELECT * FROM events"));
    session.sql("INSERT OVERWRITE events SELECT 'h', 'tue', 9");
    assertEquals(List.of("[e,mon,11]", "[g,mon,12]", "[h,tue,9]"), sorted("SELECT * FROM events"));

    // the writer's option overrides the session's mode; without a PARTITION clause static mode replaces all
    session.createDataFrame(List.of(Row.of("i", "wed", 1)), DataTypes.struct(DataTypes.field("w", DataTypes.STRING),
        DataTypes.field("d", DataTypes.STRING), DataTypes.field("h", DataTypes.INTEGER)))
        .write().mode("overwrite").option("partitionOverwriteMode", "static").insertInto("events");
    assertEquals(List.of("[i,wed,1]"), sorted("SELECT * FROM events"));
    assertEquals("INVALID_CONF_VALUE.OUT_OF_RANGE_OF_OPTIONS", assertThrows(EmberIllegalArgumentException.class,
        () -> session.conf().set("spark.sql.sources.partitionOverwriteMode", "sometimes")).errorClass());
    assertThrows(EmberIllegalArgumentException.class, () -> session.createDataFrame(List.of(Row.of("j", "thu", 2)),
        DataTypes.struct(DataTypes.field("w", DataTypes.STRING), DataTypes.field("d", DataTypes.STRING),
        DataTypes.field("h", DataTypes.INTEGER))).write().mode("overwrite").option("partitionOverwriteMode", "x")
        .insertInto("events"));
    assertEquals(List.of("[i,wed,1]"), sorted("SELECT * FROM events"));
    assertEquals("_LEGACY_ERROR_TEMP_1231", error("INSERT INTO events PARTITION (month = 1) SELECT 'x', 'y', 1"));
  }
}
