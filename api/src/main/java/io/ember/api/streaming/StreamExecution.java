package io.ember.api.streaming;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.conf.SessionConf;
import io.ember.api.planner.streaming.StreamingPhysicalPlan;
import io.ember.checkpointing.CheckpointDirectory;
import io.ember.checkpointing.CompactionPolicy;
import io.ember.connectors.sink.Sink;
import io.ember.connectors.source.Source;
import io.ember.connectors.source.UnboundedSource;
import io.ember.core.errors.AnalysisException;
import io.ember.core.errors.EmberException;
import io.ember.runtime.EpochListener;
import io.ember.runtime.EpochReport;
import io.ember.runtime.JobConfig;
import io.ember.runtime.StreamingCheckpoint;
import io.ember.runtime.StreamingJob;
import io.ember.runtime.StreamingSettings;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running streaming query: starts the runtime's streaming job for a planned query, turns its epoch reports into
 * progress and listener events, and keeps its status until it terminates.
 *
 * <p>With a checkpoint location, the query checkpoints every epoch there ({@link CheckpointDirectory}, Spark's
 * layout) before its sink commits it, and a query started on a location that holds a complete epoch {@code E}
 * resumes from it: the query keeps the location's {@link #id()} (its {@link #runId()} is new), every operator's
 * state, every source reader's offsets and the watermark come back from epoch {@code E}, the sink commits
 * {@code E} again if it holds its pre-commits (file sinks do; a no-op when already committed), and the first epoch
 * is {@code E + 1}. So after the process died, no row is lost or written twice by a file sink reading a replayable
 * source. A location written by a query of another shape (sources, stateful operators, parallelism) is refused at
 * start with {@link io.ember.checkpointing.CheckpointMismatchException}.
 */
final class StreamExecution implements StreamingQuery {
  private final StreamingQueryManager manager;
  private final DataFrame df;
  private final StreamingPhysicalPlan planned;
  /** The trigger; null for the default (epochs on the session's epoch interval). */
  private final Trigger trigger;
  private final String sinkDescription;
  private final UUID id;
  private final UUID runId = UUID.randomUUID();
  private final String name;
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private final ProgressTracker progress;
  private final CommitThreadSink sink;
  /** The query's checkpointing; null without a checkpoint location. */
  private final StreamingCheckpoint checkpoint;
  private volatile StreamingJob job;
  private volatile StreamingQueryException exception;
  private volatile StreamingQueryStatus status =
      new StreamingQueryStatus(StreamingQueryStatus.INITIALIZING, false, false);

  /**
   * A query of {@code planned} writing to {@code sink}; {@code checkpointLocation} (null: none) is opened, and its
   * latest complete epoch read, here.
   *
   * @throws io.ember.checkpointing.CheckpointMismatchException when the location belongs to a query of another
   *     shape
   * @throws io.ember.checkpointing.CheckpointCorruptException when the location is not a readable checkpoint
   */
  StreamExecution(StreamingQueryManager manager, DataFrame df, StreamingPhysicalPlan planned, Sink sink,
      Trigger trigger, String name, long planningMillis, String checkpointLocation) {
    this.checkpoint = checkpointLocation == null ? null : openCheckpoint(manager, checkpointLocation, planned);
    this.id = checkpoint == null ? UUID.randomUUID() : UUID.fromString(checkpoint.queryId());
    this.manager = manager;
    this.df = df;
    this.trigger = trigger;
    this.name = name;
    this.sinkDescription = sink.explain();
    this.sink = CommitThreadSink.of(sink);
    JobGraph graph = withSink(boundedFor(trigger, planned), planned.sinkVertex(), this.sink);
    this.planned = new StreamingPhysicalPlan(graph, planned.streamingSources(), planned.sourceDescriptions(),
        planned.statefulOperatorNames(), planned.sinkVertex());
    this.progress = new ProgressTracker(id, runId, name, graph, planned.streamingSources(),
        planned.sourceDescriptions(), planned.statefulOperatorNames(), planned.sinkVertex(), sinkDescription,
        manager.conf().get(SessionConf.STREAMING_NUM_RECENT_PROGRESS_UPDATES), planningMillis);
  }

  /**
   * Registers the query, tells the listeners, and starts the job.
   *
   * @throws io.ember.core.errors.EmberIllegalArgumentException when an active query has the same name
   * @throws EmberException when the job cannot start (the query is then terminated with that failure)
   */
  void start() {
    manager.register(this);
    manager.bus().postAndWait(new StreamingQueryListener.QueryStartedEvent(id, runId, name,
        ProgressJson.formatMillis(System.currentTimeMillis())));
    JobConfig config = df.queryExecution().jobConfig();
    try {
      job = manager.runner().startStreaming(planned.graph(), planned.streamingSources(), config,
          settings(manager.conf()), new Listener());
    } catch (RuntimeException e) {
      onTermination(e);
      throw e;
    }
    job.termination().whenComplete((ok, error) -> onTermination(error));
  }

