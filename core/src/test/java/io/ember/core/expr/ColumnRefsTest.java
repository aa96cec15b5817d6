package io.ember.core.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnRefsTest {
  static final ColumnRef A = new ColumnRef(0, "a", DataTypes.LONG, true);
  static final ColumnRef B = new ColumnRef(1, "b", DataTypes.LONG, true);
  static final ColumnRef C = new ColumnRef(2, "c", DataTypes.STRING, true);

  /** {@code (a > 1) AND (c IS NOT NULL)}. */
  static Expression filter() {
    return Expressions.and(Expressions.greaterThan(A, new Literal(1L, DataTypes.LONG)), Expressions.isNotNull(C));
  }

  private static BitSet bits(int... indices) {
    BitSet b = new BitSet();
    for (int i : indices) {
      b.set(i);
    }
    return b;
  }

  @Test
  void referencesAreTheColumnsReadAtAnyDepth() {
    assertEquals(bits(0, 2), ColumnRefs.references(filter()));
    assertEquals(bits(0, 1, 2), ColumnRefs.references(List.of(filter(), Expressions.add(B, B))));
    assertEquals(bits(), ColumnRefs.references(new Literal(3L, DataTypes.LONG)));
  }

  @Test
  void remapRebindsEachReferenceAndKeepsItsMeaning() {
    // The filter over (a, b, c) read from a batch holding (c, x, a): a moves to 2, c to 0.
    Expression moved = ColumnRefs.remap(filter(), new int[] {2, -1, 0});
    assertEquals(bits(0, 2), ColumnRefs.references(moved));
    StructType wide = DataTypes.struct(DataTypes.field("a", DataTypes.LONG), DataTypes.field("b", DataTypes.LONG),
        DataTypes.field("c", DataTypes.STRING));
    StructType moved3 = DataTypes.struct(DataTypes.field("c", DataTypes.STRING), DataTypes.field("x", DataTypes.LONG),
        DataTypes.field("a", DataTypes.LONG));
    Batch before = Batch.fromRows(wide, List.of(Row.of(0L, 5L, "p"), Row.of(2L, 5L, "q"), Row.of(3L, 5L, null)));
    Batch after = Batch.fromRows(moved3, List.of(Row.of("p", 9L, 0L), Row.of("q", 9L, 2L), Row.of(null, 9L, 3L)));
    for (int r = 0; r < 3; r++) {
      assertEquals(filter().evaluate(before, EvalContext.defaults()).get(r),
          moved.evaluate(after, EvalContext.defaults()).get(r), "row " + r);
    }
  }

  @Test
  void substituteReturnsTheSameTreeWhenNothingChanges() {
    Expression e = filter();
    assertSame(e, ColumnRefs.substitute(e, c -> c));
    assertEquals(Expressions.isNotNull(A), ColumnRefs.substitute(Expressions.isNotNull(C), c -> A));
  }
}
