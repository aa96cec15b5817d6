package io.ember.benchmarks.nexmark;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The measured span of a Nexmark run, defined alike on every engine and taken inside the job's JVM with the same
 * clock: from the moment a source reader starts making the first event ({@link #eventsRead}: Ember's
 * {@link NexmarkSource} reader per batch, Flink's generator function per event) to the moment the last result rows
 * reached the digest ({@link #rowsDigested}: a {@link RowDigest.Part} flushed holding rows, at the end of an epoch's
 * partition in Ember and at the end of input in Flink). So the span covers reading, the query and the digesting of
 * every output row on both, and leaves out the engines' start and shutdown. {@code events_per_s} is the sequence's
 * events over that span.
 *
 * <p>One span per JVM (each benchmark run has its own JVM): static, thread-safe, {@link #reset} at the job's start.
 */
public final class NexmarkSpan {
  private static final AtomicLong FIRST_EVENT_NANOS = new AtomicLong();
  private static final AtomicLong LAST_DIGESTED_NANOS = new AtomicLong();
  private static volatile boolean started;

  private NexmarkSpan() {}

  /** Forgets any earlier span (tests run several jobs in one JVM). */
  public static void reset() {
    FIRST_EVENT_NANOS.set(0);
    LAST_DIGESTED_NANOS.set(0);
    started = false;
  }

  /** Notes that a reader is making events; only the first call counts (cheap after it: one volatile read). */
  public static void eventsRead() {
    if (!started) {
      FIRST_EVENT_NANOS.compareAndSet(0, System.nanoTime());
      started = true;
    }
  }

  /** Notes that rows reached the digest now. */
  public static void rowsDigested() {
    LAST_DIGESTED_NANOS.accumulateAndGet(System.nanoTime(), Math::max);
  }

  /** The span in ns, or -1 when no event was read or no row digested after it. */
  public static long nanos() {
    long first = FIRST_EVENT_NANOS.get();
    long last = LAST_DIGESTED_NANOS.get();
    return first == 0 || last <= first ? -1 : last - first;
  }

  /** {@code events} over the span, per second; -1 when the span is unknown. */
  public static long eventsPerSecond(long events) {
    long n = nanos();
    return n < 0 ? -1 : Math.round(events * 1e9 / n);
  }
}
