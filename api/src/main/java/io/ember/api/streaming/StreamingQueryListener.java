package io.ember.api.streaming;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.UUID;

/**
 * Hears about the streaming queries of a session, as Spark's {@code StreamingQueryListener}; register one with
 * {@code session.streams().addListener(listener)}.
 *
 * <p>Events are delivered on the session's listener thread, one at a time, in the order they happened, never on
 * a thread of the query. {@link #onQueryStarted} has been called by the time {@code DataStreamWriter.start()}
 * returns (as in Spark); the other events arrive asynchronously. A slow listener delays later events but not
 * the queries. An exception thrown by a listener is logged and does not stop the query or other listeners.
 */
public abstract class StreamingQueryListener {
  /** A query started: its id, run id and name are known. */
  public abstract void onQueryStarted(QueryStartedEvent event);

  /** A query committed an epoch; the event carries its progress. */
  public abstract void onQueryProgress(QueryProgressEvent event);

  /** A query has had no input for a while (it keeps running). Default: nothing. */
  public void onQueryIdle(QueryIdleEvent event) {}

  /** A query stopped, failed or finished its input. */
  public abstract void onQueryTerminated(QueryTerminatedEvent event);

  /** A listener event. */
  public sealed interface Event permits QueryStartedEvent, QueryProgressEvent, QueryIdleEvent, QueryTerminatedEvent {
    /** The event as compact JSON, as Spark's {@code json}. */
    String json();
  }

  /**
   * A query started.
   *
   * @param timestamp the start time, ISO-8601 in UTC
   */
  public record QueryStartedEvent(UUID id, UUID runId, String name, String timestamp) implements Event {
    @Override
    public String json() {
      ObjectNode o = ProgressJson.object();
      o.put("id", id.toString());
      o.put("runId", runId.toString());
      o.put("name", name);
      o.put("timestamp", timestamp);
      return ProgressJson.compact(o);
    }
  }

  /** A query committed an epoch. */
  public record QueryProgressEvent(StreamingQueryProgress progress) implements Event {
    @Override
    public String json() {
      ObjectNode o = ProgressJson.object();
      o.set("progress", progress.jsonValue());
      return ProgressJson.compact(o);
    }
  }

  /**
   * A query has been idle: no epoch was cut for a while.
   *
   * @param timestamp when the idleness was noticed, ISO-8601 in UTC
   */
  public record QueryIdleEvent(UUID id, UUID runId, String timestamp) implements Event {
    @Override
    public String json() {
      ObjectNode o = ProgressJson.object();
      o.put("id", id.toString());
      o.put("runId", runId.toString());
      o.put("timestamp", timestamp);
      return ProgressJson.compact(o);
    }
  }

  /**
   * A query terminated.
   *
   * @param exception the failure with its stack trace when the query failed; empty when it was stopped or its
   *     input ended
   * @param errorClassOnException the error class of the failure, when it has one
   */
  public record QueryTerminatedEvent(UUID id, UUID runId, Optional<String> exception,
      Optional<String> errorClassOnException) implements Event {
    @Override
    public String json() {
      ObjectNode o = ProgressJson.object();
      o.put("id", id.toString());
      o.put("runId", runId.toString());
      o.put("exception", exception.orElse(null));
      o.put("errorClassOnException", errorClassOnException.orElse(null));
      return ProgressJson.compact(o);
    }
  }
}
