package io.ember.core.expr;

import static io.ember.core.expr.ExprFixtures.ANSI;
import static io.ember.core.expr.ExprFixtures.LEGACY;
import static io.ember.core.expr.ExprFixtures.col;
import static io.ember.core.expr.ExprFixtures.columns;
import static io.ember.core.expr.ExprFixtures.eval;
import static io.ember.core.expr.ExprFixtures.list;
import static io.ember.core.expr.ExprFixtures.lit;
import static io.ember.core.expr.ExprFixtures.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.data.Batch;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberArithmeticException;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spark's {@code div}: the quotient truncated toward zero, as a bigint. */
class IntegralDivideTest {
  private static Expression div(Expression a, Expression b) {
    return FunctionRegistry.standard().build("div", List.of(a, b));
  }

  @Test
  void truncatesTowardZeroAsBigint() {
    assertEquals(3L, value(div(lit(7), lit(2))));
    assertEquals(-3L, value(div(lit(-7), lit(2))));
    assertEquals(-3L, value(div(lit(7), lit(-2))));
    assertEquals(3L, value(div(lit(-7L), lit(-2))));
    assertEquals(DataTypes.LONG, div(lit(7), lit(2)).dataType());
    assertEquals("(7 div 2)", div(lit(7), lit(2)).sql());
    assertNull(value(div(lit(null), lit(2))));
    assertNull(value(div(lit(7), lit(null))));
  }

  @Test
  void decimalsDivideExactlyThenTruncate() {
    assertEquals(3L, value(div(lit(new BigDecimal("7.5")), lit(2))));
    assertEquals(-2L, value(div(lit(new BigDecimal("-7.5")), lit(new BigDecimal("2.6")))));
    assertEquals(10L, value(div(lit(1), lit(new BigDecimal("0.1")))));
  }

  @Test
  void zeroDivisorIsAnAnsiErrorOrNull() {
    EmberArithmeticException e = assertThrows(EmberArithmeticException.class, () -> value(div(lit(7), lit(0)), ANSI));
    assertEquals("DIVIDE_BY_ZERO", e.errorClass());
    assertNull(value(div(lit(7), lit(0)), LEGACY));
    assertThrows(EmberArithmeticException.class, () -> value(div(lit(new BigDecimal("1.5")), lit(0)), ANSI));
    assertNull(value(div(lit(new BigDecimal("1.5")), lit(0)), LEGACY));
    Batch b = columns(DataTypes.INTEGER, DataTypes.INTEGER, 9, 2, 9, 0, null, 3);
    assertEquals(list(4L, null, null), eval(div(col(b, 0), col(b, 1)), b, LEGACY));
  }

  @Test
  void overflowOfTheSmallestBigintIsAnAnsiErrorOrWraps() {
    EmberArithmeticException e = assertThrows(EmberArithmeticException.class,
        () -> value(div(lit(Long.MIN_VALUE), lit(-1)), ANSI));
    assertEquals("ARITHMETIC_OVERFLOW", e.errorClass());
    assertEquals(Long.MIN_VALUE, value(div(lit(Long.MIN_VALUE), lit(-1)), LEGACY));
  }

  @Test
  void doublesAndStringsAreRefused() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> div(lit(7.5), lit(2)));
    assertEquals("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", e.errorClass());
    assertThrows(AnalysisException.class, () -> div(lit(7), lit("2")));
  }

  static java.util.stream.Stream<Long> seeds() {
    return Seeds.of("IntegralDivideTest", 20);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.MethodSource("seeds")
  void equalsJavaLongDivisionOverRandomOperands(long seed) {
    Seeds.check(seed, random -> {
      for (int i = 0; i < 50; i++) {
        long a = random.nextInt(4) == 0 ? Gen.oneOf(random, Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L) : random.nextLong();
        long b = random.nextBoolean() ? Gen.between(random, -9, 9) : random.nextLong();
        if (b == 0 || a == Long.MIN_VALUE && b == -1) {
          continue;
        }
        assertEquals(a / b, value(div(lit(a), lit(b))), a + " div " + b);
        long q = a / b;
        assertEquals(q, value(div(lit(new BigDecimal(a)), lit(new BigDecimal(b)))), a + " div " + b + " (decimal)");
      }
    });
  }
}
