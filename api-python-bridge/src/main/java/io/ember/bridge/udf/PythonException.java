package io.ember.bridge.udf;

import io.ember.core.errors.EmberRuntimeException;

/**
 * A Python UDF raised in a worker (Spark's {@code PythonException}). The message names the UDF and holds the
 * Python exception type, message and traceback text. Error classes: {@link #UDF_FAILED} when the function
 * raised, {@link #RETURN_TYPE} when it returned a value its declared return type cannot hold. The worker that
 * ran it stays usable.
 */
public final class PythonException extends EmberRuntimeException {
  /** The function raised. */
  public static final String UDF_FAILED = "PYTHON_UDF_FAILED";
  /** The function returned a value of the wrong type (PySpark's {@code UDF_RETURN_TYPE}). */
  public static final String RETURN_TYPE = "UDF_RETURN_TYPE";

  private final String pythonType;
  private final String traceback;

  public PythonException(String errorClass, String message, String pythonType, String traceback) {
    super(errorClass, message);
    this.pythonType = pythonType;
    this.traceback = traceback;
  }

  /** The Python exception's class name ({@code ZeroDivisionError}). */
  public String pythonType() {
    return pythonType;
  }

  /** The Python traceback text (empty when there is none). */
  public String traceback() {
    return traceback;
  }
}
