package io.ember.runtime.local;

import io.ember.checkpointing.CheckpointedEpoch;
import io.ember.checkpointing.EpochMetadata;
import io.ember.checkpointing.HeapReplicaStore;
import io.ember.checkpointing.ReplicaStore;
import io.ember.checkpointing.TaskSnapshot;
import io.ember.checkpointing.TaskStateKey;
import io.ember.connectors.sink.CommitMessage;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.operators.EventTimeTracker.EventTimeStats;
import io.ember.operators.StateMetrics;
import io.ember.runtime.EpochListener;
import io.ember.runtime.JobConfig;
import io.ember.runtime.StreamingCheckpoint;
import io.ember.runtime.StreamingJob;
import io.ember.runtime.StreamingSettings;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.japi.function.Function;

/**
 * Runs one streaming job: deploys its tasks like a batch job (see {@link JobCoordinator#prepare}) with a
 * {@link StreamingRole} for every task a streaming source feeds, and cuts epochs.
 *
 * <p>The epoch loop (one epoch in flight): cut epoch {@code N} by injecting barrier {@code N} into every
 * streaming source task; collect one {@link EpochAck} per streaming task; then, on the job's commit thread,
 * commit every sink's epoch {@code N}, call {@link EpochListener#onEpochCommitted}, and report back; only then
 * cut {@code N + 1}, when a source emitted rows since the last cut (or holds input back for the next epoch) or
 * the watermark advanced in a job with a stateful operator, and at least {@link StreamingSettings#epochInterval()}
 * after the last cut (unless an {@link StreamingJob#awaitAllAvailable()} waits for it, or waits for a source
 * that holds input back). When every streaming source ended it cuts a final
 * epoch; once that is committed and every task finished, the job completes.
 *
 * <p>With {@link StreamingSettings#checkpoint()}, tasks snapshot their state at each barrier into the job's
 * {@link HeapReplicaStore}, and an acknowledged epoch is written to the checkpoint location and marked complete
 * before its sinks commit (see {@link StreamingCheckpoint}).
 *
 * <p>Recovery: in a checkpointed job, a task failure (a task reports {@link JobCoordinator.TaskFailed}, or a task actor
 * stops on its own) does not fail the job while it had fewer than {@link StreamingSettings#maxTaskFailures()}
 * earlier ones: the coordinator stops every task and waits until all stopped, then, on the commit thread (after any
 * commit running there), aborts the epoch in flight in the sinks unless it was committed, and redeploys every task
 * from the replica store's latest complete epoch {@code E} (operator states, source offsets, the watermark), or, when
 * none completed, from the epoch the job started from (its checkpoint's restored epoch, else from scratch with the
 * sources at their initial offsets). Epochs go on at {@code E + 1}: every committed epoch is complete, so no
 * committed epoch is cut again, and an epoch replayed after the abort is committed once (sinks are idempotent per
 * epoch). Pending {@link StreamingJob#awaitAllAvailable()} calls ask the new tasks again. Every failure is retried,
 * a deterministic one too; the failure after {@code maxTaskFailures} recoveries fails the job with its error. This
 * is exactly-once for replayable sources; a source that cannot replay (a socket) restarts from where it is, so rows
 * it emitted after {@code E} are lost: at-most-once. A job without checkpoints fails at its first task failure.
 *
 * <p>Stopping, failing and completing all stop this actor, which stops every task first; then, on the commit
 * thread, an epoch that was cut but not committed is aborted in the sinks and the job's termination completes.
 */
public final class StreamingCoordinator extends AbstractBehavior<JobCoordinator.Command> {
  /** How long without an epoch cut before the listener hears {@link EpochListener#onIdle}. */
  public static final Duration IDLE_REPORT_INTERVAL = Duration.ofSeconds(10);

  /**
   * Task {@code taskId} passed barrier {@code epoch}, with the figures of its part of the epoch; {@code snapshot}
   * describes its snapshot in the job's replica store (null when the job takes no checkpoints).
   */
  public record EpochAck(int taskId, long epoch, Map<Integer, Long> rowsByVertex, CommitMessage commit,
      Map<Integer, EventTimeStats> eventTime, Map<Integer, Long> candidates, Map<Integer, StateMetrics> stateMetrics,
      byte[] offsets, String offsetsJson, EpochMetadata.TaskEntry snapshot) implements JobCoordinator.Command {}

