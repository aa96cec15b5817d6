package io.ember.runtime.local;

import io.ember.checkpointing.CheckpointedEpoch;
import io.ember.checkpointing.EpochMetadata;
import io.ember.checkpointing.ReplicaStore;
import io.ember.connectors.sink.CommitMessage;
import io.ember.core.errors.EmberRuntimeException;
import io.ember.operators.EventTimeTracker.EventTimeStats;
import io.ember.operators.StateMetrics;
import io.ember.runtime.EpochListener;
import io.ember.runtime.EpochReport;
import io.ember.runtime.JobConfig;
import io.ember.runtime.StreamingCheckpoint;
import io.ember.runtime.StreamingJob;
import io.ember.runtime.StreamingSettings;
import io.ember.runtime.graph.JobGraph;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
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
 * that holds input back, or, with {@link StreamingSettings#cutOnWatermark()}, the sources' watermark reached what
 * a stateful operator waits for to emit: see {@link EmissionWatch}). When every streaming source ended it cuts a final
 * epoch; once that is committed and every task finished, the job completes. With the clock (not {@code Trigger.Once})
 * and a stateful operator, the final epoch waits until the input's last rows had an epoch of their own and no
 * watermark step is due or still emitting (as Spark runs its no-data batches before an {@code AvailableNow} query
 * stops): else the windows that the input's last watermark closes, and the rows they give the operators after them,
 * would never be emitted. At most {@link #endingEpochsBound()} such epochs are cut, so an operator that keeps
 * reporting emission cannot hold the job open.
 *
 * <p>With a {@link StreamingSettings#checkpointInterval()}, an epoch is checkpointed only when the interval passed
 * since the last checkpointed cut (and always the final epoch and an epoch cut while an await waits); an epoch in
 * between is acknowledged without snapshots and held back ("parked"): the next epoch is cut as if it were committed,
 * and the sinks commit it, in order, only when the next checkpointed epoch completes. With only parked epochs left
 * and nothing else to do, a checkpointed epoch is cut once the interval passed, to commit them.
 *
 * <p>Checkpoints: at every checkpointed barrier each task puts its snapshot (operator states, reader offsets) into the runtime's
 * replica store under the job's name; an acknowledged epoch is made complete there (and, with a checkpoint
 * location, written to it, see {@link StreamingCheckpoint}) before its sinks commit, and older epochs are pruned
 * after. Every streaming job does this, with or without {@link StreamingSettings#checkpoint()}.
 *
 * <p>Recovery: a task failure (a task reports {@link JobCoordinator.TaskFailed}, or a task actor stops on its own)
 * does not fail the job while it had fewer than {@link StreamingSettings#maxTaskFailures()} earlier recoveries. The
 * coordinator stops the failed task's actor and, on the commit thread (after any commit running there), aborts the
 * epoch in flight in the sinks unless it was committed and reads the replica store's latest complete epoch
 * {@code E} (else the epoch the job started from: its checkpoint's restored epoch, or scratch). Once the placement
 * found the failed tasks a place ({@link TaskPlacement#prepare}: a cluster reserves them on live nodes) it starts
 * recovery attempt {@code A + 1} ({@link TaskDeployment#recover}): the failed tasks (every task that failed or
 * stopped since the failure, which all count as this one failure) are spawned anew from their snapshots of
 * {@code E}; every other task rolls back in place to its own snapshot of {@code E} ({@link TaskActor.Rollback}),
 * dropping its in-flight input and output. Every message between tasks and every report to the coordinator
 * ({@link FromTask}) carries its sender's attempt, and what an earlier attempt sent is dropped, so nothing from
 * before the rollback is processed after it. Epochs go on at {@code E + 1}: every committed epoch is complete, so
 * no committed epoch is cut again, and an epoch replayed after the abort is committed once (sinks are idempotent
 * per epoch). Pending {@link StreamingJob#awaitAllAvailable()} calls ask the tasks again. The recovery ends when
 * every task reported its state restored ({@link TaskRestored}); it is logged with its time, and the next epoch's
 * report lists it ({@link EpochReport#recoveries()}). Every failure is retried, a deterministic one too; the
 * failure after {@code maxTaskFailures} recoveries fails the job with its error. This is exactly-once for
 * replayable sources; a source that cannot replay (a socket) goes on from where it is, so rows it emitted after
 * {@code E} are lost: at-most-once.
 *
 * <p>Stopping, failing and completing all stop this actor, which stops every task first; then, on the commit
 * thread, an epoch that was cut but not committed is aborted in the sinks and the job's termination completes.
 */
public final class StreamingCoordinator extends AbstractBehavior<JobCoordinator.Command> {
  /** How long without an epoch cut before the listener hears {@link EpochListener#onIdle}. */
  public static final Duration IDLE_REPORT_INTERVAL = Duration.ofSeconds(10);

  /**
   * Task {@code taskId} passed barrier {@code epoch}, with the figures of its part of the epoch; {@code snapshot}
   * describes its snapshot in the job's replica store (null when the job takes no checkpoints); {@code emission}
   * says whether its operators emitted at the barrier's watermark step and at which watermark they would emit next
   * (see {@link EmissionWatch}).
   */
  public record EpochAck(int taskId, long epoch, Map<Integer, Long> rowsByVertex, CommitMessage commit,
      Map<Integer, EventTimeStats> eventTime, Map<Integer, Long> candidates, Map<Integer, StateMetrics> stateMetrics,
      byte[] offsets, String offsetsJson, EpochMetadata.TaskEntry snapshot, EmissionWatch.Emission emission)
      implements JobCoordinator.Command {
    /** An acknowledgement of a task with nothing to emit at a watermark. */
    public EpochAck(int taskId, long epoch, Map<Integer, Long> rowsByVertex, CommitMessage commit,
        Map<Integer, EventTimeStats> eventTime, Map<Integer, Long> candidates,
        Map<Integer, StateMetrics> stateMetrics, byte[] offsets, String offsetsJson, EpochMetadata.TaskEntry snapshot) {
      this(taskId, epoch, rowsByVertex, commit, eventTime, candidates, stateMetrics, offsets, offsetsJson, snapshot,
          EmissionWatch.Emission.NONE);
    }
  }

  /**
   * A report of a task of a streaming job ({@link EpochAck}, {@link JobCoordinator.TaskFinished}, ...), sent in the
   * task's recovery attempt {@code attempt}; reports of an earlier attempt than the job's are dropped.
   */
  public record FromTask(int attempt, JobCoordinator.Command report) implements JobCoordinator.Command {}

  /**
   * Task {@code taskId}, started or rolled back in a recovery, restored its state and runs again; reopening and
   * restoring took it {@code restoreNanos}.
   */
  public record TaskRestored(int taskId, long restoreNanos) implements JobCoordinator.Command {}

  /** The actor {@code ref} of task {@code taskId} stopped (the coordinator watches every task actor). */
  record TaskActorStopped(int taskId, ActorRef<TaskActor.Command> ref) implements JobCoordinator.Command {}

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

  /** Recovery: the epoch in flight is aborted; roll every task back to {@code from} (null: scratch). */
  private record RollBack(CheckpointedEpoch from) implements JobCoordinator.Command {}

  /** Recovery: the placement prepared a place for the tasks of {@code prepared}; start the attempt from {@code from}. */
  private record Redeploy(CheckpointedEpoch from, Set<Integer> prepared) implements JobCoordinator.Command {}

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
  /** How the tasks take part in checkpoints: what they restore, and the epoch the job replays. */
  private final JobCheckpointing checkpointing;
  private final TimerScheduler<JobCoordinator.Command> timers;
  private final TaskDeployment tasks;
  private final EpochCommitter committer;
  /** The complete epoch the current attempt's tasks restored; null when they started from scratch. */
  private CheckpointedEpoch restoreFrom;
  private int taskFailures;
  /** True from a task failure until the tasks are told to roll back. */
  private boolean recovering;
  /** The recovery in progress and the ended ones not reported yet. */
  private final JobRecoveries recoveries;
  /** {@link StreamingJob#awaitAllAvailable()} calls made while recovering, handled once the tasks are back. */
  private final List<AwaitAll> deferredAwaits = new ArrayList<>();
  private final Set<Integer> endedSources = new HashSet<>();
  /** Streaming source tasks whose readers hold input back for the next epoch, since the last cut. */
  private final Set<Integer> waitingSources = new HashSet<>();
  private final List<Await> awaits = new ArrayList<>();
  /** When to cut early so that what a watermark closes is emitted at once. */
  private final EmissionWatch emission = new EmissionWatch();
  private long nextEpoch;
  private long lastCommitted;
  private long lastCutMillis;
  private long previousCutMillis;
  private long watermark = Long.MIN_VALUE;
  private long lastCutWatermark = Long.MIN_VALUE;
  private boolean hasData;
  private EpochTally inFlight;
  /** Acknowledged epochs between checkpoints, committed with the next checkpointed epoch; oldest first. */
  private final List<EpochTally> parked = new ArrayList<>();
  /** When the last checkpointed epoch was cut. */
  private long lastCheckpointMillis;
  private boolean finalCut;
  /** Epochs cut after every streaming source ended, before the final one (see {@link #inputEndedNeedsEpoch()}). */
  private int endingEpochs;
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
      JobConfig config, StreamingSettings settings, EpochListener listener, ReplicaStore replicas,
      CompletableFuture<StreamingJob> started, AtomicInteger liveTasks) {
    return create(jobName, graph, streamingSources, config, settings, listener, replicas, started,
        TaskPlacement.local(liveTasks));
  }

  /**
   * The coordinator of one streaming job whose tasks {@code placement} starts (it may run them on other nodes), as
   * {@link #create(String, JobGraph, Set, JobConfig, StreamingSettings, EpochListener, ReplicaStore,
   * CompletableFuture, AtomicInteger)}; tasks a placement runs elsewhere put their snapshots into their own node's
   * replica store.
   */
  public static Behavior<JobCoordinator.Command> create(String jobName, JobGraph graph, Set<Integer> streamingSources,
      JobConfig config, StreamingSettings settings, EpochListener listener, ReplicaStore replicas,
      CompletableFuture<StreamingJob> started, TaskPlacement placement) {
    return Behaviors.setup(ctx -> {
      ExecutionPlan plan;
      StreamingTopology topology;
      try {
        StreamingTopology.validate(graph, streamingSources);
        plan = JobCoordinator.prepare(graph);
        topology = StreamingTopology.of(graph, plan, streamingSources, settings.firstEpoch());
        JobCheckpointing.checkRestorable(plan, topology, settings.checkpoint());
      } catch (Throwable t) {
        started.completeExceptionally(JobCoordinator.userFacing(t, "job setup"));
        return Behaviors.stopped();
      }
      LocalStreamingJob handle = new LocalStreamingJob(jobName, settings.firstEpoch());
      handle.attach(ctx.getSelf());
      started.complete(handle);
      return Behaviors.withTimers(timers -> new StreamingCoordinator(ctx, timers, jobName, graph, plan, topology,
          config, settings, listener, replicas, handle, placement));
    });
  }

  private StreamingCoordinator(ActorContext<JobCoordinator.Command> ctx, TimerScheduler<JobCoordinator.Command> timers,
      String jobName, JobGraph graph, ExecutionPlan plan, StreamingTopology topology, JobConfig config, StreamingSettings settings,
      EpochListener listener, ReplicaStore replicas, LocalStreamingJob handle, TaskPlacement placement) {
    super(ctx);
    this.graph = graph;
    this.plan = plan;
    this.topology = topology;
    this.settings = settings;
    this.listener = listener;
    this.handle = handle;
    this.jobName = jobName;
    this.checkpoint = settings.checkpoint();
    this.restoreFrom = checkpoint == null ? null : checkpoint.restoreFrom();
    this.checkpointing = new JobCheckpointing(plan, replicas, jobName, checkpoint);
    this.recoveries = new JobRecoveries(jobName, plan.tasks(), ctx.getLog());
    this.timers = timers;
    this.nextEpoch = settings.firstEpoch();
    this.lastCommitted = settings.firstEpoch() - 1;
    ActorRef<JobCoordinator.Command> self = ctx.getSelf();
    this.committer = new EpochCommitter(graph, jobName, replicas, checkpoint, listener, handle,
        topology.streamingSources(), settings.firstEpoch(), epoch -> self.tell(new EpochCommitted(epoch)),
        (error, where) -> self.tell(new CommitFailed(error, where)));
    long now = System.currentTimeMillis();
    this.previousCutMillis = now;
    this.lastCutMillis = now - settings.epochInterval().toMillis();
    CheckpointedEpoch restored = checkpoint == null ? null : checkpoint.restoreFrom();
    if (restored != null) {
      this.watermark = restored.metadata().watermarkUs();
      committer.recommit(restored.metadata());
      ctx.getSelf().tell(Timer.CUT); // the restored watermark may call for a no-data epoch at once
    }
    this.tasks = new TaskDeployment(ctx, plan, config, placement, this::roleOf);
    timers.startSingleTimer(Timer.IDLE, Timer.IDLE, IDLE_REPORT_INTERVAL);
  }

  /** Task {@code taskId}'s role, with its part in checkpoints when the job takes them. */
  private StreamingRole roleOf(int taskId) {
    StreamingRole role = topology.roleOf(taskId);
    return role == null ? null : role.withCheckpointing(checkpointing.forTask(taskId, restoreFrom))
        .withReadLimit(settings.sourceReadLimit());
  }

  @Override
  public Receive<JobCoordinator.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromTask.class, guard(this::onFromTask))
        // reports of tasks started without an attempt (TaskActor.create without one) belong to attempt 0
        .onMessage(EpochAck.class, guard(m -> onFromTask(new FromTask(0, m))))
        .onMessage(SourceRows.class, guard(m -> onFromTask(new FromTask(0, m))))
        .onMessage(SourceWaiting.class, guard(m -> onFromTask(new FromTask(0, m))))
        .onMessage(SourceEnded.class, guard(m -> onFromTask(new FromTask(0, m))))
        .onMessage(SourceIdle.class, guard(m -> onFromTask(new FromTask(0, m))))
        .onMessage(JobCoordinator.TaskFinished.class, guard(m -> onFromTask(new FromTask(0, m))))
        .onMessage(JobCoordinator.TaskFailed.class, guard(m -> onFromTask(new FromTask(0, m))))
        .onMessage(AwaitAll.class, guard(this::onAwaitAll))
        .onMessage(RollBack.class, guard(this::onRollBack))
        .onMessage(Redeploy.class, guard(this::onRedeploy))
        .onMessage(EpochCommitted.class, guard(this::onEpochCommitted))
        .onMessage(CommitFailed.class, m -> fail(JobCoordinator.userFacing(m.error(), m.where())))
        .onMessage(Timer.class, guard(t -> t == Timer.CUT ? maybeCut() : onIdleTimer()))
        .onMessage(Stop.class, m -> onStop())
        .onMessage(TaskActorStopped.class, this::onTaskStopped)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  /**
   * A task's report: dropped when an earlier attempt sent it; while recovering only failures count (the tasks
   * are about to roll back); else handled by its kind.
   */
  private Behavior<JobCoordinator.Command> onFromTask(FromTask msg) {
    if (msg.attempt() != tasks.attempt()) {
      return this;
    }
    JobCoordinator.Command report = msg.report();
    if (report instanceof JobCoordinator.TaskFailed m) {
      return onTaskFailure(m.taskId(), JobCoordinator.userFacing(m.error(), m.taskName()));
    }
    if (report instanceof TaskRestored m) {
      return onTaskRestored(m);
    }
    if (recovering) {
      return this;
    }
    if (report instanceof EpochAck m) {
      return onAck(m);
    } else if (report instanceof SourceRows m) {
      return onSourceRows(m);
    } else if (report instanceof SourceWaiting m) {
      return onSourceWaiting(m);
    } else if (report instanceof SourceEnded m) {
      return onSourceEnded(m);
    } else if (report instanceof SourceIdle m) {
      return onSourceIdle(m);
    } else if (report instanceof JobCoordinator.TaskFinished m) {
      return onTaskFinished(m);
    } else if (report instanceof EmissionWatch.Reached m) {
      if (emission.reached(m.taskId(), m.watch())) {
        maybeCut();
      }
      return this;
    }
    throw new IllegalStateException("Unexpected task report " + report);
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

  private Behavior<JobCoordinator.Command> onAck(EpochAck ack) {
    if (inFlight == null || ack.epoch() != inFlight.epoch()) {
      return fail(new EmberRuntimeException("INTERNAL_ERROR", "Task " + plan.tasks().get(ack.taskId()).name()
          + " acknowledged epoch " + ack.epoch() + ", which is not in flight"));
    }
    inFlight.add(ack, plan.tasks().get(ack.taskId()));
    if (inFlight.acks() < topology.streamingTasks()) {
      return this;
    }
    watchEmission(inFlight);
    if (!inFlight.checkpoint()) {
      // between checkpoints: held back until the next checkpointed epoch commits it; go on as if committed
      parked.add(inFlight);
      watermark = inFlight.nextWatermarkMicros();
      inFlight = null;
      maybeCut();
      return this;
    }
    List<EpochTally> epochs = new ArrayList<>(parked);
    epochs.add(inFlight);
    parked.clear();
    committer.commit(epochs, recoveries.takeForReport());
    return this;
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
    recoveries.sourceRows();
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
      tasks.task(task).tell(new TaskActor.ReportIdle(await.request));
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

  /**
   * Every task acknowledged {@code epoch}: with {@link StreamingSettings#cutOnWatermark()}, asks the tasks holding
   * event-time trackers to report when their candidate watermark reaches what an operator waits for to emit (and
   * notes whether the epoch's watermark step emitted, which calls for the next cut at once).
   */
  private void watchEmission(EpochTally epoch) {
    if (!settings.cutOnWatermark()) {
      return;
    }
    EmissionWatch.Start start = emission.epochCompleted(epoch.emission(), epoch.trackerTasks());
    if (start != null) {
      for (int task : start.tasks()) {
        tasks.task(task).tell(new TaskActor.WatchWatermark(start.watch(), start.watermarkMicros()));
      }
    }
  }

  /** Cuts the next epoch if one is due now; schedules a retry when only the interval holds it back. */
  private Behavior<JobCoordinator.Command> maybeCut() {
    if (committer.ending() || stopped || failure != null || recovering || finalCut || inFlight != null) {
      return this;
    }
    if (endedSources.size() == topology.streamingSourceTasks().size()) {
      if (!inputEndedNeedsEpoch()) {
        cut(true);
        return this;
      }
      // otherwise cut an ordinary epoch below, at its time
    }
    if (checkpointing.replayHoldsCut(nextEpoch, topology.streamingSourceTasks(), waitingSources, endedSources)) {
      return this;
    }
    // Without the clock (Trigger.Once) only the final epoch is cut, unless a source holds input back for the next
    // epoch (maxFilesPerTrigger): it would never end, so its epochs are cut as they come.
    boolean clock = settings.cutOnClock() || !waitingSources.isEmpty();
    boolean emit = emission.wantsCut();
    boolean work = hasData || noDataEpochDue() || emit;
    if (!clock || !(work || !parked.isEmpty())) {
      return this;
    }
    long now = System.currentTimeMillis();
    long wait = lastCutMillis + settings.epochInterval().toMillis() - now;
    if (!work) {
      // only epochs held back between checkpoints: cut the checkpointed epoch that commits them when it is due
      wait = Math.max(wait, lastCheckpointMillis + settings.checkpointInterval().toMillis() - now);
    }
    boolean forced = awaits.stream().anyMatch(this::forcesCut);
    boolean early = emit && wait > 0 && !forced;
    if (early) {
      wait = Math.min(wait, emission.earlyWaitMillis(now));
    }
    if (wait > 0 && !forced) {
      timers.startSingleTimer(Timer.CUT, Timer.CUT, Duration.ofMillis(wait));
      return this;
    }
    emission.cut(early, now);
    if (endedSources.size() == topology.streamingSourceTasks().size()) {
      endingEpochs++;
    }
    cut(false);
    return this;
  }

  /**
   * Every streaming source ended, and the job still needs an ordinary epoch before its final one: with the clock and
   * a stateful operator, the last rows read have not had an epoch of their own (their watermark step would come only
   * with the next epoch), the watermark advanced since the last cut, or the last epoch emitted at its watermark step
   * (the operators after the emitting one, and the sinks, get those rows in the next epoch). False once
   * {@link #endingEpochsBound()} such epochs were cut.
   */
  private boolean inputEndedNeedsEpoch() {
    if (!settings.cutOnClock() || !topology.stateful() || endingEpochs >= endingEpochsBound()) {
      return false;
    }
    return hasData || noDataEpochDue() || emission.wantsCut();
  }

  /**
   * The most ordinary epochs cut after the input ended: one for the last rows, one for their watermark step, and one
   * per task an emission can still travel through (an emission crosses at least one task per epoch, the operators
   * of a task pass it on within the step).
   */
  private int endingEpochsBound() {
    return plan.tasks().size() + 2;
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
    boolean checkpointed = last || !awaits.isEmpty()
        || now - lastCheckpointMillis >= settings.checkpointInterval().toMillis();
    if (checkpointed) {
      lastCheckpointMillis = now;
    }
    inFlight = new EpochTally(epoch, previousCutMillis, now, watermark, last, checkpointed);
    previousCutMillis = now;
    lastCutMillis = now;
    lastCutWatermark = watermark;
    hasData = false;
    waitingSources.clear();
    finalCut = last;
    for (int task : topology.streamingSourceTasks()) {
      tasks.task(task).tell(new TaskActor.InjectBarrier(epoch, last, checkpointed));
    }
    timers.startSingleTimer(Timer.IDLE, Timer.IDLE, IDLE_REPORT_INTERVAL);
  }

  private Behavior<JobCoordinator.Command> onIdleTimer() {
    committer.idle(lastCommitted);
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

  private Behavior<JobCoordinator.Command> onTaskStopped(TaskActorStopped msg) {
    if (!tasks.isCurrent(msg.taskId(), msg.ref()) || stopped || done || failure != null) {
      return this; // an actor replaced in a recovery, or the job is ending
    }
    return onTaskFailure(msg.taskId(), new EmberRuntimeException("TASK_LOST",
        "Task " + plan.tasks().get(msg.taskId()).name() + " stopped before the job finished."));
  }

  /**
   * Task {@code taskId} failed: recovers (see the class comment) when the job has recovered fewer than
   * {@link StreamingSettings#maxTaskFailures()} times, else fails the job with {@code error}. Further failures
   * before the tasks are told to roll back belong to the same recovery; a failure while they restore starts the
   * next one.
   */
  private Behavior<JobCoordinator.Command> onTaskFailure(int taskId, RuntimeException error) {
    if (recovering) {
      getContext().getLog().debug("Job {}: another task failure while recovering", jobName, error);
      if (recoveries.addFailed(taskId)) {
        tasks.stop(taskId);
      }
      return this;
    }
    if (taskFailures >= settings.maxTaskFailures() || stopped || done || failure != null) {
      return fail(error);
    }
    taskFailures++;
    recovering = true;
    emission.reset();
    recoveries.start(taskId, error, taskFailures);
    tasks.stop(taskId);
    getContext().getLog().warn("Job {}: task failure {} of at most {} in task {}; recovering", jobName,
        taskFailures, settings.maxTaskFailures(), plan.tasks().get(taskId).name(), error);
    timers.cancel(Timer.CUT);
    List<EpochTally> uncommitted = uncommitted();
    inFlight = null;
    parked.clear();
    ActorRef<JobCoordinator.Command> self = getContext().getSelf();
    org.slf4j.Logger log = getContext().getLog();
    committer.rollBack(uncommitted,
        aborting -> log.warn("Job {}: aborting an uncommitted epoch in the sinks failed", jobName, aborting),
        from -> self.tell(new RollBack(from)));
    return this;
  }

  /** The epoch to recover from is known: the placement finds the failed tasks a place first. */
  private Behavior<JobCoordinator.Command> onRollBack(RollBack msg) {
    if (!recovering || stopped || failure != null) {
      return this;
    }
    prepare(msg.from());
    return this;
  }

  /** Asks the placement to prepare the failed tasks ({@link TaskPlacement#prepare}); {@link Redeploy} follows. */
  private void prepare(CheckpointedEpoch from) {
    Set<Integer> failed = recoveries.failed();
    getContext().pipeToSelf(tasks.prepare(failed), (ok, error) -> new Redeploy(from, failed));
  }

  /**
   * Starts the next attempt from {@code msg.from()}: the failed tasks are spawned anew, the others roll back in
   * place; epochs go on after it. Tasks that failed while the placement prepared are prepared first.
   */
  private Behavior<JobCoordinator.Command> onRedeploy(Redeploy msg) {
    if (!recovering || stopped || failure != null) {
      return this;
    }
    if (!msg.prepared().containsAll(recoveries.failed())) {
      prepare(msg.from());
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
    tasks.recover(recoveries.failed(), this::roleOf, restoreFrom, first);
    recoveries.rollBackSent(topology.streamingSourceTasks().size(), restoreFrom == null ? -1 : restoreFrom.epoch(),
        plan.tasks().size());
    recovering = false;
    List<Await> pending = List.copyOf(awaits);
    awaits.clear();
    for (Await await : pending) {
      onAwaitAll(new AwaitAll(await.future)); // ask the tasks again: what was idle before is read again
    }
    for (AwaitAll deferred : deferredAwaits) {
      onAwaitAll(deferred);
    }
    deferredAwaits.clear();
    getContext().getSelf().tell(Timer.CUT);
    timers.startSingleTimer(Timer.IDLE, Timer.IDLE, IDLE_REPORT_INTERVAL);
    return this;
  }

  /** Once every task restored its state, the recovery is over: logged, and listed in the next epoch report. */
  private Behavior<JobCoordinator.Command> onTaskRestored(TaskRestored msg) {
    if (!recoveries.inProgress() || recovering) {
      return this;
    }
    recoveries.restored(msg.taskId(), topology.streamingSourceTasks().contains(msg.taskId()), msg.restoreNanos());
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
    RuntimeException error = failure;
    if (error == null && !done && !stopped) {
      error = new EmberRuntimeException("RUNTIME_CLOSED", "The job was cancelled because its runtime was closed.");
    }
    committer.finish(uncommitted(), error, handle.terminationFuture());
    return this;
  }

  /** The epochs cut but not committed: those held back between checkpoints, then the one in flight. */
  private List<EpochTally> uncommitted() {
    List<EpochTally> out = new ArrayList<>(parked);
    if (inFlight != null) {
      out.add(inFlight);
    }
    return out;
  }
}
