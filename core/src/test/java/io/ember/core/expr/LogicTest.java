package io.ember.core.expr;

import static io.ember.core.expr.ExprFixtures.ANSI;
import static io.ember.core.expr.ExprFixtures.col;
import static io.ember.core.expr.ExprFixtures.column;
import static io.ember.core.expr.ExprFixtures.columns;
import static io.ember.core.expr.ExprFixtures.eval;
import static io.ember.core.expr.ExprFixtures.list;
import static io.ember.core.expr.ExprFixtures.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.data.Batch;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import org.junit.jupiter.api.Test;

class LogicTest {
  /** Every pair of {true, false, null}. */
  private final Batch pairs = columns(DataTypes.BOOLEAN, DataTypes.BOOLEAN,
      true, true, true, false, true, null,
      false, true, false, false, false, null,
      null, true, null, false, null, null);

  @Test
  void andFollowsThreeValuedLogic() {
    assertEquals(list(true, false, null, false, false, false, null, false, null),
        eval(Expressions.and(col(pairs, 0), col(pairs, 1)), pairs, ANSI));
  }

  @Test
  void orFollowsThreeValuedLogic() {
    assertEquals(list(true, true, true, true, false, null, true, null, null),
        eval(Expressions.or(col(pairs, 0), col(pairs, 1)), pairs, ANSI));
  }

  @Test
  void notKeepsNull() {
    Batch b = column(DataTypes.BOOLEAN, true, false, null);
    assertEquals(list(false, true, null), eval(Expressions.not(col(b, 0)), b, ANSI));
  }

  @Test
  void rightSideIsNotEvaluatedWhereTheLeftDecides() {
    Batch b = column(DataTypes.INTEGER, 0, 5, 20, null);
    ColumnRef x = col(b, 0);
    Expression guarded = Expressions.and(Expressions.notEqual(x, lit(0)),
        Expressions.greaterThan(Expressions.divide(lit(10), x), lit(1)));
    assertEquals(list(false, true, false, null), eval(guarded, b, ANSI));
    Expression orGuard = Expressions.or(Expressions.equalTo(x, lit(0)),
        Expressions.greaterThan(Expressions.divide(lit(10), x), lit(1)));
    assertEquals(list(true, true, false, null), eval(orGuard, b, ANSI));
  }

  @Test
  void isNullAndIsNotNullAreNeverNull() {
    Batch b = column(DataTypes.STRING, "a", null);
    Expression isNull = Expressions.isNull(col(b, 0));
    assertFalse(isNull.nullable());
    assertEquals(list(false, true), eval(isNull, b, ANSI));
    assertEquals(list(true, false), eval(Expressions.isNotNull(col(b, 0)), b, ANSI));
    assertEquals("(c IS NULL)", isNull.sql());
  }

  @Test
  void nullLiteralIsAnUnknownBoolean() {
    Batch b = column(DataTypes.BOOLEAN, true, false);
    assertEquals(list(null, false), eval(Expressions.and(col(b, 0), lit(null)), b, ANSI));
  }

  @Test
  void nonBooleanOperandIsUnexpectedInputType() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> Expressions.and(lit(true), lit(1)));
    assertEquals("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", e.errorClass());
    assertEquals("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"(true AND 1)\" due to data type mismatch:"
        + " Parameter 2 requires the \"BOOLEAN\" type, however \"1\" has the type \"INT\".", e.getMessage());
    assertThrows(AnalysisException.class, () -> Expressions.not(lit("x")));
  }
}