  /** Streaming source task {@code taskId} emitted its first rows of epoch {@code epoch}. */
  public record SourceRows(int taskId, long epoch) implements JobCoordinator.Command {}

  /**
   * The reader of streaming source task {@code taskId} holds input back until epoch {@code epoch} is cut
   * ({@link io.ember.connectors.source.SourceReader.Status#WAITING_FOR_EPOCH}); the task polls again after the
   * barrier. Sent once per epoch.
   */
  public record SourceWaiting(int taskId, long epoch) implements JobCoordinator.Command {}

  /** The reader of streaming source task {@code taskId} ended; the task waits for the final barrier. */
  public record SourceEnded(int taskId) implements JobCoordinator.Command {}

  /**
   * Streaming source task {@code taskId} found nothing available (or ended) after idle request {@code request}
   * (and so after every earlier request).
   */
  public record SourceIdle(int taskId, long request) implements JobCoordinator.Command {}

  /** Stop the job. */
  enum Stop implements JobCoordinator.Command { INSTANCE }

  /** Complete {@code future} once everything available now is committed. */
  record AwaitAll(CompletableFuture<Void> future) implements JobCoordinator.Command {}

  private enum Timer implements JobCoordinator.Command { CUT, IDLE }

  private record EpochCommitted(long epoch) implements JobCoordinator.Command {}

  private record CommitFailed(Throwable error, String where) implements JobCoordinator.Command {}

  /** Recovery: every task stopped and the epoch in flight is aborted; redeploy from {@code from} (null: scratch). */
  private record Redeploy(CheckpointedEpoch from) implements JobCoordinator.Command {}

  /** An {@link StreamingJob#awaitAllAvailable()} call: waits for idle reports, then for its target epoch. */
  private static final class Await {
    final CompletableFuture<Void> future;
    final long request;
    final Set<Integer> waiting;
    boolean ready;
    boolean extended;
    long target;

    Await(CompletableFuture<Void> future, long request, Set<Integer> waiting) {
      this.future = future;
      this.request = request;
      this.waiting = waiting;
    }
  }

  private final JobGraph graph;
  private final ExecutionPlan plan;
  private StreamingTopology topology;
  private final StreamingSettings settings;
  private final EpochListener listener;
  private final LocalStreamingJob handle;
  private final String jobName;
  private final StreamingCheckpoint checkpoint;
  /** The job's replica store; null when the job takes no checkpoints. */
  private final ReplicaStore replicas;
  private final TimerScheduler<JobCoordinator.Command> timers;
  private Map<Integer, ActorRef<TaskActor.Command>> tasks;
  private final JobConfig config;
  private final AtomicInteger liveTasks;
  /** The complete epoch the current tasks were deployed from; null when they started from scratch. */
  private CheckpointedEpoch restoreFrom;
  /** Task actors of the current deployment that have not stopped. */
  private int liveChildren;
  private int taskFailures;
  private int deployment;
  /** True from a task failure until the tasks are redeployed. */
  private boolean recovering;
  private long recoveryStartNanos;
  /** {@link StreamingJob#awaitAllAvailable()} calls made while recovering, handled once the tasks are back. */
  private final List<AwaitAll> deferredAwaits = new ArrayList<>();
  private final AtomicBoolean ending = new AtomicBoolean();
  private final AtomicLong committedInSinks;
  private final Set<Integer> endedSources = new HashSet<>();
  /** Streaming source tasks whose readers hold input back for the next epoch, since the last cut. */
  private final Set<Integer> waitingSources = new HashSet<>();
  private final List<Await> awaits = new ArrayList<>();
  private long nextEpoch;
  private long lastCommitted;
  private long lastCutMillis;
  private long previousCutMillis;
  private long watermark = Long.MIN_VALUE;
  private long lastCutWatermark = Long.MIN_VALUE;
  private boolean hasData;
  private EpochTally inFlight;
  private boolean finalCut;
  private boolean finalCommitted;
  private int finishedTasks;
  private long awaitRequests;
  private boolean stopped;
  private boolean done;
  private RuntimeException failure;

