package io.ember.operators.join;

import static io.ember.operators.testkit.TestExprs.cmp;
import static io.ember.operators.testkit.TestExprs.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.memory.MemoryBudget;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashJoinOperatorTest {
  private static final StructType EMP = DataTypes.struct(
      DataTypes.field("name", DataTypes.STRING, false), DataTypes.field("dept", DataTypes.INTEGER));
  private static final StructType DEPT = DataTypes.struct(
      DataTypes.field("id", DataTypes.INTEGER, false), DataTypes.field("title", DataTypes.STRING, false));

  private static final List<Row> EMPS = List.of(
      Row.of("ann", 1), Row.of("bob", 2), Row.of("cid", null), Row.of("dan", 1), Row.of("eve", 9));
  private static final List<Row> DEPTS = List.of(Row.of(1, "eng"), Row.of(2, "ops"), Row.of(3, "hr"));

  private static HashJoinSpec empDept(JoinType type, BuildSide build) {
    return HashJoinSpec.onColumns(type, EMP, DEPT, new int[] {1}, new int[] {0}, build);
  }

  private static List<Row> run(HashJoinSpec spec) {
    List<Batch> emps = OperatorHarness.batches(EMP, EMPS, 2);
    List<Batch> depts = OperatorHarness.batches(DEPT, DEPTS, 2);
    OperatorHarness h = OperatorHarness.of(spec);
    return spec.buildSide() == BuildSide.LEFT ? h.run(emps, depts) : h.run(depts, emps);
  }

  @Test
  void innerJoinMatchesEqualKeysAndNeverNullKeys() {
    List<Row> expected = List.of(Row.of("ann", 1, 1, "eng"), Row.of("bob", 2, 2, "ops"), Row.of("dan", 1, 1, "eng"));
    assertEquals(expected, run(empDept(JoinType.INNER, BuildSide.RIGHT)));
    assertEquals(JoinReference.multiset(expected), JoinReference.multiset(run(empDept(JoinType.INNER, BuildSide.LEFT))));
  }

  @Test
  void leftOuterJoinStreamingTheLeftEmitsUnmatchedRowsWithNulls() {
    List<Row> expected = List.of(
        Row.of("ann", 1, 1, "eng"), Row.of("bob", 2, 2, "ops"), Row.of("cid", null, null, null),
        Row.of("dan", 1, 1, "eng"), Row.of("eve", 9, null, null));
    List<Row> out = run(empDept(JoinType.LEFT_OUTER, BuildSide.RIGHT));
    assertEquals(JoinReference.multiset(expected), JoinReference.multiset(out));
    assertEquals(5, out.size());
  }

  @Test
  void rightOuterJoinBuildingTheLeftStreamsTheRight() {
    List<Row> out = run(empDept(JoinType.RIGHT_OUTER, BuildSide.LEFT));
    List<Row> expected = List.of(
        Row.of("ann", 1, 1, "eng"), Row.of("dan", 1, 1, "eng"), Row.of("bob", 2, 2, "ops"), Row.of(null, null, 3, "hr"));
    assertEquals(expected, out);
  }

  @Test
  void fullOuterJoinEmitsUnmatchedBuildRowsAtTheEndOfTheProbeInput() {
    OperatorHarness h = OperatorHarness.of(empDept(JoinType.FULL_OUTER, BuildSide.RIGHT))
        .feedRows(0, DEPT, DEPTS, 3).endOfInput(0)
        .feedRows(1, EMP, EMPS, 5);
    List<Row> beforeEnd = h.drainRows();
    assertEquals(5, beforeEnd.size());
    h.endOfInput(1);
    assertEquals(List.of(Row.of(null, null, 3, "hr")), h.drainRows());
  }

  @Test
  void outputNullabilityIsWidenedOnTheSideThatMayBeMissing() {
    StructType full = empDept(JoinType.FULL_OUTER, BuildSide.RIGHT).outputSchema();
    assertTrue(full.fields().stream().allMatch(f -> f.nullable()));
    StructType inner = empDept(JoinType.INNER, BuildSide.RIGHT).outputSchema();
    assertEquals(List.of(false, true, false, false), inner.fields().stream().map(f -> f.nullable()).toList());
    StructType left = empDept(JoinType.LEFT_OUTER, BuildSide.RIGHT).outputSchema();
    assertEquals(List.of(false, true, true, true), left.fields().stream().map(f -> f.nullable()).toList());
    assertEquals(EMP, empDept(JoinType.LEFT_SEMI, BuildSide.RIGHT).outputSchema());
  }

  @Test
  void semiAndAntiJoinsKeepLeftRowsOnlyWithEitherBuildSide() {
    for (BuildSide side : BuildSide.values()) {
      assertEquals(
          JoinReference.multiset(List.of(Row.of("ann", 1), Row.of("bob", 2), Row.of("dan", 1))),
          JoinReference.multiset(run(empDept(JoinType.LEFT_SEMI, side))), side.name());
      assertEquals(
          JoinReference.multiset(List.of(Row.of("cid", null), Row.of("eve", 9))),
          JoinReference.multiset(run(empDept(JoinType.LEFT_ANTI, side))), side.name());
    }
  }

  @Test
  void crossJoinWithoutKeysIsANestedLoopInBatchesOfTheBatchSize() {
    HashJoinSpec spec = new HashJoinSpec(JoinType.CROSS, EMP, DEPT, List.of(), List.of(), null, BuildSide.RIGHT);
    OperatorHarness h = OperatorHarness.of(spec).withBatchSize(4);
    List<Row> out = h.run(List.of(Batch.fromRows(DEPT, DEPTS)), List.of(Batch.fromRows(EMP, EMPS)));
    assertEquals(15, out.size());
    assertEquals(Row.of("ann", 1, 1, "eng"), out.get(0));
    assertEquals(Row.of("eve", 9, 3, "hr"), out.get(14));
    assertEquals(List.of(4, 4, 4, 3), h.outputBatches().stream().map(Batch::numRows).toList());
    assertEquals("NestedLoopJoin(Cross, build=right)", spec.explain());
  }

  @Test
  void nonEquiConditionAloneRunsAsANestedLoop() {
    StructType joined = empDept(JoinType.INNER, BuildSide.RIGHT).joinedSchema();
    Expression deptBelow = cmp("<", new ColumnRef(1, "dept", DataTypes.INTEGER, true), col(joined, "id"));
    HashJoinSpec spec = new HashJoinSpec(JoinType.LEFT_OUTER, EMP, DEPT, List.of(), List.of(), deptBelow, BuildSide.RIGHT);
    List<Row> out = run(spec);
    List<Row> expected = List.of(
        Row.of("ann", 1, 2, "ops"), Row.of("ann", 1, 3, "hr"), Row.of("bob", 2, 3, "hr"), Row.of("cid", null, null, null),
        Row.of("dan", 1, 2, "ops"), Row.of("dan", 1, 3, "hr"), Row.of("eve", 9, null, null));
    assertEquals(JoinReference.multiset(expected), JoinReference.multiset(out));
    assertEquals("NestedLoopJoin(LeftOuter, condition=(dept < id), build=right)", spec.explain());
  }

  @Test
  void emptyBuildSideStillPreservesTheProbeSide() {
    HashJoinSpec spec = empDept(JoinType.LEFT_OUTER, BuildSide.RIGHT);
    List<Row> out = OperatorHarness.of(spec).run(List.of(), List.of(Batch.fromRows(EMP, EMPS)));
    assertEquals(5, out.size());
    assertTrue(out.stream().allMatch(r -> r.get(2) == null && r.get(3) == null));
    List<Row> inner = OperatorHarness.of(empDept(JoinType.INNER, BuildSide.RIGHT)).run(List.of(), List.of());
    assertEquals(List.of(), inner);
  }

  @Test
  void aBuildSideThatMayNotSpillFailsOverTheMemoryBudgetNamingTheSetting() {
    List<Row> many = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      many.add(Row.of(i, "department number " + i));
    }
    OperatorHarness h = OperatorHarness.of(empDept(JoinType.INNER, BuildSide.RIGHT).withSpillable(false))
        .withMemoryBudget(50_000);
    EmberRuntimeException e = assertThrows(
        EmberRuntimeException.class, () -> h.feed(0, OperatorHarness.batches(DEPT, many, 500)));
    assertEquals("MEMORY_BUDGET_EXCEEDED", e.errorClass());
    assertTrue(e.getMessage().contains("HashJoin build side needs more than the task's memory budget"), e.getMessage());
    assertTrue(e.getMessage().contains("'" + MemoryBudget.CONFIG_KEY + "'"), e.getMessage());
  }

  @Test
  void releasesBuildMemoryOnClose() {
    OperatorHarness h = OperatorHarness.of(empDept(JoinType.INNER, BuildSide.RIGHT)).withMemoryBudget(1 << 20)
        .feedRows(0, DEPT, DEPTS, 2).endOfInput(0);
    assertTrue(h.context().memory().used() > 0);
    h.close();
    assertEquals(0, h.context().memory().used());
  }

  @Test
  void probeRowsBeforeTheBuildSideEndedAreAnInternalError() {
    OperatorHarness h = OperatorHarness.of(empDept(JoinType.INNER, BuildSide.RIGHT));
    EmberRuntimeException e = assertThrows(EmberRuntimeException.class, () -> h.feedRows(1, EMP, EMPS, 2));
    assertEquals("INTERNAL_ERROR", e.errorClass());
  }

  @Test
  void snapshotAfterTheBuildRestoresTheTableAndMatchedRows() {
    OperatorHarness h = OperatorHarness.of(empDept(JoinType.FULL_OUTER, BuildSide.LEFT))
        .feedRows(0, EMP, EMPS, 2).endOfInput(0)
        .feedRows(1, DEPT, DEPTS.subList(0, 1), 1)
        .snapshotAndRestore()
        .feedRows(1, DEPT, DEPTS.subList(1, 3), 1)
        .endOfInput(1);
    List<Row> expected = List.of(
        Row.of("ann", 1, 1, "eng"), Row.of("dan", 1, 1, "eng"), Row.of("bob", 2, 2, "ops"), Row.of(null, null, 3, "hr"),
        Row.of("cid", null, null, null), Row.of("eve", 9, null, null));
    assertEquals(expected, h.outputRows());
  }

  @Test
  void keysOfDifferentTypesAreRejected() {
    StructType longs = DataTypes.struct(DataTypes.field("id", DataTypes.LONG));
    AnalysisException e = assertThrows(
        AnalysisException.class,
        () -> HashJoinSpec.onColumns(JoinType.INNER, EMP, longs, new int[] {1}, new int[] {0}, BuildSide.RIGHT));
    assertEquals(
        "[DATATYPE_MISMATCH] Cannot resolve \"(dept = id)\" due to data type mismatch: the join keys have different"
            + " types (\"int\" and \"bigint\"); cast one side to the other's type.",
        e.getMessage());
  }

  @Test
  void joinTypeNamesParseAsSparkDoes() {
    assertEquals(JoinType.FULL_OUTER, JoinType.fromString("outer"));
    assertEquals(JoinType.FULL_OUTER, JoinType.fromString("full_outer"));
    assertEquals(JoinType.LEFT_OUTER, JoinType.fromString("LEFT"));
    assertEquals(JoinType.RIGHT_OUTER, JoinType.fromString("rightouter"));
    assertEquals(JoinType.LEFT_SEMI, JoinType.fromString("semi"));
    assertEquals(JoinType.LEFT_ANTI, JoinType.fromString("left_anti"));
    assertEquals(JoinType.CROSS, JoinType.fromString("cross"));
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class, () -> JoinType.fromString("sideways"));
    assertEquals("UNSUPPORTED_JOIN_TYPE", e.errorClass());
    assertTrue(e.getMessage().startsWith("[UNSUPPORTED_JOIN_TYPE] Unsupported join type 'sideways'."), e.getMessage());
  }

  @Test
  void explainNamesKeysAndBuildSide() {
    assertEquals(
        "HashJoin(LeftOuter, leftKeys=[dept], rightKeys=[id], build=right)",
        empDept(JoinType.LEFT_OUTER, BuildSide.RIGHT).explain());
  }
}
