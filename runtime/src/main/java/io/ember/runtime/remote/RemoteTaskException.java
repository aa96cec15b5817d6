package io.ember.runtime.remote;

/**
 * A task's failure that happened on another node, rebuilt from the wire when its type is not one of Ember's
 * exceptions (those are rebuilt as themselves, see {@link ThrowableSerializer}). It prints as the original
 * did ({@code java.lang.IllegalStateException: message}) and carries the original stack trace, so the error
 * a user sees is the one a local run shows.
 */
public final class RemoteTaskException extends RuntimeException {
  private final String originalClass;

  /** A failure of class {@code originalClass} with {@code message} (null when it had none). */
  public RemoteTaskException(String originalClass, String message, Throwable cause) {
    super(message, cause);
    this.originalClass = originalClass;
  }

  /** The class name of the exception thrown on the remote node. */
  public String originalClass() {
    return originalClass;
  }

  @Override
  public String toString() {
    String message = getLocalizedMessage();
    return message == null ? originalClass : originalClass + ": " + message;
  }
}
