package io.ember.benchmarks.peers;

import io.ember.benchmarks.stream.Masters;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Flink environments configured alike for every side-by-side run, and the jobs' shared timing. */
final class FlinkEnvironments {
  /** When the first event was generated in this JVM (nanoTime), 0 before. */
  static final AtomicLong FIRST_EVENT_NANOS = new AtomicLong();
  /** When the last sink writer saw the end of its input (nanoTime), 0 before. */
  static final AtomicLong LAST_END_NANOS = new AtomicLong();

  private FlinkEnvironments() {}

  /**
   * A local streaming environment (a MiniCluster in this JVM, no web UI) with {@code parallelism} slots and
   * object reuse on (chained operators hand records over without copying; Nexmark's Flink setup runs so).
   */
  static StreamExecutionEnvironment local(int parallelism) {
    Configuration conf = new Configuration();
    conf.set(PipelineOptions.OBJECT_REUSE, true);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
    return env;
  }

  /** The parallelism for the harness's master: {@code N} of {@code local[N]}. */
  static int parallelism(String master) {
    return Masters.cores(master);
  }

  /** Notes the first event's time (cheap after the first call). */
  static void firstEvent() {
    if (FIRST_EVENT_NANOS.get() == 0) {
      FIRST_EVENT_NANOS.compareAndSet(0, System.nanoTime());
    }
  }

  /** Notes that a sink writer reached the end of its input. */
  static void inputEnded() {
    LAST_END_NANOS.accumulateAndGet(System.nanoTime(), Math::max);
  }

  /** Events per second from the first generated event to the last writer's end of input; -1 when unknown. */
  static long eventsPerSecond(long events) {
    long first = FIRST_EVENT_NANOS.get();
    long last = LAST_END_NANOS.get();
    return first == 0 || last <= first ? -1 : Math.round(events * 1e9 / (last - first));
  }
}
