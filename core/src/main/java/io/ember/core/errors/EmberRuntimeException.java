package io.ember.core.errors;

/** A failure while running a query that is not the query's fault: I/O, a lost task, an exceeded memory budget, an internal error. */
public class EmberRuntimeException extends EmberException {
  public EmberRuntimeException(String errorClass, String message) {
    super(errorClass, message, null);
  }

  public EmberRuntimeException(String errorClass, String message, Throwable cause) {
    super(errorClass, message, cause);
  }
}
