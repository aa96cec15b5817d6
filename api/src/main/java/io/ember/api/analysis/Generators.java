package io.ember.api.analysis;

import io.ember.api.logical.LogicalExpr;
import io.ember.core.errors.AnalysisException;
import java.util.Locale;

/**
 * The generator functions ({@code explode}, {@code posexplode}, {@code inline}, each with an {@code _outer} form, and
 * {@code json_tuple}) and the errors for misplacing them.
 */
final class Generators {
  private Generators() {}

  static boolean isGenerator(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return switch (n) {
      case "explode", "explode_outer", "posexplode", "posexplode_outer", "inline", "inline_outer", "json_tuple" ->
          true;
      default -> false;
    };
  }

  /** The generator call at the top of a select item (under any alias or multi-alias), or null. */
  static LogicalExpr.Call topLevel(LogicalExpr e) {
    LogicalExpr inner = e instanceof LogicalExpr.Alias a ? a.child()
        : e instanceof LogicalExpr.MultiAlias m ? m.child() : e;
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

  /** Spark's error for a multi-alias whose length is not the generator's number of columns. */
  static AnalysisException aliasCount(int expected, java.util.List<String> given) {
    return new AnalysisException("UDTF_ALIAS_NUMBER_MISMATCH", "The number of aliases supplied in the AS clause does"
        + " not match the number of columns output by the UDTF. Expected " + expected + " aliases, but got "
        + String.join(", ", given) + ".");
  }

  static AnalysisException multiple() {
    return new AnalysisException("UNSUPPORTED_GENERATOR.MULTI_GENERATOR",
        "The generator is not supported: only one generator allowed per SELECT clause.");
  }
}
