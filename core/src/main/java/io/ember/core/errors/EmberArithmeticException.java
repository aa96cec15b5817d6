package io.ember.core.errors;

/** Overflow or division by zero under ANSI mode (spark.sql.ansi.enabled=true, the default). */
public class EmberArithmeticException extends EmberException {
  public EmberArithmeticException(String errorClass, String message) {
    super(errorClass, message, null);
  }

  public EmberArithmeticException(String errorClass, String message, Throwable cause) {
    super(errorClass, message, cause);
  }
}
