package io.ember.operators.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.OperatorContext;
import io.ember.operators.testkit.OperatorHarness;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class StreamStaticJoinOperatorTest {
  private static final StructType EMP = DataTypes.struct(
      DataTypes.field("name", DataTypes.STRING, false), DataTypes.field("dept", DataTypes.INTEGER));
  private static final StructType DEPT = DataTypes.struct(
      DataTypes.field("id", DataTypes.INTEGER, false), DataTypes.field("title", DataTypes.STRING, false));

  /** A static side whose rows the test replaces; it counts versions asked for and reads. */
  static final class Dimension implements StaticRelation {
    volatile List<Row> rows;
    volatile int version;
    final AtomicInteger versionCalls = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();

    Dimension(List<Row> rows) {
      this.rows = rows;
    }

    void replace(List<Row> newRows) {
      rows = newRows;
      version++;
    }

    @Override
    public StructType schema() {
      return DEPT;
    }

    @Override
    public Object version() {
      versionCalls.incrementAndGet();
      return version;
    }

    @Override
    public void read(Object at, OperatorContext context, Consumer<Batch> out) {
      assertEquals(version, at);
      reads.incrementAndGet();
      OperatorHarness.batches(DEPT, rows, 1).forEach(out);
    }

    @Override
    public String explain() {
      return "dimension";
    }
  }

  private static StreamStaticJoinSpec spec(JoinType type, Dimension dim) {
    return new StreamStaticJoinSpec(
        HashJoinSpec.onColumns(type, EMP, DEPT, new int[] {1}, new int[] {0}, BuildSide.RIGHT), dim);
  }

  private static Batch emps(Row... rows) {
    return OperatorHarness.batches(EMP, List.of(rows), 10).get(0);
  }

  @Test
  void aChangedStaticSideIsReadAgainAtTheNextEpochOnly() {
    Dimension dim = new Dimension(List.of(Row.of(1, "eng"), Row.of(2, "ops")));
    OperatorHarness h = OperatorHarness.of(spec(JoinType.INNER, dim));
    h.feed(0, emps(Row.of("ann", 1)));
    assertEquals(List.of(Row.of("ann", 1, 1, "eng")), h.drainRows());
    dim.replace(List.of(Row.of(1, "research"), Row.of(2, "ops")));
    h.feed(0, emps(Row.of("bob", 1)));
    assertEquals(List.of(Row.of("bob", 1, 1, "eng")), h.drainRows(), "within an epoch the version read stays");
    h.endOfEpoch();
    h.feed(0, emps(Row.of("cid", 1), Row.of("dan", 2)));
    assertEquals(List.of(Row.of("cid", 1, 1, "research"), Row.of("dan", 2, 2, "ops")), h.drainRows());
    assertEquals(2, dim.reads.get());
    h.close();
  }

  @Test
  void anUnchangedStaticSideIsCheckedOncePerEpochWithRowsAndNeverReadAgain() {
    Dimension dim = new Dimension(List.of(Row.of(1, "eng")));
    OperatorHarness h = OperatorHarness.of(spec(JoinType.INNER, dim));
    for (int epoch = 0; epoch < 5; epoch++) {
      h.feed(0, emps(Row.of("ann", 1)), emps(Row.of("bob", 1)));
      h.endOfEpoch();
      h.endOfEpoch(); // an epoch without rows checks nothing
    }
    assertEquals(10, h.drainRows().size());
    assertEquals(1, dim.reads.get());
    assertEquals(5, dim.versionCalls.get());
    h.close();
  }

  @Test
  void aLeftOuterJoinKeepsUnmatchedStreamRowsAgainstTheCurrentStaticSide() {
    Dimension dim = new Dimension(List.of());
    OperatorHarness h = OperatorHarness.of(spec(JoinType.LEFT_OUTER, dim));
    h.feed(0, emps(Row.of("ann", 1)));
    assertEquals(List.of(Row.of("ann", 1, null, null)), h.drainRows());
    dim.replace(List.of(Row.of(1, "eng")));
    h.endOfEpoch();
    h.feed(0, emps(Row.of("ann", 1)));
    assertEquals(List.of(Row.of("ann", 1, 1, "eng")), h.drainRows());
    h.close();
  }

  @Test
  void aStaticSideOfAnotherSchemaIsRefused() {
    Dimension dim = new Dimension(List.of());
    assertThrows(IllegalArgumentException.class, () -> new StreamStaticJoinSpec(
        HashJoinSpec.onColumns(JoinType.INNER, DEPT, EMP, new int[] {0}, new int[] {1}, BuildSide.RIGHT), dim));
  }
}
