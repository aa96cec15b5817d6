package io.ember.api.sql;

import io.ember.core.errors.AnalysisException;

/** Spark's {@code UNSUPPORTED_FEATURE} for SQL that parses but that Ember cannot run yet. */
final class SqlUnsupported {
  private SqlUnsupported() {}

  static AnalysisException of(String what) {
    return new AnalysisException("UNSUPPORTED_FEATURE.SQL",
        "The feature is not supported: " + what + " is not supported in Ember's SQL yet.");
  }
}
