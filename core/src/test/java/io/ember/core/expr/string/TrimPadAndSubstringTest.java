package io.ember.core.expr.string;

import static io.ember.core.expr.string.FunctionHarness.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import org.junit.jupiter.api.Test;

class TrimPadAndSubstringTest {
  @Test
  void trimsRemoveOnlySpaces() {
    assertEquals(values("SparkSQL", null, "a b", "\tx\t", ""),
        evalColumn("trim", DataTypes.STRING, values("  SparkSQL   ", null, " a b ", "\tx\t", "   ")));
    assertEquals("SparkSQL   ", eval("ltrim", str("  SparkSQL   ")));
    assertEquals("  SparkSQL", eval("rtrim", str("  SparkSQL   ")));
  }

  @Test
  void trimWithATrimStringTakesItFirstAsSparkSql() {
    assertEquals("parkSQ", eval("trim", str("SL"), str("SSparkSQLS")));
    assertEquals("parkSQLS", eval("ltrim", str("SL"), str("SSparkSQLS")));
    assertEquals("SSparkSQ", eval("rtrim", str("SL"), str("SSparkSQLS")));
    assertEquals("parkSQ", eval("btrim", str("SSparkSQLS"), str("SL")));
    assertEquals("b", eval("trim", str("日a"), str("日ab日")));
    assertNull(eval("trim", nullOf(DataTypes.STRING), str("x")));
  }

  @Test
  void padsRepeatThePadAndTruncateLongerStrings() {
    assertEquals("???hi", eval("lpad", str("hi"), i(5), str("??")));
    assertEquals("h", eval("lpad", str("hi"), i(1), str("??")));
    assertEquals("   hi", eval("lpad", str("hi"), i(5)));
    assertEquals("hi???", eval("rpad", str("hi"), i(5), str("??")));
    assertEquals("h", eval("rpad", str("hi"), i(1), str("??")));
    assertEquals("hi   ", eval("rpad", str("hi"), i(5)));
    assertEquals("", eval("lpad", str("hi"), i(-1), str("?")));
    assertEquals("hi", eval("lpad", str("hi"), i(5), str("")));
    assertEquals("ab日本", eval("lpad", str("日本"), i(4), str("abc")));
    assertEquals("日本ab", eval("rpad", str("日本"), i(4), str("abc")));
    assertNull(eval("lpad", str("hi"), nullOf(DataTypes.INTEGER), str("?")));
  }

  @Test
  void substringFollowsSparksPositions() {
    assertEquals("k SQL", eval("substring", str("Spark SQL"), i(5)));
    assertEquals("SQL", eval("substring", str("Spark SQL"), i(-3)));
    assertEquals("k", eval("substring", str("Spark SQL"), i(5), i(1)));
    assertEquals("Spa", eval("substring", str("Spark SQL"), i(0), i(3)));
    assertEquals("Spa", eval("substring", str("Spark SQL"), i(1), i(3)));
    assertEquals("Sp", eval("substr", str("Spark SQL"), i(-10), i(3)));
    assertEquals("", eval("substring", str("Spark SQL"), i(20)));
    assertEquals("", eval("substring", str("Spark SQL"), i(2), i(-1)));
    assertEquals("本語", eval("substring", str("日本語x"), i(2), i(2)));
    assertEquals("語x", eval("substring", str("日本語x"), i(-2)));
    assertEquals("Spark SQL", eval("substring", str("Spark SQL"), i(1), i(Integer.MAX_VALUE)));
  }

  @Test
  void substringOverAColumnWithNulls() {
    assertEquals(values("bc", null, "", "él"),
        evalColumn("substring", DataTypes.STRING, values("abcd", null, "a", "héllo"), i(2), i(2)));
  }

  @Test
  void substringRejectsANonIntegerPosition() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> call("substring", str("abc"), str("1")));
    assertEquals("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", e.errorClass());
    assertEquals("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"substring('abc', '1')\" due to data type mismatch: The second"
        + " parameter requires the \"INT\" type, however \"'1'\" has the type \"STRING\".", e.getMessage());
    AnalysisException arity = assertThrows(AnalysisException.class, () -> call("substring", str("abc")));
    assertEquals("[WRONG_NUM_ARGS] The `substring` requires [2, 3] parameters but the actual number is 1.",
        arity.getMessage());
  }
}