  /**
   * The coordinator of one streaming job. Completes {@code started} with the job's handle once the job is
   * planned and its sinks are set up, or exceptionally with the setup error (then no task starts).
   */
  static Behavior<JobCoordinator.Command> create(String jobName, JobGraph graph, Set<Integer> streamingSources,
      JobConfig config, StreamingSettings settings, EpochListener listener,
      CompletableFuture<StreamingJob> started, AtomicInteger liveTasks) {
    return Behaviors.setup(ctx -> {
      ExecutionPlan plan;
      StreamingTopology topology;
      try {
        StreamingTopology.validate(graph, streamingSources);
        plan = JobCoordinator.prepare(graph);
        topology = StreamingTopology.of(graph, plan, streamingSources, settings.firstEpoch());
        checkRestorable(plan, topology, settings.checkpoint());
      } catch (Throwable t) {
        started.completeExceptionally(JobCoordinator.userFacing(t, "job setup"));
        return Behaviors.stopped();
      }
      LocalStreamingJob handle = new LocalStreamingJob(jobName, settings.firstEpoch());
      handle.attach(ctx.getSelf());
      started.complete(handle);
      return Behaviors.withTimers(timers -> new StreamingCoordinator(ctx, timers, jobName, graph, plan, topology,
          config, settings, listener, handle, liveTasks));
    });
  }

  private StreamingCoordinator(ActorContext<JobCoordinator.Command> ctx, TimerScheduler<JobCoordinator.Command> timers,
      String jobName, JobGraph graph, ExecutionPlan plan, StreamingTopology topology, JobConfig config, StreamingSettings settings,
      EpochListener listener, LocalStreamingJob handle, AtomicInteger liveTasks) {
    super(ctx);
    this.graph = graph;
    this.plan = plan;
    this.topology = topology;
    this.settings = settings;
    this.listener = listener;
    this.handle = handle;
    this.jobName = jobName;
    this.checkpoint = settings.checkpoint();
    this.config = config;
    this.liveTasks = liveTasks;
    this.restoreFrom = checkpoint == null ? null : checkpoint.restoreFrom();
    this.replicas = checkpoint == null ? null : new HeapReplicaStore();
    this.timers = timers;
    this.nextEpoch = settings.firstEpoch();
    this.lastCommitted = settings.firstEpoch() - 1;
    this.committedInSinks = new AtomicLong(settings.firstEpoch() - 1);
    long now = System.currentTimeMillis();
    this.previousCutMillis = now;
    this.lastCutMillis = now - settings.epochInterval().toMillis();
    CheckpointedEpoch restored = checkpoint == null ? null : checkpoint.restoreFrom();
    if (restored != null) {
      this.watermark = restored.metadata().watermarkUs();
      recommit(restored.metadata());
      ctx.getSelf().tell(Timer.CUT); // the restored watermark may call for a no-data epoch at once
    }
    this.tasks = JobCoordinator.spawnTasks(ctx, plan, config, liveTasks, this::roleOf);
    this.liveChildren = tasks.size();
    timers.startSingleTimer(Timer.IDLE, Timer.IDLE, IDLE_REPORT_INTERVAL);
  }

  /**
   * Checks that the epoch a job resumes from has a snapshot of every task that takes part in epochs.
   *
   * @throws EmberRuntimeException {@code CHECKPOINT_TASK_MISMATCH} otherwise
   */
  private static void checkRestorable(ExecutionPlan plan, StreamingTopology topology, StreamingCheckpoint checkpoint) {
    if (checkpoint == null || checkpoint.restoreFrom() == null) {
      return;
    }
    for (TaskSpec t : plan.tasks()) {
      TaskStateKey key = new TaskStateKey(t.chain().head().id(), t.index());
      if (topology.roleOf(t.taskId()) != null && checkpoint.restoreFrom().snapshot(key) == null) {
        throw new EmberRuntimeException("CHECKPOINT_TASK_MISMATCH", "Epoch " + checkpoint.restoreFrom().epoch()
            + " of the checkpoint has no snapshot of task " + t.name() + " (" + key + "); the query changed since"
            + " the checkpoint was written. Start it with a new checkpoint location.");
      }
    }
  }

