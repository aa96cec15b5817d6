package io.ember.operators.aggregate;

import static io.ember.operators.aggregate.AggTestSupport.fn;
import static io.ember.operators.aggregate.AggTestSupport.global;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.List;
import org.junit.jupiter.api.Test;

class BooleanAggregatesTest {
  private static final StructType SCHEMA = DataTypes.struct(DataTypes.field("b", DataTypes.BOOLEAN),
      DataTypes.field("i", DataTypes.INTEGER));

  @Test
  void boolAndOrSkipNullsAndCountIfCountsTrueRows() {
    List<Row> rows = List.of(Row.of(true, 1), Row.of(null, 2), Row.of(false, 3), Row.of(true, null));
    Row r = global(SCHEMA, rows, fn(SCHEMA, "bool_and", "b"), fn(SCHEMA, "every", "b"), fn(SCHEMA, "bool_or", "b"),
        fn(SCHEMA, "some", "b"), fn(SCHEMA, "count_if", "b"));
    assertEquals(Row.of(false, false, true, true, 2L), r);
    Row allTrue = global(SCHEMA, List.of(Row.of(true, 1), Row.of(null, 2)), fn(SCHEMA, "bool_and", "b"),
        fn(SCHEMA, "bool_or", "b"));
    assertEquals(Row.of(true, true), allTrue);
  }

  @Test
  void noInputGivesNullForBoolAndOrAndZeroForCountIf() {
    Row r = global(SCHEMA, List.of(), fn(SCHEMA, "bool_and", "b"), fn(SCHEMA, "bool_or", "b"),
        fn(SCHEMA, "count_if", "b"));
    assertEquals(Row.of(null, null, 0L), r);
  }

  @Test
  void theyAreShownUnderTheirOwnNamesAndTakeOnlyBooleans() {
    assertEquals("bool_and(b)", fn(SCHEMA, "bool_and", "b").sql());
    assertEquals("count_if(b)", fn(SCHEMA, "count_if", "b").sql());
    assertEquals(DataTypes.BOOLEAN, fn(SCHEMA, "bool_or", "b").resultType());
    assertEquals(DataTypes.LONG, fn(SCHEMA, "count_if", "b").resultType());
    AnalysisException e = assertThrows(AnalysisException.class, () -> fn(SCHEMA, "bool_and", "i"));
    assertTrue(e.errorClass().startsWith("DATATYPE_MISMATCH"), e.errorClass());
    assertTrue(AggregateFunctions.isAggregate("COUNT_IF"));
  }
}
