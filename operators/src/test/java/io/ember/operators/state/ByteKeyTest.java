package io.ember.operators.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ByteKeyTest {
  @Test
  void keysOfEqualContentAreEqual() {
    for (int n = 0; n < 20; n++) {
      byte[] a = new byte[n];
      for (int i = 0; i < n; i++) {
        a[i] = (byte) (i * 37 + n);
      }
      ByteKey k = new ByteKey(a);
      ByteKey same = new ByteKey(a.clone());
      assertEquals(k, same);
      assertEquals(k.hashCode(), same.hashCode());
      assertEquals(ByteKey.hash(a), k.hashCode());
      if (n > 0) {
        byte[] other = a.clone();
        other[n - 1]++;
        assertNotEquals(k, new ByteKey(other));
      }
    }
  }

  @Test
  void encodedConsecutiveLongsSpreadOverHashes() {
    // Arrays.hashCode gives these 1.5M keys about 29k distinct values; a content hash must keep nearly all apart.
    int keys = 1_500_000;
    Set<Integer> hashes = new HashSet<>();
    for (long v = 0; v < keys; v++) {
      hashes.add(ByteKey.hash(ByteBuffer.allocate(8).putLong(v).array()));
    }
    assertTrue(hashes.size() > keys * 0.999, "only " + hashes.size() + " distinct hashes of " + keys + " keys");
  }

  @Test
  void lengthTakesPartInTheHash() {
    assertNotEquals(ByteKey.hash(new byte[0]), ByteKey.hash(new byte[1]));
    assertNotEquals(ByteKey.hash(new byte[8]), ByteKey.hash(new byte[9]));
  }
}
