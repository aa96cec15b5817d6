package io.ember.operators.join;

import static io.ember.operators.testkit.TestExprs.cmp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every join type, with either build side, equi keys of one or two columns or none, with and without an extra
 * condition, at several input and output batch sizes and with snapshot+restore between batches, gives the same
 * rows as a naive nested loop over small random tables with nulls and duplicate keys.
 */
class HashJoinPropertyTest {
  static final StructType LEFT = DataTypes.struct(
      DataTypes.field("k", DataTypes.INTEGER), DataTypes.field("k2", DataTypes.STRING), DataTypes.field("v", DataTypes.INTEGER));
  static final StructType RIGHT = DataTypes.struct(
      DataTypes.field("rk", DataTypes.INTEGER), DataTypes.field("rk2", DataTypes.STRING), DataTypes.field("w", DataTypes.INTEGER));

  /** Decodes a small code into a row with few distinct keys, nulls included. */
  static Row row(int code) {
    Integer k = code % 5 == 4 ? null : code % 5;
    String k2 = switch ((code / 5) % 3) {
      case 0 -> "a";
      case 1 -> "b";
      default -> null;
    };
    Integer v = (code / 15) % 4 == 3 ? null : (code / 15) % 4;
    return Row.of(k, k2, v);
  }

  static Stream<Long> seeds() {
    return Seeds.of("HashJoinPropertyTest", 400);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void hashJoinMatchesNestedLoopReference(long seed) {
    Seeds.check(seed, random -> hashJoinMatchesNestedLoopReference(Gen.oneOf(random, JoinType.class),
        Gen.oneOf(random, BuildSide.class), Gen.ints(random, 9, 0, 59), Gen.ints(random, 9, 0, 59),
        Gen.between(random, 0, 2), random.nextBoolean(), Gen.between(random, 1, 4), Gen.between(random, 1, 5),
        random.nextBoolean()));
  }

  private static void hashJoinMatchesNestedLoopReference(JoinType type, BuildSide buildSide, List<Integer> leftCodes,
      List<Integer> rightCodes, int keyCount, boolean withCondition, int inputBatchRows, int outputBatchRows,
      boolean snapshotRestore) {
    List<Row> left = leftCodes.stream().map(HashJoinPropertyTest::row).toList();
    List<Row> right = rightCodes.stream().map(HashJoinPropertyTest::row).toList();
    int[] keys = keyCount == 0 ? new int[0] : keyCount == 1 ? new int[] {0} : new int[] {0, 1};
    Expression condition = withCondition
        ? cmp("<", new ColumnRef(2, "v", DataTypes.INTEGER, true), new ColumnRef(5, "w", DataTypes.INTEGER, true))
        : null;
    HashJoinSpec spec = new HashJoinSpec(
        type, LEFT, RIGHT, refs(LEFT, keys), refs(RIGHT, keys), condition, buildSide);

    OperatorHarness h = OperatorHarness.of(spec).withBatchSize(outputBatchRows);
    if (snapshotRestore) {
      h.withSnapshotRestoreBetweenBatches();
    }
    List<Batch> leftBatches = OperatorHarness.batches(LEFT, left, inputBatchRows);
    List<Batch> rightBatches = OperatorHarness.batches(RIGHT, right, inputBatchRows);
    List<Row> actual = buildSide == BuildSide.LEFT ? h.run(leftBatches, rightBatches) : h.run(rightBatches, leftBatches);

    List<Row> expected = JoinReference.join(
        type, left, right, keys, keys,
        (l, r) -> !withCondition || JoinReference.lessThan(l.get(2), r.get(2)), LEFT.size(), RIGHT.size());
    assertEquals(JoinReference.multiset(expected), JoinReference.multiset(actual),
        () -> spec.explain() + "\nleft=" + left + "\nright=" + right + "\nexpected=" + expected + "\nactual=" + actual);
    for (Batch b : h.outputBatches()) {
      assertEquals(true, b.numRows() <= Math.max(outputBatchRows, inputBatchRows), "batch of " + b.numRows() + " rows");
    }
  }

  private static List<Expression> refs(StructType schema, int[] columns) {
    List<Expression> out = new ArrayList<>();
    for (int c : columns) {
      out.add(new ColumnRef(c, schema.field(c).name(), schema.field(c).dataType(), true));
    }
    return out;
  }
}
