package io.ember.operators.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.operators.state.offheap.ChronicleStateBackend;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random put/remove/removeIf/clear sequences cut into epochs: after each epoch a chain of one full write and the
 * deltas after it, applied in order to fresh tables (or compacted first), gives exactly the tables' contents and a
 * plain reference map's, on the heap and off it.
 */
class TrackedStatePropertyTest {
  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    List<Long> seeds = Seeds.of("TrackedStatePropertyTest", 40).toList();
    for (int i = 0; i < seeds.size(); i++) {
      // off-heap maps cost more to make: a quarter of the seeds run there too
      out.add(Arguments.of(seeds.get(i), HeapStateBackend.INSTANCE));
      if (i % 4 == 0) {
        out.add(Arguments.of(seeds.get(i), ChronicleStateBackend.INSTANCE));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "seed {0} on {1}")
  @MethodSource("cases")
  void deltaChainsRestoreTheContents(long seed, StateBackend backend) {
    Seeds.check(seed, random -> {
      TrackedState state = new TrackedState(backend);
      StateTable[] tables = {state.createTable("a", 64, 4, 4), state.createTable("b", 64, 4, 4)};
      // restores reuse these: a chain starts with whole sections, which replace what the tables held
      TrackedState fromChain = new TrackedState(backend);
      TrackedState fromCompacted = new TrackedState(backend);
      StateTable[] targets = {fromChain.createTable("a", 64, 4, 4), fromChain.createTable("b", 64, 4, 4),
          fromCompacted.createTable("a", 64, 4, 4), fromCompacted.createTable("b", 64, 4, 4)};
      List<SortedMap<ByteBuffer, ByteBuffer>> reference = List.of(new TreeMap<>(), new TreeMap<>());
      List<byte[]> chain = new ArrayList<>();
      int keySpace = Gen.oneOf(random, 8, 64, 3000);
      int epochs = Gen.between(random, 1, 12);
      try {
        for (int e = 0; e < epochs; e++) {
          int ops = Gen.between(random, 0, Gen.oneOf(random, 5, 200, 2500));
          for (int i = 0; i < ops; i++) {
            int t = random.nextInt(2);
            change(random, tables[t], reference.get(t), keySpace);
          }
          Output out = new Output(64, -1);
          state.write(out, chain.isEmpty() || random.nextInt(10) == 0, chain.size());
          chain.add(out.toBytes());
          assertEquals(reference, state.contents(), "tables vs reference after epoch " + e);
          assertEquals(reference, restored(fromChain, chain), "delta chain of " + chain.size());
          Output compacted = new Output(64, -1);
          TrackedState.compact(inputs(chain), compacted);
          assertEquals(reference, restored(fromCompacted, List.of(compacted.toBytes())), "compacted chain");
          if (random.nextInt(4) == 0) {
            chain = new ArrayList<>(List.of(compacted.toBytes()));
          }
        }
      } finally {
        for (StateTable t : tables) {
          t.close();
        }
        for (StateTable t : targets) {
          t.close();
        }
      }
    });
  }

  private static void change(Random random, StateTable table, SortedMap<ByteBuffer, ByteBuffer> reference,
      int keySpace) {
    byte[] key = ByteBuffer.allocate(4).putInt(random.nextInt(keySpace)).array();
    int op = random.nextInt(100);
    if (op < 60) {
      byte[] value = new byte[Gen.between(random, 0, 12)];
      random.nextBytes(value);
      table.put(key, value);
      reference.put(ByteBuffer.wrap(key), ByteBuffer.wrap(value));
    } else if (op < 95) {
      assertEquals(reference.remove(ByteBuffer.wrap(key)) != null, table.remove(key));
    } else if (op < 99) {
      int mod = Gen.between(random, 2, 5);
      long removed = table.removeIf((k, v) -> ByteBuffer.wrap(k).getInt() % mod == 0);
      long expected = reference.keySet().stream().filter(k -> k.getInt(0) % mod == 0).count();
      reference.keySet().removeIf(k -> k.getInt(0) % mod == 0);
      assertEquals(expected, removed);
    } else {
      table.clear();
      reference.clear();
    }
  }

  private static List<SortedMap<ByteBuffer, ByteBuffer>> restored(TrackedState target, List<byte[]> chain) {
    for (Input in : inputs(chain)) {
      target.apply(in);
    }
    return target.contents();
  }

  private static List<Input> inputs(List<byte[]> chain) {
    return chain.stream().map(Input::new).toList();
  }

  @Test
  void aDeltaHoldsOnlyTheChangedKeys() {
    TrackedState state = new TrackedState(HeapStateBackend.INSTANCE);
    StateTable t = state.createTable("t", 64, 4, 4);
    for (int i = 0; i < 10_000; i++) {
      t.put(ByteBuffer.allocate(4).putInt(i).array(), new byte[16]);
    }
    Output full = new Output(64, -1);
    state.write(full, false, 0); // the first write is whole whatever is asked
    for (int i = 0; i < 100; i++) {
      t.put(ByteBuffer.allocate(4).putInt(i).array(), new byte[16]);
    }
    t.remove(ByteBuffer.allocate(4).putInt(5000).array());
    assertEquals(101, state.changedKeys());
    Output delta = new Output(64, -1);
    state.write(delta, false, 1);
    assertEquals(0, state.changedKeys());
    assertTrue(delta.position() * 50 < full.position(), delta.position() + " vs " + full.position());
  }

  @Test
  void trackingCountsItsMemoryAndGivesUpWhenMoreKeysChangedThanTheTableHolds() {
    StateTable inner = HeapStateBackend.INSTANCE.createTable("t", 64, 4, 4);
    TrackedTable t = new TrackedTable(inner);
    t.write(new Output(64, -1), true, 0);
    for (int i = 0; i < 10; i++) {
      t.put(ByteBuffer.allocate(4).putInt(i).array(), new byte[1]);
    }
    assertEquals(10, t.changedKeys());
    assertEquals(inner.memoryBytes() + 10 * TrackedTable.TRACKING_BYTES_PER_KEY + 10 * (UndoLog.BYTES_PER_ENTRY + 4),
        t.memoryBytes(), "tracked keys and their before-images (absent) in the undo log");
    for (int i = 0; i < TrackedTable.MIN_TRACKED + 10; i++) {
      byte[] k = ByteBuffer.allocate(4).putInt(1000 + i).array();
      t.put(k, new byte[1]);
      t.remove(k);
    }
    assertEquals(10, t.size());
    assertEquals(-1, t.changedKeys(), "the next section is whole");
    assertEquals(inner.memoryBytes(), t.memoryBytes(), "no tracking memory once it gave up");
  }

  @Test
  void applyingSectionsOfAnotherTableCountFails() {
    TrackedState two = new TrackedState(HeapStateBackend.INSTANCE);
    two.createTable("a", 1, 1, 1);
    two.createTable("b", 1, 1, 1);
    Output out = new Output(64, -1);
    two.write(out, true, 0);
    TrackedState one = new TrackedState(HeapStateBackend.INSTANCE);
    one.createTable("a", 1, 1, 1);
    assertThrows(IllegalStateException.class, () -> one.apply(new Input(out.toBytes())));
  }
}
