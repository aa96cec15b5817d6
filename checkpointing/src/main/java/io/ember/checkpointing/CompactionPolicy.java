package io.ember.checkpointing;

import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.Optional;
import java.util.function.Function;

/**
 * When a task's chain of delta snapshots (a full snapshot, its <em>base</em>, and the deltas after it, each on the
 * one before) is compacted into one full snapshot. The replica stores ({@link AbstractReplicaStore}, and so the peer
 * replicas of cluster mode, whose holders are such stores) and the checkpoint location ({@code StateCompactor}) ask
 * the same rule: {@link #shouldCompact} a chain of {@code deltas} deltas holding {@code deltaBytes} bytes on a base of
 * {@code baseBytes} bytes when
 * <ol>
 *   <li>{@code deltas >= maxDeltas}: restoring reads at most {@code maxDeltas} deltas after a full snapshot, however
 *       small they are; or
 *   <li>{@code deltaBytes > baseBytes}: the deltas outweigh their base, so a chain never holds more than about twice
 *       its state (whatever {@code minDeltas} says); or
 *   <li>{@code deltas >= minDeltas} and {@code deltaBytes >= deltaFraction * baseBytes}: enough was written since the
 *       base. A compaction reads the base and the deltas and writes about the base's size, so with this rule its cost
 *       is at most {@code 2 / deltaFraction + 1} times the bytes of the deltas it compacts: amortized, compaction
 *       costs O(bytes written), not O(state size) per few epochs.
 * </ol>
 * With a base size unknown ({@code baseBytes < 0}: a checkpoint location reopened by a new writer) a chain is
 * compacted once it holds {@code minDeltas} deltas. A store thus holds, per task, its base, less than
 * {@code max(deltaFraction, 1)} times the base in deltas (plus the last delta), and while a compaction runs the new
 * full snapshot: at most about {@code 2 + deltaFraction} times the state.
 *
 * <p>{@code minDeltas} is Spark's {@value #MIN_DELTAS_KEY} (its state store writes a snapshot once that many deltas
 * were written; default {@value #DEFAULT_MIN_DELTAS}); {@value #DELTA_FRACTION_KEY} and {@value #MAX_DELTAS_KEY}
 * are Ember's (Flink's changelog state backend materializes on a timer instead, which neither bounds the bytes
 * written per materialization nor the chain). {@link #everyDeltas} is the count-only rule Spark's state store
 * applies.
 *
 * @param minDeltas deltas a chain holds at least before the size rule compacts it (at least 1)
 * @param deltaFraction the fraction of the base's bytes the deltas must reach (0 to 1; 0: every {@code minDeltas})
 * @param maxDeltas the longest chain of deltas kept (at least {@code minDeltas})
 */
public record CompactionPolicy(int minDeltas, double deltaFraction, int maxDeltas) {
  /** Spark's option for how many deltas a task's state chain holds before a full snapshot is written. */
  public static final String MIN_DELTAS_KEY = "spark.sql.streaming.stateStore.minDeltasForSnapshot";
  /** The fraction of a chain's base its deltas' bytes reach before the chain is compacted. */
  public static final String DELTA_FRACTION_KEY = "ember.checkpoint.snapshotDeltaFraction";
  /** The longest chain of deltas a store keeps before compacting it, whatever their size. */
  public static final String MAX_DELTAS_KEY = "ember.checkpoint.maxDeltasForSnapshot";
  /** Spark's default of {@value #MIN_DELTAS_KEY}. */
  public static final int DEFAULT_MIN_DELTAS = 10;
  /** Default of {@value #DELTA_FRACTION_KEY}. */
  public static final double DEFAULT_DELTA_FRACTION = 0.5;
  /** Default of {@value #MAX_DELTAS_KEY}: 50 s of the default 100 ms epochs. */
  public static final int DEFAULT_MAX_DELTAS = 500;
  /** The rule stores and checkpoint locations use unless told otherwise. */
  public static final CompactionPolicy DEFAULT =
      new CompactionPolicy(DEFAULT_MIN_DELTAS, DEFAULT_DELTA_FRACTION, DEFAULT_MAX_DELTAS);

  public CompactionPolicy {
    if (minDeltas < 1) {
      throw new IllegalArgumentException(MIN_DELTAS_KEY + " must be at least 1, got " + minDeltas);
    }
    if (!(deltaFraction >= 0 && deltaFraction <= 1)) {
      throw new IllegalArgumentException(DELTA_FRACTION_KEY + " must be between 0 and 1, got " + deltaFraction);
    }
    if (maxDeltas < minDeltas) {
      throw new IllegalArgumentException(MAX_DELTAS_KEY + " (" + maxDeltas + ") must be at least " + MIN_DELTAS_KEY
          + " (" + minDeltas + ")");
    }
  }

  /** Spark's count-only rule: compact every {@code minDeltas} deltas, whatever their size. */
  public static CompactionPolicy everyDeltas(int minDeltas) {
    return new CompactionPolicy(minDeltas, 0, minDeltas);
  }

  /**
   * The rule the settings give: each of {@value #MIN_DELTAS_KEY}, {@value #DELTA_FRACTION_KEY} and
   * {@value #MAX_DELTAS_KEY} that {@code settings} has (trimmed), the default for the others; a
   * {@value #MIN_DELTAS_KEY} above the default maximum raises the maximum with it.
   *
   * @throws EmberIllegalArgumentException {@code INVALID_CONF_VALUE} when a value is not a number or out of range,
   *     naming the setting
   */
  public static CompactionPolicy from(Function<String, Optional<String>> settings) {
    int min = parse(settings, MIN_DELTAS_KEY, DEFAULT_MIN_DELTAS, Integer::parseInt);
    double fraction = parse(settings, DELTA_FRACTION_KEY, DEFAULT_DELTA_FRACTION, Double::parseDouble);
    int max = parse(settings, MAX_DELTAS_KEY, Math.max(DEFAULT_MAX_DELTAS, min), Integer::parseInt);
    try {
      return new CompactionPolicy(min, fraction, max);
    } catch (IllegalArgumentException e) {
      throw new EmberIllegalArgumentException("INVALID_CONF_VALUE", e.getMessage() + ".", e);
    }
  }

  private static <T> T parse(Function<String, Optional<String>> settings, String key, T fallback,
      Function<String, T> parser) {
    Optional<String> raw = settings.apply(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      return parser.apply(raw.get().trim());
    } catch (NumberFormatException e) {
      throw new EmberIllegalArgumentException("INVALID_CONF_VALUE", "The value '" + raw.get() + "' of " + key
          + " is not a number.", e);
    }
  }

  /**
   * Whether a chain of {@code deltas} deltas of {@code deltaBytes} bytes in all on a full snapshot of
   * {@code baseBytes} bytes (negative: unknown) is to be compacted now; see the class comment.
   */
  public boolean shouldCompact(int deltas, long deltaBytes, long baseBytes) {
    if (deltas <= 0) {
      return false;
    }
    if (deltas >= maxDeltas) {
      return true;
    }
    if (baseBytes < 0) {
      return deltas >= minDeltas;
    }
    return deltaBytes > baseBytes || (deltas >= minDeltas && deltaBytes >= deltaFraction * baseBytes);
  }
}
