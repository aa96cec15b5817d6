package io.ember.core.testing;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Reproducible seeds for randomized JUnit cases.
 *
 * <p>A property test is a {@code @ParameterizedTest} over a {@code @MethodSource} that returns
 * {@link #of(String, int)}; its body runs inside {@link #check(long, Consumer)}, which hands it a {@link Random}
 * for the seed and names the seed in any failure:
 *
 * <pre>{@code
 * static Stream<Long> seeds() { return Seeds.of("sort", 200); }
 *
 * @ParameterizedTest(name = "seed {0}")
 * @MethodSource("seeds")
 * void sortAgreesWithReference(long seed) {
 *   Seeds.check(seed, random -> { ... });
 * }
 * }</pre>
 *
 * <p>The seeds of a stream depend only on {@link #BASE_SEED}, the stream's name and its position, so every run
 * checks the same cases. Setting the system property {@link #SEED_PROPERTY} (for example
 * {@code mvn test -Dember.test.seed=42}) makes every stream yield just that seed, to rerun a reported failure.
 */
public final class Seeds {
  /** The seed every stream is derived from. */
  public static final long BASE_SEED = 0x5EED_2026_11_26L;
  /** System property that replaces every stream by one given seed. */
  public static final String SEED_PROPERTY = "ember.test.seed";

  private Seeds() {}

  /**
   * {@code count} seeds derived from {@link #BASE_SEED} and {@code name}; tests use distinct names so that they do
   * not share cases. Yields only the seed of {@link #SEED_PROPERTY} when that property is set.
   */
  public static Stream<Long> of(String name, int count) {
    String fixed = System.getProperty(SEED_PROPERTY);
    if (fixed != null && !fixed.isBlank()) {
      return Stream.of(Long.decode(fixed.trim()));
    }
    return new SplittableRandom(BASE_SEED ^ name.hashCode()).longs(count).boxed();
  }

  /**
   * Runs {@code property} with a {@link Random} seeded by {@code seed}. Any failure, assertion or exception, is
   * rethrown as an {@link AssertionError} whose message starts with the seed and says how to rerun it; the
   * original failure is its cause.
   */
  public static void check(long seed, Consumer<Random> property) {
    try {
      property.accept(new Random(seed));
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("Failed for seed " + seed + " (rerun only it with -D" + SEED_PROPERTY + "=" + seed
          + "): " + e.getMessage(), e);
    }
  }
}
