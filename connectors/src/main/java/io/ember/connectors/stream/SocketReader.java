package io.ember.connectors.stream;

import io.ember.core.errors.EmberRuntimeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The connection of a {@link SocketSource} reader: a daemon thread, started by the first {@link #poll},
 * connects and reads lines into a queue of at most {@link #QUEUE_CAPACITY} lines; when the queue is full the
 * thread waits, so TCP flow control slows the sender down instead of memory growing. {@link #poll} takes
 * what is queued without waiting and rethrows, once the queue is drained, a failure of the thread.
 */
final class SocketReader implements AutoCloseable {
  /** Lines read ahead of the polls at most. */
  static final int QUEUE_CAPACITY = 10_000;
  /** How long the thread tries to connect before failing. */
  static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  /** A received line and when it arrived (epoch ms). */
  record Line(String text, long receivedMillis) {}

  private final String host;
  private final int port;
  private final Clock clock;
  private final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private volatile RuntimeException failure;
  private volatile boolean closed;
  private volatile Socket socket;
  private Thread thread;

  SocketReader(String host, int port, Clock clock) {
    this.host = host;
    this.port = port;
    this.clock = clock;
  }

  /** Up to {@code max} queued lines, possibly none; never waits. */
  List<Line> poll(int max) {
    if (thread == null) {
      thread = new Thread(this::run, "ember-socket-source-" + host + ":" + port);
      thread.setDaemon(true);
      thread.start();
    }
    List<Line> out = new ArrayList<>(Math.min(max, queue.size()));
    queue.drainTo(out, max);
    RuntimeException f = failure;
    if (out.isEmpty() && f != null) {
      throw f;
    }
    return out;
  }

  private void run() {
    Socket s = new Socket();
    socket = s;
    if (closed) {
      closeQuietly(s);
      return;
    }
    try {
      s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
    } catch (IOException | IllegalArgumentException e) {
      if (!closed) {
        failure = new EmberRuntimeException("SOCKET_CONNECT_FAILED", "Cannot connect to the socket source at "
            + host + ":" + port + ": " + e.getMessage() + ". Start a server listening there (for example"
            + " `nc -lk " + port + "`) before starting the query, or fix the options 'host' and 'port'.", e);
      }
      closeQuietly(s);
      return;
    }
    try (BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (!closed && (line = in.readLine()) != null) {
        queue.put(new Line(line, clock.millis()));
      }
      // the server closed the connection: as in Spark, the stream stays open and idle
    } catch (IOException e) {
      if (!closed) {
        failure = new EmberRuntimeException("SOCKET_READ_FAILED",
            "Reading from the socket source at " + host + ":" + port + " failed: " + e.getMessage(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(s);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing was written; a failing close loses nothing
    }
  }

  /** Closes the connection and stops the thread; queued lines are dropped. */
  @Override
  public void close() {
    closed = true;
    Socket s = socket;
    if (s != null) {
      closeQuietly(s);
    }
    if (thread != null) {
      thread.interrupt();
    }
  }
}