  /**
   * Opens the checkpoint location for the query of {@code planned} and reads the epoch it resumes from, replaying
   * the latest one when its sink did not commit it ({@link StreamingCheckpoint#resume}). An active
   * query of the session that runs on the location (the same query id) is stopped first, as Spark does with its
   * default {@code spark.sql.streaming.stopActiveRunOnRestart}: one location has one writer.
   */
  private static StreamingCheckpoint openCheckpoint(StreamingQueryManager manager, String location,
      StreamingPhysicalPlan planned) {
    SessionConf conf = manager.conf();
    if (Files.exists(Path.of(location).resolve("metadata"))) {
      UUID stored = UUID.fromString(CheckpointDirectory.openForReading(Path.of(location)).queryId());
      for (StreamingQuery q : manager.active()) {
        if (q.id().equals(stored)) {
          q.stop();
        }
      }
    }
    int retain = conf.getRaw(CheckpointDirectory.MIN_BATCHES_TO_RETAIN_KEY).map(String::trim).map(Integer::parseInt)
        .orElse(CheckpointDirectory.DEFAULT_MIN_BATCHES_TO_RETAIN);
    CheckpointDirectory dir = CheckpointDirectory.open(Path.of(location),
        StreamingCheckpoint.fingerprint(planned.graph(), planned.streamingSources()), retain,
        CompactionPolicy.from(conf::getRaw)); // minDeltasForSnapshot, snapshotDeltaFraction, maxDeltasForSnapshot
    return StreamingCheckpoint.resume(dir, planned.graph());
  }

  /**
   * Epochs every {@code ember.streaming.epochInterval} without a trigger (and for AvailableNow), every interval of
   * a ProcessingTime trigger (0: as soon as the previous epoch committed), only at the end for Once; checkpointed
   * every {@code ember.streaming.checkpointInterval} without a checkpoint location, every epoch with one. Without a
   * trigger (and for AvailableNow) an epoch is also cut early when the watermark closes a window
   * ({@code ember.streaming.cutOnWatermark}); a ProcessingTime trigger keeps to its interval. A Continuous
   * trigger cuts and checkpoints an epoch every interval.
   */
  private StreamingSettings settings(SessionConf conf) {
    Duration defaultInterval = Duration.ofMillis(conf.get(SessionConf.STREAMING_EPOCH_INTERVAL));
    long first = checkpoint == null ? 0 : checkpoint.firstEpoch();
    int maxTaskFailures = conf.get(SessionConf.STREAMING_MAX_TASK_FAILURES);
    Duration checkpointInterval = checkpoint != null && checkpoint.directory() != null
        ? Duration.ZERO : Duration.ofMillis(conf.get(SessionConf.STREAMING_CHECKPOINT_INTERVAL));
    if (trigger instanceof Trigger.ProcessingTimeTrigger p) {
      return new StreamingSettings(Duration.ofMillis(p.intervalMs()), true, first, checkpoint, maxTaskFailures,
          checkpointInterval, false);
    } else if (trigger instanceof Trigger.ContinuousTrigger c) {
      // Spark's continuous processing: rows flow as they arrive, an epoch (a checkpoint) every interval.
      return new StreamingSettings(Duration.ofMillis(c.intervalMs()), true, first, checkpoint, maxTaskFailures,
          Duration.ZERO, false);
    } else if (trigger instanceof Trigger.OnceTrigger) {
      return new StreamingSettings(Duration.ZERO, false, first, checkpoint, maxTaskFailures, checkpointInterval);
    }
    return new StreamingSettings(defaultInterval, true, first, checkpoint, maxTaskFailures, checkpointInterval,
        conf.get(SessionConf.STREAMING_CUT_ON_WATERMARK));
  }

  /**
   * The graph with each streaming source replaced by its {@link UnboundedSource#availableNow()} view when the
   * trigger is Once or AvailableNow; the graph as planned otherwise.
   *
   * @throws AnalysisException {@code UNSUPPORTED_TRIGGER_FOR_SOURCE} for a source that cannot tell what is
   *     available now (rate, socket)
   */
  static JobGraph boundedFor(Trigger trigger, StreamingPhysicalPlan planned) {
    if (!(trigger instanceof Trigger.OnceTrigger) && !(trigger instanceof Trigger.AvailableNowTrigger)) {
      return planned.graph();
    }
    String triggerName = trigger instanceof Trigger.OnceTrigger ? "Trigger.Once" : "Trigger.AvailableNow";
    List<Vertex> vertices = new ArrayList<>();
    for (Vertex v : planned.graph().vertices()) {
      if (v instanceof Vertex.SourceVertex s && planned.streamingSources().contains(s.id())) {
        Source src = s.source();
        if (!(src instanceof UnboundedSource u)) {
          throw new AnalysisException("UNSUPPORTED_TRIGGER_FOR_SOURCE", "The source " + src.explain()
              + " does not support " + triggerName + ": it cannot tell which input is available now. Use the"
              + " default trigger or Trigger.ProcessingTime, and stop the query when done.");
        }
        vertices.add(new Vertex.SourceVertex(s.id(), s.parallelism(), u.availableNow()));
      } else {
        vertices.add(v);
      }
    }
    return new JobGraph(vertices, planned.graph().edges());
  }

