package io.ember.runtime.local;

import io.ember.core.data.Batch;
import io.ember.runtime.graph.Exchange;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The sending side of a task: routes each emitted batch over every outgoing edge (gate) and enforces
 * credit-based flow control. Each (gate, target) channel starts with the receiver's grant of
 * {@code creditsPerChannel} credits; a data message costs one, and the receiver returns it once it
 * processed the batch. Without credit a message waits in the channel's queue, and while any queue is
 * non-empty the task is {@link #blocked()}: it stops polling its reader and processing input, so
 * back-pressure reaches the sources. End-of-input markers and epoch barriers need no credit but queue
 * behind data.
 *
 * <p>A batch to a task on another node is cut by rows into pieces that each fit one Artery frame
 * ({@link FrameSplitter}); each piece is a data message of its own and costs one credit, which the receiver returns
 * per message as for any batch. A batch to a task of this actor system is handed over whole, by reference.
 *
 * <p>Owned by one task actor; not thread-safe.
 */
final class OutputGates {
  private final Gate[] gates;
  private final ActorRef<TaskActor.Command> self;
  private final int attempt;
  private final FrameSplitter frames;
  private int queued;

  OutputGates(List<GateSpec> specs, Map<Integer, ActorRef<TaskActor.Command>> refs, int credits,
      ActorRef<TaskActor.Command> self) {
    this(specs, refs, credits, self, 0, new FrameSplitter(FrameSplitter.DEFAULT_FRAME_BYTES));
  }

  /**
   * Gates of a task in recovery attempt {@code attempt}, which every message they send carries; batches to remote
   * targets are cut to fit {@code frames}.
   */
  OutputGates(List<GateSpec> specs, Map<Integer, ActorRef<TaskActor.Command>> refs, int credits,
      ActorRef<TaskActor.Command> self, int attempt, FrameSplitter frames) {
    this.self = self;
    this.attempt = attempt;
    this.frames = frames;
    this.gates = new Gate[specs.size()];
    for (int g = 0; g < gates.length; g++) {
      gates[g] = new Gate(g, specs.get(g), refs, credits);
    }
  }

  /**
   * Routes a non-empty batch to its targets on every gate.
   *
   * @throws io.ember.core.errors.EmberRuntimeException {@code MESSAGE_TOO_LARGE} when a row for a task on another
   *     node does not fit one frame
   */
  void emit(Batch batch) {
    for (Gate gate : gates) {
      gate.emit(batch);
    }
  }

  /** Sends (or queues) end-of-input on every channel. */
  void endOfInput() {
    toAllChannels(TaskMessage.EndOfInput.INSTANCE);
  }

  /** Sends (or queues, behind data) an epoch barrier on every channel; it needs no credit. */
  void barrier(TaskMessage.Barrier barrier) {
    toAllChannels(barrier);
  }

  private void toAllChannels(TaskMessage message) {
    for (Gate gate : gates) {
      for (int t = 0; t < gate.targets.length; t++) {
        gate.offer(t, message);
      }
    }
  }

  /** Target {@code target} of gate {@code gate} processed one batch; sends what now fits. */
  void credit(int gate, int target) {
    Gate g = gates[gate];
    g.credits[target]++;
    g.flush(target);
  }

  /** True while some message waits for credit. */
  boolean blocked() {
    return queued > 0;
  }

  /** Messages waiting for credit, over all channels. */
  int queuedMessages() {
    return queued;
  }

  private final class Gate {
    private final int index;
    private final GateSpec spec;
    private final ActorRef<TaskActor.Command>[] targets;
    private final boolean[] remote;
    private final int[] credits;
    private final ArrayDeque<TaskMessage>[] pending;
    private final HashPartitioner partitioner;
    private int nextRoundRobin;

    @SuppressWarnings("unchecked")
    Gate(int index, GateSpec spec, Map<Integer, ActorRef<TaskActor.Command>> refs, int initialCredits) {
      this.index = index;
      this.spec = spec;
      int n = spec.targetTasks().length;
      this.targets = new ActorRef[n];
      this.remote = new boolean[n];
      this.credits = new int[n];
      this.pending = new ArrayDeque[n];
      for (int t = 0; t < n; t++) {
        targets[t] = refs.get(spec.targetTasks()[t]);
        remote[t] = FrameSplitter.isRemote(targets[t]);
        credits[t] = initialCredits;
        pending[t] = new ArrayDeque<>();
      }
      this.partitioner = spec.exchange() instanceof Exchange.Hash h ? new HashPartitioner(h.keyColumns(), n) : null;
      this.nextRoundRobin = spec.senderIndex() % n;
    }

    void emit(Batch batch) {
      Exchange exchange = spec.exchange();
      if (exchange instanceof Exchange.Hash) {
        Batch[] parts = partitioner.split(batch);
        for (int t = 0; t < parts.length; t++) {
          if (parts[t] != null) {
            offerData(t, parts[t], null);
          }
        }
      } else if (exchange instanceof Exchange.Broadcast) {
        TaskMessage.Data data = new TaskMessage.Data(batch);
        List<Batch> pieces = null;
        for (int t = 0; t < targets.length; t++) {
          if (remote[t]) {
            if (pieces == null) {
              pieces = frames.split(batch, "task " + spec.targetTasks()[t]);
            }
            offerData(t, batch, pieces);
          } else {
            offer(t, data);
          }
        }
      } else if (exchange instanceof Exchange.RoundRobin) {
        int t = nextRoundRobin;
        nextRoundRobin = (nextRoundRobin + 1) % targets.length;
        offerData(t, batch, null);
      } else {
        offerData(0, batch, null);
      }
    }

    /** Offers {@code batch} to {@code target}: whole when local, else as {@code pieces} (cut now when null). */
    private void offerData(int target, Batch batch, List<Batch> pieces) {
      if (!remote[target]) {
        offer(target, new TaskMessage.Data(batch));
        return;
      }
      List<Batch> cut = pieces != null ? pieces : frames.split(batch, "task " + spec.targetTasks()[target]);
      for (Batch piece : cut) {
        offer(target, new TaskMessage.Data(piece));
      }
    }

    void offer(int target, TaskMessage message) {
      if (pending[target].isEmpty() && canSend(target, message)) {
        send(target, message);
      } else {
        pending[target].add(message);
        queued++;
      }
    }

    void flush(int target) {
      ArrayDeque<TaskMessage> queue = pending[target];
      while (!queue.isEmpty() && canSend(target, queue.peek())) {
        queued--;
        send(target, queue.poll());
      }
    }

    private boolean canSend(int target, TaskMessage message) {
      return !(message instanceof TaskMessage.Data) || credits[target] > 0;
    }

    private void send(int target, TaskMessage message) {
      if (message instanceof TaskMessage.Data) {
        credits[target]--;
      }
      targets[target].tell(new TaskActor.Deliver(spec.targetChannels()[target], index, target, message, self,
          attempt));
    }
  }
}
