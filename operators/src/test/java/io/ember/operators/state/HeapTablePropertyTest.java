package io.ember.operators.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The heap backend's open-addressing table against a {@link HashMap}: random puts (by bytes and by {@link ByteKey}),
 * removes, removeIfs and clears over key spaces small (tombstones revived over and over) and large (growth), keys of
 * varied lengths, and windows of keys removed in bulk (tombstones emptied at a new round); and its touch marks: in
 * every round each key changed while touching is listed exactly once, and its slot holds the key and its current
 * value.
 */
class HeapTablePropertyTest {
  static Stream<Long> seeds() {
    return Seeds.of("HeapTablePropertyTest", 30);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void matchesAHashMapAndListsEveryTouchedKeyOnce(long seed) {
    Seeds.check(seed, random -> {
      HeapTable table = new HeapTable();
      Map<ByteBuffer, byte[]> model = new HashMap<>();
      Set<ByteBuffer> touched = new HashSet<>(); // keys changed this round while touching
      boolean touching = false;
      int keySpace = Gen.oneOf(random, 4, 100, 5000, 40_000);
      int rounds = Gen.between(random, 1, 8);
      for (int r = 0; r < rounds; r++) {
        touching = random.nextInt(4) > 0;
        table.touching(touching);
        table.nextRound();
        touched.clear();
        int ops = Gen.between(random, 0, Gen.oneOf(random, 10, 1000, 30_000));
        for (int i = 0; i < ops; i++) {
          byte[] key = key(random, keySpace);
          ByteBuffer k = ByteBuffer.wrap(key);
          int op = random.nextInt(1000);
          if (op < 550) {
            byte[] value = new byte[Gen.between(random, 0, 9)];
            random.nextBytes(value);
            if (random.nextBoolean()) {
              assertArrayEquals(model.get(k), table.replace(new ByteKey(key), value));
            } else {
              table.put(key, value);
            }
            model.put(k, value);
            if (touching) {
              touched.add(k);
            }
          } else if (op < 800) {
            byte[] old = model.remove(k);
            if (random.nextBoolean()) {
              assertArrayEquals(old, table.removeValue(new ByteKey(key)));
            } else {
              assertEquals(old != null, table.remove(key));
            }
            if (touching && old != null) {
              touched.add(k);
            }
          } else if (op < 998) {
            assertArrayEquals(model.get(k), random.nextBoolean() ? table.get(key) : table.get(new ByteKey(key)));
          } else if (op < 999) {
            int mod = Gen.between(random, 2, 7);
            long removed = table.removeIf((kk, v) -> (kk[kk.length - 1] & 0xff) % mod == 0);
            long expected = 0;
            for (var it = model.keySet().iterator(); it.hasNext(); ) {
              ByteBuffer m = it.next();
              if ((m.get(m.limit() - 1) & 0xff) % mod == 0) {
                it.remove();
                expected++;
                if (touching) {
                  touched.add(m);
                }
              }
            }
            assertEquals(expected, removed);
          } else {
            table.clear();
            model.clear();
            touched.clear();
          }
        }
        assertMatches(table, model, touched, r);
      }
    });
  }

  /**
   * Windows of keys inserted and then removed in bulk, as a windowed aggregation evicts them: each round inserts (and
   * updates) the keys of a new window and removes every key of the window two before it. A new round empties the
   * tombstones once they hold more than one slot in {@link HeapTable#PURGE_SHARE}; lookups, reinserted keys, growth
   * and the touched list stay right across those purges.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void bulkRemovalsArePurgedAtTheNextRound(long seed) {
    Seeds.check(seed, random -> {
      HeapTable table = new HeapTable();
      Map<ByteBuffer, byte[]> model = new HashMap<>();
      int windows = Gen.between(random, 3, 14);
      int perWindow = Gen.oneOf(random, 5, 200, 4000);
      boolean purged = false;
      for (int w = 0; w < windows; w++) {
        boolean touching = random.nextInt(5) > 0;
        table.touching(touching);
        int before = table.tombstones();
        int capacity = table.capacity();
        boolean shrinks = capacity > HeapTable.SHRINK_MIN_CAPACITY
            && (long) table.size() * HeapTable.SHRINK_SHARE < capacity;
        table.nextRound();
        if (shrinks) {
          assertEquals(0, table.tombstones(), "a shrinking round drops the tombstones");
          assertTrue(table.capacity() < capacity, "slots given back");
          assertTrue((table.size() + 1) * 2L <= table.capacity(), "at most half full after shrinking");
        } else if ((long) before * HeapTable.PURGE_SHARE > capacity) {
          assertEquals(0, table.tombstones(), "a new round empties the tombstones beyond the purge share");
          assertEquals(capacity, table.capacity(), "emptied in place");
          purged = true;
        } else {
          assertEquals(before, table.tombstones(), "a new round keeps tombstones within the purge share");
        }
        Set<ByteBuffer> touched = new HashSet<>();
        int n = Gen.between(random, perWindow / 2, perWindow);
        for (int i = 0; i < 2 * n; i++) {
          byte[] key;
          if (random.nextInt(8) == 0 && w >= 2) { // a key of an evicted window comes back
            key = windowKey(w - 2 - random.nextInt(Math.min(w - 1, 3)), random.nextInt(n));
          } else {
            key = windowKey(w, random.nextInt(n));
          }
          byte[] value = new byte[Gen.between(random, 1, 9)];
          random.nextBytes(value);
          table.put(key, value);
          model.put(ByteBuffer.wrap(key), value);
          if (touching) {
            touched.add(ByteBuffer.wrap(key));
          }
        }
        if (w >= 2) {
          for (int i = 0; i < perWindow; i++) {
            byte[] key = windowKey(w - 2, i);
            byte[] old = model.remove(ByteBuffer.wrap(key));
            assertArrayEquals(old, table.removeValue(new ByteKey(key)));
            if (touching && old != null) {
              touched.add(ByteBuffer.wrap(key));
            }
          }
        }
        for (int i = 0; i < 50; i++) {
          byte[] key = windowKey(random.nextInt(w + 1), random.nextInt(perWindow));
          assertArrayEquals(model.get(ByteBuffer.wrap(key)), table.get(key));
        }
        assertMatches(table, model, touched, w);
      }
      if (windows >= 6 && perWindow >= 200) {
        assertTrue(purged, "evicted windows' tombstones were emptied at some round");
      }
    });
  }

  /** The table holds the model, and lists each key touched this round exactly once with its current value. */
  private static void assertMatches(HeapTable table, Map<ByteBuffer, byte[]> model, Set<ByteBuffer> touched,
      int round) {
    assertEquals(model.size(), table.size());
    Map<ByteBuffer, byte[]> seen = new HashMap<>();
    table.forEach((k, v) -> assertNull(seen.put(ByteBuffer.wrap(k), v), "a key visited twice"));
    assertEquals(model.keySet(), seen.keySet());
    model.forEach((k, v) -> assertArrayEquals(v, seen.get(k)));
    Set<ByteBuffer> listed = new HashSet<>();
    for (int i = 0; i < table.touchedCount(); i++) {
      int s = table.touched()[i];
      ByteBuffer k = ByteBuffer.wrap(table.keyAt(s));
      assertTrue(listed.add(k), "a slot listed twice");
      assertArrayEquals(model.get(k), table.valueAt(s), "a listed slot holds the current value");
    }
    assertEquals(touched, listed, "the touched keys of round " + round);
  }

  private static byte[] windowKey(int window, int id) {
    return ByteBuffer.allocate(8).putInt(window).putInt(id).array();
  }

  /**
   * A state that shrank after a burst gives its slots back at the next round, and stays right: every live key is
   * found with its value, removed keys are gone and come back when put again, and the round's touch marks work.
   */
  @Test
  void aTableThatShrankGivesItsSlotsBackAtTheNextRound() {
    HeapTable table = new HeapTable();
    table.touching(true);
    int keys = 20_000;
    for (int i = 0; i < keys; i++) {
      table.put(key(i), key(-i));
    }
    table.nextRound();
    int full = table.capacity();
    for (int i = 0; i < keys; i++) {
      if (i % 100 != 0) {
        assertArrayEquals(key(-i), table.removeValue(new ByteKey(key(i))));
      }
    }
    assertEquals(full, table.capacity(), "no shrinking within a round");
    table.nextRound();
    assertTrue(table.capacity() * 16 <= full, table.capacity() + " slots left of " + full);
    assertEquals(0, table.tombstones());
    assertEquals(keys / 100, table.size());
    for (int i = 0; i < keys; i++) {
      assertArrayEquals(i % 100 == 0 ? key(-i) : null, table.get(key(i)), "key " + i);
    }
    table.put(key(1), key(7));
    assertTrue(table.firstTouch(), "a put after the shrink touches its slot in the new round");
    assertArrayEquals(key(7), table.get(key(1)));
    assertEquals(1, table.touchedCount());
  }

  @Test
  void growthKeepsTouchedTombstonesAndDropsTheOthers() {
    HeapTable table = new HeapTable();
    table.touching(true);
    for (int i = 0; i < 1000; i++) {
      table.put(key(i), new byte[] {(byte) i});
    }
    table.nextRound();
    for (int i = 0; i < 500; i++) {
      assertTrue(table.remove(key(i)));
    }
    table.touching(false);
    for (int i = 500; i < 600; i++) {
      assertTrue(table.remove(key(i))); // tombstones no round holds: growth may drop them
    }
    int capacity = table.capacity();
    for (int i = 0; i < 50_000; i++) {
      table.put(key(100_000 + i), new byte[0]);
    }
    assertTrue(table.capacity() > capacity);
    assertEquals(500, table.touchedCount(), "the keys removed while touching are still listed");
    for (int i = 0; i < 500; i++) {
      int s = table.touched()[i];
      assertArrayEquals(key(i), table.keyAt(s));
      assertNull(table.valueAt(s));
    }
    assertEquals(50_400, table.size());
    assertFalse(table.remove(key(550)));
    assertArrayEquals(new byte[] {(byte) 700}, table.get(key(700)));
  }

  /** A key of 1 to 20 bytes that encodes {@code n} in its last bytes (so keys of one n but two lengths differ). */
  private static byte[] key(Random random, int keySpace) {
    int n = random.nextInt(keySpace);
    byte[] k = new byte[1 + Math.floorMod(n * 7, 20)];
    for (int i = 0; i < k.length; i++) {
      k[k.length - 1 - i] = (byte) (n >>> (8 * Math.min(i, 3)));
    }
    return k;
  }

  private static byte[] key(int n) {
    return ByteBuffer.allocate(4).putInt(n).array();
  }
}
