package io.ember.operators.explode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.data.Batch;
import io.ember.core.data.ColumnVector;
import io.ember.core.data.Row;
import io.ember.core.data.StringVector;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.testkit.OperatorHarness;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplodeOperatorTest {
  private static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("id", DataTypes.INTEGER, false),
      DataTypes.field("tags", DataTypes.array(DataTypes.STRING)),
      DataTypes.field("n", DataTypes.LONG));

  private static final List<Row> ROWS = List.of(
      Row.of(1, List.of("a", "b"), 10L),
      Row.of(2, null, 20L),
      Row.of(3, List.of(), 30L),
      Row.of(4, Arrays.asList("c", null, "d"), null));

  private static List<Row> run(ExplodeSpec spec, int inBatch, int outBatch) {
    return OperatorHarness.of(spec).withBatchSize(outBatch).run(OperatorHarness.batches(SCHEMA, ROWS, inBatch));
  }

  @Test
  void explodeEmitsOneRowPerElementAndSkipsNullOrEmptyArrays() {
    List<Row> expected = List.of(
        Row.of(1, 10L, "a"), Row.of(1, 10L, "b"), Row.of(4, null, "c"), Row.of(4, null, null), Row.of(4, null, "d"));
    for (int in : new int[] {1, 4}) {
      for (int out : new int[] {1, 2, 100}) {
        assertEquals(expected, run(ExplodeSpec.explode(SCHEMA, 1, false), in, out));
      }
    }
  }

  @Test
  void explodeOuterKeepsNullAndEmptyArraysAsNullElements() {
    List<Row> expected = List.of(
        Row.of(1, 10L, "a"), Row.of(1, 10L, "b"), Row.of(2, 20L, null), Row.of(3, 30L, null),
        Row.of(4, null, "c"), Row.of(4, null, null), Row.of(4, null, "d"));
    assertEquals(expected, run(ExplodeSpec.explode(SCHEMA, 1, true), 2, 3));
  }

  @Test
  void posexplodeAddsZeroBasedPositions() {
    List<Row> expected = List.of(
        Row.of(1, 10L, 0, "a"), Row.of(1, 10L, 1, "b"), Row.of(4, null, 0, "c"), Row.of(4, null, 1, null),
        Row.of(4, null, 2, "d"));
    assertEquals(expected, run(ExplodeSpec.posexplode(SCHEMA, 1, false), 4, 2));
    List<Row> outer = run(ExplodeSpec.posexplode(SCHEMA, 1, true), 4, 100);
    assertEquals(Row.of(2, 20L, null, null), outer.get(2));
  }

  @Test
  void outputSchemaDropsTheArrayAndAppendsPositionAndElement() {
    assertEquals(
        DataTypes.struct(
            DataTypes.field("id", DataTypes.INTEGER, false),
            DataTypes.field("n", DataTypes.LONG),
            DataTypes.field("pos", DataTypes.INTEGER, false),
            DataTypes.field("col", DataTypes.STRING)),
        ExplodeSpec.posexplode(SCHEMA, 1, false).outputSchema());
    assertEquals("Generate(posexplode_outer(tags))", ExplodeSpec.posexplode(SCHEMA, 1, true).explain());
  }

  @Test
  void splitsLargeExplosionsIntoBatchSizedOutput() {
    OperatorHarness h = OperatorHarness.of(ExplodeSpec.explode(SCHEMA, 1, false)).withBatchSize(2)
        .feed(0, Batch.fromRows(SCHEMA, ROWS));
    assertEquals(List.of(2, 2, 1), h.outputBatches().stream().map(Batch::numRows).toList());
  }

  @Test
  void isStatelessSoSnapshotRestoreChangesNothing() {
    ExplodeSpec spec = ExplodeSpec.posexplode(SCHEMA, 1, true);
    List<Row> plain = OperatorHarness.of(spec).run(OperatorHarness.batches(SCHEMA, ROWS, 1));
    OperatorHarness restored = OperatorHarness.of(spec).withSnapshotRestoreBetweenBatches();
    assertEquals(plain, restored.run(OperatorHarness.batches(SCHEMA, ROWS, 1)));
    assertEquals(null, restored.operator().snapshot(1));
    assertEquals(List.of(), OperatorHarness.of(spec).run(List.of(Batch.empty(SCHEMA))));
  }

  @Test
  void aRunOfStringElementsSharesTheBytesAndEqualsACopy() {
    StringVector words = StringVector.of("one", "", "three", "four", "fünf");
    int[] run = {1, 2, 3};
    ColumnVector shared = ExplodeOperator.gatherElements(words, run, 3);
    assertSame(words.bytes(), ((StringVector) shared).bytes());
    assertVectorEquals(words.take(run, 3), shared);
    int[] all = {0, 1, 2, 3, 4};
    assertVectorEquals(words.take(all, 5), ExplodeOperator.gatherElements(words, all, 5));
  }

  @Test
  void gapsOrNullElementsAreCopied() {
    StringVector words = StringVector.of("a", "b", "c");
    int[] gap = {0, 2};
    ColumnVector copied = ExplodeOperator.gatherElements(words, gap, 2);
    assertNotSame(words.bytes(), ((StringVector) copied).bytes());
    assertVectorEquals(words.take(gap, 2), copied);
    StringVector withNull = StringVector.of("a", null, "c");
    int[] run = {0, 1, 2};
    ColumnVector fromNulls = ExplodeOperator.gatherElements(withNull, run, 3);
    assertNotSame(withNull.bytes(), ((StringVector) fromNulls).bytes());
    assertVectorEquals(withNull.take(run, 3), fromNulls);
  }

  private static void assertVectorEquals(ColumnVector expected, ColumnVector actual) {
    assertEquals(expected.size(), actual.size());
    for (int r = 0; r < expected.size(); r++) {
      assertEquals(expected.get(r), actual.get(r), "row " + r);
    }
  }

  @Test
  void rejectsANonArrayColumn() {
    AnalysisException e = assertThrows(AnalysisException.class, () -> ExplodeSpec.explode(SCHEMA, 0, false));
    assertEquals("DATATYPE_MISMATCH", e.errorClass());
    assertEquals(
        "[DATATYPE_MISMATCH] Cannot resolve \"explode(id)\" due to data type mismatch: Parameter 1 requires the"
            + " \"ARRAY\" type, however \"id\" has the type \"int\".",
        e.getMessage());
  }
}
