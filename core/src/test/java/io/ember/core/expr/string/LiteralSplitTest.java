package io.ember.core.expr.string;

import static io.ember.core.expr.string.FunctionHarness.col;
import static io.ember.core.expr.string.FunctionHarness.evalColumn;
import static io.ember.core.expr.string.FunctionHarness.i;
import static io.ember.core.expr.string.FunctionHarness.nullOf;
import static io.ember.core.expr.string.FunctionHarness.str;
import static io.ember.core.expr.string.FunctionHarness.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.ArrayVector;
import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.StringVector;
import io.ember.core.expr.FunctionRegistry;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code split} with a literal pattern runs the byte-level kernel ({@link LiteralSplit}) and gives exactly what
 * Java's regex split gives for the quoted pattern, for arbitrary Unicode and every kind of limit.
 */
class LiteralSplitTest {
  private static final String[] DELIMITERS = {" ", ",", "ab", "aa", "é", "\uD801\uDC00", "--"};

  static Stream<Long> seeds() {
    return Seeds.of("LiteralSplitTest", 300);
  }

  /** A string of random pieces: delimiters (also several in a row, at the ends), letters, any Unicode. */
  private static String text(Random random, String delimiter) {
    StringBuilder sb = new StringBuilder();
    int pieces = Gen.between(random, 0, 8);
    for (int p = 0; p < pieces; p++) {
      switch (random.nextInt(4)) {
        case 0, 1 -> sb.append(delimiter);
        case 2 -> sb.append(Gen.oneOf(random, "a", "b", "aa", "x"));
        default -> sb.append(Gen.string(random, 4));
      }
    }
    return sb.toString();
  }

  private static List<String> javaSplit(String s, String delimiter, int limit) {
    return Arrays.asList(Pattern.compile(Pattern.quote(delimiter)).split(s, limit > 0 ? limit : -1));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void matchesJavaRegexSplitForEveryLimit(long seed) {
    Seeds.check(seed, random -> {
      String delimiter = Gen.oneOf(random, DELIMITERS);
      int limit = Gen.oneOf(random, -1, 0, 1, 2, 3, 5);
      List<String> inputs = Gen.listOf(random, 12, () -> Gen.orNull(random, 0.1, text(random, delimiter)));
      List<Object> expected = new ArrayList<>();
      for (String s : inputs) {
        expected.add(s == null ? null : javaSplit(s, delimiter, limit));
      }
      assertEquals(expected, evalColumn("split", DataTypes.STRING, inputs, str(delimiter), i(limit)));
    });
  }

  @Test
  void theKernelBuildsOneElementVectorOfStrings() {
    StringVector strings = StringVector.of("a b", "", null, "  c");
    Batch batch = new Batch(DataTypes.struct(DataTypes.field("c0", DataTypes.STRING)), new ColumnVector[] {strings}, 4);
    ColumnVector out = FunctionRegistry.standard().build("split", List.of(col(0, DataTypes.STRING), str(" ")))
        .evaluate(batch, FunctionHarness.ANSI);
    ArrayVector arrays = (ArrayVector) out;
    assertEquals(List.of("a", "b"), arrays.get(0));
    assertEquals(List.of(""), arrays.get(1));
    assertEquals(null, arrays.get(2));
    assertEquals(List.of("", "", "c"), arrays.get(3));
    assertEquals(6, arrays.elements().size());
    assertFalse(arrays.elements().mayHaveNulls());
  }

  @Test
  void aNullLimitGivesNull() {
    assertEquals(values((Object) null), evalColumn("split", DataTypes.STRING, List.of("a b"), str(" "),
        nullOf(DataTypes.INTEGER)));
  }

  @Test
  void onlyPatternsWithoutMetacharactersAreLiteral() {
    assertTrue(LiteralSplit.isLiteral(" "));
    assertTrue(LiteralSplit.isLiteral("::"));
    assertTrue(LiteralSplit.isLiteral("é"));
    for (String regex : List.of("", ".", "a|b", "\\s", "[ABC]", "a+", "a*", "a?", "(a)", "^a", "a$", "a{2}")) {
      assertFalse(LiteralSplit.isLiteral(regex), regex);
    }
    assertFalse(LiteralSplit.isLiteral(null));
  }
}
