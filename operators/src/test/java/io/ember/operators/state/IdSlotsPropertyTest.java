package io.ember.operators.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The id slots against a map, their caller holding the keys (ints whose hashes collide often, so probe paths are
 * long): every id is found again through growth, clears, shrinks and removals of other ids, and a key not put (or
 * removed) ends at an empty slot.
 */
class IdSlotsPropertyTest {
  static Stream<Long> seeds() {
    return Seeds.of("IdSlotsPropertyTest", 30);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyIdPutIsFoundOnItsKeysProbePath(long seed) {
    Seeds.check(seed, random -> {
      IdSlots slots = new IdSlots(Gen.oneOf(random, 1, 16, 128));
      List<Integer> keys = new ArrayList<>();
      Map<Integer, Integer> model = new HashMap<>();
      int hashSpace = Gen.oneOf(random, 4, 1000, Integer.MAX_VALUE);
      int rounds = Gen.between(random, 1, 5);
      for (int r = 0; r < rounds; r++) {
        int ops = Gen.between(random, 0, Gen.oneOf(random, 10, 500, 20_000));
        for (int i = 0; i < ops; i++) {
          int key = random.nextInt(50_000);
          int hash = Math.floorMod(key * 0x9E3779B9, hashSpace);
          int s = find(slots, keys, key, hash);
          if (slots.id(s) < 0) {
            model.put(key, keys.size());
            slots.put(s, keys.size(), hash);
            keys.add(key);
          } else {
            assertEquals(model.get(key), slots.id(s), "the id of key " + key);
          }
        }
        assertEquals(model.size(), slots.size());
        for (Map.Entry<Integer, Integer> e : model.entrySet()) {
          int hash = Math.floorMod(e.getKey() * 0x9E3779B9, hashSpace);
          assertEquals(e.getValue(), slots.id(find(slots, keys, e.getKey(), hash)), "key " + e.getKey());
        }
        int before = keys.size();
        if (random.nextBoolean()) {
          slots.clear();
        } else {
          slots.shrink(before);
        }
        keys.clear();
        model.clear();
        assertEquals(0, slots.size());
        assertEquals(-1, slots.id(slots.start(random.nextInt())), "a slot left after emptying");
      }
    });
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void removedIdsAreGoneAndTheOthersStillFound(long seed) {
    Seeds.check(seed, random -> {
      IdSlots slots = new IdSlots(Gen.oneOf(random, 1, 16, 128));
      List<Integer> keys = new ArrayList<>(); // by id; ids of removed keys are not reused here
      Map<Integer, Integer> model = new HashMap<>();
      int hashSpace = Gen.oneOf(random, 4, 1000, Integer.MAX_VALUE);
      int keySpace = Gen.oneOf(random, 20, 2_000, 50_000);
      int ops = Gen.between(random, 0, Gen.oneOf(random, 10, 500, 20_000));
      for (int i = 0; i < ops; i++) {
        int key = random.nextInt(keySpace);
        int hash = Math.floorMod(key * 0x9E3779B9, hashSpace);
        int s = find(slots, keys, key, hash);
        if (slots.id(s) >= 0) {
          assertEquals(model.get(key), slots.id(s), "the id of key " + key);
          if (random.nextInt(3) > 0) {
            slots.remove(s);
            model.remove(key);
          }
        } else if (random.nextInt(4) > 0) {
          model.put(key, keys.size());
          slots.put(s, keys.size(), hash);
          keys.add(key);
        }
        if (i % 97 == 0 || i == ops - 1) {
          assertEquals(model.size(), slots.size());
          for (int k = 0; k < keySpace && k < 3_000; k++) {
            int h = Math.floorMod(k * 0x9E3779B9, hashSpace);
            int id = slots.id(find(slots, keys, k, h));
            assertEquals(model.getOrDefault(k, -1), id, "key " + k + " after " + (i + 1) + " operations");
          }
        }
      }
    });
  }

  @Test
  void theCapacityMustBeAPowerOfTwo() {
    assertThrows(IllegalArgumentException.class, () -> new IdSlots(24));
    assertThrows(IllegalArgumentException.class, () -> new IdSlots(0));
  }

  /** The slot holding {@code key}'s id, or the empty slot ending its probe path. */
  private static int find(IdSlots slots, List<Integer> keys, int key, int hash) {
    int s = slots.start(hash);
    for (int id; (id = slots.id(s)) >= 0; s = slots.next(s)) {
      if (slots.hash(s) == hash && keys.get(id) == key) {
        return s;
      }
    }
    return s;
  }
}
