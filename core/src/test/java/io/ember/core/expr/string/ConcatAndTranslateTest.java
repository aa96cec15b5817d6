package io.ember.core.expr.string;

import static io.ember.core.expr.string.FunctionHarness.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcatAndTranslateTest {
  @Test
  void concatIsNullWhenAnyArgumentIsNull() {
    assertEquals("Spark SQL", eval("concat", str("Spark"), str(" "), str("SQL")));
    assertEquals("a1", eval("concat", str("a"), i(1)));
    assertEquals("", eval("concat"));
    assertNull(eval("concat", str("a"), nullOf(DataTypes.STRING)));
    assertEquals(values("x-", null), evalColumn("concat", DataTypes.STRING, values("x", null), str("-")));
  }

  @Test
  void concatWsSkipsNullsAndFlattensArrays() {
    assertEquals("Spark SQL", eval("concat_ws", str(" "), str("Spark"), str("SQL")));
    assertEquals("a/b", eval("concat_ws", str("/"), str("a"), nullOf(DataTypes.STRING), str("b")));
    assertEquals("", eval("concat_ws", str("s")));
    Literal arr = new Literal(Arrays.asList("x", null, "y"), DataTypes.array(DataTypes.STRING));
    assertEquals("a,x,y,1", eval("concat_ws", str(","), str("a"), arr, i(1)));
    assertNull(eval("concat_ws", nullOf(DataTypes.STRING), str("a")));
  }

  @Test
  void concatWsRejectsArraysOfNonStrings() {
    Literal ints = new Literal(List.of(1), DataTypes.array(DataTypes.INTEGER));
    AnalysisException e = assertThrows(AnalysisException.class, () -> call("concat_ws", str(","), ints));
    assertEquals("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", e.errorClass());
    assertTrue(e.getMessage().contains("The second parameter requires the (\"ARRAY<STRING>\" or \"STRING\") type"),
        e.getMessage());
    AnalysisException arity = assertThrows(AnalysisException.class, () -> call("concat_ws"));
    assertEquals("[WRONG_NUM_ARGS] The `concat_ws` requires > 0 parameters but the actual number is 0.",
        arity.getMessage());
  }

  @Test
  void repeatAndTranslate() {
    assertEquals("123123", eval("repeat", str("123"), i(2)));
    assertEquals("", eval("repeat", str("123"), i(-1)));
    assertNull(eval("repeat", str("123"), nullOf(DataTypes.INTEGER)));
    assertEquals("A1B2C3", eval("translate", str("AaBbCc"), str("abc"), str("123")));
    assertEquals("xbx", eval("translate", str("aba"), str("aa"), str("xy")));
    assertEquals("AxBC", eval("translate", str("AaBbCc"), str("abc"), str("x")));
    assertEquals("日x", eval("translate", str("日本"), str("本"), str("x")));
  }

  @Test
  void replaceReplacesEveryOccurrenceAndAnEmptySearchNothing() {
    assertEquals("ABCDEFGHI", eval("replace", str("ABCabc"), str("abc"), str("DEFGHI")));
    assertEquals("ABC", eval("replace", str("ABCabc"), str("abc")));
    assertEquals("aXaba", eval("replace", str("abababa"), str("bab"), str("X")));
    assertEquals("abc", eval("replace", str("abc"), str(""), str("X")));
    assertNull(eval("replace", str("abc"), nullOf(DataTypes.STRING), str("X")));
    assertEquals(values("r-d", null), evalColumn("replace", DataTypes.STRING, values("r.d", null), str("."), str("-")));
  }

  @Test
  void leftAndRightCountCharactersAndAreEmptyForNoLength() {
    assertEquals("Sp", eval("left", str("Spark SQL"), i(2)));
    assertEquals("SQL", eval("right", str("Spark SQL"), i(3)));
    assertEquals("", eval("left", str("Spark"), i(0)));
    assertEquals("", eval("right", str("Spark"), i(-2)));
    assertEquals("Spark", eval("right", str("Spark"), i(10)));
    assertEquals("日本", eval("right", str("今日本"), i(2)));
    assertNull(eval("left", nullOf(DataTypes.STRING), i(1)));
  }
}
