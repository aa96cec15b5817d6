package io.ember.api.nested;

import static io.ember.api.functions.col;
import static io.ember.api.functions.lit;
import static io.ember.api.functions.upper;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Struct fields and array elements reached by name, {@code getField}, {@code getItem} and SQL, with Spark's errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StructFieldAccessTest {
  private static final StructType ADDRESS = DataTypes.struct(DataTypes.field("city", DataTypes.STRING),
      DataTypes.field("zip", DataTypes.INTEGER));
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER),
      DataTypes.field("addr", ADDRESS), DataTypes.field("tags", DataTypes.array(DataTypes.STRING)));

  Session session;
  DataFrame people;

  @BeforeAll
  void start() {
    session = Session.builder().master("local[2]").appName("struct-fields").getOrCreate();
    people = session.createDataFrame(List.of(
        Row.of(1, new Row(ADDRESS, new Object[] {"Oslo", 150}), List.of("a", "b")),
        Row.of(2, null, List.of("c")),
        Row.of(3, new Row(ADDRESS, new Object[] {null, 7}), null)), SCHEMA);
    people.createOrReplaceTempView("people");
  }

  @AfterAll
  void stop() {
    session.stop();
  }

  private static List<List<Object>> rows(DataFrame df) {
    return df.collectAsList().stream().map(r -> Arrays.asList(r.toArray())).toList();
  }

  @Test
  void fieldsByDottedNameGetFieldAndGetItem() {
    DataFrame df = people.select(col("addr.city"), col("addr").getField("zip"), col("addr").getItem("city"),
        people.col("addr.zip"), col("tags").getItem(0));
    assertEquals(List.of("city", "addr.zip", "addr.city", "zip", "tags[0]"), Arrays.asList(df.columns()));
    assertEquals(List.of(Arrays.asList("Oslo", 150, "Oslo", 150, "a"), Arrays.asList(null, null, null, null, "c"),
        Arrays.asList(null, 7, null, 7, null)), rows(df.orderBy("id")));
    assertEquals(List.of(Arrays.asList("OSLO")), rows(people.filter(col("addr.zip").gt(100))
        .select(upper(col("addr").getField("city")))));
  }

  @Test
  void structStarExpandsTheFields() {
    DataFrame df = people.orderBy("id").select(col("id"), col("addr.*"));
    assertEquals(List.of("id", "city", "zip"), Arrays.asList(df.columns()));
    assertEquals(Arrays.asList(1, "Oslo", 150), rows(df).get(0));
    DataFrame sql = session.sql("SELECT p.addr.*, tags[0] FROM people p WHERE id = 1");
    assertEquals(List.of("city", "zip", "tags[0]"), Arrays.asList(sql.columns()));
    assertEquals(List.of(Arrays.asList("Oslo", 150, "a")), rows(sql));
  }

  @Test
  void sqlFieldAccessAndTableAliasPrecedence() {
    assertEquals(List.of(Arrays.asList("Oslo", 150)),
        rows(session.sql("SELECT addr.city, people.addr.zip FROM people WHERE addr.zip > 100")));
    // a table aliased `addr` wins over the struct column `addr`, as in Spark
    DataFrame t = session.sql("SELECT addr.id FROM people addr WHERE id = 2");
    assertEquals(List.of(List.of(2)), rows(t));
    assertEquals("addr.city", session.sql("SELECT addr['city'] FROM people").columns()[0]);
  }

  @Test
  void errorsAreSparks() {
    EmberException missing = assertThrows(AnalysisException.class, () -> people.select(col("addr.country")).schema());
    assertEquals("FIELD_NOT_FOUND", missing.errorClass());
    assertTrue(missing.getMessage().contains("No such struct field `country` in `city`, `zip`."), missing.getMessage());
    EmberException viaGetField = assertThrows(AnalysisException.class,
        () -> people.select(col("addr").getField("country")).schema());
    assertEquals("FIELD_NOT_FOUND", viaGetField.errorClass());
    EmberException notStruct = assertThrows(AnalysisException.class, () -> people.select(col("id.x")).schema());
    assertEquals("INVALID_EXTRACT_BASE_FIELD_TYPE", notStruct.errorClass());
    assertTrue(notStruct.getMessage().contains("Need a complex type [STRUCT, ARRAY, MAP] but got \"INT\""),
        notStruct.getMessage());
    EmberException unknown = assertThrows(AnalysisException.class, () -> people.select(col("nope.x")).schema());
    assertTrue(unknown.errorClass().startsWith("UNRESOLVED_COLUMN"), unknown.errorClass());
    EmberException badIndex = assertThrows(EmberException.class,
        () -> people.filter(col("id").equalTo(1)).select(col("tags").getItem(5)).collectAsList());
    assertEquals("INVALID_ARRAY_INDEX", badIndex.errorClass());
    EmberException fieldByNumber = assertThrows(AnalysisException.class,
        () -> people.select(col("addr").getItem(lit(1))).schema());
    assertEquals("INVALID_EXTRACT_FIELD_TYPE", fieldByNumber.errorClass());
  }

  @Test
  void nestedValuesShowAndPrintAsSpark() {
    String shown = people.orderBy("id").select(col("id"), col("addr"), col("tags")).showString(20, 20, false);
    assertEquals(String.join("\n",
        "+---+-----------+------+",
        "| id|       addr|  tags|",
        "+---+-----------+------+",
        "|  1|{Oslo, 150}|[a, b]|",
        "|  2|       NULL|   [c]|",
        "|  3|  {NULL, 7}|  NULL|",
        "+---+-----------+------+", ""), shown);
    assertEquals(String.join("\n",
        "root",
        " |-- id: integer (nullable = true)",
        " |-- addr: struct (nullable = true)",
        " |    |-- city: string (nullable = true)",
        " |    |-- zip: integer (nullable = true)",
        " |-- tags: array (nullable = true)",
        " |    |-- element: string (containsNull = true)", ""), people.schema().treeString());
  }
}