  /** Task {@code taskId}'s role, with its part in checkpoints when the job takes them. */
  private StreamingRole roleOf(int taskId) {
    StreamingRole role = topology.roleOf(taskId);
    if (role == null || checkpoint == null) {
      return role;
    }
    TaskSpec t = plan.tasks().get(taskId);
    TaskStateKey key = new TaskStateKey(t.chain().head().id(), t.index());
    CheckpointedEpoch restored = restoreFrom;
    return role.withCheckpointing(new TaskCheckpointing(replicas, jobName, key,
        restored == null ? null : restored.snapshot(key),
        restored == null ? Long.MIN_VALUE : restored.metadata().watermarkUs()));
  }

  /**
   * On the commit thread, before any epoch: commits the restored epoch again in every sink whose commit messages
   * its metadata holds (sinks ignore an epoch they already committed); a sink whose messages could not be stored
   * is left as it is.
   */
  private void recommit(EpochMetadata restored) {
    ActorRef<JobCoordinator.Command> self = getContext().getSelf();
    handle.commitThread().execute(() -> {
      if (ending.get()) {
        return;
      }
      try {
        for (Vertex v : graph.vertices()) {
          if (v instanceof Vertex.SinkVertex sink) {
            List<CommitMessage> messages = new ArrayList<>();
            restored.sinkCommits().forEach((key, bytes) -> {
              if (key.vertexId() == v.id()) {
                messages.add(CommitMessages.decode(bytes));
              }
            });
            if (!messages.isEmpty()) {
              sink.sink().commit(restored.epoch(), messages);
            }
          }
        }
      } catch (Throwable t) {
        self.tell(new CommitFailed(t, "commit of restored epoch " + restored.epoch()));
      }
    });
  }

  @Override
  public Receive<JobCoordinator.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(EpochAck.class, guard(live(this::onAck)))
        .onMessage(SourceRows.class, guard(live(this::onSourceRows)))
        .onMessage(SourceWaiting.class, guard(live(this::onSourceWaiting)))
        .onMessage(SourceEnded.class, guard(live(this::onSourceEnded)))
        .onMessage(SourceIdle.class, guard(live(this::onSourceIdle)))
        .onMessage(AwaitAll.class, guard(this::onAwaitAll))
        .onMessage(Redeploy.class, guard(this::onRedeploy))
        .onMessage(EpochCommitted.class, guard(this::onEpochCommitted))
        .onMessage(CommitFailed.class, m -> fail(JobCoordinator.userFacing(m.error(), m.where())))
        .onMessage(Timer.class, guard(t -> t == Timer.CUT ? maybeCut() : onIdleTimer()))
        .onMessage(Stop.class, m -> onStop())
        .onMessage(JobCoordinator.TaskFinished.class, guard(live(this::onTaskFinished)))
        .onMessage(JobCoordinator.TaskFailed.class,
            m -> onTaskFailure(JobCoordinator.userFacing(m.error(), m.taskName())))
        .onMessage(JobCoordinator.TaskStopped.class, this::onTaskStopped)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  /** A handler whose unexpected error fails the job with that error (instead of just stopping the actor). */
  private <M> Function<M, Behavior<JobCoordinator.Command>> guard(Function<M, Behavior<JobCoordinator.Command>> handler) {
    return m -> {
      try {
        return handler.apply(m);
      } catch (RuntimeException e) {
        return fail(JobCoordinator.userFacing(e, "coordinator"));
      }
    };
  }

  /** A handler of what tasks report, which drops the reports of the stopping tasks while the job recovers. */
  private <M> Function<M, Behavior<JobCoordinator.Command>> live(Function<M, Behavior<JobCoordinator.Command>> handler) {
    return m -> recovering ? this : handler.apply(m);
  }

