package io.ember.core.expr;

import java.util.List;

/**
 * Registers the conditional functions of {@link FunctionRegistry#standard()}: {@code coalesce, nvl,
 * ifnull, nullif, isnull, isnotnull, if}.
 */
public final class ConditionalFunctions implements FunctionRegistry.Module {
  @Override
  public void registerAll(FunctionRegistry registry) {
    registry.register("coalesce", Expressions::coalesce);
    registry.register("nvl", args -> {
      MathFunctions.arity("nvl", args, 2);
      return Expressions.coalesce(args);
    });
    registry.register("ifnull", args -> {
      MathFunctions.arity("ifnull", args, 2);
      return Expressions.coalesce(args);
    });
    registry.register("nullif", args -> {
      MathFunctions.arity("nullif", args, 2);
      Expression left = args.get(0);
      return Expressions.caseWhen(List.of(Expressions.equalTo(left, args.get(1))),
          List.of(new Literal(null, left.dataType())), left);
    });
    registry.register("isnull", args -> {
      MathFunctions.arity("isnull", args, 1);
      return Expressions.isNull(args.get(0));
    });
    registry.register("isnotnull", args -> {
      MathFunctions.arity("isnotnull", args, 1);
      return Expressions.isNotNull(args.get(0));
    });
    registry.register("if", args -> {
      MathFunctions.arity("if", args, 3);
      return Expressions.caseWhen(List.of(args.get(0)), List.of(args.get(1)), args.get(2));
    });
  }
}
