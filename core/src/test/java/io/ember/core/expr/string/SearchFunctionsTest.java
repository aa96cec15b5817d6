package io.ember.core.expr.string;

import static io.ember.core.expr.string.FunctionHarness.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import org.junit.jupiter.api.Test;

class SearchFunctionsTest {
  @Test
  void instrIsOneBasedInCharactersAndZeroWhenAbsent() {
    assertEquals(6, eval("instr", str("SparkSQL"), str("SQL")));
    assertEquals(0, eval("instr", str("SparkSQL"), str("xyz")));
    assertEquals(3, eval("instr", str("日本語語"), str("語")));
    assertEquals(1, eval("instr", str("abc"), str("")));
    assertEquals(values(1, null, 0, 2),
        evalColumn("instr", DataTypes.STRING, values("abc", null, "", "éa"), str("a")));
  }

  @Test
  void locateStartsAtAPosition() {
    assertEquals(4, eval("locate", str("bar"), str("foobarbar")));
    assertEquals(7, eval("locate", str("bar"), str("foobarbar"), i(5)));
    assertEquals(7, eval("position", str("bar"), str("foobarbar"), i(5)));
    assertEquals(0, eval("locate", str("bar"), str("foobarbar"), i(0)));
    assertEquals(0, eval("locate", str("bar"), str("foobarbar"), nullOf(DataTypes.INTEGER)));
    assertEquals(0, eval("locate", str("bar"), str("foo"), i(10)));
    assertEquals(3, eval("locate", str("語"), str("日本語"), i(2)));
    assertNull(eval("locate", nullOf(DataTypes.STRING), str("foobarbar")));
  }

  @Test
  void containsStartsWithEndsWithOnBytes() {
    var in = values("Spark SQL", null, "", "日本語");
    assertEquals(values(true, null, false, false), evalColumn("contains", DataTypes.STRING, in, str("SQL")));
    assertEquals(values(true, null, false, false), evalColumn("startswith", DataTypes.STRING, in, str("Spark")));
    assertEquals(values(true, null, false, false), evalColumn("endswith", DataTypes.STRING, in, str("SQL")));
    assertEquals(true, eval("contains", str("日本語"), str("本")));
    assertEquals(true, eval("endswith", str("日本語"), str("語")));
    assertEquals(true, eval("startswith", str("abc"), str("")));
    assertEquals(false, eval("startswith", str("ab"), str("abc")));
    assertNull(eval("contains", str("abc"), nullOf(DataTypes.STRING)));
  }

  @Test
  void searchFunctionsCheckArity() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> call("contains", str("a")));
    assertEquals("[WRONG_NUM_ARGS] The `contains` requires 2 parameters but the actual number is 1.", e.getMessage());
    AnalysisException l = assertThrows(AnalysisException.class, () -> call("locate", str("a")));
    assertEquals("WRONG_NUM_ARGS", l.errorClass());
  }
}
