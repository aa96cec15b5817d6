package io.ember.benchmarks.peers;

import io.ember.benchmarks.e2e.JobOutput;
import io.ember.benchmarks.stream.StreamEvents;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * S1 on Flink 2 (DataStream API, MiniCluster): {@code fromSequence} → events → bounded-out-of-orderness
 * watermarks of 2 s on {@code ts} → {@code keyBy(auction)} → 10 s tumbling event-time windows with an incremental
 * count + max aggregate → the rows of {@link StreamEvents#windowRow}, collected. Flink closes every window at the
 * end of a bounded input (it emits the final watermark), so it emits one window more than Spark and Ember.
 * Arguments: {@code <master> <events> [<source partitions>]} (the parallelism of source, events and
 * watermarks; the windows run at the master's). Flink's watermark is the least over the source subtasks, so no
 * row is late however far one subtask runs ahead; late rows are not counted here ({@code late_rows} is not
 * printed).
 */
public final class FlinkWindowJob {
  private static final TypeInformation<long[]> LONGS = PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO;

  private FlinkWindowJob() {}

  /** count and max(price). */
  static final class CountMax implements AggregateFunction<Tuple3<Long, Long, Long>, long[], long[]> {
    @Override
    public long[] createAccumulator() {
      return new long[] {0, Long.MIN_VALUE};
    }

    @Override
    public long[] add(Tuple3<Long, Long, Long> e, long[] acc) {
      acc[0]++;
      acc[1] = Math.max(acc[1], e.f2);
      return acc;
    }

    @Override
    public long[] getResult(long[] acc) {
      return acc;
    }

    @Override
    public long[] merge(long[] a, long[] b) {
      return new long[] {a[0] + b[0], Math.max(a[1], b[1])};
    }
  }

  /** Adds the window start and the auction. */
  static final class Format extends ProcessWindowFunction<long[], String, Long, TimeWindow> {
    @Override
    public void process(Long auction, Context ctx, Iterable<long[]> results, Collector<String> out) {
      long[] r = results.iterator().next();
      out.collect(StreamEvents.windowRow(ctx.window().getStart() * 1000, auction, r[0], r[1]));
    }
  }

  public static void main(String[] args) throws Exception {
    long events = Long.parseLong(args[1]);
    long start = System.nanoTime();
    StreamExecutionEnvironment env = FlinkEnvironments.local(FlinkEnvironments.parallelism(args[0]));
    long queryStart = System.nanoTime();
    WatermarkStrategy<Tuple3<Long, Long, Long>> watermarks = WatermarkStrategy
        .<Tuple3<Long, Long, Long>>forBoundedOutOfOrderness(Duration.ofMillis(StreamEvents.WATERMARK_DELAY_MICROS / 1000))
        .withTimestampAssigner((e, t) -> e.f0 / 1000);
    int sourcePartitions = args.length > 2 ? Integer.parseInt(args[2]) : FlinkEnvironments.parallelism(args[0]);
    env.fromSequence(0, events - 1)
        .setParallelism(sourcePartitions)
        .map(i -> {
          FlinkEnvironments.firstEvent();
          return Tuple3.of(StreamEvents.ts(i), StreamEvents.auction(i), StreamEvents.price(i));
        })
        .returns(Types.TUPLE(Types.LONG, Types.LONG, Types.LONG))
        .setParallelism(sourcePartitions)
        .assignTimestampsAndWatermarks(watermarks)
        .setParallelism(sourcePartitions)
        .keyBy(e -> e.f1, Types.LONG)
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(StreamEvents.WINDOW_MICROS / 1000)))
        .aggregate(new CountMax(), new Format(), LONGS, LONGS, Types.STRING)
        .sinkTo(new FlinkSinks.Collecting());
    env.execute("s1-window");
    long end = System.nanoTime();
    List<String> rows = FlinkSinks.collected().stream()
        .sorted((a, b) -> {
          String[] x = a.split(",");
          String[] y = b.split(",");
          int c = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
          return c != 0 ? c : Long.compare(Long.parseLong(x[1]), Long.parseLong(y[1]));
        })
        .toList();
    JobOutput out = new JobOutput();
    rows.forEach(out::row);
    out.figure("events_per_s", FlinkEnvironments.eventsPerSecond(events))
        .figure("windows", StreamEvents.windowCount(rows))
        .print(queryStart - start, end - queryStart);
  }
}
