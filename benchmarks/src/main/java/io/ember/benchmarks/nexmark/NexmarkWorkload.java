package io.ember.benchmarks.nexmark;

import io.ember.benchmarks.Args;
import io.ember.benchmarks.e2e.Workload;
import java.util.List;

/**
 * S2, one Nexmark query ({@code nexmark-q0} ... {@code nexmark-q8}): {@code --events N} [{@link #defaultEvents}:
 * 40M for q0, q2, q3, q8, 25M for q1, 5M for the others] events of {@link NexmarkGenerator} (rounded up to a
 * multiple of {@code 50 * source partitions}),
 * {@code --inter-event-delay-us D} [10] µs of event time apart (10: 100,000 events per second of event time;
 * Beam's default rate is 10,000), {@code --source-partitions K} [2] reader partitions per stream on every engine, read as fast as
 * the query takes them; Ember's {@link NexmarkJob}, Flink's {@code peers.FlinkNexmarkJob}.
 *
 * <p>The check: every run's digest ({@link RowDigest}) of its final rows must equal the first run's, whichever
 * engine made it (the harness's first run is Ember's), so the engines agree with each other and with themselves
 * from run to run. For windowed queries only the closed rows are compared ({@link NexmarkQueries#cutoffMicros}),
 * and a run with no closed row fails (too few events to compare anything).
 */
public final class NexmarkWorkload implements Workload {
  private final String query;

  /** @param query one of {@link NexmarkQueries#ALL} */
  public NexmarkWorkload(String query) {
    this.query = NexmarkQueries.require(query);
  }

  @Override
  public String name() {
    return "nexmark-" + query;
  }

  @Override
  public String mainClass(String engine) {
    return switch (engine) {
      case "ember" -> "io.ember.benchmarks.nexmark.NexmarkJob";
      case "flink" -> "io.ember.benchmarks.peers.FlinkNexmarkJob";
      default -> throw new IllegalArgumentException("Workload " + name() + " has no job for engine '" + engine + "'");
    };
  }

  @Override
  public List<Figure> figures() {
    return List.of(new Figure("events_per_s", "events/s (job)", 1, 0), new Figure("out_rows", "rows out", 1, 0));
  }

  /**
   * The default length of the event sequence for {@code query}: enough that the faster engine's measured span
   * ({@link NexmarkSpan}) lasts about 20 s on a quiet 2-core machine (well over 10 s), so that the engines' start,
   * the JIT's warm-up and an epoch more or less do not decide the figure. The stateless and light queries run
   * at about 1M events per CPU second on Ember (q1's decimal multiply at 0.7M), so q0, q2, q3 and q8 get 40M
   * events and q1 25M; the heavier stateful queries keep 5M.
   */
  public static long defaultEvents(String query) {
    return switch (NexmarkQueries.require(query)) {
      case "q0", "q2", "q3", "q8" -> 40_000_000L;
      case "q1" -> 25_000_000L;
      default -> 5_000_000L;
    };
  }

  @Override
  public Input prepare(Args args) {
    int partitions = args.getInt("source-partitions", 2);
    long step = (long) NexmarkGenerator.TOTAL * partitions;
    long events = (args.getLong("events", defaultEvents(query)) + step - 1) / step * step;
    long delay = args.getLong("inter-event-delay-us", NexmarkQueries.INTER_EVENT_DELAY_MICROS);
    return new Input(String.format("S2 Nexmark %s: %,d events (persons:auctions:bids 1:3:46, %d µs of event time"
        + " apart), %d source partition(s) per stream, watermark %d s", query, events, delay, partitions,
        NexmarkQueries.WATERMARK_DELAY_MICROS / 1_000_000),
        List.of(query, Long.toString(events), Integer.toString(partitions), Long.toString(delay)), events, 0,
        new AgreementCheck(query));
  }

  /** Compares every run's digest with the first run's (see the class comment). */
  static final class AgreementCheck implements Checker {
    private final boolean windowed;
    private String reference;

    AgreementCheck(String query) {
      this.windowed = NexmarkQueries.timeColumn(query) >= 0;
    }

    @Override
    public synchronized List<String> check(List<String> rows) {
      if (rows.size() != 1 || rows.get(0).split(",").length != 4) {
        return List.of("expected one digest row rows,sum,closed_rows,closed_sum; got " + rows);
      }
      String closed = RowDigest.closedPart(rows.get(0));
      if (windowed && closed.startsWith("0,")) {
        return List.of("no row is final before the cutoff (" + rows.get(0) + "): give more --events");
      }
      if (reference == null) {
        reference = closed;
        return List.of();
      }
      return reference.equals(closed) ? List.of()
          : List.of("digest " + closed + " (rows,hash of the final rows) differs from the first run's " + reference);
    }
  }
}
