package io.ember.core.errors;

/** A string that cannot be cast to a number under ANSI mode. */
public class EmberNumberFormatException extends EmberException {
  public EmberNumberFormatException(String errorClass, String message) {
    super(errorClass, message, null);
  }

  public EmberNumberFormatException(String errorClass, String message, Throwable cause) {
    super(errorClass, message, cause);
  }
}