  /** {@code graph} with the sink of vertex {@code sinkVertex} replaced by {@code sink}. */
  private static JobGraph withSink(JobGraph graph, int sinkVertex, Sink sink) {
    List<Vertex> vertices = new ArrayList<>();
    for (Vertex v : graph.vertices()) {
      vertices.add(v instanceof Vertex.SinkVertex s && s.id() == sinkVertex
          ? new Vertex.SinkVertex(s.id(), s.parallelism(), sink, s.inputSchema()) : v);
    }
    return new JobGraph(vertices, graph.edges());
  }

  private void onTermination(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause != null) {
      exception = new StreamingQueryException(id, runId, cause, progress.lastOffsets(), null);
    }
    StreamingQueryStatus last = status;
    String message = cause == null ? StreamingQueryStatus.STOPPED : "Terminated with exception: " + cause.getMessage();
    status = new StreamingQueryStatus(message, last.isDataAvailable(), false);
    manager.terminated(this);
    Optional<String> trace = Optional.ofNullable(cause).map(StreamExecution::stackTrace);
    Optional<String> errorClass = Optional.ofNullable(exception).map(StreamingQueryException::causeErrorClass);
    manager.bus().post(new StreamingQueryListener.QueryTerminatedEvent(id, runId, trace, errorClass));
    terminated.complete(null);
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public UUID id() {
    return id;
  }

  @Override
  public UUID runId() {
    return runId;
  }

  @Override
  public Session sparkSession() {
    return df.session();
  }

  @Override
  public boolean isActive() {
    return !terminated.isDone();
  }

  @Override
  public Optional<StreamingQueryException> exception() {
    return Optional.ofNullable(exception);
  }

  @Override
  public StreamingQueryStatus status() {
    return status;
  }

  @Override
  public StreamingQueryProgress[] recentProgress() {
    return progress.recent();
  }

  @Override
  public StreamingQueryProgress lastProgress() {
    return progress.last();
  }

  /** Spark's check: waiting for the query from inside its own commit (a foreachBatch function) never ends. */
  private void assertNotOwnCommitThread() {
    if (sink.onCommitThread() && isActive()) {
      throw new IllegalStateException(
          "Cannot wait for a query state from the same thread that is running the query");
    }
  }

  @Override
  public void awaitTermination() {
    assertNotOwnCommitThread();
    terminated.join();
    rethrow();
  }

  @Override
  public boolean awaitTermination(long timeoutMs) {
    StreamingQueryManager.requirePositive(timeoutMs);
    assertNotOwnCommitThread();
    try {
      terminated.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for query " + this + " to terminate", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Termination of a query never fails", e);
    }
    rethrow();
    return true;
  }

  @Override
  public void processAllAvailable() {
    rethrow();
    assertNotOwnCommitThread();
    StreamingJob j = job;
    if (j == null || !isActive()) {
      return;
    }
    try {
      j.awaitAllAvailable().join();
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      terminated.join();
      rethrow();
      throw e;
    }
  }

  /**
   * {@inheritDoc} Called from the query's own commit (inside its {@code foreachBatch} function), it asks the query
   * to stop and returns without waiting, since the query ends only after that function returned.
   */
  @Override
  public void stop() {
    StreamingJob j = job;
    if (j != null) {
      j.stop();
    }
    if (!sink.onCommitThread()) {
      terminated.join();
    }
  }

  @Override
  public void explain() {
    explain(false);
  }

  @Override
  public void explain(boolean extended) {
    System.out.println(explainString(extended));
  }

  /** What {@link #explain(boolean)} prints. */
  String explainString(boolean extended) {
    String logical = extended ? df.queryExecution().explain(true) : "";
    int physical = logical.indexOf("== Physical Plan ==");
    StringBuilder sb = new StringBuilder();
    if (physical > 0) {
      sb.append(logical, 0, physical);
    }
    return sb.append("== Physical Plan ==\n").append(planned.graph().explain()).toString();
  }

  private void rethrow() {
    if (exception != null) {
      throw exception;
    }
  }

  @Override
  public String toString() {
    return "StreamingQuery(id=" + id + ", runId=" + runId + (name != null ? ", name=" + name : "") + ")";
  }

  /** Hears the job's epochs on its commit thread. */
  private final class Listener implements EpochListener {
    @Override
    public void onEpochCommitted(EpochReport report) {
      boolean data = report.numInputRows() > 0;
      status = new StreamingQueryStatus(
          data ? StreamingQueryStatus.PROCESSING : StreamingQueryStatus.WAITING, data, false);
      if (trigger instanceof Trigger.ContinuousTrigger) {
        return; // as Spark, a continuous query reports no progress
      }
      StreamingQueryProgress p = progress.record(report);
      manager.bus().post(new StreamingQueryListener.QueryProgressEvent(p));
    }

    @Override
    public void onIdle(long lastEpoch) {
      status = new StreamingQueryStatus(StreamingQueryStatus.WAITING, false, false);
      manager.bus().post(new StreamingQueryListener.QueryIdleEvent(id, runId,
          ProgressJson.formatMillis(System.currentTimeMillis())));
    }
  }
}