  private Behavior<JobCoordinator.Command> onAck(EpochAck ack) {
    if (inFlight == null || ack.epoch() != inFlight.epoch()) {
      return fail(new EmberRuntimeException("INTERNAL_ERROR", "Task " + plan.tasks().get(ack.taskId()).name()
          + " acknowledged epoch " + ack.epoch() + ", which is not in flight"));
    }
    inFlight.add(ack, plan.tasks().get(ack.taskId()));
    if (inFlight.acks() == topology.streamingTasks()) {
      commit(inFlight);
    }
    return this;
  }

  /** Commits the sinks' epoch and tells the listener, on the commit thread. */
  private void commit(EpochTally tally) {
    ActorRef<JobCoordinator.Command> self = getContext().getSelf();
    handle.commitThread().execute(() -> {
      if (ending.get()) {
        return;
      }
      long epoch = tally.epoch();
      try {
        checkpoint(tally);
      } catch (Throwable t) {
        self.tell(new CommitFailed(t, "checkpoint of epoch " + epoch));
        return;
      }
      try {
        for (Vertex v : graph.vertices()) {
          if (v instanceof Vertex.SinkVertex sink) {
            sink.sink().commit(epoch, tally.commitsOf(v.id()));
          }
        }
        committedInSinks.set(epoch);
        handle.committed(epoch);
        if (replicas != null) {
          replicas.prune(jobName, epoch);
        }
      } catch (Throwable t) {
        self.tell(new CommitFailed(t, "commit of epoch " + epoch));
        return;
      }
      try {
        listener.onEpochCommitted(tally.report(System.currentTimeMillis(), topology.streamingSources()));
      } catch (Throwable t) {
        self.tell(new CommitFailed(t, "listener of epoch " + epoch));
        return;
      }
      self.tell(new EpochCommitted(epoch));
    });
  }

  /**
   * In a checkpointed job, makes the acknowledged epoch complete before its sinks commit: writes it to the
   * checkpoint location (if any; state, offsets, then the commit file), then marks it complete in the replica store.
   */
  private void checkpoint(EpochTally tally) {
    if (checkpoint == null) {
      return;
    }
    EpochMetadata metadata = tally.metadata(checkpoint.queryId(), System.currentTimeMillis());
    if (checkpoint.directory() != null) {
      List<TaskSnapshot> snapshots = new ArrayList<>();
      for (EpochMetadata.TaskEntry entry : metadata.tasks()) {
        snapshots.add(replicas.get(jobName, tally.epoch(), entry.key()).orElseThrow(() -> new EmberRuntimeException(
            "INTERNAL_ERROR", "The replica store lost the snapshot of " + entry.key() + " at epoch " + tally.epoch())));
      }
      checkpoint.directory().write(metadata, snapshots);
    }
    replicas.markComplete(jobName, metadata);
  }

  private Behavior<JobCoordinator.Command> onEpochCommitted(EpochCommitted msg) {
    lastCommitted = msg.epoch();
    if (recovering) {
      return this; // the tasks are redeployed from this epoch (it is complete) once the commit thread is done
    }
    watermark = inFlight.nextWatermarkMicros();
    finalCommitted = inFlight.finalEpoch();
    inFlight = null;
    checkAwaits();
    maybeCut();
    return next();
  }

  private Behavior<JobCoordinator.Command> onSourceRows(SourceRows msg) {
    if (msg.epoch() >= nextEpoch) {
      hasData = true;
      maybeCut();
    }
    return this;
  }

  /** Input held back for the next epoch calls for a cut as emitted rows do. */
  private Behavior<JobCoordinator.Command> onSourceWaiting(SourceWaiting msg) {
    if (msg.epoch() >= nextEpoch) {
      hasData = true;
      waitingSources.add(msg.taskId());
      maybeCut();
    }
    return this;
  }

  private Behavior<JobCoordinator.Command> onSourceEnded(SourceEnded msg) {
    endedSources.add(msg.taskId());
    maybeCut();
    return this;
  }

