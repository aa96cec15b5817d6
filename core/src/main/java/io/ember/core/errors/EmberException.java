package io.ember.core.errors;

/**
 * The root of Ember's exceptions. Each carries an error class in Spark's style (for example
 * {@code DIVIDE_BY_ZERO} or {@code UNRESOLVED_COLUMN.WITH_SUGGESTION}) and a message a user can act on.
 * The message starts with the error class in brackets, as Spark's do.
 *
 * <p>Subtypes say what the caller should do: {@link AnalysisException} and {@link EmberIllegalArgumentException}
 * are the user's to fix in the query or configuration; {@link EmberArithmeticException},
 * {@link EmberDateTimeException}, {@link EmberNumberFormatException} and {@link MalformedRecordException}
 * come from the data; {@link EmberRuntimeException} covers other failures while running.
 */
public abstract class EmberException extends RuntimeException {
  private final String errorClass;

  protected EmberException(String errorClass, String message, Throwable cause) {
    super(errorClass == null ? message : "[" + errorClass + "] " + message, cause);
    this.errorClass = errorClass;
  }

  /** Spark-style error class, or null when there is none. */
  public String errorClass() {
    return errorClass;
  }
}
