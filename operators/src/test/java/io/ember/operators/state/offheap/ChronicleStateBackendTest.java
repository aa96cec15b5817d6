package io.ember.operators.state.offheap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.StateBackend;
import io.ember.operators.state.StateTable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ChronicleStateBackendTest {
  static Stream<StateBackend> backends() {
    return Stream.of(HeapStateBackend.INSTANCE, ChronicleStateBackend.INSTANCE);
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void keysCompareByContent(StateBackend backend) {
    try (StateTable t = backend.createTable("t", 10, 8, 8)) {
      t.put(b("k1"), b("v1"));
      assertArrayEquals(b("v1"), t.get(b("k1")), "a different array with the same content finds the entry");
      t.put(b("k1"), b("v1-longer"));
      assertArrayEquals(b("v1-longer"), t.get(b("k1")));
      assertEquals(1, t.size());
      assertNull(t.get(b("k2")));
      assertTrue(t.remove(b("k1")));
      assertFalse(t.remove(b("k1")));
      assertEquals(0, t.size());
    }
  }

  @ParameterizedTest
  @MethodSource("backends")
  void forEachRemoveIfAndClearSeeEveryEntry(StateBackend backend) {
    try (StateTable t = backend.createTable("t", 100, 8, 8)) {
      for (int i = 0; i < 100; i++) {
        t.put(b("key" + i), b("value" + i));
      }
      Map<String, String> seen = new HashMap<>();
      t.forEach((k, v) -> seen.put(new String(k, StandardCharsets.UTF_8), new String(v, StandardCharsets.UTF_8)));
      assertEquals(100, seen.size());
      assertEquals("value42", seen.get("key42"));
      long removed = t.removeIf((k, v) -> new String(k, StandardCharsets.UTF_8).endsWith("7"));
      assertEquals(10, removed);
      assertEquals(90, t.size());
      assertNull(t.get(b("key17")));
      assertArrayEquals(b("value18"), t.get(b("key18")));
      assertTrue(t.memoryBytes() > 0);
      t.clear();
      assertEquals(0, t.size());
      assertNull(t.get(b("key18")));
    }
  }

  @Test
  void growsByRebuildingIntoALargerMapWhenFull() {
    ChronicleStateTable t = (ChronicleStateTable) ChronicleStateBackend.INSTANCE.createTable("small", 10, 8, 8);
    try {
      long initial = t.capacity();
      assertEquals(ChronicleStateTable.MIN_ENTRIES, initial);
      assertEquals(0, t.memoryBytes(), "no map before the first insert");
      t.put(b("first"), b("entry"));
      long memoryBefore = t.memoryBytes();
      assertTrue(memoryBefore > 0);
      t.remove(b("first"));
      Random r = new Random(7);
      Map<String, byte[]> expected = new HashMap<>();
      int n = (int) (initial * 20);
      for (int i = 0; i < n; i++) {
        byte[] value = new byte[8 + r.nextInt(24)];
        r.nextBytes(value);
        expected.put("key-" + i, value);
        t.put(b("key-" + i), value);
      }
      assertTrue(t.growths() > 0, "the map must have been rebuilt");
      assertTrue(t.capacity() >= n, "capacity " + t.capacity() + " for " + n + " entries");
      assertTrue(t.memoryBytes() > memoryBefore);
      assertEquals(n, t.size());
      expected.forEach((k, v) -> assertArrayEquals(v, t.get(b(k)), k));
    } finally {
      t.close();
    }
  }

  @Test
  void growsForAnEntryFarLargerThanTheSizesItWasMadeFor() {
    try (StateTable t = ChronicleStateBackend.INSTANCE.createTable("tiny-values", 10, 4, 4)) {
      byte[] big = new byte[1 << 20];
      new Random(3).nextBytes(big);
      t.put(b("big"), big);
      t.put(b("small"), b("x"));
      assertArrayEquals(big, t.get(b("big")));
      assertArrayEquals(b("x"), t.get(b("small")));
    }
  }

  @Test
  void closeReleasesTheMap() {
    StateTable t = ChronicleStateBackend.INSTANCE.createTable("closed", 10, 8, 8);
    t.put(b("a"), b("b"));
    t.close();
    t.close(); // closing twice is harmless
    assertThrows(RuntimeException.class, () -> t.get(b("a")));
    assertEquals("offheap", ChronicleStateBackend.INSTANCE.name());
  }
}
