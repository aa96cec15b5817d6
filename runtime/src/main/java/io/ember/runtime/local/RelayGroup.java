package io.ember.runtime.local;

import io.ember.core.data.Batch;
import java.util.ArrayDeque;

/**
 * The channels of one gate to the tasks of one other node that share a message per node (see
 * {@link ExchangeRelay}): one queue for all of them, so that every message, data or not, leaves in the order it was
 * offered, for every member alike. Credits stay per member (the gate's per-target array): a data message leaves only
 * when every member it carries rows for has a credit, and costs each of them one; a member's credit comes back when
 * that member processed its part. So a slow member holds the group's later messages back, and no member ever has
 * more unprocessed data messages than its credits, as with one queue per channel. Barriers and end-of-input need no
 * credit but wait behind data.
 *
 * <p>Owned by one task's {@link OutputGates}; not thread-safe.
 */
final class RelayGroup {
  /** Sends one message of the group to its node. */
  interface Sink {
    /**
     * Sends {@code message} to every member, or each member {@code i} its {@code slices[i]} (where not null) as a
     * data message; exactly one of the two is set.
     */
    void send(TaskMessage message, Batch[] slices);
  }

  private record Outgoing(TaskMessage message, Batch[] slices) {}

  private final int[] members;
  private final int[] credits;
  private final Sink sink;
  private final ArrayDeque<Outgoing> pending = new ArrayDeque<>();

  /**
   * @param members the gate's target indices of this group's tasks, in the order of the slices
   * @param credits the gate's credits by target index, shared with the gate (members' entries change here)
   */
  RelayGroup(int[] members, int[] credits, Sink sink) {
    this.members = members.clone();
    this.credits = credits;
    this.sink = sink;
  }

  /** The gate's target indices of the members, in slice order. */
  int[] members() {
    return members.clone();
  }

  /**
   * Sends {@code message} to every member (data costs each a credit) now if nothing waits and the credits allow,
   * else queues it.
   *
   * @return true when it was queued
   */
  boolean offer(TaskMessage message) {
    return offer(new Outgoing(message, null));
  }

  /**
   * Sends member {@code i} its {@code slices[i]} (null: nothing), as one message costing each member with a slice one
   * credit, now if nothing waits and the credits allow, else queues it.
   *
   * @return true when it was queued
   */
  boolean offerSlices(Batch[] slices) {
    if (slices.length != members.length) {
      throw new IllegalArgumentException(slices.length + " slices for " + members.length + " members");
    }
    return offer(new Outgoing(null, slices));
  }

  private boolean offer(Outgoing o) {
    if (pending.isEmpty() && canSend(o)) {
      send(o);
      return false;
    }
    pending.add(o);
    return true;
  }

  /**
   * Sends the queued messages that the credits now allow, in order.
   *
   * @return how many left the queue
   */
  int flush() {
    int sent = 0;
    while (!pending.isEmpty() && canSend(pending.peek())) {
      send(pending.poll());
      sent++;
    }
    return sent;
  }

  /** Messages waiting for credit. */
  int queued() {
    return pending.size();
  }

  private boolean canSend(Outgoing o) {
    if (o.slices() != null) {
      for (int i = 0; i < members.length; i++) {
        if (o.slices()[i] != null && credits[members[i]] <= 0) {
          return false;
        }
      }
      return true;
    }
    if (!(o.message() instanceof TaskMessage.Data)) {
      return true;
    }
    for (int m : members) {
      if (credits[m] <= 0) {
        return false;
      }
    }
    return true;
  }

  private void send(Outgoing o) {
    for (int i = 0; i < members.length; i++) {
      if (o.slices() != null ? o.slices()[i] != null : o.message() instanceof TaskMessage.Data) {
        credits[members[i]]--;
      }
    }
    sink.send(o.message(), o.slices());
  }
}
