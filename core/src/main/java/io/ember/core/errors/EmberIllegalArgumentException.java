package io.ember.core.errors;

/** A bad argument or configuration value. Fix the call or the setting it names. */
public class EmberIllegalArgumentException extends EmberException {
  public EmberIllegalArgumentException(String errorClass, String message) {
    super(errorClass, message, null);
  }

  public EmberIllegalArgumentException(String errorClass, String message, Throwable cause) {
    super(errorClass, message, cause);
  }
}
