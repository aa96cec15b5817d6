package io.ember.core.expr;

import static io.ember.core.expr.ExprFixtures.ANSI;
import static io.ember.core.expr.ExprFixtures.LEGACY;
import static io.ember.core.expr.ExprFixtures.col;
import static io.ember.core.expr.ExprFixtures.column;
import static io.ember.core.expr.ExprFixtures.eval;
import static io.ember.core.expr.ExprFixtures.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstantFoldingTest {
  /** A non-deterministic expression (like rand()) over one child. */
  private record Volatile(Expression child) implements Expression {
    @Override
    public DataType dataType() {
      return child.dataType();
    }

    @Override
    public boolean nullable() {
      return true;
    }

    @Override
    public List<Expression> children() {
      return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> c) {
      return new Volatile(c.get(0));
    }

    @Override
    public ColumnVector evaluate(Batch input, EvalContext context) {
      return child.evaluate(input, context);
    }

    @Override
    public boolean deterministic() {
      return false;
    }

    @Override
    public String sql() {
      return "volatile(" + child.sql() + ")";
    }
  }

  /** A deterministic expression that must not run at planning time (like a user-defined function). */
  private record RunsOnlyOnRows(Expression child) implements Expression {
    @Override
    public DataType dataType() {
      return child.dataType();
    }

    @Override
    public boolean nullable() {
      return true;
    }

    @Override
    public List<Expression> children() {
      return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> c) {
      return new RunsOnlyOnRows(c.get(0));
    }

    @Override
    public ColumnVector evaluate(Batch input, EvalContext context) {
      throw new AssertionError("evaluated at planning time");
    }

    @Override
    public boolean foldable() {
      return false;
    }

    @Override
    public String sql() {
      return "udf(" + child.sql() + ")";
    }
  }

  private final Batch b = column(DataTypes.INTEGER, 1, 2, null);

  @Test
  void aDeterministicButUnfoldableExpressionIsNotEvaluatedAtPlanningTimeButItsConstantChildrenAre() {
    Expression e = new RunsOnlyOnRows(Expressions.add(lit(1), lit(1)));
    assertTrue(e.deterministic());
    assertFalse(Expressions.isFoldable(e));
    assertEquals(new RunsOnlyOnRows(new Literal(2, DataTypes.INTEGER)), Expressions.foldConstants(e, ANSI));
  }

  @Test
  void foldabilityNeedsLiteralsOnlyAndDeterminism() {
    assertTrue(Expressions.isFoldable(lit(1)));
    assertTrue(Expressions.isFoldable(Expressions.add(lit(1), lit(2))));
    assertFalse(Expressions.isFoldable(Expressions.add(col(b, 0), lit(2))));
    assertFalse(Expressions.isFoldable(new Volatile(lit(1))));
  }

  @Test
  void foldsConstantSubtreesAndKeepsColumnReferences() {
    Expression e = Expressions.add(col(b, 0), Expressions.multiply(lit(2), lit(3)));
    Expression folded = Expressions.foldConstants(e, ANSI);
    assertEquals(new BinaryArithmetic(BinaryArithmetic.Op.ADD, col(b, 0), new Literal(6, DataTypes.INTEGER),
        DataTypes.INTEGER), folded);
    assertEquals(eval(e, b, ANSI), eval(folded, b, ANSI));
  }

  @Test
  void foldsAWholeConstantTreeIntoOneLiteral() {
    Expression e = Expressions.caseWhen(List.of(Expressions.equalTo(lit("1"), lit(1))),
        List.of(Expressions.cast(lit("2024-02-29"), DataTypes.DATE)), null);
    assertEquals(new Literal(java.time.LocalDate.of(2024, 2, 29), DataTypes.DATE), Expressions.foldConstants(e, ANSI));
    assertEquals(new Literal(null, DataTypes.BOOLEAN),
        Expressions.foldConstants(Expressions.and(lit(true), lit(null)), ANSI));
  }

  @Test
  void aFailingConstantIsKeptSoTheErrorOnlyHappensIfReached() {
    Expression e = Expressions.divide(lit(1), lit(0));
    assertInstanceOf(BinaryArithmetic.class, Expressions.foldConstants(e, ANSI));
    assertEquals(new Literal(null, DataTypes.DOUBLE), Expressions.foldConstants(e, LEGACY));
    Expression guarded = Expressions.caseWhen(List.of(Expressions.isNull(col(b, 0))), List.of(e), lit(0.0));
    Expression folded = Expressions.foldConstants(guarded, ANSI);
    assertEquals(ExprFixtures.list(0.0, 0.0), eval(folded, column(DataTypes.INTEGER, 1, 2), ANSI));
  }

  @Test
  void nonDeterministicSubtreesAreNotFoldedButTheirConstantChildrenAre() {
    Expression e = new Volatile(Expressions.add(lit(1), lit(1)));
    assertEquals(new Volatile(new Literal(2, DataTypes.INTEGER)), Expressions.foldConstants(e, ANSI));
  }

  @Test
  void aTreeWithoutConstantsIsReturnedAsIs() {
    Expression e = Expressions.isNull(col(b, 0));
    assertSame(e, Expressions.foldConstants(e, ANSI));
  }
}
