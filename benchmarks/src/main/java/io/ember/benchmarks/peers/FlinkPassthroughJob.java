package io.ember.benchmarks.peers;

import io.ember.benchmarks.e2e.JobOutput;
import io.ember.benchmarks.stream.StreamEvents;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * S0 on Flink 2 (DataStream API, MiniCluster, parallelism from the master): {@code fromSequence(0, N-1)} → the
 * events of {@link io.ember.benchmarks.stream.StreamEvents} → {@code ts, auction, price * 0.908} → a counting
 * sink that drops the records; all chained into one task per slot. Arguments: {@code <master> <events>}.
 * Prints the records the sink saw and {@code events_per_s} (first event generated to the last writer's end of
 * input).
 */
public final class FlinkPassthroughJob {
  private FlinkPassthroughJob() {}

  public static void main(String[] args) throws Exception {
    long events = Long.parseLong(args[1]);
    long start = System.nanoTime();
    StreamExecutionEnvironment env = FlinkEnvironments.local(FlinkEnvironments.parallelism(args[0]));
    long queryStart = System.nanoTime();
    env.fromSequence(0, events - 1)
        .map(i -> {
          FlinkEnvironments.firstEvent();
          return Tuple3.of(StreamEvents.ts(i), StreamEvents.auction(i), StreamEvents.price(i));
        })
        .returns(Types.TUPLE(Types.LONG, Types.LONG, Types.LONG))
        .map(e -> Tuple3.of(e.f0, e.f1, e.f2 * 0.908))
        .returns(Types.TUPLE(Types.LONG, Types.LONG, Types.DOUBLE))
        .sinkTo(new FlinkSinks.Counting<>());
    env.execute("s0-passthrough");
    long end = System.nanoTime();
    new JobOutput().row(Long.toString(FlinkSinks.COUNTED.get()))
        .figure("events_per_s", FlinkEnvironments.eventsPerSecond(events))
        .print(queryStart - start, end - queryStart);
  }
}