  private Behavior<JobCoordinator.Command> onAwaitAll(AwaitAll msg) {
    if (recovering) {
      deferredAwaits.add(msg);
      return this;
    }
    if (!settings.cutOnClock()) {
      return this; // only the final epoch is cut: the handle completes the future when the job ends
    }
    Set<Integer> waiting = new HashSet<>(topology.streamingSourceTasks());
    waiting.removeAll(endedSources);
    Await await = new Await(msg.future(), awaitRequests++, waiting);
    awaits.add(await);
    for (int task : waiting) {
      tasks.get(task).tell(new TaskActor.ReportIdle(await.request));
    }
    if (waiting.isEmpty()) {
      ready(await);
    } else {
      maybeCut(); // a source already holding input back for the next epoch needs that epoch now
    }
    return this;
  }

  private Behavior<JobCoordinator.Command> onSourceIdle(SourceIdle msg) {
    for (Await await : List.copyOf(awaits)) {
      if (await.request <= msg.request() && await.waiting.remove(msg.taskId()) && await.waiting.isEmpty()) {
        ready(await);
      }
    }
    return this;
  }

  /** Every source reported idle: the await waits for the epoch holding what they emitted. */
  private void ready(Await await) {
    await.ready = true;
    await.target = hasData ? nextEpoch : inFlight != null ? inFlight.epoch() : lastCommitted;
    checkAwaits();
    maybeCut();
  }

  private void checkAwaits() {
    for (Iterator<Await> it = awaits.iterator(); it.hasNext(); ) {
      Await await = it.next();
      if (!await.ready || lastCommitted < await.target) {
        continue;
      }
      if (!await.extended && noDataEpochDue()) {
        await.extended = true;
        await.target = nextEpoch;
        continue;
      }
      it.remove();
      await.future.complete(null);
    }
  }

  private boolean noDataEpochDue() {
    return topology.stateful() && watermark > lastCutWatermark;
  }

  /** Cuts the next epoch if one is due now; schedules a retry when only the interval holds it back. */
  private Behavior<JobCoordinator.Command> maybeCut() {
    if (ending.get() || stopped || failure != null || recovering || finalCut || inFlight != null) {
      return this;
    }
    if (endedSources.size() == topology.streamingSourceTasks().size()) {
      cut(true);
      return this;
    }
    // Without the clock (Trigger.Once) only the final epoch is cut, unless a source holds input back for the next
    // epoch (maxFilesPerTrigger): it would never end, so its epochs are cut as they come.
    boolean clock = settings.cutOnClock() || !waitingSources.isEmpty();
    if (!clock || !(hasData || noDataEpochDue())) {
      return this;
    }
    long wait = lastCutMillis + settings.epochInterval().toMillis() - System.currentTimeMillis();
    boolean forced = awaits.stream().anyMatch(this::forcesCut);
    if (wait > 0 && !forced) {
      timers.startSingleTimer(Timer.CUT, Timer.CUT, Duration.ofMillis(wait));
      return this;
    }
    cut(false);
    return this;
  }

  /**
   * An await forces the next cut (ignoring the interval) when its target epoch is not cut yet, or, while it
   * waits for idle reports, when a source it waits for holds input back for the next epoch.
   */
  private boolean forcesCut(Await await) {
    if (await.ready) {
      return await.target >= nextEpoch;
    }
    for (int task : await.waiting) {
      if (waitingSources.contains(task)) {
        return true;
      }
    }
    return false;
  }

  private void cut(boolean last) {
    long now = System.currentTimeMillis();
    long epoch = nextEpoch++;
    inFlight = new EpochTally(epoch, previousCutMillis, now, watermark, last);
    previousCutMillis = now;
    lastCutMillis = now;
    lastCutWatermark = watermark;
    hasData = false;
    waitingSources.clear();
    finalCut = last;
    for (int task : topology.streamingSourceTasks()) {
      tasks.get(task).tell(new TaskActor.InjectBarrier(epoch, last));
    }
    timers.startSingleTimer(Timer.IDLE, Timer.IDLE, IDLE_REPORT_INTERVAL);
  }

