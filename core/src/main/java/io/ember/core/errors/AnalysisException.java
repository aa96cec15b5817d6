package io.ember.core.errors;

import java.util.List;

/**
 * An error in the query found before it runs: unknown column, table or function, wrong types, a path
 * that does not exist. The user fixes the query.
 */
public class AnalysisException extends EmberException {
  public AnalysisException(String errorClass, String message) {
    super(errorClass, message, null);
  }

  public AnalysisException(String errorClass, String message, Throwable cause) {
    super(errorClass, message, cause);
  }

  /**
   * Spark's {@code UNRESOLVED_COLUMN}: names the column, suggests the closest available one and
   * lists them all.
   */
  public static AnalysisException unresolvedColumn(String name, List<String> available) {
    String closest = Suggestions.closest(name, available);
    StringBuilder msg = new StringBuilder("A column or function parameter with name `")
        .append(name).append("` cannot be resolved.");
    if (closest != null) {
      msg.append(" Did you mean `").append(closest).append("`?");
    }
    msg.append(" Available columns: ").append(Suggestions.quoted(available)).append('.');
    return new AnalysisException(
        closest != null ? "UNRESOLVED_COLUMN.WITH_SUGGESTION" : "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION",
        msg.toString());
  }

  /** Spark's {@code PATH_NOT_FOUND}. */
  public static AnalysisException pathNotFound(String path) {
    return new AnalysisException("PATH_NOT_FOUND", "Path does not exist: " + path + ".");
  }

  /** Spark's {@code DATATYPE_MISMATCH}: {@code what} could not be applied to the given types. */
  public static AnalysisException typeMismatch(String expression, String reason) {
    return new AnalysisException(
        "DATATYPE_MISMATCH", "Cannot resolve \"" + expression + "\" due to data type mismatch: " + reason);
  }
}
