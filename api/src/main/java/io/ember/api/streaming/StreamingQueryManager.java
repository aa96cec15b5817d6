package io.ember.api.streaming;

import io.ember.api.Session;
import io.ember.api.conf.SessionConf;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.runtime.JobRunner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The streaming queries of a session, as Spark's {@code StreamingQueryManager} ({@code session.streams()}): the
 * active ones, waiting for any to terminate, and the listeners that hear about all of them. Thread-safe.
 */
public final class StreamingQueryManager {
  private static final long LISTENER_DRAIN_MS = 5_000;

  private final Session session;
  private final SessionConf conf;
  private final Supplier<JobRunner> runner;
  private final ListenerBus bus = new ListenerBus();
  private final Map<UUID, StreamExecution> active = new LinkedHashMap<>();
  private StreamExecution lastTerminated;

  /**
   * The manager of {@code session}; made by the session, reached through {@code Session.streams()}.
   *
   * @param runner the session's runner (throws once the session stopped)
   */
  public StreamingQueryManager(Session session, SessionConf conf, Supplier<JobRunner> runner) {
    this.session = session;
    this.conf = conf;
    this.runner = runner;
  }

  /** The queries running now, in the order they started. */
  public synchronized StreamingQuery[] active() {
    return active.values().toArray(new StreamingQuery[0]);
  }

  /** The active query with this id, or null. */
  public synchronized StreamingQuery get(UUID id) {
    return active.get(id);
  }

  /**
   * The active query with this id, or null.
   *
   * @throws IllegalArgumentException when {@code id} is not a UUID
   */
  public StreamingQuery get(String id) {
    return get(UUID.fromString(id));
  }

  /**
   * Blocks until any query of the session terminated since the session started or since
   * {@link #resetTerminated()}; returns at once if one already did.
   *
   * @throws StreamingQueryException when a query terminated with a failure (the failure of the last one that
   *     failed)
   */
  public void awaitAnyTermination() {
    synchronized (this) {
      while (lastTerminated == null) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for a streaming query to terminate", e);
        }
      }
    }
    rethrow();
  }

  /**
   * As {@link #awaitAnyTermination()}, waiting at most {@code timeoutMs}.
   *
   * @return whether a query terminated
   * @throws EmberIllegalArgumentException when {@code timeoutMs} is not positive
   */
  public boolean awaitAnyTermination(long timeoutMs) {
    requirePositive(timeoutMs);
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    synchronized (this) {
      long left;
      while (lastTerminated == null && (left = deadline - System.nanoTime()) > 0) {
        try {
          wait(Math.max(1, left / 1_000_000L));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while waiting for a streaming query to terminate", e);
        }
      }
      if (lastTerminated == null) {
        return false;
      }
    }
    rethrow();
    return true;
  }

  /** Forgets the queries that terminated, so that {@link #awaitAnyTermination()} waits for a new one. */
  public synchronized void resetTerminated() {
    lastTerminated = null;
  }

  /** Registers {@code listener} for the events of every query of the session from now on. */
  public void addListener(StreamingQueryListener listener) {
    bus.add(listener);
  }

  /** Unregisters {@code listener}; it hears no event delivered after this call. */
  public void removeListener(StreamingQueryListener listener) {
    bus.remove(listener);
  }

  /** The registered listeners. */
  public List<StreamingQueryListener> listListeners() {
    return bus.listeners();
  }

  /**
   * Stops every active query, delivers pending listener events and stops the listener thread; called when the
   * session stops.
   */
  public void close() {
    List<StreamExecution> running;
    synchronized (this) {
      running = new ArrayList<>(active.values());
    }
    for (StreamExecution q : running) {
      q.stop();
    }
    bus.close(LISTENER_DRAIN_MS);
  }

  Session session() {
    return session;
  }

  SessionConf conf() {
    return conf;
  }

  JobRunner runner() {
    return runner.get();
  }

  ListenerBus bus() {
    return bus;
  }

  /**
   * Makes {@code query} active.
   *
   * @throws EmberIllegalArgumentException {@code DUPLICATE_STREAMING_QUERY_NAME} when an active query has its name
   */
  synchronized void register(StreamExecution query) {
    if (query.name() != null) {
      for (StreamExecution q : active.values()) {
        if (query.name().equals(q.name())) {
          throw new EmberIllegalArgumentException("DUPLICATE_STREAMING_QUERY_NAME", "Cannot start query with name "
              + query.name() + " as a query with that name is already active in this SparkSession. Stop that query"
              + " first or choose another queryName.");
        }
      }
    }
    active.put(query.id(), query);
  }

  /** {@code query} terminated: no longer active; wakes {@link #awaitAnyTermination} waiters. */
  synchronized void terminated(StreamExecution query) {
    active.remove(query.id());
    if (lastTerminated == null || query.exception().isPresent()) {
      lastTerminated = query;
    }
    notifyAll();
  }

  private void rethrow() {
    StreamExecution q;
    synchronized (this) {
      q = lastTerminated;
    }
    if (q != null && q.exception().isPresent()) {
      throw q.exception().get();
    }
  }

  static void requirePositive(long timeoutMs) {
    if (timeoutMs <= 0) {
      throw new EmberIllegalArgumentException("INVALID_TIMEOUT", "Timeout has to be positive, got " + timeoutMs + ".");
    }
  }
}
