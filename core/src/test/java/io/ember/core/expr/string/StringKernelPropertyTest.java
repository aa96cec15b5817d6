package io.ember.core.expr.string;

import static io.ember.core.expr.string.FunctionHarness.evalColumn;
import static io.ember.core.expr.string.FunctionHarness.i;
import static io.ember.core.expr.string.FunctionHarness.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte-level kernels (UTF-8 offsets, ASCII fast paths) agree with the same functions written on
 * Java strings and code point arrays, for arbitrary Unicode including supplementary characters.
 */
class StringKernelPropertyTest {
  static Stream<Long> seeds200() {
    return Seeds.of("StringKernelPropertyTest.200", 200);
  }

  static Stream<Long> seeds300() {
    return Seeds.of("StringKernelPropertyTest.300", 300);
  }

  private static List<String> strings(Random random) {
    return Gen.listOf(random, 20, () -> Gen.string(random, 12));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds200")
  void lengthCountsCodePoints(long seed) {
    Seeds.check(seed, random -> {
      List<String> values = strings(random);
      List<Object> expected = values.stream().map(s -> (Object) s.codePointCount(0, s.length())).toList();
      assertEquals(expected, evalColumn("length", DataTypes.STRING, values));
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds200")
  void upperAndLowerMatchJavaInTheRootLocale(long seed) {
    Seeds.check(seed, random -> {
      List<String> values = strings(random);
      assertEquals(values.stream().map(s -> (Object) s.toUpperCase(Locale.ROOT)).toList(),
          evalColumn("upper", DataTypes.STRING, values));
      assertEquals(values.stream().map(s -> (Object) s.toLowerCase(Locale.ROOT)).toList(),
          evalColumn("lower", DataTypes.STRING, values));
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds300")
  void substringSlicesCodePointsAsSparkDoes(long seed) {
    Seeds.check(seed, random -> {
      String s = Gen.string(random, 12);
      int pos = Gen.betweenWithEdges(random, -15, 15);
      int len = Gen.betweenWithEdges(random, -3, 15);
      int[] cps = s.codePoints().toArray();
      long start = pos > 0 ? pos - 1 : pos < 0 ? cps.length + (long) pos : 0;
      long end = Math.min(start + len, cps.length);
      start = Math.max(start, 0);
      String expected = start >= end ? "" : new String(cps, (int) start, (int) (end - start));
      assertEquals(List.of(expected), evalColumn("substring", DataTypes.STRING, List.of(s), i(pos), i(len)));
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds300")
  void searchesAgreeWithJavaStrings(long seed) {
    Seeds.check(seed, random -> {
      String hay = Gen.string(random, 10);
      String needle = needle(random, hay);
      List<String> in = List.of(hay);
      assertEquals(List.of(hay.contains(needle)), evalColumn("contains", DataTypes.STRING, in, str(needle)));
      assertEquals(List.of(hay.startsWith(needle)), evalColumn("startswith", DataTypes.STRING, in, str(needle)));
      assertEquals(List.of(hay.endsWith(needle)), evalColumn("endswith", DataTypes.STRING, in, str(needle)));
      int at = hay.indexOf(needle);
      int expected = at < 0 ? 0 : hay.codePointCount(0, at) + 1;
      assertEquals(List.of(expected), evalColumn("instr", DataTypes.STRING, in, str(needle)));
    });
  }

  /** Up to 3 code points: half the time a slice of {@code hay} (so that searches also hit), else any string. */
  private static String needle(Random random, String hay) {
    int[] cps = hay.codePoints().toArray();
    if (cps.length == 0 || random.nextBoolean()) {
      return Gen.string(random, 3);
    }
    int from = random.nextInt(cps.length);
    int count = Gen.between(random, 1, Math.min(3, cps.length - from));
    return new String(cps, from, count);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds200")
  void trimRemovesOnlyOuterSpaces(long seed) {
    Seeds.check(seed, random -> {
      String s = " ".repeat(Gen.between(random, 0, 3)) + Gen.string(random, 12) + " ".repeat(Gen.between(random, 0, 3));
      String expected = s.replaceAll("^ +", "").replaceAll(" +$", "");
      assertEquals(List.of(expected), evalColumn("trim", DataTypes.STRING, List.of(s)));
    });
  }
}
