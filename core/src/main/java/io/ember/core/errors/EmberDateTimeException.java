package io.ember.core.errors;

/** A date or timestamp that cannot be parsed or is out of range under ANSI mode. */
public class EmberDateTimeException extends EmberException {
  public EmberDateTimeException(String errorClass, String message) {
    super(errorClass, message, null);
  }

  public EmberDateTimeException(String errorClass, String message, Throwable cause) {
    super(errorClass, message, cause);
  }
}
