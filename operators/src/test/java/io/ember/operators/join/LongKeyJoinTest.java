package io.ember.operators.join;

import static io.ember.operators.testkit.TestExprs.cmp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.LongVector;
import io.ember.core.data.Row;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The join of a single bigint key, which builds a {@link LongBuildIndex}, against the general chained index
 * (the same join with a second, constant key, which keeps it on the general path) and the nested-loop
 * reference: every join type, either build side, with and without a condition, on seeded keys with nulls,
 * duplicates and extreme values.
 */
class LongKeyJoinTest {
  static final StructType LEFT = DataTypes.struct(DataTypes.field("k", DataTypes.LONG),
      DataTypes.field("one", DataTypes.INTEGER), DataTypes.field("v", DataTypes.INTEGER));
  static final StructType RIGHT = DataTypes.struct(DataTypes.field("rk", DataTypes.LONG),
      DataTypes.field("rone", DataTypes.INTEGER), DataTypes.field("w", DataTypes.INTEGER));
  private static final long[] EXTREMES = {Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 1L << 32, -(1L << 40)};

  static Stream<Long> seeds() {
    return Seeds.of("LongKeyJoinTest", 150);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void longKeyJoinEqualsTheGeneralPathAndTheReference(long seed) {
    Seeds.check(seed, random -> {
      JoinType type = Gen.oneOf(random, JoinType.class);
      BuildSide side = Gen.oneOf(random, BuildSide.class);
      int distinct = Gen.between(random, 1, 40);
      List<Row> left = rows(random, Gen.between(random, 0, 120), distinct);
      List<Row> right = rows(random, Gen.between(random, 0, 120), distinct);
      boolean withCondition = random.nextBoolean();
      int inputRows = Gen.between(random, 1, 50);
      int outputRows = Gen.between(random, 1, 64);
      Expression condition = withCondition
          ? cmp("<", new ColumnRef(2, "v", DataTypes.INTEGER, true), new ColumnRef(5, "w", DataTypes.INTEGER, true))
          : null;
      List<Row> fast = run(new HashJoinSpec(type, LEFT, RIGHT, refs(LEFT, 0), refs(RIGHT, 0), condition, side),
          left, right, inputRows, outputRows);
      List<Row> general = run(new HashJoinSpec(type, LEFT, RIGHT, refs(LEFT, 0, 1), refs(RIGHT, 0, 1), condition,
          side), left, right, inputRows, outputRows);
      List<Row> expected = JoinReference.join(type, left, right, new int[] {0}, new int[] {0},
          (l, r) -> !withCondition || JoinReference.lessThan(l.get(2), r.get(2)), LEFT.size(), RIGHT.size());
      String context = type + " build " + side + " condition " + withCondition;
      assertEquals(JoinReference.multiset(general), JoinReference.multiset(fast), context);
      assertEquals(JoinReference.multiset(expected), JoinReference.multiset(fast), context);
    });
  }

  @Test
  void chainsListEveryBuildRowOfAKeyInInputOrderAndNullsNeverMatch() {
    long[] keys = {7, Long.MIN_VALUE, 7, 0, 7, 0, Long.MAX_VALUE};
    boolean[] nulls = {false, false, false, true, false, false, false};
    // 64 slots for 7 rows; keys that share a slot must still keep separate chains
    LongBuildIndex index = new LongBuildIndex(new LongVector(DataTypes.LONG, keys, nulls, keys.length), keys.length);
    assertArrayEquals(new int[] {0, 2, 4}, chain(index, 7));
    assertArrayEquals(new int[] {5}, chain(index, 0)); // row 3's null key is not indexed
    assertArrayEquals(new int[] {1}, chain(index, Long.MIN_VALUE));
    assertArrayEquals(new int[] {6}, chain(index, Long.MAX_VALUE));
    assertArrayEquals(new int[0], chain(index, 8));

    int[] firsts = new int[4];
    index.firsts(new LongVector(DataTypes.LONG, new long[] {0, 7, 9, 7}, new boolean[] {true, false, false, false}, 4),
        4, firsts);
    assertArrayEquals(new int[] {-1, 0, -1, 0}, firsts);
  }

  @Test
  void manyDistinctKeysAllFoundThroughCollisions() {
    int n = 5000;
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = (long) i << 32; // the low bits alone would put every key in one slot
    }
    LongBuildIndex index = new LongBuildIndex(new LongVector(DataTypes.LONG, keys, null, n), n);
    for (int i = 0; i < n; i++) {
      assertArrayEquals(new int[] {i}, chain(index, keys[i]));
      assertEquals(-1, index.first(keys[i] + 1));
    }
  }

  @Test
  void onlyOneKeyOfTheSameIntOrLongStoredTypeOnBothSidesUsesTheIndex() {
    for (DataType t : List.of(DataTypes.LONG, DataTypes.INTEGER, DataTypes.DATE, DataTypes.TIMESTAMP)) {
      assertTrue(LongBuildIndex.supports(t, t), t.toString());
    }
    assertFalse(LongBuildIndex.supports(DataTypes.STRING, DataTypes.STRING));
    assertFalse(LongBuildIndex.supports(DataTypes.DOUBLE, DataTypes.DOUBLE));
    assertFalse(LongBuildIndex.supports(DataTypes.INTEGER, DataTypes.LONG));
  }

  private static int[] chain(LongBuildIndex index, long key) {
    List<Integer> rows = new ArrayList<>();
    for (int r = index.first(key); r != -1; r = index.next(r)) {
      rows.add(r);
    }
    return rows.stream().mapToInt(Integer::intValue).toArray();
  }

  private static List<Row> rows(Random random, int count, int distinct) {
    long[] pool = new long[distinct];
    for (int i = 0; i < distinct; i++) {
      pool[i] = random.nextInt(4) == 0 ? EXTREMES[random.nextInt(EXTREMES.length)] : random.nextLong();
    }
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Long k = random.nextInt(8) == 0 ? null : pool[random.nextInt(distinct)];
      Integer v = random.nextInt(6) == 0 ? null : random.nextInt(5);
      out.add(Row.of(k, 1, v));
    }
    return out;
  }

  private static List<Row> run(HashJoinSpec spec, List<Row> left, List<Row> right, int inputRows, int outputRows) {
    OperatorHarness h = OperatorHarness.of(spec).withBatchSize(outputRows);
    List<Batch> l = OperatorHarness.batches(LEFT, left, inputRows);
    List<Batch> r = OperatorHarness.batches(RIGHT, right, inputRows);
    return spec.buildSide() == BuildSide.LEFT ? h.run(l, r) : h.run(r, l);
  }

  private static List<Expression> refs(StructType schema, int... columns) {
    List<Expression> out = new ArrayList<>();
    for (int c : columns) {
      out.add(new ColumnRef(c, schema.field(c).name(), schema.field(c).dataType(), true));
    }
    return out;
  }
}
