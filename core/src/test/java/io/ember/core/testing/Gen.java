package io.ember.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Small value generators over a seeded {@link Random}, for randomized tests (see {@link Seeds}). Sizes and bounded
 * integers favour their edges (an empty list, a full one, the bounds of a range), where bugs tend to live.
 */
public final class Gen {
  /** Chance, per edge, that {@link #betweenWithEdges} returns that bound rather than a uniform draw. */
  private static final double EDGE_CHANCE = 0.1;

  private Gen() {}

  /** A uniform int in {@code [min, max]}, both inclusive. */
  public static int between(Random random, int min, int max) {
    if (min > max) {
      throw new IllegalArgumentException("min " + min + " > max " + max);
    }
    return min + random.nextInt(max - min + 1);
  }

  /** An int in {@code [min, max]} that is {@code min} or {@code max} more often than a uniform draw would be. */
  public static int betweenWithEdges(Random random, int min, int max) {
    double edge = random.nextDouble();
    if (edge < EDGE_CHANCE) {
      return min;
    }
    if (edge < 2 * EDGE_CHANCE) {
      return max;
    }
    return between(random, min, max);
  }

  /** {@code value}, or null with probability {@code nullChance}; {@code value} is drawn either way. */
  public static <T> T orNull(Random random, double nullChance, T value) {
    return random.nextDouble() < nullChance ? null : value;
  }

  /** One of {@code values}, uniformly. */
  @SafeVarargs
  public static <T> T oneOf(Random random, T... values) {
    return values[random.nextInt(values.length)];
  }

  /** One constant of {@code type}, uniformly. */
  public static <E extends Enum<E>> E oneOf(Random random, Class<E> type) {
    return oneOf(random, type.getEnumConstants());
  }

  /** A list of at most {@code maxSize} elements drawn from {@code element} (size per {@link #betweenWithEdges}). */
  public static <T> List<T> listOf(Random random, int maxSize, Supplier<T> element) {
    int size = betweenWithEdges(random, 0, maxSize);
    List<T> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(element.get());
    }
    return out;
  }

  /** A list of at most {@code maxSize} ints, each uniform in {@code [min, max]}. */
  public static List<Integer> ints(Random random, int maxSize, int min, int max) {
    return listOf(random, maxSize, () -> between(random, min, max));
  }
}
