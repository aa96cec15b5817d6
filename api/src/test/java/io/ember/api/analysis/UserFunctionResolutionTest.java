package io.ember.api.analysis;

import static io.ember.api.execution.Plans.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.api.logical.LogicalExpr;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.Op;
import io.ember.api.logical.UserFunctionBinder;
import io.ember.core.data.Row;
import io.ember.core.errors.AnalysisException;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.expr.FunctionRegistry;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserFunctionResolutionTest {
  private final Analyzer analyzer = new Analyzer(false);
  private final LogicalPlan people = local(schema("id", DataTypes.INTEGER, "name", DataTypes.STRING), Row.of(1, "a"));

  /** Binds to a standard function and records the arguments it was given. */
  private record Recording(String function, DataType returnType, List<List<Expression>> seen)
      implements UserFunctionBinder {
    Recording(String function, DataType returnType) {
      this(function, returnType, new ArrayList<>());
    }

    @Override
    public Expression bind(List<Expression> args) {
      seen.add(args);
      return FunctionRegistry.standard().build(function, args);
    }
  }

  private static LogicalExpr udf(String name, UserFunctionBinder binder, LogicalExpr... args) {
    return new LogicalExpr.UserFunction(name, List.of(args), binder);
  }

  @Test
  void selectedUserFunctionIsBoundToResolvedArgumentsAndNamedLikeSpark() {
    Recording shout = new Recording("upper", DataTypes.STRING);
    ResolvedPlan.Project p = assertInstanceOf(ResolvedPlan.Project.class,
        analyzer.analyze(select(people, udf("shout", shout, col("name")), as(udf("shout", shout, col("name")), "s"))));
    assertEquals(List.of("shout(name)", "s"), p.schema().fieldNames());
    assertEquals(List.of(new ColumnRef(1, "name", DataTypes.STRING, true)), shout.seen().get(0));
    assertEquals("upper(name)", p.exprs().get(0).sql());
    assertEquals(DataTypes.STRING, p.schema().field(0).dataType());
  }

  @Test
  void userFunctionNestsInOperatorsAndFilters() {
    Recording len = new Recording("length", DataTypes.INTEGER);
    ResolvedPlan.Filter f = assertInstanceOf(ResolvedPlan.Filter.class,
        analyzer.analyze(filter(people, op(Op.GREATER_THAN, udf("len", len, col("name")), lit(2)))));
    assertEquals("(length(name) > 2)", f.conjuncts().get(0).sql());
    assertEquals("(len(name) > 2)", op(Op.GREATER_THAN, udf("len", len, col("name")), lit(2)).prettyName());
  }

  @Test
  void userFunctionFeedsAnAggregate() {
    Recording len = new Recording("length", DataTypes.INTEGER);
    LogicalPlan q = groupBy(people, List.of(col("id")), call("sum", udf("len", len, col("name"))));
    ResolvedPlan.Aggregate a = assertInstanceOf(ResolvedPlan.Aggregate.class, analyzer.analyze(q));
    assertEquals(List.of("id", "sum(len(name))"), a.schema().fieldNames());
    assertEquals("sum(length(name))", a.aggs().get(0).sql());
  }

  @Test
  void unknownArgumentColumnIsAnAnalysisError() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> analyzer.analyze(select(people, udf("shout", new Recording("upper", DataTypes.STRING), col("nme")))));
    assertEquals("UNRESOLVED_COLUMN.WITH_SUGGESTION", e.errorClass());
  }

  @Test
  void starArgumentIsRefused() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> analyzer.analyze(select(people, udf("f", new Recording("upper", DataTypes.STRING), star()))));
    assertEquals("INVALID_USAGE_OF_STAR_OR_REGEX", e.errorClass());
    assertEquals("[INVALID_USAGE_OF_STAR_OR_REGEX] Invalid usage of '*' in expression `f`.", e.getMessage());
  }
}
