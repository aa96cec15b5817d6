package io.ember.core.expr.string;

import static io.ember.core.expr.string.FunctionHarness.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegexFunctionsTest {
  @Test
  void splitKeepsTrailingEmptyStringsAndHonoursTheLimit() {
    assertEquals(List.of("one", "two", "three", ""), eval("split", str("oneAtwoBthreeC"), str("[ABC]")));
    assertEquals(List.of("one", "two", "three", ""), eval("split", str("oneAtwoBthreeC"), str("[ABC]"), i(-1)));
    assertEquals(List.of("one", "twoBthreeC"), eval("split", str("oneAtwoBthreeC"), str("[ABC]"), i(2)));
    assertEquals(List.of(""), eval("split", str(""), str(",")));
    assertEquals(DataTypes.array(DataTypes.STRING), call("split", str("a"), str(",")).dataType());
    assertNull(eval("split", nullOf(DataTypes.STRING), str(",")));
  }

  @Test
  void regexpReplaceReplacesEveryMatchWithGroupReferences() {
    assertEquals("num-num", eval("regexp_replace", str("100-200"), str("(\\d+)"), str("num")));
    assertEquals("200-100", eval("regexp_replace", str("100-200"), str("(\\d+)-(\\d+)"), str("$2-$1")));
    assertEquals("100-num", eval("regexp_replace", str("100-200"), str("(\\d+)"), str("num"), i(4)));
    assertEquals("abc", eval("regexp_replace", str("abc"), str("x"), str("y"), i(10)));
    assertEquals(values("X-X", null), evalColumn("regexp_replace", DataTypes.STRING, values("1-2", null),
        str("\\d"), str("X")));
  }

  @Test
  void regexpExtractReturnsEmptyWhenNothingMatches() {
    assertEquals("100", eval("regexp_extract", str("100-200"), str("(\\d+)-(\\d+)"), i(1)));
    assertEquals("200", eval("regexp_extract", str("100-200"), str("(\\d+)-(\\d+)"), i(2)));
    assertEquals("100-200", eval("regexp_extract", str("100-200"), str("(\\d+)-(\\d+)"), i(0)));
    assertEquals("100", eval("regexp_extract", str("100-200"), str("(\\d+)")));
    assertEquals("", eval("regexp_extract", str("foo"), str("(\\d+)"), i(1)));
    assertEquals("", eval("regexp_extract", str("a"), str("(a)|(b)"), i(2)));
  }

  @Test
  void regexpExtractRejectsAGroupIndexOutOfRange() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> eval("regexp_extract", str("100-200"), str("(\\d+)"), i(2)));
    assertEquals("INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX", e.errorClass());
    assertTrue(e.getMessage().contains("Expects group index between 0 and 1, but got 2."), e.getMessage());
    EmberIllegalArgumentException negative = assertThrows(EmberIllegalArgumentException.class,
        () -> eval("regexp_extract", str("100-200"), str("(\\d+)"), i(-1)));
    assertTrue(negative.getMessage().contains("Expects group index must be non-negative, but got -1."),
        negative.getMessage());
    assertEquals("", eval("regexp_extract", str("abc"), str("(\\d+)"), i(5)));
  }

  @Test
  void anInvalidLiteralRegexFailsWhenTheCallIsBuilt() {
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> call("rlike", str("a"), str("(unclosed")));
    assertEquals("INVALID_PARAMETER_VALUE.PATTERN", e.errorClass());
    assertTrue(e.getMessage().contains("`regexp` in `rlike` is invalid: '(unclosed'"), e.getMessage());
  }

  @Test
  void rlikeFindsTheRegexAnywhere() {
    assertEquals(values(true, false, null),
        evalColumn("rlike", DataTypes.STRING, values("Spark 4", "Spark", null), str("\\d")));
    assertEquals(true, eval("regexp", str("abc"), str("^a")));
    assertEquals(true, eval("regexp_like", str("日本"), str("本$")));
  }

  @Test
  void likeMatchesTheWholeStringWithPercentAndUnderscore() {
    assertEquals(true, eval("like", str("Spark"), str("_park")));
    assertEquals(true, eval("like", str("Spark"), str("S%")));
    assertEquals(false, eval("like", str("Spark"), str("park")));
    assertEquals(true, eval("like", str("a\nb"), str("a%b")));
    assertEquals(true, eval("like", str("日本語"), str("日_語")));
    assertEquals(true, eval("like", str("%SystemDrive%\\Users\\John"), str("\\%SystemDrive\\%\\\\Users%")));
    assertEquals(true, eval("like", str("50%"), str("50/%"), str("/")));
    assertEquals(false, eval("like", str("500"), str("50/%"), str("/")));
    assertEquals(true, eval("like", str("a.c"), str("a.c")));
    assertEquals(false, eval("like", str("abc"), str("a.c")));
    assertNull(eval("like", nullOf(DataTypes.STRING), str("%")));
  }

  @Test
  void literalPercentOnlyPatternsMatchOnBytesLikeTheRegex() {
    var in = values("abc", "a-b-c", "ab", null, "", "日本語");
    assertEquals(values(true, true, false, null, false, false), evalColumn("like", DataTypes.STRING, in, str("a%b%c")));
    assertEquals(values(true, true, true, null, false, false), evalColumn("like", DataTypes.STRING, in, str("a%")));
    assertEquals(values(true, true, false, null, false, false), evalColumn("like", DataTypes.STRING, in, str("%c")));
    assertEquals(values(true, true, true, null, false, false), evalColumn("like", DataTypes.STRING, in, str("%b%")));
    assertEquals(values(true, true, true, null, true, true), evalColumn("like", DataTypes.STRING, in, str("%")));
    assertEquals(values(false, false, false, null, true, false), evalColumn("like", DataTypes.STRING, in, str("")));
    assertEquals(values(true, false, false, null, false, false), evalColumn("like", DataTypes.STRING, in, str("abc")));
    assertEquals(values(false, false, false, null, false, true), evalColumn("like", DataTypes.STRING, in, str("日%語")));
    assertEquals(false, eval("like", str("ab"), str("a%b%b")));
    assertEquals("c0 LIKE 'a%'", call("like", col(0, DataTypes.STRING), str("a%")).sql());
    assertEquals("c0 RLIKE 'a'", call("rlike", col(0, DataTypes.STRING), str("a")).sql());
  }

  @Test
  void likeRejectsBadEscapes() {
    AnalysisException end = assertThrows(AnalysisException.class, () -> call("like", str("a"), str("a\\")));
    assertEquals("INVALID_FORMAT.ESC_AT_THE_END", end.errorClass());
    AnalysisException middle = assertThrows(AnalysisException.class, () -> call("like", str("a"), str("\\a")));
    assertEquals("INVALID_FORMAT.ESC_IN_THE_MIDDLE", middle.errorClass());
    assertTrue(middle.getMessage().contains("The escape character is not allowed to precede 'a'."));
    AnalysisException esc = assertThrows(AnalysisException.class, () -> call("like", str("a"), str("a"), str("ab")));
    assertEquals("INVALID_ESCAPE_CHAR", esc.errorClass());
  }
}
