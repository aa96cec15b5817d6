package io.ember.core.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.AnalysisException;
import org.junit.jupiter.api.Test;

/** Schemas written as Spark DDL strings. */
class DdlParserTest {
  @Test
  void simpleFieldsWithDecimalParameters() {
    StructType expected = DataTypes.struct(
        DataTypes.field("a", DataTypes.INTEGER), DataTypes.field("b", DataTypes.STRING),
        DataTypes.field("c", DataTypes.decimal(10, 2)));
    assertEquals(expected, DdlParser.parseSchema("a INT, b STRING, c DECIMAL(10,2)"));
    assertEquals(expected, DdlParser.parseSchema("  a int ,b string,c decimal( 10 , 2 ) "));
  }

  @Test
  void nestedArraysAndStructsSplitOnlyOnTopLevelCommas() {
    StructType inner = DataTypes.struct(DataTypes.field("x", DataTypes.INTEGER), DataTypes.field("y", DataTypes.STRING));
    StructType expected = DataTypes.struct(
        DataTypes.field("tags", DataTypes.array(DataTypes.STRING)),
        DataTypes.field("s", inner),
        DataTypes.field("deep", DataTypes.array(inner)),
        DataTypes.field("ts", DataTypes.TIMESTAMP));
    assertEquals(expected,
        DdlParser.parseSchema("tags ARRAY<STRING>, s STRUCT<x: INT, y: STRING>, deep array<struct<x int,y string>>, ts timestamp"));
  }

  @Test
  void notNullQuotedNamesAndCommentsAreHonoured() {
    StructType expected = new StructType(java.util.List.of(
        new StructField("id", DataTypes.LONG, false), new StructField("my col.x", DataTypes.DOUBLE, true),
        new StructField("d", DataTypes.DATE, true)));
    assertEquals(expected, DdlParser.parseSchema("id BIGINT NOT NULL, `my col.x` DOUBLE, d DATE COMMENT 'day, local'"));
  }

  @Test
  void unknownTypeNamesTheType() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> DdlParser.parseSchema("a INT, b FOO"));
    assertEquals("UNSUPPORTED_DATATYPE", e.errorClass());
    assertTrue(e.getMessage().contains("\"FOO\""), e.getMessage());
  }

  @Test
  void malformedSchemasAreSyntaxErrors() {
    assertEquals("PARSE_SYNTAX_ERROR", assertThrows(AnalysisException.class, () -> DdlParser.parseSchema("a")).errorClass());
    assertEquals("PARSE_SYNTAX_ERROR",
        assertThrows(AnalysisException.class, () -> DdlParser.parseSchema("a INT,, b INT")).errorClass());
    assertEquals("PARSE_SYNTAX_ERROR",
        assertThrows(AnalysisException.class, () -> DdlParser.parseSchema("a ARRAY<INT")).errorClass());
    assertEquals("PARSE_SYNTAX_ERROR", assertThrows(AnalysisException.class, () -> DdlParser.parseSchema("")).errorClass());
  }

  @Test
  void singleTypesForCast() {
    assertEquals(DataTypes.LONG, DdlParser.parseType("bigint"));
    assertEquals(DataTypes.array(DataTypes.decimal(5, 1)), DdlParser.parseType("array<decimal(5,1)>"));
  }
}
