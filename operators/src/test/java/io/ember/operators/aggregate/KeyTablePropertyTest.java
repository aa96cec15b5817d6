package io.ember.operators.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.ColumnVector;
import io.ember.core.data.IntVector;
import io.ember.core.data.LongVector;
import io.ember.core.data.StringVector;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link KeyTable}'s single-key tables ({@link StringKeys}, {@link LongKeys}) against a map from key to first-seen
 * position: random batches drawn from a pool of keys (so keys repeat across and within batches), pools from one
 * key to thousands (the tables grow many times and probe sequences collide), nulls, empty strings, multi-byte
 * UTF-8, keys that differ only in their last byte or length, and for integers 0, negatives and the extremes.
 */
class KeyTablePropertyTest {
  static Stream<Long> stringSeeds() {
    return Seeds.of("key-table-strings", 60);
  }

  static Stream<Long> longSeeds() {
    return Seeds.of("key-table-longs", 60);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("stringSeeds")
  void stringKeysMatchAModel(long seed) {
    Seeds.check(seed, random -> {
      List<String> pool = stringPool(random);
      KeyTable table = new KeyTable(new DataType[] {DataTypes.STRING});
      Map<String, Integer> model = new HashMap<>();
      List<String> order = new ArrayList<>();
      int batches = Gen.between(random, 1, 12);
      for (int b = 0; b < batches; b++) {
        int n = Gen.betweenWithEdges(random, 0, 700);
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
          values[i] = pool.get(random.nextInt(pool.size()));
        }
        int[] ids = new int[n];
        table.findOrInsert(new ColumnVector[] {sliced(values, random)}, n, ids);
        for (int i = 0; i < n; i++) {
          Integer expected = model.computeIfAbsent(values[i], k -> {
            order.add(k);
            return order.size() - 1;
          });
          assertEquals(expected.intValue(), ids[i], "group of '" + values[i] + "'");
        }
        assertEquals(order.size(), table.size());
      }
      StringVector keys = (StringVector) table.keyColumns()[0];
      assertEquals(order.size(), keys.size());
      for (int g = 0; g < order.size(); g++) {
        assertEquals(order.get(g), keys.get(g), "key of group " + g);
      }
      assertTrue(table.estimatedBytes() > 0);
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("longSeeds")
  void integerKeysMatchAModel(long seed) {
    Seeds.check(seed, random -> {
      DataType type = Gen.oneOf(random, DataTypes.LONG, DataTypes.INTEGER, DataTypes.DATE, DataTypes.TIMESTAMP);
      boolean ints = DataTypes.storedAsInt(type);
      List<Long> pool = longPool(random, ints);
      KeyTable table = new KeyTable(new DataType[] {type});
      Map<Long, Integer> model = new HashMap<>();
      List<Long> order = new ArrayList<>();
      int batches = Gen.between(random, 1, 12);
      for (int b = 0; b < batches; b++) {
        int n = Gen.betweenWithEdges(random, 0, 700);
        Long[] values = new Long[n];
        for (int i = 0; i < n; i++) {
          values[i] = pool.get(random.nextInt(pool.size()));
        }
        int[] ids = new int[n];
        table.findOrInsert(new ColumnVector[] {vector(type, values)}, n, ids);
        for (int i = 0; i < n; i++) {
          Integer expected = model.computeIfAbsent(values[i], k -> {
            order.add(k);
            return order.size() - 1;
          });
          assertEquals(expected.intValue(), ids[i], "group of " + values[i]);
        }
        assertEquals(order.size(), table.size());
      }
      ColumnVector keys = table.keyColumns()[0];
      assertEquals(type, keys.type());
      assertEquals(order.size(), keys.size());
      for (int g = 0; g < order.size(); g++) {
        Long expected = order.get(g);
        if (expected == null) {
          assertTrue(keys.isNull(g), "group " + g + " is the null group");
        } else {
          long actual = ints ? ((IntVector) keys).getInt(g) : ((LongVector) keys).getLong(g);
          assertEquals(expected.longValue(), actual, "key of group " + g);
          assertTrue(!keys.isNull(g));
        }
      }
    });
  }

  @Test
  void keysReturnedEarlierStayUnchangedAsTheTableGrows() {
    KeyTable table = new KeyTable(new DataType[] {DataTypes.STRING});
    int[] ids = new int[1];
    table.findOrInsert(new ColumnVector[] {StringVector.of("first")}, 1, ids);
    ColumnVector before = table.keyColumns()[0];
    String[] more = new String[5000];
    for (int i = 0; i < more.length; i++) {
      more[i] = "key-" + i;
    }
    table.findOrInsert(new ColumnVector[] {StringVector.of(more)}, more.length, new int[more.length]);
    table.findOrInsert(new ColumnVector[] {StringVector.of((String) null)}, 1, ids);
    assertEquals(1, before.size());
    assertEquals("first", before.get(0));
    assertTrue(!before.isNull(0));
    assertEquals(5002, table.size());
    assertEquals(5001, ids[0]);
  }

  /** Strings drawn so that near-duplicates are common: prefixes, one-byte changes, multi-byte text, "" and null. */
  private static List<String> stringPool(Random random) {
    int size = Gen.oneOf(random, 1, 3, 40, 500, 3000);
    List<String> pool = new ArrayList<>();
    pool.add(Gen.orNull(random, 0.3, ""));
    while (pool.size() < size) {
      int kind = random.nextInt(6);
      String base = pool.get(random.nextInt(pool.size()));
      base = base == null ? "" : base;
      String s = switch (kind) {
        case 0 -> Gen.string(random, 30);
        case 1 -> base + (char) Gen.between(random, 'a', 'z');
        case 2 -> base.isEmpty() ? "x" : base.substring(0, base.offsetByCodePoints(base.length(), -1));
        case 3 -> "word" + random.nextInt(100_000);
        case 4 -> Gen.string(random, 3);
        default -> base + Gen.string(random, 12);
      };
      pool.add(random.nextInt(50) == 0 ? null : s);
    }
    return pool;
  }

  private static List<Long> longPool(Random random, boolean ints) {
    int size = Gen.oneOf(random, 1, 3, 40, 500, 3000);
    List<Long> pool = new ArrayList<>();
    pool.add(random.nextBoolean() ? null : 0L);
    while (pool.size() < size) {
      long v = switch (random.nextInt(5)) {
        case 0 -> ints ? Gen.anyInt(random) : Gen.anyLong(random);
        case 1 -> random.nextInt(2000) - 1000;
        case 2 -> ints ? Gen.oneOf(random, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1)
            : Gen.oneOf(random, Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L);
        case 3 -> (long) random.nextInt(1 << 20) << 16; // equal low bits
        default -> random.nextInt(100_000);
      };
      pool.add(random.nextInt(50) == 0 ? null : ints ? (long) (int) v : v);
    }
    return pool;
  }

  /** The strings as a vector whose bytes do not start at 0 (a slice of a longer buffer) half of the time. */
  private static StringVector sliced(String[] values, Random random) {
    int pad = random.nextBoolean() ? 0 : Gen.between(random, 1, 9);
    List<byte[]> encoded = new ArrayList<>();
    int total = pad;
    for (String v : values) {
      byte[] b = v == null ? new byte[0] : v.getBytes(StandardCharsets.UTF_8);
      encoded.add(b);
      total += b.length;
    }
    byte[] bytes = new byte[total + pad];
    Arrays.fill(bytes, (byte) 'z');
    int[] offsets = new int[values.length + 1];
    boolean[] nulls = new boolean[values.length];
    int pos = pad;
    offsets[0] = pos;
    for (int i = 0; i < values.length; i++) {
      System.arraycopy(encoded.get(i), 0, bytes, pos, encoded.get(i).length);
      pos += encoded.get(i).length;
      offsets[i + 1] = pos;
      nulls[i] = values[i] == null;
    }
    return new StringVector(bytes, offsets, nulls, values.length);
  }

  private static ColumnVector vector(DataType type, Long[] values) {
    boolean[] nulls = new boolean[values.length];
    for (int i = 0; i < values.length; i++) {
      nulls[i] = values[i] == null;
    }
    if (DataTypes.storedAsInt(type)) {
      int[] ints = new int[values.length];
      for (int i = 0; i < values.length; i++) {
        ints[i] = values[i] == null ? 0 : (int) (long) values[i];
      }
      return new IntVector(type, ints, nulls, values.length);
    }
    long[] longs = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      longs[i] = values[i] == null ? 0 : values[i];
    }
    return new LongVector(type, longs, nulls, values.length);
  }
}
