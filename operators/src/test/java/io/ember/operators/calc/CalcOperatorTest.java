package io.ember.operators.calc;

import static io.ember.operators.testkit.TestExprs.cmp;
import static io.ember.operators.testkit.TestExprs.col;
import static io.ember.operators.testkit.TestExprs.lit;
import static io.ember.operators.testkit.TestExprs.plus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.testkit.OperatorHarness;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalcOperatorTest {
  private static final StructType SCHEMA = DataTypes.struct(
      DataTypes.field("id", DataTypes.INTEGER, false),
      DataTypes.field("amount", DataTypes.INTEGER),
      DataTypes.field("name", DataTypes.STRING));

  private static final List<Row> ROWS = List.of(
      Row.of(1, 10, "a"), Row.of(2, null, "b"), Row.of(3, 30, null), Row.of(4, 5, "d"), Row.of(5, 50, "e"));

  private static CalcSpec amountOver(int threshold) {
    return new CalcSpec(
        SCHEMA,
        cmp(">", col(SCHEMA, "amount"), lit(threshold)),
        List.of(col(SCHEMA, "name"), plus(col(SCHEMA, "id"), col(SCHEMA, "amount"))),
        List.of("name", "total"));
  }

  @Test
  void dropsRowsWherePredicateIsFalseOrNullAndProjects() {
    List<Row> out = OperatorHarness.of(amountOver(8)).run(OperatorHarness.batches(SCHEMA, ROWS, 2));
    assertEquals(List.of(Row.of("a", 11), Row.of(null, 33), Row.of("e", 55)), out);
  }

  @Test
  void outputSchemaTakesTypesAndNullabilityFromProjections() {
    CalcSpec spec = new CalcSpec(SCHEMA, null, List.of(col(SCHEMA, "id"), plus(col(SCHEMA, "id"), lit(1))), List.of("id", "next"));
    assertEquals(
        DataTypes.struct(DataTypes.field("id", DataTypes.INTEGER, false), DataTypes.field("next", DataTypes.INTEGER, false)),
        spec.outputSchema());
    assertEquals("Project([id, (id + 1) AS next])", spec.explain());
    assertEquals("Calc(filter=(amount > 8), project=[name, (id + amount) AS total])", amountOver(8).explain());
  }

  @Test
  void passesTheBatchThroughUntouchedWhenEveryRowQualifies() {
    Batch in = Batch.fromRows(SCHEMA, List.of(Row.of(1, 10, "a"), Row.of(5, 50, "e")));
    OperatorHarness h = OperatorHarness.of(CalcSpec.filter(SCHEMA, cmp(">", col(SCHEMA, "id"), lit(0)))).feed(0, in);
    assertSame(in.column(2), h.outputBatches().get(0).column(2));
  }

  @Test
  void emitsNothingWhenNoRowQualifiesOrInputIsEmpty() {
    OperatorHarness h = OperatorHarness.of(amountOver(1000))
        .feed(0, Batch.fromRows(SCHEMA, ROWS))
        .feed(0, Batch.empty(SCHEMA))
        .endOfInput(0);
    assertEquals(List.of(), h.outputBatches());
  }

  @Test
  void nullLiteralPredicateDropsEveryRow() {
    CalcSpec spec = CalcSpec.filter(SCHEMA, new Literal(null, DataTypes.NULL));
    assertEquals(List.of(), OperatorHarness.of(spec).run(List.of(Batch.fromRows(SCHEMA, ROWS))));
  }

  @Test
  void filterOnlyKeepsAllColumnsInOrder() {
    CalcSpec spec = CalcSpec.filter(SCHEMA, cmp("<=", col(SCHEMA, "amount"), lit(10)));
    List<Row> out = OperatorHarness.of(spec).run(List.of(Batch.fromRows(SCHEMA, ROWS)));
    assertEquals(List.of(Row.of(1, 10, "a"), Row.of(4, 5, "d")), out);
    assertEquals(SCHEMA, spec.outputSchema());
  }

  @Test
  void sameOutputWithSnapshotRestoreAndAnyBatchSize() {
    List<Row> expected = OperatorHarness.of(amountOver(8)).run(List.of(Batch.fromRows(SCHEMA, ROWS)));
    for (int size : new int[] {1, 2, 3}) {
      List<Row> out = OperatorHarness.of(amountOver(8)).withSnapshotRestoreBetweenBatches()
          .run(OperatorHarness.batches(SCHEMA, ROWS, size));
      assertEquals(expected, out);
    }
  }

  @Test
  void rejectsNonBooleanPredicate() {
    EmberIllegalArgumentException e = assertThrows(
        EmberIllegalArgumentException.class, () -> CalcSpec.filter(SCHEMA, col(SCHEMA, "amount")));
    assertEquals(
        "[DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN] Filter expression 'amount' of type int is not a boolean.", e.getMessage());
  }

  @Test
  void rejectsMismatchedNames() {
    assertThrows(
        EmberIllegalArgumentException.class,
        () -> new CalcSpec(SCHEMA, null, List.of(col(SCHEMA, 0)), Arrays.asList("a", "b")));
  }
}
