package io.ember.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden text of Spark's {@code show()} for the same rows. */
class ShowFormatterTest {
  private static final StructType ID_NAME = DataTypes.struct(
      DataTypes.field("id", DataTypes.INTEGER), DataTypes.field("name", DataTypes.STRING));

  private static String show(StructType schema, List<Row> rows, int n, int truncate, boolean vertical) {
    return ShowFormatter.showString(schema, rows, n, truncate, vertical, ZoneOffset.UTC);
  }

  @Test
  void tableRightAlignsCellsAndShowsNullAsNULL() {
    String expected = ""
        + "+---+-----+\n"
        + "| id| name|\n"
        + "+---+-----+\n"
        + "|  1|alice|\n"
        + "|  2| NULL|\n"
        + "+---+-----+\n";
    assertEquals(expected, show(ID_NAME, List.of(Row.of(1, "alice"), Row.of(2, null)), 20, 20, false));
  }

  @Test
  void moreRowsThanShownPrintsTheFooter() {
    List<Row> rows = List.of(Row.of(1, "a"), Row.of(2, "b"), Row.of(3, "c"));
    String expected = ""
        + "+---+----+\n"
        + "| id|name|\n"
        + "+---+----+\n"
        + "|  1|   a|\n"
        + "|  2|   b|\n"
        + "+---+----+\n"
        + "only showing top 2 rows\n";
    assertEquals(expected, show(ID_NAME, rows, 2, 20, false));
    String one = show(ID_NAME, rows.subList(0, 2), 1, 20, false);
    assertEquals("only showing top 1 row\n", one.substring(one.lastIndexOf("only")));
  }

  @Test
  void longCellsAreCutToSeventeenCharactersAndDots() {
    StructType schema = DataTypes.struct(DataTypes.field("s", DataTypes.STRING));
    String expected = ""
        + "+--------------------+\n"
        + "|                   s|\n"
        + "+--------------------+\n"
        + "|abcdefghijklmnopq...|\n"
        + "|exactly twenty chars|\n"
        + "+--------------------+\n";
    assertEquals(expected, show(schema, List.of(Row.of("abcdefghijklmnopqrstuvwxyz"), Row.of("exactly twenty chars")), 20, 20, false));
  }

  @Test
  void truncateZeroLeftAlignsAndKeepsWholeCells() {
    StructType schema = DataTypes.struct(DataTypes.field("s", DataTypes.STRING), DataTypes.field("n", DataTypes.LONG));
    String expected = ""
        + "+--------------------------+---+\n"
        + "|s                         |n  |\n"
        + "+--------------------------+---+\n"
        + "|abcdefghijklmnopqrstuvwxyz|7  |\n"
        + "+--------------------------+---+\n";
    assertEquals(expected, show(schema, List.of(Row.of("abcdefghijklmnopqrstuvwxyz", 7L)), 20, 0, false));
  }

  @Test
  void truncateBelowFourCutsWithoutDots() {
    StructType schema = DataTypes.struct(DataTypes.field("s", DataTypes.STRING));
    assertEquals("+---+\n|  s|\n+---+\n|abc|\n+---+\n", show(schema, List.of(Row.of("abcdef")), 20, 3, false));
  }

  @Test
  void arraysStructsDecimalsDatesAndTimestampsRenderAsSparkDoes() {
    StructType schema = DataTypes.struct(
        DataTypes.field("arr", DataTypes.array(DataTypes.INTEGER)),
        DataTypes.field("st", DataTypes.struct(DataTypes.field("x", DataTypes.INTEGER), DataTypes.field("y", DataTypes.STRING))),
        DataTypes.field("dec", DataTypes.decimal(10, 2)),
        DataTypes.field("d", DataTypes.DATE),
        DataTypes.field("ts", DataTypes.TIMESTAMP),
        DataTypes.field("dbl", DataTypes.DOUBLE));
    Row row = Row.of(java.util.Arrays.asList(1, null, 3), Row.of(1, null), new BigDecimal("12.50"),
        LocalDate.of(2024, 3, 1), Instant.parse("2024-03-01T10:00:00.120Z"), 1.0);
    String expected = ""
        + "+------------+---------+-----+----------+----------------------+---+\n"
        + "|arr         |st       |dec  |d         |ts                    |dbl|\n"
        + "+------------+---------+-----+----------+----------------------+---+\n"
        + "|[1, NULL, 3]|{1, NULL}|12.50|2024-03-01|2024-03-01 10:00:00.12|1.0|\n"
        + "+------------+---------+-----+----------+----------------------+---+\n";
    assertEquals(expected, show(schema, List.of(row), 20, 0, false));
  }

  @Test
  void timestampsAreShownInTheSessionTimeZone() {
    StructType schema = DataTypes.struct(DataTypes.field("ts", DataTypes.TIMESTAMP));
    String actual = ShowFormatter.showString(schema, List.of(Row.of(Instant.parse("2024-01-01T00:00:00Z"))), 20, 20, false,
        ZoneId.of("America/Los_Angeles"));
    assertEquals(""
        + "+-------------------+\n"
        + "|                 ts|\n"
        + "+-------------------+\n"
        + "|2023-12-31 16:00:00|\n"
        + "+-------------------+\n", actual);
  }

  @Test
  void verticalModePrintsOneBlockPerRecord() {
    String expected = ""
        + "-RECORD 0-----\n"
        + " id   | 1     \n"
        + " name | alice \n"
        + "-RECORD 1-----\n"
        + " id   | 2     \n"
        + " name | NULL  \n"
        + "only showing top 2 rows\n";
    assertEquals(expected, show(ID_NAME, List.of(Row.of(1, "alice"), Row.of(2, null), Row.of(3, "c")), 2, 20, true));
  }

  @Test
  void verticalModeWithoutRowsSaysSo() {
    assertEquals("(0 rows)\n", show(ID_NAME, List.of(), 20, 20, true));
  }

  @Test
  void emptyResultPrintsHeaderOnly() {
    assertEquals("+---+----+\n| id|name|\n+---+----+\n+---+----+\n", show(ID_NAME, List.of(), 20, 20, false));
  }

  @Test
  void fullWidthCharactersCountTwice() {
    StructType schema = DataTypes.struct(DataTypes.field("s", DataTypes.STRING));
    assertEquals("+----+\n|   s|\n+----+\n|日本|\n+----+\n", show(schema, List.of(Row.of("日本")), 20, 20, false));
  }

  @Test
  void controlCharactersAreEscaped() {
    StructType schema = DataTypes.struct(DataTypes.field("s", DataTypes.STRING));
    assertEquals("+----+\n|   s|\n+----+\n|a\\nb|\n+----+\n", show(schema, List.of(Row.of("a\nb")), 20, 20, false));
  }
}