  private Behavior<JobCoordinator.Command> onIdleTimer() {
    long epoch = lastCommitted;
    ActorRef<JobCoordinator.Command> self = getContext().getSelf();
    handle.commitThread().execute(() -> {
      if (ending.get()) {
        return;
      }
      try {
        listener.onIdle(epoch);
      } catch (Throwable t) {
        self.tell(new CommitFailed(t, "listener"));
      }
    });
    timers.startSingleTimer(Timer.IDLE, Timer.IDLE, IDLE_REPORT_INTERVAL);
    return this;
  }

  private Behavior<JobCoordinator.Command> onStop() {
    stopped = true;
    return Behaviors.stopped();
  }

  private Behavior<JobCoordinator.Command> onTaskFinished(JobCoordinator.TaskFinished msg) {
    finishedTasks++;
    return next();
  }

  private Behavior<JobCoordinator.Command> onTaskStopped(JobCoordinator.TaskStopped msg) {
    liveChildren--;
    if (recovering) {
      return maybeRedeploy();
    }
    return onTaskFailure(new EmberRuntimeException("TASK_LOST",
        "Task " + plan.tasks().get(msg.taskId()).name() + " stopped before the job finished."));
  }

  /**
   * A task failed: recovers (see the class comment) when the job is checkpointed and has recovered fewer than
   * {@link StreamingSettings#maxTaskFailures()} times, else fails the job with {@code error}. Further failures
   * while the tasks stop belong to the same recovery.
   */
  private Behavior<JobCoordinator.Command> onTaskFailure(RuntimeException error) {
    if (recovering) {
      getContext().getLog().debug("Job {}: another task failure while recovering", jobName, error);
      return this;
    }
    if (checkpoint == null || taskFailures >= settings.maxTaskFailures() || stopped || done || failure != null) {
      return fail(error);
    }
    taskFailures++;
    recovering = true;
    recoveryStartNanos = System.nanoTime();
    getContext().getLog().warn("Job {}: task failure {} of at most {}; stopping its tasks to recover", jobName,
        taskFailures, settings.maxTaskFailures(), error);
    timers.cancel(Timer.CUT);
    for (ActorRef<TaskActor.Command> task : tasks.values()) {
      getContext().stop(task);
    }
    return maybeRedeploy();
  }

  /**
   * Once every task of the failed deployment stopped: on the commit thread (after any commit running there),
   * aborts the epoch in flight unless it was committed, reads the latest complete epoch back from the replica store,
   * and has the tasks redeployed from it.
   */
  private Behavior<JobCoordinator.Command> maybeRedeploy() {
    if (liveChildren > 0) {
      return this;
    }
    EpochTally uncommitted = inFlight;
    inFlight = null;
    ActorRef<JobCoordinator.Command> self = getContext().getSelf();
    org.slf4j.Logger log = getContext().getLog();
    handle.commitThread().execute(() -> {
      if (ending.get()) {
        return;
      }
      if (uncommitted != null && committedInSinks.get() < uncommitted.epoch()) {
        RuntimeException aborting = new EmberRuntimeException("INTERNAL_ERROR",
            "Aborting epoch " + uncommitted.epoch() + " of job " + jobName + " to recover failed");
        abortSinks(uncommitted, aborting);
        if (aborting.getSuppressed().length > 0) {
          log.warn("Job {}: aborting epoch {} in the sinks failed", jobName, uncommitted.epoch(), aborting);
        }
      }
      try {
        self.tell(new Redeploy(latestComplete()));
      } catch (Throwable t) {
        self.tell(new CommitFailed(t, "recovery"));
      }
    });
    return this;
  }

  /** The replica store's latest complete epoch with its snapshots, else the epoch the job started from (or null). */
  private CheckpointedEpoch latestComplete() {
    java.util.Optional<EpochMetadata> latest = replicas.latestComplete(jobName);
    if (latest.isEmpty()) {
      return checkpoint.restoreFrom();
    }
    EpochMetadata metadata = latest.get();
    java.util.SortedMap<TaskStateKey, TaskSnapshot> snapshots = new java.util.TreeMap<>();
    for (EpochMetadata.TaskEntry entry : metadata.tasks()) {
      snapshots.put(entry.key(), replicas.get(jobName, metadata.epoch(), entry.key()).orElseThrow(
          () -> new EmberRuntimeException("INTERNAL_ERROR", "The replica store lost the snapshot of " + entry.key()
              + " at epoch " + metadata.epoch() + ", the latest complete epoch of job " + jobName)));
    }
    return new CheckpointedEpoch(metadata, snapshots);
  }

