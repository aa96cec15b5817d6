package io.ember.runtime.local;

import io.ember.checkpointing.EpochMetadata;
import io.ember.checkpointing.TaskSnapshot;
import io.ember.connectors.memory.CollectSink;
import io.ember.connectors.sink.CommitMessage;
import io.ember.connectors.source.SourceReader;
import io.ember.operators.OperatorSpec;
import io.ember.operators.state.TrackedState;
import io.ember.runtime.JobConfig;
import io.ember.runtime.SourceReadLimit;
import io.ember.runtime.graph.Vertex;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One task: an instance of a fused chain. Receives batches on its input channels, drives its
 * {@link TaskPipeline} and sends the output through its {@link OutputGates}.
 *
 * <p>Flow control: a received batch is queued and processed only while the gates are not blocked; its
 * credit goes back to the sender after processing. Inputs are consumed in order: input {@code i + 1} is
 * processed only after every channel of input {@code i} ended (the build side of a join before the
 * probe side); batches of a later input wait in its queue with their credits held, which bounds them
 * (unless the inputs share an upstream vertex, see {@link TaskSpec#sharedUpstream()}). When the head
 * operator's spec does not read its inputs in order ({@link OperatorSpec#readsInputsInOrder()}, a
 * stream-stream join) batches of all inputs are processed interleaved, as they arrive.
 * A source task polls its reader through self-messages, one poll per message, only while not blocked,
 * and after {@link SourceReader.Status#NOTHING_AVAILABLE} retries after {@link #IDLE_POLL_DELAY}. A streaming
 * source task whose reader holds input back for the next epoch ({@link SourceReader.Status#WAITING_FOR_EPOCH}),
 * or that read its share of the epoch ({@link StreamingRole#readLimit()}: rows emitted or time spent reading since
 * its last barrier; not in the epoch replayed after a recovery), tells the coordinator once per epoch and polls again
 * only after its next barrier.
 *
 * <p>Streams (a task with a {@link StreamingRole}): barriers are aligned over the input channels
 * ({@link BarrierAligner}). An aligned barrier {@code N} (or one the coordinator injects into a streaming
 * source task) runs through the chain: every operator's {@code endOfEpoch(N)}, the sink writer's
 * {@code prepareCommit(N)}, the barrier goes out on every gate with the chain's candidate watermarks merged
 * in, in a checkpointed job the task hands its snapshot (operators' states, the reader's offsets) to the job's
 * replica store ({@link TaskCheckpointing}; a restored task starts from its snapshot and the restored watermark),
 * then, when the task's watermark (the minimum of the barrier's candidates, never decreasing) advanced, every
 * operator hears {@code onWatermark}, and the task acknowledges the epoch ({@link StreamingCoordinator.EpochAck},
 * with whether that emitted and the watermark at which an operator would emit next) once the store holds the snapshot (copies to
 * other nodes are made while the task goes on; {@link EpochAcks}). A task asked to {@link WatchWatermark watch}
 * for a watermark tells the coordinator once its trackers' candidate reached it ({@link EmissionWatch}, checked
 * after each batch it processes or reads). A streaming source task tells the coordinator when it first emits rows after a cut,
 * when its reader ended (its end of input then waits for the final barrier), when its reader first holds input
 * back for the next epoch, and, when asked, when a poll found nothing available (a reader waiting for the next
 * epoch is not idle: the answer waits for a poll after a later barrier).
 *
 * <p>When every input ended and every queued message was sent, the task prepares its sink writer's commit
 * (if it has one; in a streaming job the final barrier did) and reports {@link JobCoordinator.TaskFinished}. Any exception fails the task: it
 * reports {@link JobCoordinator.TaskFailed} and ignores everything after. The coordinator stops tasks;
 * on stop the pipeline is closed.
 *
 * <p>Recovery (streaming jobs): the task runs in a recovery attempt, 0 at first; a {@link Rollback} to a later
 * attempt makes it start over in place from its snapshot of an earlier epoch. Every {@link Deliver}, {@link Credit}
 * and poll carries the attempt it was sent in: one of an earlier attempt is dropped, one of a later attempt waits
 * for the rollback to it, so nothing sent before a rollback is processed after it. Reports to the coordinator are
 * tagged with the attempt too ({@link StreamingCoordinator.FromTask}).
 */
public final class TaskActor extends AbstractBehavior<TaskActor.Command> {
  /** How long a source task waits before polling a reader again that had nothing available. */
  public static final Duration IDLE_POLL_DELAY = Duration.ofMillis(2);

  /** What a task receives. */
  public interface Command {}

  /**
   * An in-band message on input channel {@code channel}, from gate {@code gate}'s target {@code target} of
   * {@code sender}, to which the credit goes back; sent in the sender's recovery attempt {@code attempt} (see
   * {@link Rollback}).
   */
  public record Deliver(int channel, int gate, int target, TaskMessage message, ActorRef<Command> sender,
      int attempt) implements Command {
    /** A delivery of attempt 0 (a batch job, or a streaming job before any recovery). */
    public Deliver(int channel, int gate, int target, TaskMessage message, ActorRef<Command> sender) {
      this(channel, gate, target, message, sender, 0);
    }
  }

  /** The receiver behind gate {@code gate}'s target {@code target} processed one batch, in attempt {@code attempt}. */
  public record Credit(int gate, int target, int attempt) implements Command {
    /** A credit of attempt 0 (a batch job, or a streaming job before any recovery). */
    public Credit(int gate, int target) {
      this(gate, target, 0);
    }
  }

  /**
   * Streaming jobs: roll back in place to recovery attempt {@code attempt} (higher than the task's). The task drops
   * everything of earlier attempts — queued input, output waiting for credit, a partly aligned barrier, the
   * pipeline with its operators, reader and writer (closed; a writer's unprepared output is aborted) — and starts
   * over as a new task would: a fresh pipeline restored from {@code restore} (null: empty) with the reader's
   * offsets, watermark {@code watermarkUs} applied, fresh credits towards {@code targets} (the job's task actors
   * by task id, some of them started anew), epochs from {@code firstEpoch}. When {@code restore} is the task's own
   * snapshot and its operators' keyed state tables can undo every change since it
   * ({@link TaskPipeline#keepStateFor}), the fresh operators take the old tables, rolled back in place: the cost is
   * the keys changed since that snapshot, not the size of the state. {@code restore} may be the snapshot as the task
   * put it into the replica store, a delta on an earlier one (all that rolling back in place reads: its operators'
   * own bytes and its source offsets); a task that then cannot roll back in place materializes the full snapshot
   * from its replica store itself ({@link SnapshotToRestore}). From then on it drops every
   * {@link Deliver}, {@link Credit} and poll of an earlier attempt (in flight before the rollback), and keeps those
   * of a later attempt until its own rollback to it comes.
   */
  public record Rollback(int attempt, Map<Integer, ActorRef<Command>> targets, TaskSnapshot restore,
      long watermarkUs, long firstEpoch) implements Command {}

  /**
   * Streaming source tasks only: cut epoch {@code epoch} here, between two polls; when {@code last}, the
   * source ended and the task ends its output after the barrier; {@code checkpoint} says whether the tasks snapshot
   * their state at it ({@link TaskMessage.Barrier#checkpoint()}).
   */
  public record InjectBarrier(long epoch, boolean last, boolean checkpoint) implements Command {
    /** The barrier of a checkpointed epoch. */
    public InjectBarrier(long epoch, boolean last) {
      this(epoch, last, true);
    }
  }

  /**
   * Streaming source tasks only: answer {@link StreamingCoordinator.SourceIdle} for {@code request} after the
   * next poll that finds nothing available (at once if the reader ended).
   */
  public record ReportIdle(long request) implements Command {}

  /**
   * Streams: report {@link EmissionWatch.Reached} for watch {@code watch} once the smallest candidate watermark of the
   * chain's event-time trackers is at or past {@code watermarkMicros} (at once if it is); replaces any earlier watch.
   */
  public record WatchWatermark(long watch, long watermarkMicros) implements Command {}

  /** Poll the reader once, in attempt {@code attempt}. */
  private record Poll(int attempt) implements Command {}

  /** A copy of a snapshot taken in attempt {@code attempt} ended (stored or failed): see {@link EpochAcks}. */
  private record CopyEnded(int attempt) implements Command {}

  /** A received message waiting to be processed; {@code credited} if its credit already went back. */
  private record Pending(Deliver deliver, boolean credited) {}

  private final TaskSpec spec;
  private final JobConfig config;
  private final ActorRef<JobCoordinator.Command> coordinator;
  /** Cuts batches and results bound for other nodes to Artery's frame. */
  private final FrameSplitter frames;
  /** Finds the {@link ExchangeRelay} of a target's node: batches for several tasks of a node go there once. */
  private final java.util.function.Function<ActorRef<Command>, ActorRef<ExchangeRelay.Command>> relays;
  private final AtomicInteger liveTasks;
  /** The recovery attempt the task runs in: 0 at first (always in a batch job), one more per rollback. */
  private int attempt;
  /** True in a streaming job: reports reach the coordinator as {@link StreamingCoordinator.FromTask}. */
  private final boolean streamingJob;
  /** Deliveries and credits of a later attempt that came before the rollback to it. */
  private final ArrayDeque<Command> early = new ArrayDeque<>();
  private TaskPipeline pipeline;
  private OutputGates gates;
  private ArrayDeque<Pending>[] queues;
  private int[] endedChannels;
  private boolean[] inputEnded;
  private int inputsEnded;
  private boolean finishing;
  private boolean reported;
  private boolean failed;
  private boolean pollScheduled;
  private boolean sourceEnded;
  private final boolean interleaved;
  private final StreamingRole streaming;
  private BarrierAligner<Pending> aligner;
  private TaskCheckpointing checkpointing;
  private long watermark = Long.MIN_VALUE;
  private long nextEpoch;
  private long sourceRowsAtCut;
  private boolean rowsReported;
  /** The reader holds input back until the next barrier; no poll is scheduled meanwhile. */
  private boolean waitingForEpoch;
  private boolean waitingReported;
  /**
   * The reader cannot replay the job's replayed epoch exactly: the first poll reports it waiting, so that the cut of
   * that epoch does not wait for it.
   */
  private boolean replayUnbounded;
  private long idleRequest = -1;
  /** When the reader's current epoch began (its last barrier, or the task's start); see {@link SourceReadLimit}. */
  private long epochStartNanos;
  /** The epoch replayed to the end offsets it had before a recovery, which no read limit shortens; -1 for none. */
  private long replayEpoch = -1;
  /** The {@link WatchWatermark} waited for; -1 for none. */
  private long watch = -1;
  private long watchMicros;
  private Map<Integer, Long> rowsAtBarrier = Map.of();
  /** Acknowledgements waiting for the copies of the task's snapshots to be stored. */
  private final EpochAcks acks = new EpochAcks();

  /**
   * A task of a job; {@code streaming} is null in a batch job and for tasks of a streaming job that no
   * streaming source feeds.
   */
  static Behavior<Command> create(TaskSpec spec, JobConfig config, Map<Integer, ActorRef<Command>> targets,
      ActorRef<JobCoordinator.Command> coordinator, AtomicInteger liveTasks, StreamingRole streaming) {
    return Behaviors.setup(ctx -> new TaskActor(ctx, spec, config, targets, coordinator, liveTasks, streaming, 0,
        false));
  }

  /**
   * A task of a streaming job, in recovery attempt {@code attempt} (0 for the job's first deployment): its reports
   * reach the coordinator as {@link StreamingCoordinator.FromTask} of that attempt.
   */
  static Behavior<Command> create(TaskSpec spec, JobConfig config, Map<Integer, ActorRef<Command>> targets,
      ActorRef<JobCoordinator.Command> coordinator, AtomicInteger liveTasks, StreamingRole streaming, int attempt) {
    return Behaviors.setup(ctx -> new TaskActor(ctx, spec, config, targets, coordinator, liveTasks, streaming,
        attempt, true));
  }

  private TaskActor(ActorContext<Command> ctx, TaskSpec spec, JobConfig config,
      Map<Integer, ActorRef<Command>> targets, ActorRef<JobCoordinator.Command> coordinator,
      AtomicInteger liveTasks, StreamingRole streaming, int attempt, boolean streamingJob) {
    super(ctx);
    this.spec = spec;
    this.config = config;
    this.attempt = attempt;
    this.streamingJob = streamingJob;
    this.streaming = streaming;
    this.interleaved = spec.chain().head() instanceof Vertex.OperatorVertex ov
        && !ov.chain().get(0).readsInputsInOrder();
    this.checkpointing = streaming == null ? null : streaming.checkpointing();
    this.coordinator = coordinator;
    this.frames = FrameSplitter.of(ctx.getSystem());
    this.relays = target -> ExchangeRelay.of(ctx.getSystem(), target);
    this.liveTasks = liveTasks;
    liveTasks.incrementAndGet();
    reset(targets, streaming == null ? 0 : streaming.firstEpoch());
    guarded(this::begin);
  }

  /** Fresh per-attempt state: gates with full credits towards {@code targets}, an unopened pipeline, empty queues. */
  @SuppressWarnings("unchecked")
  private void reset(Map<Integer, ActorRef<Command>> targets, long firstEpoch) {
    this.aligner = streaming != null && spec.channelInputs().length > 0
        ? new BarrierAligner<>(streaming.barrierChannels()) : null;
    this.nextEpoch = firstEpoch;
    this.gates = new OutputGates(spec.gates(), targets, config.creditsPerChannel(), getContext().getSelf(), attempt,
        frames, relays);
    this.pipeline = new TaskPipeline(spec, config, gates::emit);
    int inputs = spec.numInputs();
    this.queues = new ArrayDeque[inputs];
    for (int i = 0; i < inputs; i++) {
      queues[i] = new ArrayDeque<>();
    }
    this.endedChannels = new int[inputs];
    this.inputEnded = new boolean[inputs];
    inputsEnded = 0;
    finishing = false;
    reported = false;
    failed = false;
    pollScheduled = false;
    sourceEnded = false;
    watermark = Long.MIN_VALUE;
    sourceRowsAtCut = 0;
    rowsReported = false;
    waitingForEpoch = false;
    waitingReported = false;
    replayUnbounded = false;
    idleRequest = -1;
    epochStartNanos = System.nanoTime();
    replayEpoch = -1;
    watch = -1;
    rowsAtBarrier = Map.of();
    acks.clear();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Deliver.class, this::onDeliver)
        .onMessage(Credit.class, this::onCredit)
        .onMessage(Poll.class, this::onPoll)
        .onMessage(Rollback.class, this::onRollback)
        .onMessage(InjectBarrier.class, this::onInjectBarrier)
        .onMessage(ReportIdle.class, this::onReportIdle)
        .onMessage(WatchWatermark.class, this::onWatchWatermark)
        .onMessage(CopyEnded.class, this::onCopyEnded)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  /**
   * Opens the pipeline before any message is handled (batches may already wait in the mailbox), ends the
   * inputs that no channel feeds, and starts polling a source.
   */
  private void begin() {
    long start = System.nanoTime();
    pipeline.open();
    restore();
    long restoreNanos = System.nanoTime() - start;
    for (int i = 0; i < inputEnded.length; i++) {
      if (spec.channelsOf(i) == 0) {
        endInput(i);
      }
    }
    if (pipeline.isSource()) {
      schedulePoll(Duration.ZERO);
    } else if (inputEnded.length == 0) {
      beginFinishing();
    }
    if (attempt > 0) {
      report(new StreamingCoordinator.TaskRestored(spec.taskId(), restoreNanos));
    }
    maybeReportFinished();
  }

  /** Rolls back in place (see {@link Rollback}); then handles what came early for the new attempt. */
  private Behavior<Command> onRollback(Rollback r) {
    if (r.attempt() <= attempt) {
      return this;
    }
    // the tables of a snapshot this pipeline took itself are rolled back in place by the next one (undo logs)
    List<TrackedState> kept = checkpointing != null && r.restore() != null
        ? pipeline.keepStateFor(r.restore().epoch()) : null;
    try {
      pipeline.close();
    } catch (RuntimeException e) {
      getContext().getLog().warn("Closing task {} to roll it back failed", spec.name(), e);
    }
    attempt = r.attempt();
    if (checkpointing != null) {
      checkpointing = checkpointing.withRestore(r.restore(), r.watermarkUs());
    }
    reset(r.targets(), r.firstEpoch());
    if (kept != null) {
      pipeline.reuseState(kept);
    }
    guarded(this::begin);
    for (int n = early.size(); n > 0; n--) {
      Command c = early.poll();
      if (c instanceof Deliver d) {
        onDeliver(d);
      } else if (c instanceof Credit credit) {
        onCredit(credit);
      }
    }
    return this;
  }

  /**
   * True when {@code messageAttempt} is the task's attempt; a message of a later attempt is kept for the rollback
   * to it, one of an earlier attempt dropped (sent before a rollback, it must not be processed after it).
   */
  private boolean current(int messageAttempt, Command message) {
    if (messageAttempt == attempt) {
      return true;
    }
    if (messageAttempt > attempt) {
      early.add(message);
    }
    return false;
  }

  /** Sends {@code message} to the coordinator; in a streaming job tagged with the task's attempt. */
  private void report(JobCoordinator.Command message) {
    coordinator.tell(streamingJob ? new StreamingCoordinator.FromTask(attempt, message) : message);
  }

  /**
   * Restores the task's snapshot of the epoch the job resumes from, then applies that epoch's watermark, as the
   * task did after its barrier (output belongs to the job's first epoch).
   */
  private void restore() {
    if (checkpointing == null) {
      return;
    }
    TaskSnapshot snapshot = SnapshotToRestore.of(checkpointing, pipeline.reusesState(), spec.name());
    if (snapshot != null) {
      pipeline.restore(snapshot.operatorStates(), snapshot.sourceOffsets(), snapshot.epoch());
    }
    byte[] replayEnd = checkpointing.replayUntil(nextEpoch);
    if (replayEnd != null) {
      replayEpoch = nextEpoch;
    }
    if (replayEnd != null && !pipeline.replayUntil(replayEnd)) {
      replayUnbounded = true;
      getContext().getLog().warn("The reader of task {} cannot stop at the end offsets of epoch {}, which is replayed;"
          + " that epoch gets what it reads before the cut", spec.name(), nextEpoch);
    }
    if (checkpointing.watermarkUs() != Long.MIN_VALUE) {
      watermark = checkpointing.watermarkUs();
      pipeline.onWatermark(watermark);
    }
  }

  private Behavior<Command> onDeliver(Deliver d) {
    if (current(d.attempt(), d) && !failed) {
      int input = spec.channelInputs()[d.channel()];
      boolean creditNow = !interleaved && spec.sharedUpstream() && d.message() instanceof TaskMessage.Data
          && input > firstOpenInput();
      if (creditNow) {
        d.sender().tell(new Credit(d.gate(), d.target(), attempt));
      }
      queues[queueOf(input)].add(new Pending(d, creditNow));
      guarded(this::drain);
    }
    return this;
  }

  private Behavior<Command> onCredit(Credit c) {
    if (!current(c.attempt(), c)) {
      return this;
    }
    guarded(() -> {
      gates.credit(c.gate(), c.target());
      drain();
      if (pipeline.isSource() && !sourceEnded && !waitingForEpoch && !gates.blocked()) {
        schedulePoll(Duration.ZERO);
      }
    });
    return this;
  }

  private Behavior<Command> onPoll(Poll poll) {
    if (poll.attempt() != attempt) {
      return this; // scheduled before a rollback
    }
    pollScheduled = false;
    if (failed || sourceEnded || waitingForEpoch || gates.blocked()) {
      return this;
    }
    guarded(() -> {
      SourceReader.Status status = pipeline.poll();
      boolean stream = streaming != null && streaming.streamingSource();
      if (replayUnbounded) {
        replayUnbounded = false;
        report(new StreamingCoordinator.SourceWaiting(spec.taskId(), nextEpoch));
      }
      if (stream && !rowsReported && pipeline.sourceRows() > sourceRowsAtCut) {
        rowsReported = true;
        report(new StreamingCoordinator.SourceRows(spec.taskId(), nextEpoch));
      }
      checkWatch();
      switch (status) {
        case MORE_AVAILABLE -> {
          if (stream && readLimitReached()) {
            holdForNextEpoch();
          } else if (!gates.blocked()) {
            schedulePoll(Duration.ZERO);
          }
        }
        case NOTHING_AVAILABLE -> {
          answerIdle();
          schedulePoll(IDLE_POLL_DELAY);
        }
        case WAITING_FOR_EPOCH -> {
          if (stream) {
            holdForNextEpoch();
          } else {
            schedulePoll(IDLE_POLL_DELAY); // no barrier comes here: the reader broke its contract, poll as for idle
          }
        }
        case END_OF_INPUT -> {
          sourceEnded = true;
          if (stream) {
            report(new StreamingCoordinator.SourceEnded(spec.taskId()));
            answerIdle();
          } else {
            pipeline.endOfSource();
            beginFinishing();
            maybeReportFinished();
          }
        }
      }
    });
    return this;
  }

  /**
   * True when the reader read its share of the current epoch ({@link StreamingRole#readLimit()}); never in the epoch
   * replayed after a recovery, which reads to its recorded end offsets.
   */
  private boolean readLimitReached() {
    return nextEpoch != replayEpoch && streaming.readLimit().reached(pipeline.sourceRows() - sourceRowsAtCut,
        System.nanoTime() - epochStartNanos);
  }

  /** Stops polling until the next barrier and tells the coordinator (once per epoch) that input waits for it. */
  private void holdForNextEpoch() {
    waitingForEpoch = true;
    if (!waitingReported) {
      waitingReported = true;
      report(new StreamingCoordinator.SourceWaiting(spec.taskId(), nextEpoch));
    }
  }

  private void schedulePoll(Duration delay) {
    if (pollScheduled) {
      return;
    }
    pollScheduled = true;
    if (delay.isZero()) {
      getContext().getSelf().tell(new Poll(attempt));
    } else {
      getContext().scheduleOnce(delay, getContext().getSelf(), new Poll(attempt));
    }
  }

  private Behavior<Command> onInjectBarrier(InjectBarrier inject) {
    guarded(() -> {
      runBarrier(inject.epoch(), Map.of(), inject.checkpoint());
      if (inject.last()) {
        sourceEnded = true;
        pipeline.endOfSource();
        beginFinishing();
        maybeReportFinished();
      }
    });
    return this;
  }

  private Behavior<Command> onReportIdle(ReportIdle report) {
    idleRequest = report.request();
    if (sourceEnded) {
      answerIdle();
    } else {
      guarded(pipeline::refreshSource);
    }
    return this;
  }

  private Behavior<Command> onWatchWatermark(WatchWatermark w) {
    watch = w.watch();
    watchMicros = w.watermarkMicros();
    guarded(this::checkWatch);
    return this;
  }

  /** Reports the watch reached once the chain's trackers' smallest candidate is at or past its watermark. */
  private void checkWatch() {
    if (watch < 0) {
      return;
    }
    long candidate = pipeline.minCandidateWatermarkMicros();
    if (candidate != Long.MIN_VALUE && candidate >= watchMicros) {
      report(new EmissionWatch.Reached(spec.taskId(), watch));
      watch = -1;
    }
  }

  private void answerIdle() {
    if (idleRequest >= 0) {
      report(new StreamingCoordinator.SourceIdle(spec.taskId(), idleRequest));
      idleRequest = -1;
    }
  }

  /** The queue batches of {@code input} wait in: their own, or one shared queue when interleaving. */
  private int queueOf(int input) {
    return interleaved ? 0 : input;
  }

  /**
   * Processes queued input while the gates have room, lowest unfinished input first (or all inputs in
   * arrival order when interleaving); holds back the messages of channels waiting at a barrier.
   */
  private void drain() {
    while (!failed && !gates.blocked()) {
      int input = firstOpenInput();
      if (input < 0) {
        break;
      }
      Pending p = queues[queueOf(input)].poll();
      if (p == null) {
        break;
      }
      Deliver d = p.deliver();
      int channel = d.channel();
      if (aligner != null && aligner.holds(channel)) {
        aligner.hold(channel, p);
        continue;
      }
      input = spec.channelInputs()[channel];
      TaskMessage message = d.message();
      if (message instanceof TaskMessage.Data data) {
        pipeline.process(input, data.batch());
        if (!p.credited()) {
          d.sender().tell(new Credit(d.gate(), d.target(), attempt));
        }
      } else if (message instanceof TaskMessage.Barrier barrier) {
        aligned(aligner.barrier(channel, barrier));
      } else {
        if (aligner != null) {
          aligned(aligner.ended(channel));
        }
        if (++endedChannels[input] == spec.channelsOf(input)) {
          endInput(input);
        }
      }
    }
    checkWatch();
    maybeReportFinished();
  }

  /** Runs a barrier whose alignment completed (if any) and puts the held messages back in front. */
  private void aligned(TaskMessage.Barrier barrier) {
    if (barrier == null) {
      return;
    }
    runBarrier(barrier.epoch(), barrier.candidateWatermarks(), barrier.checkpoint());
    aligner.releaseHeld((messages, channel) -> {
      ArrayDeque<Pending> queue = queues[queueOf(spec.channelInputs()[channel])];
      for (Iterator<Pending> it = messages.descendingIterator(); it.hasNext(); ) {
        queue.addFirst(it.next());
      }
    });
  }

  /**
   * Barrier {@code epoch} passes through the chain: epoch end, sink prepare, barrier out, the task's snapshot
   * into the replica store (in a checkpointed epoch), the watermark the merged candidates call for, then the
   * acknowledgement (with whether the watermark step emitted and when the operators would emit next, see
   * {@link EmissionWatch}).
   */
  private void runBarrier(long epoch, Map<Integer, Long> upstreamCandidates, boolean checkpoint) {
    pipeline.endOfEpoch(epoch);
    Map<Integer, Long> candidates = pipeline.mergeCandidates(upstreamCandidates);
    CommitMessage commit = pipeline.prepareCommit(epoch);
    gates.barrier(new TaskMessage.Barrier(epoch, candidates, checkpoint));
    TaskPipeline.EpochFigures figures = pipeline.takeEpochFigures();
    byte[] offsets = null;
    String offsetsJson = null;
    if (pipeline.isSource()) {
      offsets = pipeline.snapshotOffsets(epoch);
      offsetsJson = pipeline.describeOffsets();
      sourceRowsAtCut = pipeline.sourceRows();
      epochStartNanos = System.nanoTime();
      rowsReported = false;
      waitingReported = false;
      if (waitingForEpoch) {
        waitingForEpoch = false;
        schedulePoll(Duration.ZERO);
      }
    }
    CompletionStage<EpochMetadata.TaskEntry> stored = null;
    if (checkpointing != null && checkpoint) {
      if (acks.copiesInFlight() >= EpochAcks.MAX_COPIES_IN_FLIGHT) {
        acks.awaitOldestCopy(EpochAcks.COPY_WAIT);
      }
      stored = checkpointing.replicas().putAsync(checkpointing.jobId(),
          pipeline.snapshot(checkpointing.key(), epoch, offsets), attempt);
      if (!stored.toCompletableFuture().isDone()) {
        int copyAttempt = attempt;
        getContext().pipeToSelf(stored, (entry, failure) -> new CopyEnded(copyAttempt));
      }
    }
    nextEpoch = epoch + 1;
    Map<Integer, Long> rows = rowsSinceLastBarrier();
    String json = offsetsJson;
    byte[] cut = offsets;
    boolean emitted = false;
    if (!candidates.isEmpty()) {
      long w = candidates.values().stream().mapToLong(Long::longValue).min().getAsLong();
      if (w > watermark) {
        emitted = pipeline.nextEmissionWatermarkMicros() <= w;
        watermark = w;
        pipeline.onWatermark(w);
      }
    }
    EmissionWatch.Emission emission = new EmissionWatch.Emission(emitted, pipeline.nextEmissionWatermarkMicros());
    acks.add(epoch, stored, entry -> new StreamingCoordinator.EpochAck(spec.taskId(), epoch, rows, commit,
        figures.eventTime(), figures.candidates(), figures.stateMetrics(), cut, json, entry, emission));
    acks.release(this::report);
  }

  /** Reports the acknowledgements whose copies are stored now, and the task's end if it waited for them. */
  private Behavior<Command> onCopyEnded(CopyEnded ended) {
    if (ended.attempt() == attempt) {
      guarded(() -> {
        acks.release(this::report);
        maybeReportFinished();
      });
    }
    return this;
  }

  private Map<Integer, Long> rowsSinceLastBarrier() {
    Map<Integer, Long> now = pipeline.rowsByVertex();
    Map<Integer, Long> delta = new HashMap<>();
    now.forEach((vertex, n) -> delta.put(vertex, n - rowsAtBarrier.getOrDefault(vertex, 0L)));
    rowsAtBarrier = now;
    return delta;
  }

  private int firstOpenInput() {
    for (int i = 0; i < inputEnded.length; i++) {
      if (!inputEnded[i]) {
        return i;
      }
    }
    return -1;
  }

  private void endInput(int input) {
    inputEnded[input] = true;
    inputsEnded++;
    boolean last = inputsEnded == inputEnded.length;
    pipeline.endOfInput(input, last);
    if (last) {
      beginFinishing();
    }
  }

  private void beginFinishing() {
    finishing = true;
    gates.endOfInput();
  }

  private void maybeReportFinished() {
    if (finishing && !reported && !failed && !gates.blocked() && acks.isEmpty()) {
      reported = true;
      CommitMessage commit = streaming == null ? pipeline.prepareCommit(0) : null;
      if (commit instanceof CollectSink.Collected collected && FrameSplitter.isRemote(coordinator)) {
        commit = sendInParts(collected);
      }
      report(new JobCoordinator.TaskFinished(spec.taskId(), pipeline.rowsByVertex(), commit));
    }
  }

  /**
   * Sends a collected result bound for the coordinator on another node in parts that each fit one frame: all but
   * the last as {@link JobCoordinator.TaskOutputPart}, in order; returns the last, for the task's finish report.
   */
  private CommitMessage sendInParts(CollectSink.Collected collected) {
    List<List<io.ember.core.data.Batch>> groups = frames.pack(collected.batches(), "the driver");
    for (int g = 0; g < groups.size() - 1; g++) {
      report(new JobCoordinator.TaskOutputPart(spec.taskId(),
          new CollectSink.Collected(collected.taskIndex(), groups.get(g))));
    }
    return groups.size() == 1 ? collected
        : new CollectSink.Collected(collected.taskIndex(), groups.get(groups.size() - 1));
  }

  private void guarded(Runnable step) {
    if (failed) {
      return;
    }
    try {
      step.run();
    } catch (Throwable t) {
      failed = true;
      report(new JobCoordinator.TaskFailed(spec.taskId(), spec.name(), t));
    }
  }

  private Behavior<Command> onPostStop() {
    try {
      pipeline.close();
    } catch (RuntimeException e) {
      getContext().getLog().warn("Closing task {} failed", spec.name(), e);
    } finally {
      liveTasks.decrementAndGet();
    }
    return this;
  }
}
