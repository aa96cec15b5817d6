package io.ember.benchmarks.peers;

import io.ember.benchmarks.stream.LatencyJobs;
import io.ember.benchmarks.stream.LatencyRecorder;
import io.ember.benchmarks.stream.StreamEvents;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Latency on Flink 2: a {@code DataGeneratorSource} of {@code rate * seconds} events throttled by
 * {@code RateLimiterStrategy.perSecond(rate)} (split over the subtasks), each stamped with the wall clock when
 * the generator makes it (µs) → S0's projection → a sink writer recording arrival minus stamp per row
 * ({@link LatencyRecorder}); all chained, so no network buffer (and no buffer timeout) lies between source and
 * sink. Arguments: {@code <master> <rate> <seconds> <warmupSeconds>}.
 */
public final class FlinkLatencyJob {
  private FlinkLatencyJob() {}

  public static void main(String[] args) throws Exception {
    long rate = Long.parseLong(args[1]);
    long seconds = Long.parseLong(args[2]);
    long warmup = Long.parseLong(args[3]);
    long events = rate * seconds;
    long start = System.nanoTime();
    StreamExecutionEnvironment env = FlinkEnvironments.local(FlinkEnvironments.parallelism(args[0]));
    long queryStart = System.nanoTime();
    LatencyRecorder recorder = LatencyRecorder.install(rate * warmup, events);
    GeneratorFunction<Long, Tuple3<Long, Long, Long>> generator =
        i -> Tuple3.of(LatencyRecorder.nowMicros(), StreamEvents.auction(i), StreamEvents.price(i));
    DataGeneratorSource<Tuple3<Long, Long, Long>> source = new DataGeneratorSource<>(generator, events,
        RateLimiterStrategy.perSecond(rate), Types.TUPLE(Types.LONG, Types.LONG, Types.LONG));
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "events")
        .map(e -> Tuple3.of(e.f0, e.f1, e.f2 * 0.908))
        .returns(Types.TUPLE(Types.LONG, Types.LONG, Types.DOUBLE))
        .sinkTo(new FlinkSinks.Latency());
    env.execute("latency");
    long end = System.nanoTime();
    LatencyJobs.print(recorder, queryStart - start, end - queryStart);
  }
}
