package io.ember.operators.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.ColumnVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.StringVector;
import io.ember.core.data.VectorBuilder;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.EvalContext;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The HyperLogLog++ estimate stays within a few relative standard deviations of the truth. */
class ApproxCountDistinctErrorTest {
  private static final int CHUNK = 8192;

  private static long estimate(DataType type, double rsd, int distinct, boolean strings) {
    ApproxCountDistinctFunction f = new ApproxCountDistinctFunction(new ColumnRef(0, "x", type, true), rsd);
    Accumulator acc = f.newAccumulator(EvalContext.defaults());
    acc.ensureGroups(1);
    int[] ids = new int[CHUNK];
    for (int from = 0; from < distinct; from += CHUNK) {
      int n = Math.min(CHUNK, distinct - from);
      acc.update(ids, n, new ColumnVector[] {strings ? strings(from, n) : longs(from, n)});
    }
    return ((LongVector) acc.result(0, 1)).getLong(0);
  }

  private static ColumnVector longs(int from, int n) {
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = (from + i) * 7919L;
    }
    return new LongVector(DataTypes.LONG, v, null, n);
  }

  private static ColumnVector strings(int from, int n) {
    VectorBuilder.Strings b = (VectorBuilder.Strings) VectorBuilder.forType(DataTypes.STRING, n);
    for (int i = 0; i < n; i++) {
      b.appendString("user-" + (from + i));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} distinct {2} with rsd {1}")
  @CsvSource({
    "1000, 0.05, false", "10000, 0.05, false", "100000, 0.05, false", "1000000, 0.05, false",
    "1000, 0.05, true", "100000, 0.05, true", "1000000, 0.05, true",
    "1000, 0.01, false", "100000, 0.01, true", "1000000, 0.01, false", "50, 0.05, true", "3, 0.05, false"})
  void estimateIsWithinThreeRelativeStandardDeviations(int distinct, double rsd, boolean strings) {
    long est = estimate(strings ? DataTypes.STRING : DataTypes.LONG, rsd, distinct, strings);
    double error = Math.abs(est - distinct) / (double) distinct;
    assertTrue(error <= 3 * rsd, "estimate " + est + " for " + distinct + " distinct values, error " + error);
  }

  @Test
  void duplicatesAndNullsDoNotCount() {
    ApproxCountDistinctFunction f = new ApproxCountDistinctFunction(new ColumnRef(0, "s", DataTypes.STRING, true), 0.05);
    Accumulator acc = f.newAccumulator(EvalContext.defaults());
    acc.ensureGroups(1);
    StringVector v = StringVector.of("a", "b", null, "a", "b", "c", null);
    acc.update(new int[7], 7, new ColumnVector[] {v});
    acc.update(new int[7], 7, new ColumnVector[] {v});
    assertEquals(3L, ((LongVector) acc.result(0, 1)).getLong(0));
  }

  @Test
  void mergingSketchesEqualsSketchingTheUnion() {
    ApproxCountDistinctFunction f = new ApproxCountDistinctFunction(new ColumnRef(0, "x", DataTypes.LONG, true), 0.02);
    Accumulator whole = f.newAccumulator(EvalContext.defaults());
    Accumulator left = f.newAccumulator(EvalContext.defaults());
    Accumulator right = f.newAccumulator(EvalContext.defaults());
    Accumulator merged = f.newAccumulator(EvalContext.defaults());
    for (Accumulator a : List.of(whole, left, right, merged)) {
      a.ensureGroups(1);
    }
    int[] ids = new int[CHUNK];
    for (int from = 0; from < 50_000; from += CHUNK) {
      ColumnVector chunk = longs(from, Math.min(CHUNK, 50_000 - from));
      whole.update(ids, chunk.size(), new ColumnVector[] {chunk});
      (from % (2 * CHUNK) == 0 ? left : right).update(ids, chunk.size(), new ColumnVector[] {chunk});
    }
    merged.merge(new int[1], 1, left.state(0, 1));
    merged.merge(new int[1], 1, right.state(0, 1));
    assertEquals(((LongVector) whole.result(0, 1)).getLong(0), ((LongVector) merged.result(0, 1)).getLong(0));
  }

  @Test
  void precisionFollowsSparksFormulaAndRejectsTooLargeRsd() {
    assertEquals(9, ApproxCountDistinctFunction.precision(0.05));
    assertEquals(14, ApproxCountDistinctFunction.precision(0.01));
    ColumnRef x = new ColumnRef(0, "x", DataTypes.LONG, true);
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> AggregateFunctions.build("approx_count_distinct", List.of(x, new Literal(0.5, DataTypes.DOUBLE)), false));
    assertEquals("INVALID_PARAMETER_VALUE", e.errorClass());
    assertTrue(e.getMessage().contains("at most 0.39"), e.getMessage());
    assertEquals("approx_count_distinct(x, 0.01)",
        AggregateFunctions.build("approx_count_distinct", List.of(x, new Literal(0.01, DataTypes.DOUBLE)), false).sql());
  }
}
