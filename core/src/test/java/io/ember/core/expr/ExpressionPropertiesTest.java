package io.ember.core.expr;

import static io.ember.core.expr.ExprFixtures.ANSI;
import static io.ember.core.expr.ExprFixtures.LEGACY;
import static io.ember.core.expr.ExprFixtures.col;
import static io.ember.core.expr.ExprFixtures.columns;
import static io.ember.core.expr.ExprFixtures.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.data.Batch;
import io.ember.core.errors.EmberArithmeticException;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Integer addition, comparisons and string round trips of casts agree with Java over full-range values. */
class ExpressionPropertiesTest {
  static Stream<Long> seeds() {
    return Seeds.of("ExpressionPropertiesTest", 300);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void legacyIntAdditionWrapsAndAnsiFailsExactlyOnOverflow(long seed) {
    Seeds.check(seed, random -> {
      int a = Gen.anyInt(random);
      int b = Gen.anyInt(random);
      Batch batch = columns(DataTypes.INTEGER, DataTypes.INTEGER, a, b);
      Expression sum = Expressions.add(col(batch, 0), col(batch, 1));
      assertEquals(List.of(a + b), eval(sum, batch, LEGACY));
      long exact = (long) a + b;
      if (exact == (int) exact) {
        assertEquals(List.of((int) exact), eval(sum, batch, ANSI));
      } else {
        assertThrows(EmberArithmeticException.class, () -> eval(sum, batch, ANSI));
      }
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void comparisonsAgreeWithJava(long seed) {
    Seeds.check(seed, random -> {
      long a = Gen.anyLong(random);
      long b = random.nextInt(4) == 0 ? a : Gen.anyLong(random);
      Batch batch = columns(DataTypes.LONG, DataTypes.LONG, a, b);
      ColumnRef x = col(batch, 0);
      ColumnRef y = col(batch, 1);
      assertEquals(List.of(a < b), eval(Expressions.lessThan(x, y), batch, ANSI));
      assertEquals(List.of(a >= b), eval(Expressions.greaterThanOrEqual(x, y), batch, ANSI));
      assertEquals(List.of(a == b), eval(Expressions.nullSafeEqual(x, y), batch, ANSI));
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void castingABigintToStringAndBackIsTheIdentity(long seed) {
    Seeds.check(seed, random -> {
      long v = Gen.anyLong(random);
      Batch batch = columns(DataTypes.LONG, DataTypes.LONG, v, v);
      Expression roundTrip = Expressions.cast(Expressions.cast(col(batch, 0), DataTypes.STRING), DataTypes.LONG);
      assertEquals(List.of(v), eval(roundTrip, batch, ANSI));
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void castingADoubleToStringAndBackIsTheIdentity(long seed) {
    Seeds.check(seed, random -> {
      double v = Gen.anyDouble(random);
      Batch batch = columns(DataTypes.DOUBLE, DataTypes.DOUBLE, v, v);
      Expression roundTrip = Expressions.cast(Expressions.cast(col(batch, 0), DataTypes.STRING), DataTypes.DOUBLE);
      assertEquals(List.of(v), eval(roundTrip, batch, ANSI));
    });
  }
}
