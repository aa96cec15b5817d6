package io.ember.operators.stream.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.operators.state.ByteKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The working set's key index against a map and a list: keys of varied lengths (one number in keys of two lengths
 * are two keys), read from a buffer longer than the key or added as {@link ByteKey}s, get dense ids in order of
 * arrival; equal keys get the same id; clears (after small and large sets) start the ids again.
 */
class GroupIndexPropertyTest {
  static Stream<Long> seeds() {
    return Seeds.of("GroupIndexPropertyTest", 20);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void idsFollowArrivalAndEqualKeysShareOne(long seed) {
    Seeds.check(seed, random -> {
      GroupIndex index = new GroupIndex();
      Map<ByteBuffer, Integer> model = new HashMap<>();
      List<ByteBuffer> order = new ArrayList<>();
      int keySpace = Gen.oneOf(random, 3, 300, 50_000);
      int rounds = Gen.between(random, 1, 6);
      for (int r = 0; r < rounds; r++) {
        int ops = Gen.between(random, 0, Gen.oneOf(random, 10, 2000, 60_000));
        for (int i = 0; i < ops; i++) {
          int n = random.nextInt(keySpace);
          byte[] key = new byte[1 + n % 13];
          for (int b = 0; b < key.length; b++) {
            key[key.length - 1 - b] = (byte) (n >>> (8 * Math.min(b, 3)));
          }
          ByteBuffer k = ByteBuffer.wrap(key);
          Integer expected = model.get(k);
          if (random.nextBoolean()) {
            byte[] buffer = new byte[key.length + random.nextInt(8)]; // the key, then bytes of an earlier one
            random.nextBytes(buffer);
            System.arraycopy(key, 0, buffer, 0, key.length);
            int id = index.idOf(buffer, key.length);
            assertEquals(expected == null ? order.size() : expected, id);
          } else {
            ByteKey added = new ByteKey(key);
            assertEquals(expected == null, index.add(added));
            if (expected == null) {
              assertSame(added, index.key(order.size()), "an added key is held as given");
            }
          }
          if (expected == null) {
            model.put(k, order.size());
            order.add(k);
          }
        }
        assertEquals(order.size(), index.size());
        for (int id = 0; id < order.size(); id++) {
          assertArrayEquals(order.get(id).array(), index.keys().get(id).bytes());
        }
        index.clear();
        model.clear();
        order.clear();
        assertEquals(0, index.size());
      }
    });
  }
}
