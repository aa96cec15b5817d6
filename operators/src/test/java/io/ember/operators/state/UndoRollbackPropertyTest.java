package io.ember.operators.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random put/remove/removeIf/clear sequences (put and remove by key bytes, or by {@link ByteKey} through replace and
 * removeValue, whose returned values must be those a get saw before) cut into snapshots, with in-place rollbacks at random points (between
 * snapshots or right after one): rolling the tables back with their undo logs to any snapshot they still reach gives
 * exactly what the full restore (the chain of sections up to that snapshot applied to fresh tables) gives, the
 * operator's replacement gets the same tables back, and the deltas written after the rollback chain onto that
 * snapshot, on the heap and off it.
 */
class UndoRollbackPropertyTest {
  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    List<Long> seeds = Seeds.of("UndoRollbackPropertyTest", 40).toList();
    for (int i = 0; i < seeds.size(); i++) {
      out.add(Arguments.of(seeds.get(i), HeapStateBackend.INSTANCE));
      if (i % 4 == 0) {
        out.add(Arguments.of(seeds.get(i), ChronicleStateBackend.INSTANCE));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "seed {0} on {1}")
  @MethodSource("cases")
  void undoRollbackEqualsTheFullRestore(long seed, StateBackend backend) {
    Seeds.check(seed, random -> {
      TrackedState state = new TrackedState(backend);
      StateTable[] tables = {state.createTable("a", 64, 4, 4), state.createTable("b", 64, 4, 4)};
      TrackedState fresh = new TrackedState(backend);
      StateTable[] targets = {fresh.createTable("a", 64, 4, 4), fresh.createTable("b", 64, 4, 4)};
      List<byte[]> chain = new ArrayList<>(); // section i: the snapshot of epoch i
      int keySpace = Gen.oneOf(random, 8, 64, 3000);
      int steps = Gen.between(random, 1, 16);
      // the last snapshot must stay reachable while no table was cleared and few keys changed since it
      boolean lastReachable = false;
      int opsSinceLast = 0;
      try {
        for (int s = 0; s < steps; s++) {
          int ops = Gen.between(random, 0, Gen.oneOf(random, 5, 200, 1500));
          for (int i = 0; i < ops; i++) {
            int changed = change(random, tables[random.nextInt(2)], keySpace);
            if (changed < 0) {
              lastReachable = false;
            }
            opsSinceLast += Math.max(0, changed);
          }
          if (random.nextInt(3) > 0) {
            Output out = new Output(64, -1);
            state.write(out, chain.isEmpty() || random.nextInt(10) == 0, chain.size());
            chain.add(out.toBytes());
            assertEquals(restored(fresh, chain), state.contents(), "delta chain up to epoch " + (chain.size() - 1));
            lastReachable = true;
            opsSinceLast = 0;
          }
          if (chain.isEmpty() || random.nextInt(3) > 0) {
            continue;
          }
          long last = chain.size() - 1;
          if (lastReachable && opsSinceLast <= TrackedTable.MIN_TRACKED) {
            assertTrue(state.canRollBackTo(last), "the undo log reaches the last snapshot " + last);
          }
          long target = Math.max(0, last - random.nextInt(UndoLog.MAX_GENERATIONS + 1));
          if (!state.canRollBackTo(target)) {
            continue;
          }
          // the operator closes its tables, its replacement creates them again and gets the same ones back
          TrackedState replacement = state.keepForRollback();
          for (StateTable t : tables) {
            t.close();
          }
          StateTable[] again = {replacement.createTable("a", 64, 4, 4), replacement.createTable("b", 64, 4, 4)};
          assertTrue(again[0] == tables[0] && again[1] == tables[1], "the kept tables are handed out again");
          replacement.rollBackTo(target);
          chain = new ArrayList<>(chain.subList(0, (int) target + 1));
          assertEquals(restored(fresh, chain), replacement.contents(), "rolled back to epoch " + target);
          assertTrue(replacement.canRollBackTo(target), "the rolled-back tables still reach epoch " + target);
          state = replacement;
          tables = again;
          lastReachable = true;
          opsSinceLast = 0;
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

  @Test
  void aClearOrARestoreEndsTheUndoLogAndItsMemoryIsCounted() {
    TrackedState state = new TrackedState(HeapStateBackend.INSTANCE);
    StateTable table = state.createTable("a", 64, 4, 4);
    try {
      table.put(key(1), new byte[100]);
      Output out = new Output(64, -1);
      state.write(out, true, 7);
      byte[] full = out.toBytes();
      long before = table.memoryBytes();
      table.put(key(1), new byte[10]);
      // the value shrank by 90 bytes, but its 100-byte before-image stays held by the undo log
      assertTrue(table.memoryBytes() >= before - 90 + 100, "the before-image of key 1 is counted");
      assertTrue(state.canRollBackTo(7));
      assertFalse(state.canRollBackTo(6));
      table.clear();
      assertFalse(state.canRollBackTo(7), "a clear ends the undo log");
      state.apply(new Input(full));
      assertFalse(state.canRollBackTo(7), "tables restored from bytes cannot roll back in place");
      assertThrows(IllegalStateException.class, () -> state.keepForRollback().rollBackTo(7));
    } finally {
      table.close();
    }
  }

  @Test
  void aReplacementThatTakesBackFewerTablesCannotRollBack() {
    TrackedState state = new TrackedState(HeapStateBackend.INSTANCE);
    StateTable a = state.createTable("a", 64, 4, 4);
    StateTable b = state.createTable("b", 64, 4, 4);
    try {
      state.write(new Output(64, -1), true, 0);
      TrackedState replacement = state.keepForRollback();
      a.close();
      b.close();
      assertTrue(replacement.createTable("a-renamed", 64, 4, 4) == a, "kept tables are matched by position");
      assertThrows(IllegalStateException.class, () -> replacement.rollBackTo(0));
    } finally {
      a.close();
      b.close();
    }
  }

  /** One random change; returns at most how many keys it changed, or -1 for a clear. */
  private static int change(Random random, StateTable table, int keySpace) {
    byte[] key = key(random.nextInt(keySpace));
    int op = random.nextInt(100);
    if (op < 60) {
      byte[] value = new byte[Gen.between(random, 0, 12)];
      random.nextBytes(value);
      if (random.nextBoolean()) {
        table.put(key, value);
      } else {
        byte[] before = table.get(key);
        assertArrayEquals(before, table.replace(new ByteKey(key), value), "replace returns the value replaced");
        assertArrayEquals(value, table.get(new ByteKey(key)));
      }
    } else if (op < 96) {
      if (random.nextBoolean()) {
        table.remove(key);
      } else {
        byte[] before = table.get(key);
        assertArrayEquals(before, table.removeValue(new ByteKey(key)), "removeValue returns the value removed");
        assertNull(table.get(key));
      }
    } else if (op < 99) {
      int mod = Gen.between(random, 2, 5);
      table.removeIf((k, v) -> ByteBuffer.wrap(k).getInt() % mod == 0);
      return keySpace;
    } else {
      table.clear();
      return -1;
    }
    return 1;
  }

  private static byte[] key(int k) {
    return ByteBuffer.allocate(4).putInt(k).array();
  }

  private static List<SortedMap<ByteBuffer, ByteBuffer>> restored(TrackedState target, List<byte[]> chain) {
    for (byte[] section : chain) {
      target.apply(new Input(section));
    }
    return target.contents();
  }
}
