package io.ember.core.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.errors.AnalysisException;
import org.junit.jupiter.api.Test;

class DataTypesTest {
  @Test
  void parsesSparkDdlNames() {
    assertEquals(DataTypes.INTEGER, DataTypes.parse("INT"));
    assertEquals(DataTypes.LONG, DataTypes.parse("bigint"));
    assertEquals(DataTypes.decimal(12, 3), DataTypes.parse("decimal(12, 3)"));
    assertEquals(DataTypes.decimal(7, 0), DataTypes.parse("decimal(7)"));
    assertEquals(DecimalType.DEFAULT, DataTypes.parse("decimal"));
    assertEquals(DataTypes.array(DataTypes.array(DataTypes.STRING)), DataTypes.parse("array<array<string>>"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataTypes.parse("map<int,int>"));
    assertEquals("Cannot parse the data type 'map<int,int>'. Supported: boolean, int, bigint, double, string, binary,"
        + " date, timestamp, decimal(p,s), array<T>, interval day to second, interval year to month", e.getMessage());
  }

  @Test
  void decimalBoundsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> DataTypes.decimal(39, 0));
    assertThrows(IllegalArgumentException.class, () -> DataTypes.decimal(5, 6));
    assertEquals("decimal(5,2)", DataTypes.decimal(5, 2).simpleString());
  }

  @Test
  void structNamesTreeAndLookup() {
    StructType t = DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER, false),
        DataTypes.field("tags", DataTypes.array(DataTypes.STRING)),
        DataTypes.field("p", DataTypes.struct(DataTypes.field("x", DataTypes.DOUBLE))));
    assertEquals("struct<id:int,tags:array<string>,p:struct<x:double>>", t.simpleString());
    assertEquals("""
        root
         |-- id: integer (nullable = false)
         |-- tags: array (nullable = true)
         |    |-- element: string (containsNull = true)
         |-- p: struct (nullable = true)
         |    |-- x: double (nullable = true)
        """, t.treeString());
    assertEquals(1, t.indexOf("TAGS"));
    assertEquals(-1, t.indexOf("nope"));
    AnalysisException e = assertThrows(AnalysisException.class, () -> t.requireIndex("tag"));
    assertEquals("UNRESOLVED_COLUMN.WITH_SUGGESTION", e.errorClass());
    assertEquals("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `tag` cannot be"
        + " resolved. Did you mean `tags`? Available columns: [`id`, `tags`, `p`].", e.getMessage());
    assertEquals(DataTypes.struct(DataTypes.field("p", t.field(2).dataType()), t.field(0)), t.select(2, 0));
  }
}
