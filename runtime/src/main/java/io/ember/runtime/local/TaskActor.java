package io.ember.runtime.local;

import io.ember.connectors.source.SourceReader;
import io.ember.runtime.JobConfig;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
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
 * (unless the inputs share an upstream vertex, see {@link TaskSpec#sharedUpstream()}).
 * A source task polls its reader through self-messages, one poll per message, only while not blocked,
 * and after {@link SourceReader.Status#NOTHING_AVAILABLE} retries after {@link #IDLE_POLL_DELAY}.
 *
 * <p>When every input ended and every queued message was sent, the task prepares its sink writer's commit
 * (if it has one) and reports {@link JobCoordinator.TaskFinished}. Any exception fails the task: it
 * reports {@link JobCoordinator.TaskFailed} and ignores everything after. The coordinator stops tasks;
 * on stop the pipeline is closed.
 */
public final class TaskActor extends AbstractBehavior<TaskActor.Command> {
  /** How long a source task waits before polling a reader again that had nothing available. */
  public static final Duration IDLE_POLL_DELAY = Duration.ofMillis(2);

  /** What a task receives. */
  public interface Command {}

  /**
   * An in-band message on input channel {@code channel}, from gate {@code gate}'s target {@code target} of
   * {@code sender}, to which the credit goes back.
   */
  public record Deliver(int channel, int gate, int target, TaskMessage message, ActorRef<Command> sender)
      implements Command {}

  /** The receiver behind gate {@code gate}'s target {@code target} processed one batch. */
  public record Credit(int gate, int target) implements Command {}

  private enum Poll implements Command { INSTANCE }

  /** A received message waiting to be processed; {@code credited} if its credit already went back. */
  private record Pending(Deliver deliver, boolean credited) {}

  private final TaskSpec spec;
  private final ActorRef<JobCoordinator.Command> coordinator;
  private final AtomicInteger liveTasks;
  private final TaskPipeline pipeline;
  private final OutputGates gates;
  private final ArrayDeque<Pending>[] queues;
  private final int[] endedChannels;
  private final boolean[] inputEnded;
  private int inputsEnded;
  private boolean finishing;
  private boolean reported;
  private boolean failed;
  private boolean pollScheduled;
  private boolean sourceEnded;

  static Behavior<Command> create(TaskSpec spec, JobConfig config, Map<Integer, ActorRef<Command>> targets,
      ActorRef<JobCoordinator.Command> coordinator, AtomicInteger liveTasks) {
    return Behaviors.setup(ctx -> new TaskActor(ctx, spec, config, targets, coordinator, liveTasks));
  }

  @SuppressWarnings("unchecked")
  private TaskActor(ActorContext<Command> ctx, TaskSpec spec, JobConfig config,
      Map<Integer, ActorRef<Command>> targets, ActorRef<JobCoordinator.Command> coordinator,
      AtomicInteger liveTasks) {
    super(ctx);
    this.spec = spec;
    this.coordinator = coordinator;
    this.liveTasks = liveTasks;
    liveTasks.incrementAndGet();
    this.gates = new OutputGates(spec.gates(), targets, config.creditsPerChannel(), ctx.getSelf());
    this.pipeline = new TaskPipeline(spec, config, gates::emit);
    int inputs = spec.numInputs();
    this.queues = new ArrayDeque[inputs];
    for (int i = 0; i < inputs; i++) {
      queues[i] = new ArrayDeque<>();
    }
    this.endedChannels = new int[inputs];
    this.inputEnded = new boolean[inputs];
    guarded(this::begin);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Deliver.class, this::onDeliver)
        .onMessage(Credit.class, this::onCredit)
        .onMessageEquals(Poll.INSTANCE, this::onPoll)
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  /**
   * Opens the pipeline before any message is handled (batches may already wait in the mailbox), ends the
   * inputs that no channel feeds, and starts polling a source.
   */
  private void begin() {
    pipeline.open();
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
    maybeReportFinished();
  }

  private Behavior<Command> onDeliver(Deliver d) {
    if (!failed) {
      int input = spec.channelInputs()[d.channel()];
      boolean creditNow = spec.sharedUpstream() && d.message() instanceof TaskMessage.Data && input > firstOpenInput();
      if (creditNow) {
        d.sender().tell(new Credit(d.gate(), d.target()));
      }
      queues[input].add(new Pending(d, creditNow));
      guarded(this::drain);
    }
    return this;
  }

  private Behavior<Command> onCredit(Credit c) {
    guarded(() -> {
      gates.credit(c.gate(), c.target());
      drain();
      if (pipeline.isSource() && !sourceEnded && !gates.blocked()) {
        schedulePoll(Duration.ZERO);
      }
    });
    return this;
  }

  private Behavior<Command> onPoll() {
    pollScheduled = false;
    if (failed || sourceEnded || gates.blocked()) {
      return this;
    }
    guarded(() -> {
      SourceReader.Status status = pipeline.poll();
      switch (status) {
        case MORE_AVAILABLE -> {
          if (!gates.blocked()) {
            schedulePoll(Duration.ZERO);
          }
        }
        case NOTHING_AVAILABLE -> schedulePoll(IDLE_POLL_DELAY);
        case END_OF_INPUT -> {
          sourceEnded = true;
          pipeline.endOfSource();
          beginFinishing();
          maybeReportFinished();
        }
      }
    });
    return this;
  }

  private void schedulePoll(Duration delay) {
    if (pollScheduled) {
      return;
    }
    pollScheduled = true;
    if (delay.isZero()) {
      getContext().getSelf().tell(Poll.INSTANCE);
    } else {
      getContext().scheduleOnce(delay, getContext().getSelf(), Poll.INSTANCE);
    }
  }

  /** Processes queued input while the gates have room, lowest unfinished input first. */
  private void drain() {
    while (!failed && !gates.blocked()) {
      int input = firstOpenInput();
      if (input < 0) {
        break;
      }
      Pending p = queues[input].poll();
      if (p == null) {
        break;
      }
      Deliver d = p.deliver();
      if (d.message() instanceof TaskMessage.Data data) {
        pipeline.process(input, data.batch());
        if (!p.credited()) {
          d.sender().tell(new Credit(d.gate(), d.target()));
        }
      } else if (++endedChannels[input] == spec.channelsOf(input)) {
        endInput(input);
      }
    }
    maybeReportFinished();
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
    if (finishing && !reported && !failed && !gates.blocked()) {
      reported = true;
      coordinator.tell(new JobCoordinator.TaskFinished(spec.taskId(), pipeline.rowsByVertex(), pipeline.prepareCommit(0)));
    }
  }

  private void guarded(Runnable step) {
    if (failed) {
      return;
    }
    try {
      step.run();
    } catch (Throwable t) {
      failed = true;
      coordinator.tell(new JobCoordinator.TaskFailed(spec.taskId(), spec.name(), t));
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
