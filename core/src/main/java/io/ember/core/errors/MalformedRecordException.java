package io.ember.core.errors;

/** A record of an input file that cannot be parsed, raised in FAILFAST mode. */
public class MalformedRecordException extends EmberException {
  public MalformedRecordException(String errorClass, String message) {
    super(errorClass, message, null);
  }

  public MalformedRecordException(String errorClass, String message, Throwable cause) {
    super(errorClass, message, cause);
  }
}
