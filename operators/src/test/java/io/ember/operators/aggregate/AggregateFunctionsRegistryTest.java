package io.ember.operators.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.expr.Literal;
import io.ember.core.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateFunctionsRegistryTest {
  private static final Expression PRICE = new ColumnRef(0, "price", DataTypes.DOUBLE, true);
  private static final Expression NAME = new ColumnRef(1, "name", DataTypes.STRING, true);

  @Test
  void knowsSparksNamesAndAliasesCaseInsensitively() {
    for (String n : List.of("count", "SUM", "avg", "mean", "min", "max", "first", "last", "collect_list",
        "collect_set", "stddev", "std", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop",
        "approx_count_distinct", "countDistinct")) {
      assertTrue(AggregateFunctions.isAggregate(n), n);
    }
    assertFalse(AggregateFunctions.isAggregate("upper"));
    assertEquals("avg(price)", AggregateFunctions.build("mean", List.of(PRICE), false).sql());
    assertEquals("std(price)", AggregateFunctions.build("std", List.of(PRICE), false).sql());
    assertEquals("count(1)", AggregateFunctions.countStar().sql());
    assertEquals("count(DISTINCT price, name)",
        AggregateFunctions.build("countDistinct", List.of(PRICE, NAME), false).sql());
    assertEquals("first(name) ignore nulls",
        AggregateFunctions.build("first", List.of(NAME, new Literal(true, DataTypes.BOOLEAN)), false).sql());
    assertInstanceOf(MinMaxFunction.class, AggregateFunctions.build("max", List.of(NAME), true));
  }

  @Test
  void wrongArgumentCountsAreWrongNumArgs() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> AggregateFunctions.build("sum", List.of(PRICE, PRICE), false));
    assertEquals("WRONG_NUM_ARGS", e.errorClass());
    assertEquals("[WRONG_NUM_ARGS] The `sum` requires 1 parameters but the actual number is 2.", e.getMessage());
    assertEquals("WRONG_NUM_ARGS",
        assertThrows(AnalysisException.class, () -> AggregateFunctions.build("count", List.of(), false)).errorClass());
  }

  @Test
  void nonNumericInputToSumIsADatatypeMismatchButStringsAreCastToDouble() {
    Expression flag = new ColumnRef(2, "flag", DataTypes.BOOLEAN, true);
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> AggregateFunctions.build("sum", List.of(flag), false));
    assertEquals("DATATYPE_MISMATCH", e.errorClass());
    assertTrue(e.getMessage().contains("\"sum(flag)\"") && e.getMessage().contains("\"BOOLEAN\""), e.getMessage());
    AggregateFunction sumOfStrings = AggregateFunctions.build("sum", List.of(NAME), false);
    assertEquals(DataTypes.DOUBLE, sumOfStrings.resultType());
    assertEquals(DataTypes.DOUBLE, sumOfStrings.inputs().get(0).dataType());
    assertEquals("DATATYPE_MISMATCH", assertThrows(AnalysisException.class,
        () -> AggregateFunctions.build("first", List.of(NAME, NAME), false)).errorClass());
  }

  @Test
  void distinctOnOrderDependentFunctionsAndUnknownNamesAreRejected() {
    assertEquals("DISTINCT_UNSUPPORTED", assertThrows(AnalysisException.class,
        () -> AggregateFunctions.build("collect_list", List.of(NAME), true)).errorClass());
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> AggregateFunctions.build("median", List.of(PRICE), false));
    assertEquals("UNRESOLVED_ROUTINE", e.errorClass());
  }
}
