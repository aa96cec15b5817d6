package io.ember.api.streaming;

import io.ember.api.streaming.StreamingQueryListener.Event;
import io.ember.api.streaming.StreamingQueryListener.QueryIdleEvent;
import io.ember.api.streaming.StreamingQueryListener.QueryProgressEvent;
import io.ember.api.streaming.StreamingQueryListener.QueryStartedEvent;
import io.ember.api.streaming.StreamingQueryListener.QueryTerminatedEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers a session's listener events on one daemon thread, in the order they were posted, to the listeners
 * registered when each event is delivered. A listener's exception is logged and skipped.
 */
final class ListenerBus {
  private static final Logger LOG = Logger.getLogger(ListenerBus.class.getName());
  private static final String THREAD_NAME = "ember-streaming-listener";

  private final List<StreamingQueryListener> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, THREAD_NAME);
    t.setDaemon(true);
    return t;
  });

  void add(StreamingQueryListener listener) {
    listeners.add(listener);
  }

  void remove(StreamingQueryListener listener) {
    listeners.remove(listener);
  }

  List<StreamingQueryListener> listeners() {
    return List.copyOf(listeners);
  }

  /** Queues {@code event}; the future completes once every listener saw it (or the bus is closed). */
  CompletableFuture<Void> post(Event event) {
    if (listeners.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    try {
      return CompletableFuture.runAsync(() -> deliver(event), thread);
    } catch (RejectedExecutionException closed) {
      return CompletableFuture.completedFuture(null);
    }
  }

  /**
   * Posts {@code event} and waits until the listeners saw it, except on the listener thread itself (a listener
   * starting a query), where waiting would never end: there the event is delivered after the current one.
   */
  void postAndWait(Event event) {
    CompletableFuture<Void> delivered = post(event);
    if (!Thread.currentThread().getName().equals(THREAD_NAME)) {
      delivered.join();
    }
  }

  private void deliver(Event event) {
    for (StreamingQueryListener l : listeners) {
      try {
        if (event instanceof QueryStartedEvent e) {
          l.onQueryStarted(e);
        } else if (event instanceof QueryProgressEvent e) {
          l.onQueryProgress(e);
        } else if (event instanceof QueryIdleEvent e) {
          l.onQueryIdle(e);
        } else if (event instanceof QueryTerminatedEvent e) {
          l.onQueryTerminated(e);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Streaming query listener " + l + " failed on " + event.getClass().getSimpleName(), e);
      }
    }
  }

  /** Delivers what is queued (waiting at most {@code timeoutMs}), then stops the thread. */
  void close(long timeoutMs) {
    thread.shutdown();
    try {
      thread.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
