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
import io.ember.core.types.DataTypes;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class ExpressionPropertiesTest {
  @Property(tries = 300)
  void legacyIntAdditionWrapsAndAnsiFailsExactlyOnOverflow(@ForAll int a, @ForAll int b) {
    Batch batch = columns(DataTypes.INTEGER, DataTypes.INTEGER, a, b);
    Expression sum = Expressions.add(col(batch, 0), col(batch, 1));
    assertEquals(List.of(a + b), eval(sum, batch, LEGACY));
    long exact = (long) a + b;
    if (exact == (int) exact) {
      assertEquals(List.of((int) exact), eval(sum, batch, ANSI));
    } else {
      assertThrows(EmberArithmeticException.class, () -> eval(sum, batch, ANSI));
    }
  }

  @Property(tries = 300)
  void comparisonsAgreeWithJava(@ForAll long a, @ForAll long b) {
    Batch batch = columns(DataTypes.LONG, DataTypes.LONG, a, b);
    ColumnRef x = col(batch, 0);
    ColumnRef y = col(batch, 1);
    assertEquals(List.of(a < b), eval(Expressions.lessThan(x, y), batch, ANSI));
    assertEquals(List.of(a >= b), eval(Expressions.greaterThanOrEqual(x, y), batch, ANSI));
    assertEquals(List.of(a == b), eval(Expressions.nullSafeEqual(x, y), batch, ANSI));
  }

  @Property(tries = 300)
  void castingABigintToStringAndBackIsTheIdentity(@ForAll long v) {
    Batch batch = columns(DataTypes.LONG, DataTypes.LONG, v, v);
    Expression roundTrip = Expressions.cast(Expressions.cast(col(batch, 0), DataTypes.STRING), DataTypes.LONG);
    assertEquals(List.of(v), eval(roundTrip, batch, ANSI));
  }

  @Property(tries = 300)
  void castingADoubleToStringAndBackIsTheIdentity(@ForAll double v) {
    Batch batch = columns(DataTypes.DOUBLE, DataTypes.DOUBLE, v, v);
    Expression roundTrip = Expressions.cast(Expressions.cast(col(batch, 0), DataTypes.STRING), DataTypes.DOUBLE);
    assertEquals(List.of(v), eval(roundTrip, batch, ANSI));
  }
}
