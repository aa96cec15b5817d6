package io.ember.api.analysis;

import static io.ember.api.execution.Plans.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.Op;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzerErrorsTest {
  private static final StructType SALES = schema("product", DataTypes.STRING, "price", DataTypes.INTEGER,
      "qty", DataTypes.INTEGER);
  private final LogicalPlan sales = local(SALES, Row.of("a", 1, 2));
  private final Analyzer analyzer = new Analyzer(false);

  private AnalysisException fail(LogicalPlan plan) {
    return assertThrows(AnalysisException.class, () -> analyzer.analyze(plan));
  }

  @Test
  void misspelledColumnSuggestsClosestAndListsAvailable() {
    AnalysisException e = fail(select(sales, col("pirce")));
    assertEquals("UNRESOLVED_COLUMN.WITH_SUGGESTION", e.errorClass());
    assertEquals("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `pirce` cannot be"
        + " resolved. Did you mean `price`? Available columns: [`product`, `price`, `qty`].", e.getMessage());
  }

  @Test
  void unknownColumnWithoutCloseNameHasNoSuggestion() {
    AnalysisException e = fail(filter(sales, op(Op.GREATER_THAN, col("zzzzzz"), lit(1))));
    assertEquals("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", e.errorClass());
    assertTrue(e.getMessage().contains("Available columns: [`product`, `price`, `qty`]"), e.getMessage());
  }

  @Test
  void caseSensitiveResolutionRejectsOtherCase() {
    LogicalPlan q = select(sales, col("PRICE"));
    assertEquals("PRICE", new Analyzer(false).analyze(q).output().get(0).name());
    AnalysisException e = assertThrows(AnalysisException.class, () -> new Analyzer(true).analyze(q));
    assertTrue(e.getMessage().contains("Did you mean `price`?"), e.getMessage());
  }

  @Test
  void aggregateInFilterIsInvalidWhereCondition() {
    AnalysisException e = fail(filter(sales, op(Op.GREATER_THAN, call("sum", col("price")), lit(1))));
    assertEquals("INVALID_WHERE_CONDITION", e.errorClass());
    assertTrue(e.getMessage().contains("\"sum(price)\""), e.getMessage());
  }

  @Test
  void nestedAggregateIsRejected() {
    AnalysisException e = fail(groupBy(sales, List.of(col("product")), call("sum", call("max", col("price")))));
    assertEquals("NESTED_AGGREGATE_FUNCTION", e.errorClass());
  }

  @Test
  void columnNeitherGroupedNorAggregatedIsMissingAggregation() {
    AnalysisException e = fail(groupBy(sales, List.of(col("product")), col("price")));
    assertEquals("MISSING_AGGREGATION", e.errorClass());
    assertTrue(e.getMessage().startsWith("[MISSING_AGGREGATION] The non-aggregating expression \"price\" is based on"
        + " columns which are not participating in the GROUP BY clause."), e.getMessage());
  }

  @Test
  void selectMixingAggregateAndColumnIsMissingGroupBy() {
    AnalysisException e = fail(select(sales, col("product"), call("sum", col("price"))));
    assertEquals("MISSING_GROUP_BY", e.errorClass());
  }

  @Test
  void nonBooleanFilterIsDatatypeMismatch() {
    AnalysisException e = fail(filter(sales, col("price")));
    assertEquals("DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN", e.errorClass());
    assertTrue(e.getMessage().contains("Filter expression \"price\" of type \"INT\" is not a boolean"), e.getMessage());
  }

  @Test
  void unionOfDifferentWidthsIsNumColumnsMismatch() {
    LogicalPlan other = local(schema("a", DataTypes.STRING), Row.of("x"));
    AnalysisException e = fail(union(sales, other));
    assertEquals("NUM_COLUMNS_MISMATCH", e.errorClass());
    assertEquals("[NUM_COLUMNS_MISMATCH] UNION can only be performed on inputs with the same number of columns, but"
        + " the first input has 3 columns and the 2nd input has 1 columns.", e.getMessage());
  }

  @Test
  void unionOfIncompatibleTypesIsRejected() {
    LogicalPlan a = local(schema("x", DataTypes.array(DataTypes.INTEGER)), Row.of(List.of(1)));
    LogicalPlan b = local(schema("x", DataTypes.INTEGER), Row.of(1));
    assertEquals("INCOMPATIBLE_COLUMN_TYPE", fail(union(a, b)).errorClass());
  }

  @Test
  void ambiguousNameAfterJoinIsRejected() {
    LogicalPlan other = local(schema("product", DataTypes.STRING), Row.of("a"));
    LogicalPlan j = join(sales, other, "inner", op(Op.EQUAL, col(sales, "product"), col(other, "product")));
    AnalysisException e = fail(select(j, col("product")));
    assertEquals("AMBIGUOUS_REFERENCE", e.errorClass());
  }

  @Test
  void unknownUsingColumnNamesTheSide() {
    LogicalPlan other = local(schema("id", DataTypes.STRING), Row.of("a"));
    AnalysisException e = fail(joinUsing(sales, other, "inner", "id"));
    assertEquals("UNRESOLVED_USING_COLUMN_FOR_JOIN", e.errorClass());
    assertTrue(e.getMessage().contains("on the left side of the join"), e.getMessage());
  }

  @Test
  void unknownJoinTypeListsSupportedOnes() {
    LogicalPlan other = local(schema("product", DataTypes.STRING), Row.of("a"));
    Exception e = assertThrows(RuntimeException.class,
        () -> analyzer.analyze(joinUsing(sales, other, "sideways", "product")));
    assertTrue(e.getMessage().contains("UNSUPPORTED_JOIN_TYPE"), e.getMessage());
  }

  @Test
  void twoGeneratorsInOneSelectAreRejected() {
    LogicalPlan arrays = local(schema("xs", DataTypes.array(DataTypes.INTEGER)), Row.of(List.of(1)));
    AnalysisException e = fail(select(arrays, call("explode", col("xs")), call("explode", col("xs"))));
    assertEquals("UNSUPPORTED_GENERATOR.MULTI_GENERATOR", e.errorClass());
  }

  @Test
  void generatorInsideExpressionIsRejected() {
    LogicalPlan arrays = local(schema("xs", DataTypes.array(DataTypes.INTEGER)), Row.of(List.of(1)));
    AnalysisException e = fail(select(arrays, op(Op.ADD, call("explode", col("xs")), lit(1))));
    assertEquals("UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS", e.errorClass());
  }

  @Test
  void unknownFunctionSuggestsClosest() {
    AnalysisException e = fail(select(sales, call("uper", col("product"))));
    assertEquals("UNRESOLVED_ROUTINE", e.errorClass());
    assertTrue(e.getMessage().contains("Did you mean `upper`?"), e.getMessage());
  }

  @Test
  void starOfUnknownQualifierIsRejected() {
    AnalysisException e = fail(select(sales, new LogicalExpr.Star("t")));
    assertEquals("CANNOT_RESOLVE_STAR_EXPAND", e.errorClass());
  }

  @Test
  void dropDuplicatesOnUnknownColumnIsUnresolved() {
    AnalysisException e = fail(distinct(sales, "prodct"));
    assertTrue(e.getMessage().contains("Did you mean `product`?"), e.getMessage());
  }

  @Test
  void generatorInAFilterIsOutsideSelect() {
    LogicalPlan arrays = local(schema("xs", DataTypes.array(DataTypes.INTEGER)), Row.of(List.of(1)));
    AnalysisException e = fail(filter(arrays, op(Op.GREATER_THAN, call("explode", col("xs")), lit(0))));
    assertEquals("UNSUPPORTED_GENERATOR.OUTSIDE_SELECT", e.errorClass());
  }
}
