package io.ember.bridge;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ember.core.errors.EmberException;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * The {@code error} object of a failed response: {@code javaClass} (the exception's class name),
 * {@code errorClass} (Spark-style, from {@link EmberException#errorClass()}, or null), {@code message} and
 * {@code stackTrace} (the printed stack trace, causes included).
 */
public final class BridgeErrors {
  private BridgeErrors() {}

  public static ObjectNode toJson(Throwable t) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("javaClass", t.getClass().getName());
    if (t instanceof EmberException e && e.errorClass() != null) {
      node.put("errorClass", e.errorClass());
    } else {
      node.putNull("errorClass");
    }
    node.put("message", t.getMessage() == null ? t.toString() : t.getMessage());
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    node.put("stackTrace", trace.toString());
    return node;
  }
}
