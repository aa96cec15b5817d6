package io.ember.runtime.local;

import io.ember.core.data.Batch;
import io.ember.runtime.graph.Exchange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
 * <p>Once per node: on a broadcast or hash gate, the targets on one other node that has an {@link ExchangeRelay}
 * (tasks of a node's task host), when there are two or more, form a {@link RelayGroup}: a broadcast batch travels
 * to that node once, in one message (cut to frames as above) that the node's relay hands to each of them; the hash
 * partitions of one batch for that node's targets travel together in one message ({@link FrameSplitter#packSlices})
 * and are handed out by the relay. Credits stay per target (a message leaves when every target it carries rows for
 * has one, and costs each of them one), and everything else a grouped target gets — barriers, end of input — goes
 * through the relay too, so that the order per channel holds.
 *
 * <p>Owned by one task actor; not thread-safe.
 */
final class OutputGates {
  private final Gate[] gates;
  private final ActorRef<TaskActor.Command> self;
  private final int attempt;
  private final FrameSplitter frames;
  /** The relay of a target's node, null where it has none; null: send to every target directly. */
  private final Function<ActorRef<TaskActor.Command>, ActorRef<ExchangeRelay.Command>> relays;
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
    this(specs, refs, credits, self, attempt, frames, null);
  }

  /**
   * Gates that send to the targets of one other node once per node where {@code relays} names that node's relay (see
   * the class comment); {@code relays} null sends to every target directly.
   */
  OutputGates(List<GateSpec> specs, Map<Integer, ActorRef<TaskActor.Command>> refs, int credits,
      ActorRef<TaskActor.Command> self, int attempt, FrameSplitter frames,
      Function<ActorRef<TaskActor.Command>, ActorRef<ExchangeRelay.Command>> relays) {
    this.self = self;
    this.attempt = attempt;
    this.frames = frames;
    this.relays = relays;
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
        if (gate.groupOf[t] == null) {
          gate.offer(t, message);
        }
      }
      for (RelayGroup group : gate.groups) {
        queueIf(group.offer(message));
      }
    }
  }

  /** Target {@code target} of gate {@code gate} processed one batch; sends what now fits. */
  void credit(int gate, int target) {
    Gate g = gates[gate];
    g.credits[target]++;
    RelayGroup group = g.groupOf[target];
    if (group != null) {
      queued -= group.flush();
    } else {
      g.flush(target);
    }
  }

  private void queueIf(boolean wasQueued) {
    if (wasQueued) {
      queued++;
    }
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
    /** Per target, the group it is sent to through its node's relay; null when sent directly. */
    private final RelayGroup[] groupOf;
    private final List<RelayGroup> groups;
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
      this.groupOf = new RelayGroup[n];
      this.groups = relays != null && (spec.exchange() instanceof Exchange.Broadcast
          || spec.exchange() instanceof Exchange.Hash) ? groupByNode() : List.of();
    }

    /** The groups of two or more remote targets that share a node with a relay (see the class comment). */
    private List<RelayGroup> groupByNode() {
      Map<String, List<Integer>> byRelay = new LinkedHashMap<>();
      Map<String, ActorRef<ExchangeRelay.Command>> relayRefs = new LinkedHashMap<>();
      for (int t = 0; t < targets.length; t++) {
        ActorRef<ExchangeRelay.Command> relay = remote[t] ? relays.apply(targets[t]) : null;
        if (relay != null) {
          String key = relay.path().toString();
          relayRefs.putIfAbsent(key, relay);
          byRelay.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
        }
      }
      List<RelayGroup> out = new ArrayList<>();
      for (Map.Entry<String, List<Integer>> e : byRelay.entrySet()) {
        List<Integer> members = e.getValue();
        if (members.size() < 2) {
          continue;
        }
        int[] indices = members.stream().mapToInt(Integer::intValue).toArray();
        ExchangeRelay.Route[] routes = new ExchangeRelay.Route[indices.length];
        for (int i = 0; i < indices.length; i++) {
          int t = indices[i];
          routes[i] = new ExchangeRelay.Route(targets[t], spec.targetChannels()[t], index, t);
        }
        ActorRef<ExchangeRelay.Command> relay = relayRefs.get(e.getKey());
        RelayGroup group = new RelayGroup(indices, credits, (message, slices) ->
            relay.tell(new ExchangeRelay.Forward(routes, message, slices, self, attempt)));
        for (int t : indices) {
          groupOf[t] = group;
        }
        out.add(group);
      }
      return out;
    }

    /** What the errors of a group's messages call its destination. */
    private String destination(RelayGroup group) {
      StringBuilder names = new StringBuilder("tasks");
      for (int t : group.members()) {
        names.append(' ').append(spec.targetTasks()[t]);
      }
      return names.toString();
    }

    void emit(Batch batch) {
      Exchange exchange = spec.exchange();
      if (exchange instanceof Exchange.Hash) {
        Batch[] parts = partitioner.split(batch);
        for (int t = 0; t < parts.length; t++) {
          if (parts[t] != null && groupOf[t] == null) {
            offerData(t, parts[t], null);
          }
        }
        for (RelayGroup group : groups) {
          int[] members = group.members();
          Batch[] slices = new Batch[members.length];
          boolean any = false;
          for (int i = 0; i < members.length; i++) {
            slices[i] = parts[members[i]];
            any |= slices[i] != null;
          }
          if (any) {
            for (Batch[] message : frames.packSlices(slices, destination(group))) {
              queueIf(group.offerSlices(message));
            }
          }
        }
      } else if (exchange instanceof Exchange.Broadcast) {
        TaskMessage.Data data = new TaskMessage.Data(batch);
        List<Batch> pieces = null;
        for (int t = 0; t < targets.length; t++) {
          if (groupOf[t] != null) {
            continue;
          }
          if (remote[t]) {
            if (pieces == null) {
              pieces = frames.split(batch, "task " + spec.targetTasks()[t]);
            }
            offerData(t, batch, pieces);
          } else {
            offer(t, data);
          }
        }
        for (RelayGroup group : groups) {
          if (pieces == null) {
            pieces = frames.split(batch, destination(group));
          }
          for (Batch piece : pieces) {
            queueIf(group.offer(new TaskMessage.Data(piece)));
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
