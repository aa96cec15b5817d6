package io.ember.bridge;

import io.ember.api.streaming.StreamingQuery;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The text {@link StreamingQuery#explain(boolean)} prints, for the {@code explainQuery} op. The query prints to
 * {@code System.out}; this class installs (once) a {@code System.out} that sends what the explaining thread
 * prints into a buffer and everything else, from every other thread (a console sink, say), where it went before.
 */
final class QueryExplain {
  private static final ThreadLocal<ByteArrayOutputStream> CAPTURE = new ThreadLocal<>();
  private static volatile boolean installed;

  private QueryExplain() {}

  static String text(StreamingQuery query, boolean extended) {
    install();
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    CAPTURE.set(buffer);
    try {
      query.explain(extended);
      System.out.flush();
    } finally {
      CAPTURE.remove();
    }
    return buffer.toString(StandardCharsets.UTF_8).stripTrailing();
  }

  private static synchronized void install() {
    if (installed) {
      return;
    }
    PrintStream previous = System.out;
    OutputStream routed = new OutputStream() {
      @Override
      public void write(int b) {
        ByteArrayOutputStream c = CAPTURE.get();
        if (c != null) {
          c.write(b);
        } else {
          previous.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        ByteArrayOutputStream c = CAPTURE.get();
        if (c != null) {
          c.write(b, off, len);
        } else {
          previous.write(b, off, len);
        }
      }

      @Override
      public void flush() {
        previous.flush();
      }
    };
    System.setOut(new PrintStream(routed, true, StandardCharsets.UTF_8));
    installed = true;
  }
}
