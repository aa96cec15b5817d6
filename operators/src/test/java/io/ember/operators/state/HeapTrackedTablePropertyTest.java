package io.ember.operators.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The heap backend's tracked table against a plain sorted map, epoch by epoch: random puts, removes, removeIfs and
 * clears (key spaces from a few keys to tens of thousands, so tables grow and tracking gives up); after each write,
 * a delta section lists exactly the keys changed since the last write (a whole section when tracking gave up, after
 * a clear or when asked), the chain of sections applied to a fresh table and its compaction (whole deltas among the
 * sections included) both give the model, and rolling back over one or several generations gives the model of that
 * snapshot, after which the chain continues from it.
 */
class HeapTrackedTablePropertyTest {
  static Stream<Long> seeds() {
    return Seeds.of("HeapTrackedTablePropertyTest", 30);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void sectionsCompactionAndRollbackMatchTheModel(long seed) {
    Seeds.check(seed, random -> run(random, false));
  }

  /**
   * As {@link #sectionsCompactionAndRollbackMatchTheModel}, with keys in windows: the operations change the keys of
   * the last few windows, and a step may open a window and evict the oldest one, removing every key of it (so the
   * table's tombstones are emptied at the next write's new round); deltas, compaction and rollbacks across those
   * evictions, to before and after them, match the model.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void windowsEvictedInBulkKeepSectionsAndRollbacksRight(long seed) {
    Seeds.check(seed, random -> run(random, true));
  }

  private static void run(Random random, boolean windows) {
    HeapTrackedTable table = new HeapTrackedTable();
    SortedMap<ByteBuffer, ByteBuffer> model = new TreeMap<>();
    List<byte[]> chain = new ArrayList<>(); // a whole section (maybe compacted), then deltas
    List<Long> epochs = new ArrayList<>(); // the epochs written, the chain's last sections' the last ones
    List<SortedMap<ByteBuffer, ByteBuffer>> snapshots = new ArrayList<>(); // the model at each of epochs
    int keySpace = Gen.oneOf(random, 8, 500, 20_000);
    int perWindow = windows ? Gen.oneOf(random, 20, 400, 3000) : 0;
    int oldest = 0; // the live windows, windows only
    int newest = 0;
    int steps = Gen.between(random, 1, windows ? 24 : 14);
    long epoch = 0;
    boolean whole = true; // the model's view of whether the next section must be whole
    Set<ByteBuffer> changed = new HashSet<>();
    for (int step = 0; step < steps; step++) {
      int ops = Gen.between(random, 0, Gen.oneOf(random, 5, 300, 6000));
      if (windows && random.nextBoolean()) {
        newest++;
        if (newest - oldest > 2) { // evict the oldest window: every key of it goes
          List<ByteBuffer> hit = new ArrayList<>();
          for (int id = 0; id < perWindow; id++) {
            byte[] key = ByteBuffer.allocate(4).putInt(oldest * perWindow + id).array();
            if (model.remove(ByteBuffer.wrap(key)) != null) {
              hit.add(ByteBuffer.wrap(key));
            }
            table.remove(key);
          }
          oldest++;
          whole = track(whole, changed, hit, model.size());
        }
      }
      for (int i = 0; i < ops; i++) {
        int n = windows
            ? Gen.between(random, oldest, newest) * perWindow + random.nextInt(perWindow)
            : random.nextInt(keySpace);
        byte[] key = ByteBuffer.allocate(4).putInt(n).array();
        ByteBuffer k = ByteBuffer.wrap(key);
        int op = random.nextInt(1000);
        List<ByteBuffer> hit = new ArrayList<>();
        if (windows ? op < 800 : op < 600) {
          byte[] value = new byte[Gen.between(random, 0, 10)];
          random.nextBytes(value);
          table.put(key, value);
          model.put(k, ByteBuffer.wrap(value));
          hit.add(k);
        } else if (op < 990) {
          if (model.remove(k) != null) {
            hit.add(k);
          }
          table.remove(key);
        } else if (op < 998) {
          int mod = Gen.between(random, 2, 9);
          table.removeIf((kk, v) -> ByteBuffer.wrap(kk).getInt() % mod == 0);
          for (var it = model.keySet().iterator(); it.hasNext(); ) {
            ByteBuffer m = it.next();
            if (m.getInt(0) % mod == 0) {
              hit.add(m);
              it.remove();
            }
          }
        } else {
          table.clear();
          model.clear();
          whole = true;
          changed.clear();
        }
        whole = track(whole, changed, hit, model.size());
      }
      assertEquals(model, table.contents(), "the table after step " + step);
      assertEquals(whole ? -1 : changed.size(), table.changedKeys(), "keys tracked as changed");
      if (random.nextInt(4) > 0) {
        boolean full = random.nextInt(8) == 0;
        Output out = new Output(64, -1);
        table.write(out, full, epoch);
        byte[] section = out.toBytes();
        if (!whole && !full) {
          assertEquals(changed, keysOf(section), "a delta holds exactly the keys changed");
        }
        if (chain.isEmpty()) {
          chain.add(section);
        } else if (random.nextInt(6) == 0) {
          chain = new ArrayList<>(List.of(merge(chain), section));
        } else {
          chain.add(section);
        }
        epochs.add(epoch);
        snapshots.add(new TreeMap<>(model));
        assertEquals(model, applied(chain), "the chain of sections up to epoch " + epoch);
        assertEquals(model, applied(List.of(merge(chain))), "the compacted chain up to epoch " + epoch);
        epoch++;
        whole = false;
        changed.clear();
      }
      long[] reachable = table.undoEpochs();
      if (reachable.length > 0 && random.nextInt(3) == 0) {
        long target = reachable[random.nextInt(reachable.length)];
        assertTrue(reachable.length <= UndoLog.MAX_GENERATIONS);
        table.rollBack(target);
        int at = epochs.indexOf(target);
        model = new TreeMap<>(snapshots.get(at));
        assertEquals(model, table.contents(), "rolled back to epoch " + target);
        int keep = chain.size() - (epochs.size() - 1 - at); // the chain's sections align with epochs' last ones
        epochs = new ArrayList<>(epochs.subList(0, at + 1));
        snapshots = new ArrayList<>(snapshots.subList(0, at + 1));
        if (keep <= 0) { // the compacted part of the chain reaches past the target: restart it from there
          Output out = new Output(64, -1);
          table.write(out, true, epoch);
          chain = new ArrayList<>(List.of(out.toBytes()));
          epochs.add(epoch);
          snapshots.add(new TreeMap<>(model));
          epoch++;
        } else {
          chain = new ArrayList<>(chain.subList(0, keep));
        }
        whole = false;
        changed.clear();
        assertEquals(0, table.changedKeys(), "nothing is changed right after a rollback");
      }
    }
    table.close();
  }

  /**
   * The model's view of whether the next section must be whole after the keys {@code hit} changed in a table of
   * {@code size} entries: tracking gives up once enough keys changed and they outnumber the entries.
   */
  private static boolean track(boolean whole, Set<ByteBuffer> changed, List<ByteBuffer> hit, int size) {
    for (ByteBuffer h : hit) {
      if (!whole && changed.add(h) && changed.size() >= TrackedTable.MIN_TRACKED && changed.size() > size) {
        whole = true;
      }
    }
    return whole;
  }

  @Test
  void sectionsWrittenToAStreamEqualThoseWrittenToAnArray() {
    HeapTrackedTable table = new HeapTrackedTable();
    HeapTrackedTable twin = new HeapTrackedTable(); // the same changes, written to a stream
    List<byte[]> toArray = new ArrayList<>();
    List<byte[]> toStream = new ArrayList<>();
    for (int epoch = 0; epoch < 3; epoch++) {
      for (HeapTrackedTable t : List.of(table, twin)) {
        for (int i = 0; i < 5000; i += 1 + epoch) {
          t.put(ByteBuffer.allocate(4).putInt(i).array(), new byte[(i + epoch) % 300]);
        }
        t.remove(ByteBuffer.allocate(4).putInt(10 + epoch).array());
      }
      Output array = new Output(8, -1); // grows while written
      table.write(array, false, epoch);
      toArray.add(array.toBytes());
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Output stream = new Output(bytes, 64);
      twin.write(stream, false, epoch);
      stream.flush();
      toStream.add(bytes.toByteArray());
    }
    for (int i = 0; i < toArray.size(); i++) {
      assertArrayEquals(toArray.get(i), toStream.get(i), "section " + i);
    }
    assertEquals(table.contents(), applied(toArray));
  }

  /** The keys a section lists. */
  private static Set<ByteBuffer> keysOf(byte[] section) {
    Input in = new Input(section);
    in.readBoolean();
    Set<ByteBuffer> keys = new HashSet<>();
    for (long n = in.readVarLong(true); n > 0; n--) {
      assertTrue(keys.add(ByteBuffer.wrap(TrackedTable.readKey(in))), "a key listed twice");
      TrackedTable.readValue(in);
    }
    return keys;
  }

  private static SortedMap<ByteBuffer, ByteBuffer> applied(List<byte[]> chain) {
    HeapTrackedTable fresh = new HeapTrackedTable();
    for (byte[] section : chain) {
      fresh.apply(new Input(section));
    }
    return fresh.contents();
  }

  private static byte[] merge(List<byte[]> chain) {
    Output out = new Output(64, -1);
    SectionMerge.mergeTable(chain.stream().map(Input::new).toList(), out);
    return out.toBytes();
  }
}
