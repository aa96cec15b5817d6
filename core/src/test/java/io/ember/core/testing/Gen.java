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
  private static final Integer[] INT_EDGES = {0, 1, -1, 2, -2, Integer.MIN_VALUE, Integer.MIN_VALUE + 1,
      Integer.MAX_VALUE, Integer.MAX_VALUE - 1};
  private static final Long[] LONG_EDGES = {0L, 1L, -1L, 2L, -2L, Long.MIN_VALUE, Long.MIN_VALUE + 1,
      Long.MAX_VALUE, Long.MAX_VALUE - 1, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE};
  private static final Double[] DOUBLE_EDGES = {0.0, -0.0, 1.0, -1.0, 0.1, Double.MIN_VALUE, -Double.MIN_VALUE,
      Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 1e7, 1e-3, 0x1p53};

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

  /** Any int; one in five is an edge (zero, one, minus one, the extremes and their neighbours). */
  public static int anyInt(Random random) {
    return random.nextInt(5) == 0 ? oneOf(random, INT_EDGES) : random.nextInt();
  }

  /** Any long; one in five is an edge (zero, one, minus one, the extremes and their neighbours). */
  public static long anyLong(Random random) {
    return random.nextInt(5) == 0 ? oneOf(random, LONG_EDGES) : random.nextLong();
  }

  /**
   * Any finite double (never NaN or infinite): an edge (signed zeros, ones, the smallest and largest
   * magnitudes), a decimal with two fraction digits, or any bit pattern of any exponent.
   */
  public static double anyDouble(Random random) {
    int kind = random.nextInt(5);
    if (kind == 0) {
      return oneOf(random, DOUBLE_EDGES);
    } else if (kind == 1) {
      return random.nextLong() / 100.0;
    }
    double d = Double.longBitsToDouble(random.nextLong());
    return Double.isFinite(d) ? d : random.nextGaussian();
  }

  /**
   * A string of at most {@code maxCodePoints} code points, each ASCII (printable or control), Latin, Greek or
   * Cyrillic, any other BMP character, or supplementary (often from a cased script, so case mapping applies).
   * Never an unpaired surrogate.
   */
  public static String string(Random random, int maxCodePoints) {
    int n = betweenWithEdges(random, 0, maxCodePoints);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.appendCodePoint(codePoint(random));
    }
    return sb.toString();
  }

  private static int codePoint(Random random) {
    int kind = random.nextInt(20);
    if (kind < 9) {
      return between(random, 0x20, 0x7e);
    } else if (kind < 10) {
      return between(random, 0x00, 0x1f);
    } else if (kind < 14) {
      return between(random, 0x80, 0x52f);
    } else if (kind < 17) {
      int c;
      do {
        c = between(random, 0x80, 0xffff);
      } while (Character.isSurrogate((char) c));
      return c;
    } else if (kind < 19) {
      return between(random, 0x10400, 0x1044f);
    }
    return between(random, 0x10000, Character.MAX_CODE_POINT);
  }

  /** A list of at most {@code maxSize} ints, each uniform in {@code [min, max]}. */
  public static List<Integer> ints(Random random, int maxSize, int min, int max) {
    return listOf(random, maxSize, () -> between(random, min, max));
  }
}