  /** Redeploys every task from {@code msg.from()} and goes on with the epoch after it. */
  private Behavior<JobCoordinator.Command> onRedeploy(Redeploy msg) {
    if (!recovering || stopped || failure != null) {
      return this;
    }
    restoreFrom = msg.from();
    long first = restoreFrom == null ? settings.firstEpoch() : restoreFrom.epoch() + 1;
    nextEpoch = first;
    lastCommitted = first - 1;
    watermark = restoreFrom == null ? Long.MIN_VALUE : restoreFrom.metadata().watermarkUs();
    lastCutWatermark = Long.MIN_VALUE;
    hasData = false;
    finalCut = false;
    finalCommitted = false;
    finishedTasks = 0;
    endedSources.clear();
    waitingSources.clear();
    topology = StreamingTopology.of(graph, plan, topology.streamingSources(), first);
    deployment++;
    tasks = JobCoordinator.spawnTasks(getContext(), plan, config, liveTasks, this::roleOf, "-" + deployment);
    liveChildren = tasks.size();
    recovering = false;
    getContext().getLog().info("Job {} recovered from task failure {} in {} ms: tasks redeployed from {}, epochs go"
        + " on at {}", jobName, taskFailures, (System.nanoTime() - recoveryStartNanos) / 1_000_000,
        restoreFrom == null ? "scratch" : "epoch " + restoreFrom.epoch(), first);
    List<Await> pending = List.copyOf(awaits);
    awaits.clear();
    for (Await await : pending) {
      onAwaitAll(new AwaitAll(await.future)); // ask the new tasks: what was idle before is read again
    }
    for (AwaitAll deferred : deferredAwaits) {
      onAwaitAll(deferred);
    }
    deferredAwaits.clear();
    getContext().getSelf().tell(Timer.CUT);
    timers.startSingleTimer(Timer.IDLE, Timer.IDLE, IDLE_REPORT_INTERVAL);
    return this;
  }

  private Behavior<JobCoordinator.Command> fail(RuntimeException error) {
    if (failure == null) {
      failure = error;
    }
    return Behaviors.stopped();
  }

  /** Stops once the final epoch is committed and every task finished. */
  private Behavior<JobCoordinator.Command> next() {
    if (finalCommitted && finishedTasks == plan.tasks().size()) {
      done = true;
      return Behaviors.stopped();
    }
    return this;
  }

  /**
   * Every task has stopped. On the commit thread (after any commit running there): abort the epoch that was
   * cut but not committed, then complete the termination.
   */
  private Behavior<JobCoordinator.Command> onPostStop() {
    ending.set(true);
    RuntimeException error = failure;
    if (error == null && !done && !stopped) {
      error = new EmberRuntimeException("RUNTIME_CLOSED", "The job was cancelled because its runtime was closed.");
    }
    RuntimeException outcome = error;
    EpochTally uncommitted = inFlight;
    CompletableFuture<Void> termination = handle.terminationFuture();
    try {
      handle.commitThread().execute(() -> {
        if (uncommitted != null && committedInSinks.get() < uncommitted.epoch()) {
          abortSinks(uncommitted, outcome);
        }
        if (replicas != null) {
          replicas.close();
        }
        if (outcome == null) {
          termination.complete(null);
        } else {
          termination.completeExceptionally(outcome);
        }
      });
    } finally {
      handle.commitThread().shutdown();
    }
    return this;
  }

  private void abortSinks(EpochTally epoch, RuntimeException failure) {
    for (Vertex v : graph.vertices()) {
      if (v instanceof Vertex.SinkVertex sink) {
        try {
          sink.sink().abort(epoch.epoch(), epoch.commitsOf(v.id()));
        } catch (Throwable t) {
          if (failure != null && failure != t) {
            failure.addSuppressed(t);
          }
        }
      }
    }
  }
}
