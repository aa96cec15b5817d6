package io.ember.core.expr.string;

import static io.ember.core.expr.string.FunctionHarness.evalColumn;
import static io.ember.core.expr.string.FunctionHarness.i;
import static io.ember.core.expr.string.FunctionHarness.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.types.DataTypes;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * The byte-level kernels (UTF-8 offsets, ASCII fast paths) agree with the same functions written on
 * Java strings and code point arrays, for arbitrary Unicode including supplementary characters.
 */
class StringKernelPropertyTest {
  @Property(tries = 200)
  void lengthCountsCodePoints(@ForAll @Size(max = 20) List<@StringLength(max = 12) String> values) {
    List<Object> expected = values.stream().map(s -> (Object) s.codePointCount(0, s.length())).toList();
    assertEquals(expected, evalColumn("length", DataTypes.STRING, values));
  }

  @Property(tries = 200)
  void upperAndLowerMatchJavaInTheRootLocale(@ForAll @Size(max = 20) List<@StringLength(max = 12) String> values) {
    assertEquals(values.stream().map(s -> (Object) s.toUpperCase(Locale.ROOT)).toList(),
        evalColumn("upper", DataTypes.STRING, values));
    assertEquals(values.stream().map(s -> (Object) s.toLowerCase(Locale.ROOT)).toList(),
        evalColumn("lower", DataTypes.STRING, values));
  }

  @Property(tries = 300)
  void substringSlicesCodePointsAsSparkDoes(
      @ForAll @StringLength(max = 12) String s, @ForAll @IntRange(min = -15, max = 15) int pos,
      @ForAll @IntRange(min = -3, max = 15) int len) {
    int[] cps = s.codePoints().toArray();
    long start = pos > 0 ? pos - 1 : pos < 0 ? cps.length + (long) pos : 0;
    long end = Math.min(start + len, cps.length);
    start = Math.max(start, 0);
    String expected = start >= end ? "" : new String(cps, (int) start, (int) (end - start));
    assertEquals(List.of(expected), evalColumn("substring", DataTypes.STRING, List.of(s), i(pos), i(len)));
  }

  @Property(tries = 300)
  void searchesAgreeWithJavaStrings(
      @ForAll @StringLength(max = 10) String hay, @ForAll @StringLength(max = 3) String needle) {
    List<String> in = List.of(hay);
    assertEquals(List.of(hay.contains(needle)), evalColumn("contains", DataTypes.STRING, in, str(needle)));
    assertEquals(List.of(hay.startsWith(needle)), evalColumn("startswith", DataTypes.STRING, in, str(needle)));
    assertEquals(List.of(hay.endsWith(needle)), evalColumn("endswith", DataTypes.STRING, in, str(needle)));
    int at = hay.indexOf(needle);
    int expected = at < 0 ? 0 : hay.codePointCount(0, at) + 1;
    assertEquals(List.of(expected), evalColumn("instr", DataTypes.STRING, in, str(needle)));
  }

  @Property(tries = 200)
  void trimRemovesOnlyOuterSpaces(@ForAll @StringLength(max = 12) String core,
      @ForAll @IntRange(max = 3) int left, @ForAll @IntRange(max = 3) int right) {
    String s = " ".repeat(left) + core + " ".repeat(right);
    String expected = s.replaceAll("^ +", "").replaceAll(" +$", "");
    assertEquals(List.of(expected), evalColumn("trim", DataTypes.STRING, List.of(s)));
  }
}
