package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.core.errors.AnalysisException;
import java.util.Locale;

/** The generator functions ({@code explode}, {@code explode_outer}) and the errors for misplacing them. */
final class Generators {
  private Generators() {}

  static boolean isGenerator(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("explode") || n.equals("explode_outer");
  }

  /** The generator call at the top of a select item (under any alias), or null. */
  static LogicalExpr.Call topLevel(LogicalExpr e) {
    LogicalExpr inner = e instanceof LogicalExpr.Alias a ? a.child() : e;
    return inner instanceof LogicalExpr.Call c && isGenerator(c.name()) ? c : null;
  }

  static AnalysisException nested(LogicalExpr.Call call) {
    return new AnalysisException("UNSUPPORTED_GENERATOR.NESTED_IN_EXPRESSIONS",
        "The generator is not supported: nested in expressions \"" + call.prettyName() + "\".");
  }

  static AnalysisException outsideSelect(LogicalExpr.Call call) {
    return new AnalysisException("UNSUPPORTED_GENERATOR.OUTSIDE_SELECT",
        "The generator is not supported: outside the SELECT clause, but found: " + call.prettyName() + ".");
  }

  static AnalysisException multiple() {
    return new AnalysisException("UNSUPPORTED_GENERATOR.MULTI_GENERATOR",
        "The generator is not supported: only one generator allowed per SELECT clause.");
  }
}
