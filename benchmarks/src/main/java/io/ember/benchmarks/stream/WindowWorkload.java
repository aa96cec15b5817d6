package io.ember.benchmarks.stream;

import io.ember.benchmarks.Args;
import io.ember.benchmarks.e2e.Workload;
import java.util.List;

/**
 * S1: {@code --events N} [20,000,000] {@link StreamEvents} (100 s of event time at 200,000 events per event
 * second), a 2 s watermark on {@code ts}, a 10 s tumbling event-time window, {@code count(*)} and
 * {@code max(price)} per window and auction (1,000 auctions), append mode, {@code --source-partitions K} [2]
 * source partitions (readers) on every engine. The job measures its throughput and prints every emitted row as
 * {@code window_start_us,auction,count,max_price}, sorted; each run is checked against
 * {@link StreamEvents#windowAnswer}: windows an engine emitted must be exact, and every window closed by the
 * watermark one micro-batch before the end (20 s of event time) must be there.
 */
public final class WindowWorkload implements Workload {
  /**
   * The event time one micro-batch (Spark: 4M rows, 20 s) or epoch may span: windows closing later than the
   * last event time minus the delay minus this are optional.
   */
  static final long SLACK_MICROS = 20_000_000;

  @Override
  public String name() {
    return "s1";
  }

  @Override
  public String mainClass(String engine) {
    return switch (engine) {
      case "ember" -> "io.ember.benchmarks.stream.WindowJob";
      case "spark" -> "io.ember.benchmarks.peers.SparkWindowJob";
      case "flink" -> "io.ember.benchmarks.peers.FlinkWindowJob";
      default -> throw new IllegalArgumentException("Workload s1 has no job for engine '" + engine + "'");
    };
  }

  @Override
  public List<Figure> figures() {
    return List.of(new Figure("events_per_s", "events/s (job)", 1, 0), new Figure("windows", "windows emitted", 1, 0),
        new Figure("late_rows", "rows dropped as late", 1, 0));
  }

  @Override
  public Input prepare(Args args) {
    long events = args.getLong("events", 20_000_000L);
    int sourcePartitions = args.getInt("source-partitions", 2);
    return new Input(String.format("S1 10 s tumbling window count + max(price) per auction, 2 s watermark: %,d events,"
        + " %d auctions, %d source partition(s)", events, StreamEvents.AUCTIONS, sourcePartitions),
        List.of(Long.toString(events), Integer.toString(sourcePartitions)), events, 0,
        rows -> StreamEvents.checkWindows(rows, events, SLACK_MICROS));
  }
}
