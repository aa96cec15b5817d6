package io.ember.core.expr.string;

import static io.ember.core.expr.string.FunctionHarness.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseAndLengthFunctionsTest {
  @Test
  void upperAndLowerOverAColumnKeepNullsAndHandleUnicode() {
    List<Object> in = values("abc", null, "Straße", "ÄöÜ", "", "MiXeD 123");
    assertEquals(values("ABC", null, "STRASSE", "ÄÖÜ", "", "MIXED 123"), evalColumn("upper", DataTypes.STRING, in));
    assertEquals(values("abc", null, "straße", "äöü", "", "mixed 123"), evalColumn("lower", DataTypes.STRING, in));
    assertEquals("ABC", eval("ucase", str("abc")));
    assertEquals("abc", eval("lcase", str("ABC")));
  }

  @Test
  void lengthCountsCharactersNotBytes() {
    List<Object> in = values("Spark SQL ", null, "日本語", "😀a", "");
    assertEquals(values(10, null, 3, 2, 0), evalColumn("length", DataTypes.STRING, in));
    assertEquals(3, eval("char_length", str("abc")));
    assertEquals(3, eval("character_length", str("abc")));
  }

  @Test
  void numbersAreImplicitlyCastToString() {
    assertEquals("1", eval("upper", i(1)));
    assertEquals(4, eval("length", i(1234)));
    assertEquals(values(2, null, 5), evalColumn("length", DataTypes.INTEGER, values(10, null, -1234)));
    assertNull(eval("upper", nullOf(DataTypes.NULL)));
  }

  @Test
  void initcapReverseAndAscii() {
    assertEquals("Spark Sql", eval("initcap", str("sPark sql")));
    assertEquals("Hello-world  Foo", eval("initcap", str("hELLO-world  foo")));
    assertEquals("LQS krapS", eval("reverse", str("Spark SQL")));
    assertEquals("語本日", eval("reverse", str("日本語")));
    assertEquals(50, eval("ascii", str("222")));
    assertEquals(50, eval("ascii", i(2)));
    assertEquals(0, eval("ascii", str("")));
    assertEquals(0x65E5, eval("ascii", str("日本")));
    assertNull(eval("reverse", nullOf(DataTypes.STRING)));
  }

  @Test
  void arraysAreRejectedWithSparksTypeMismatch() {
    Literal arr = new Literal(List.of(1, 2), DataTypes.array(DataTypes.INTEGER));
    AnalysisException e = assertThrows(AnalysisException.class, () -> call("upper", arr));
    assertEquals("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", e.errorClass());
    assertTrue(e.getMessage().contains(
        "The first parameter requires the \"STRING\" type, however \"[1, 2]\" has the type \"ARRAY<INT>\"."),
        e.getMessage());
  }

  @Test
  void wrongArityIsReported() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> call("upper", str("a"), str("b")));
    assertEquals("WRONG_NUM_ARGS", e.errorClass());
    assertEquals("[WRONG_NUM_ARGS] The `upper` requires 1 parameters but the actual number is 2.", e.getMessage());
    AnalysisException none = assertThrows(AnalysisException.class, () -> call("length"));
    assertTrue(none.getMessage().contains("actual number is 0"));
  }

  @Test
  void sqlRendersTheCallWithoutTheImplicitCast() {
    assertEquals("upper(c0)", call("upper", col(0, DataTypes.INTEGER)).sql());
    assertEquals("length('x')", call("length", str("x")).sql());
  }
}
