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
 * <p>Owned by one task actor; not thread-safe. Batches are handed over by reference.
 */
final class OutputGates {
  private final Gate[] gates;
  private final ActorRef<TaskActor.Command> self;
  private final int attempt;
  private int queued;

  OutputGates(List<GateSpec> specs, Map<Integer, ActorRef<TaskActor.Command>> refs, int credits,
      ActorRef<TaskActor.Command> self) {
    this(specs, refs, credits, self, 0);
  }

  /** Gates of a task in recovery attempt {@code attempt}, which every message they send carries. */
  OutputGates(List<GateSpec> specs, Map<Integer, ActorRef<TaskActor.Command>> refs, int credits,
      ActorRef<TaskActor.Command> self, int attempt) {
    this.self = self;
    this.attempt = attempt;
    this.gates = new Gate[specs.size()];
    for (int g = 0; g < gates.length; g++) {
      gates[g] = new Gate(g, specs.get(g), refs, credits);
    }
  }

  /** Routes a non-empty batch to its targets on every gate. */
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
      this.credits = new int[n];
      this.pending = new ArrayDeque[n];
      for (int t = 0; t < n; t++) {
        targets[t] = refs.get(spec.targetTasks()[t]);
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
            offer(t, new TaskMessage.Data(parts[t]));
          }
        }
      } else if (exchange instanceof Exchange.Broadcast) {
        TaskMessage.Data data = new TaskMessage.Data(batch);
        for (int t = 0; t < targets.length; t++) {
          offer(t, data);
        }
      } else if (exchange instanceof Exchange.RoundRobin) {
        int t = nextRoundRobin;
        nextRoundRobin = (nextRoundRobin + 1) % targets.length;
        offer(t, new TaskMessage.Data(batch));
      } else {
        offer(0, new TaskMessage.Data(batch));
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
