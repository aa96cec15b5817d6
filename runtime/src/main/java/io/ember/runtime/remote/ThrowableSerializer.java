package io.ember.runtime.remote;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberArithmeticException;
import io.ember.core.errors.EmberDateTimeException;
import io.ember.core.errors.EmberException;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.core.errors.EmberNumberFormatException;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.core.errors.MalformedRecordException;
import java.util.Map;

/**
 * Writes any {@link Throwable} as data, never as an object graph: its class name, Ember error class, message,
 * stack trace and causes (at most {@link #MAX_CAUSES} deep). Reading rebuilds Ember's exceptions as their own
 * type with their error class (a division by zero on another node is still an {@link EmberArithmeticException}),
 * and any other exception as a {@link RemoteTaskException} that prints as the original. No class named by the
 * peer is loaded.
 */
final class ThrowableSerializer extends Serializer<Throwable> {
  /** Causes deeper than this are dropped. */
  static final int MAX_CAUSES = 8;

  private interface EmberFactory {
    EmberException create(String errorClass, String message, Throwable cause);
  }

  private static final Map<String, EmberFactory> EMBER = Map.of(
      AnalysisException.class.getName(), AnalysisException::new,
      EmberArithmeticException.class.getName(), EmberArithmeticException::new,
      EmberDateTimeException.class.getName(), EmberDateTimeException::new,
      EmberIllegalArgumentException.class.getName(), EmberIllegalArgumentException::new,
      EmberNumberFormatException.class.getName(), EmberNumberFormatException::new,
      EmberRuntimeException.class.getName(), EmberRuntimeException::new,
      MalformedRecordException.class.getName(), MalformedRecordException::new);

  @Override
  public void write(Kryo kryo, Output out, Throwable error) {
    write(out, error, 0);
  }

  private static void write(Output out, Throwable error, int depth) {
    if (error == null || depth > MAX_CAUSES) {
      out.writeBoolean(false);
      return;
    }
    out.writeBoolean(true);
    String className = error instanceof RemoteTaskException r ? r.originalClass() : error.getClass().getName();
    out.writeString(className);
    String errorClass = error instanceof EmberException e ? e.errorClass() : null;
    out.writeString(errorClass);
    out.writeString(rawMessage(error, errorClass));
    StackTraceElement[] trace = error.getStackTrace();
    out.writeVarInt(trace.length, true);
    for (StackTraceElement e : trace) {
      out.writeString(e.getClassName());
      out.writeString(e.getMethodName());
      out.writeString(e.getFileName());
      out.writeVarInt(e.getLineNumber(), false);
    }
    write(out, error.getCause() == error ? null : error.getCause(), depth + 1);
  }

  /** The message as it was passed to the constructor: an Ember exception prefixes its error class. */
  private static String rawMessage(Throwable error, String errorClass) {
    String message = error.getMessage();
    String prefix = "[" + errorClass + "] ";
    if (errorClass != null && message != null && message.startsWith(prefix)) {
      return message.substring(prefix.length());
    }
    return message;
  }

  @Override
  public Throwable read(Kryo kryo, Input in, Class<? extends Throwable> type) {
    return read(in);
  }

  private static Throwable read(Input in) {
    if (!in.readBoolean()) {
      return null;
    }
    String className = in.readString();
    String errorClass = in.readString();
    String message = in.readString();
    StackTraceElement[] trace = new StackTraceElement[in.readVarInt(true)];
    for (int i = 0; i < trace.length; i++) {
      trace[i] = new StackTraceElement(in.readString(), in.readString(), in.readString(), in.readVarInt(false));
    }
    Throwable cause = read(in);
    EmberFactory ember = EMBER.get(className);
    Throwable error = ember != null
        ? ember.create(errorClass, message, cause)
        : new RemoteTaskException(className, message, cause);
    error.setStackTrace(trace);
    return error;
  }
}
