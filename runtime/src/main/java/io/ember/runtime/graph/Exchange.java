package io.ember.runtime.graph;

import java.util.Arrays;

/** How batches are routed from the tasks of one vertex to the tasks of the next. */
public sealed interface Exchange {
  String explain();

  /** Task i sends to task i (same parallelism on both sides). */
  record Forward() implements Exchange {
    @Override
    public String explain() {
      return "Forward";
    }
  }

  /** Rows go to task {@code hash(keys) mod parallelism}: equal keys meet in one task. */
  record Hash(int[] keyColumns) implements Exchange {
    @Override
    public String explain() {
      return "Exchange hashpartitioning(" + Arrays.toString(keyColumns) + ")";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Hash h && Arrays.equals(keyColumns, h.keyColumns);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(keyColumns);
    }

    @Override
    public String toString() {
      return explain();
    }
  }

  /** Every batch goes to every downstream task (the small side of a broadcast join). */
  record Broadcast() implements Exchange {
    @Override
    public String explain() {
      return "BroadcastExchange";
    }
  }

  /** Batches are dealt to downstream tasks in turn, to spread load. */
  record RoundRobin() implements Exchange {
    @Override
    public String explain() {
      return "Exchange roundrobinpartitioning";
    }
  }

  /** Every batch goes to the single downstream task; order per upstream task is preserved. */
  record Gather() implements Exchange {
    @Override
    public String explain() {
      return "Exchange SinglePartition";
    }
  }
}
