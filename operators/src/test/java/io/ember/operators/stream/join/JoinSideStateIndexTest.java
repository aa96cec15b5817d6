package io.ember.operators.stream.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.TrackedState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random appends, evictions, snapshots, restores from chains of deltas and in-place rollbacks on one join side:
 * the eviction index always records exactly what the rows table holds, and every eviction removes exactly the
 * rows a reference model (rows per key in arrival order) says are expired, in key byte order then arrival order
 * (or, for an unordered eviction, keys in any order and each key's rows in arrival order).
 */
class JoinSideStateIndexTest {
  private static final String NAME = "side";

  static Stream<Long> seeds() {
    return Seeds.of("JoinSideStateIndexTest", 60);
  }

  /** The side under test with the tracked state that snapshots its tables. */
  private static final class Instance {
    TrackedState tables;
    JoinSideState side;

    Instance(TrackedState tables) {
      this.tables = tables;
      this.side = new JoinSideState(tables, NAME);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void indexFollowsTheTablesThroughSnapshotsRestoresAndRollbacks(long seed) {
    Seeds.check(seed, random -> {
      Instance live = new Instance(new TrackedState(HeapStateBackend.INSTANCE));
      TreeMap<Integer, List<long[]>> model = new TreeMap<>(); // key -> rows {time, payload}, arrival order
      List<byte[]> chain = new ArrayList<>(); // chain.get(e): the snapshot of epoch e
      List<TreeMap<Integer, List<long[]>>> models = new ArrayList<>();
      long payload = 0;
      long evictedUpTo = Long.MIN_VALUE;
      int steps = Gen.between(random, 20, 120);
      for (int step = 0; step < steps; step++) {
        int op = random.nextInt(10);
        if (op < 5) {
          int key = random.nextInt(8);
          long time = random.nextInt(10) == 0 ? Long.MAX_VALUE : Gen.between(random, 0, 200);
          live.side.append(keyBytes(key), random.nextBoolean(), time, payloadBytes(++payload));
          model.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {time, payload});
        } else if (op < 7) {
          long threshold = Math.max(evictedUpTo, Gen.between(random, -10, 210));
          evictedUpTo = threshold;
          List<Long> removed = new ArrayList<>();
          Map<Long, Integer> keyOf = keysByPayload(model);
          boolean ordered = random.nextBoolean();
          long n = live.side.evict(threshold, v -> removed.add(payloadOf(v)), ordered);
          List<Long> expected = evictModel(model, threshold);
          if (ordered) {
            assertEquals(expected, removed, "evicted at " + threshold);
          } else {
            // keys in any order, each key's rows in arrival order (payloads grow with arrival)
            assertEquals(new TreeMap<>(byKey(expected, keyOf)), new TreeMap<>(byKey(removed, keyOf)),
                "evicted at " + threshold + " without order");
          }
          assertEquals(expected.size(), n);
        } else if (op < 8) {
          Output out = new Output(256, -1);
          live.tables.write(out, random.nextInt(5) == 0, chain.size());
          chain.add(out.toBytes());
          models.add(copy(model));
        } else if (op < 9 && !chain.isEmpty()) {
          int epoch = random.nextInt(chain.size());
          live.side.close();
          live = new Instance(new TrackedState(HeapStateBackend.INSTANCE));
          for (byte[] bytes : chain.subList(0, epoch + 1)) {
            live.tables.apply(new Input(bytes));
          }
          live.side.invalidateIndex();
          chain.subList(epoch + 1, chain.size()).clear();
          models.subList(epoch + 1, models.size()).clear();
          model = copy(models.get(epoch));
        } else if (!chain.isEmpty()) {
          int epoch = chain.size() - 1 - random.nextInt(Math.min(chain.size(), 3));
          if (!live.tables.canRollBackTo(epoch)) {
            continue;
          }
          TrackedState kept = live.tables.keepForRollback();
          live.side.close();
          live = new Instance(kept);
          kept.rollBackTo(epoch);
          live.side.invalidateIndex();
          chain.subList(epoch + 1, chain.size()).clear();
          models.subList(epoch + 1, models.size()).clear();
          model = copy(models.get(epoch));
        }
        assertTrue(live.side.indexMatchesTable(), "index after step " + step);
        assertEquals(model.values().stream().mapToLong(List::size).sum(), live.side.size());
      }
      List<Long> rest = new ArrayList<>();
      live.side.evict(Long.MAX_VALUE, v -> rest.add(payloadOf(v)));
      assertEquals(evictModel(model, Long.MAX_VALUE), rest, "everything left");
      assertTrue(live.side.indexMatchesTable());
      live.side.close();
    });
  }

  /**
   * Rows of a key evicted out of arrival order leave gaps in its sequence numbers: an eviction removes exactly the
   * expired rows' table entries and writes none of the survivors, appends and probes after it see the survivors in
   * arrival order, and a rebuild from the table (as after a restore) lists the same rows.
   */
  @ParameterizedTest
  @MethodSource("gapSeeds")
  void evictionRemovesExpiredRowsWithoutRewritingSurvivors(long seed) {
    Seeds.check(seed, random -> {
      CountingBackend backend = new CountingBackend();
      JoinSideState side = new JoinSideState(backend, NAME);
      TreeMap<Integer, List<long[]>> model = new TreeMap<>();
      long payload = 0;
      long threshold = Long.MIN_VALUE;
      for (int round = 0; round < 12; round++) {
        for (int r = Gen.between(random, 0, 30); r > 0; r--) {
          int key = random.nextInt(4);
          long time = Math.max(threshold + 1, Gen.between(random, 0, 400)); // never expired on arrival
          side.append(keyBytes(key), false, time, payloadBytes(++payload));
          model.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {time, payload});
        }
        threshold = Math.max(threshold, Gen.between(random, -10, 410));
        backend.puts = 0;
        backend.removes = 0;
        List<Long> removed = new ArrayList<>();
        side.evict(threshold, v -> removed.add(payloadOf(v)));
        assertEquals(evictModel(model, threshold), removed);
        assertEquals(0, backend.puts, "survivors are not rewritten");
        assertEquals(removed.size(), backend.removes, "one removal per evicted row");
        for (int key = 0; key < 4; key++) {
          assertEquals(payloads(model.get(key)), storedPayloads(side, key), "rows of key " + key);
        }
        if (random.nextInt(4) == 0) {
          side.invalidateIndex(); // rebuilt from the table with its gaps, as after a restore
        }
        assertTrue(side.indexMatchesTable());
      }
      side.close();
    });
  }

  static Stream<Long> gapSeeds() {
    return Seeds.of("JoinSideStateIndexTest.gaps", 40);
  }

  /** The payloads a probe of {@code key} reads, in the order it reads them. */
  private static List<Long> storedPayloads(JoinSideState side, int key) {
    byte[] k = keyBytes(key);
    int id = side.find(k, io.ember.operators.state.ByteKey.hash(k));
    List<Long> out = new ArrayList<>();
    for (int row = side.firstRow(id); row != JoinRowIndex.NONE; row = side.nextRow(row)) {
      out.add(payloadOf(side.get(side.rowKey(id, row))));
    }
    return out;
  }

  private static List<Long> payloads(List<long[]> rows) {
    List<Long> out = new ArrayList<>();
    if (rows != null) {
      rows.forEach(r -> out.add(r[1]));
    }
    return out;
  }

  /** Heap tables that count the writes and removals made through them. */
  private static final class CountingBackend implements io.ember.operators.state.StateBackend {
    long puts;
    long removes;

    @Override
    public io.ember.operators.state.StateTable createTable(String name, long expectedEntries, int averageKeyBytes,
        int averageValueBytes) {
      io.ember.operators.state.StateTable t =
          HeapStateBackend.INSTANCE.createTable(name, expectedEntries, averageKeyBytes, averageValueBytes);
      return new io.ember.operators.state.StateTable() {
        @Override
        public byte[] get(byte[] key) {
          return t.get(key);
        }

        @Override
        public void put(byte[] key, byte[] value) {
          puts++;
          t.put(key, value);
        }

        @Override
        public boolean remove(byte[] key) {
          removes++;
          return t.remove(key);
        }

        @Override
        public byte[] replace(io.ember.operators.state.ByteKey key, byte[] value) {
          puts++;
          return t.replace(key, value);
        }

        @Override
        public byte[] removeValue(io.ember.operators.state.ByteKey key) {
          removes++;
          return t.removeValue(key);
        }

        @Override
        public void forEach(java.util.function.BiConsumer<byte[], byte[]> visitor) {
          t.forEach(visitor);
        }

        @Override
        public long removeIf(java.util.function.BiPredicate<byte[], byte[]> test) {
          long n = t.removeIf(test);
          removes += n;
          return n;
        }

        @Override
        public long size() {
          return t.size();
        }

        @Override
        public long memoryBytes() {
          return t.memoryBytes();
        }

        @Override
        public void clear() {
          t.clear();
        }

        @Override
        public void close() {
          t.close();
        }
      };
    }

    @Override
    public String name() {
      return "counting";
    }
  }

  /** Removes the model's rows at or before {@code threshold}; returns their payloads in eviction order. */
  private static List<Long> evictModel(TreeMap<Integer, List<long[]>> model, long threshold) {
    List<Long> out = new ArrayList<>();
    // keys are small non-negative ints written big-endian: their unsigned byte order is their numeric order
    for (var it = model.entrySet().iterator(); it.hasNext();) {
      List<long[]> rows = it.next().getValue();
      rows.removeIf(r -> {
        if (r[0] <= threshold) {
          out.add(r[1]);
          return true;
        }
        return false;
      });
      if (rows.isEmpty()) {
        it.remove();
      }
    }
    return out;
  }

  private static Map<Long, Integer> keysByPayload(TreeMap<Integer, List<long[]>> model) {
    Map<Long, Integer> out = new HashMap<>();
    model.forEach((k, rows) -> rows.forEach(r -> out.put(r[1], k)));
    return out;
  }

  /** The payloads of each key, in the order given. */
  private static Map<Integer, List<Long>> byKey(List<Long> payloads, Map<Long, Integer> keyOf) {
    Map<Integer, List<Long>> out = new HashMap<>();
    for (long p : payloads) {
      out.computeIfAbsent(keyOf.get(p), k -> new ArrayList<>()).add(p);
    }
    return out;
  }

  private static TreeMap<Integer, List<long[]>> copy(TreeMap<Integer, List<long[]>> model) {
    TreeMap<Integer, List<long[]>> out = new TreeMap<>();
    model.forEach((k, rows) -> out.put(k, new ArrayList<>(rows)));
    return out;
  }

  /**
   * An eviction that leaves the index mostly empty (its arrays never shrink) has the side rebuild it from the table at
   * its next use: the rebuilt index is small again and lists the survivors of every key in arrival order.
   */
  @org.junit.jupiter.api.Test
  void aMostlyEmptyIndexIsRebuiltSmall() {
    JoinSideState side = new JoinSideState(new TrackedState(HeapStateBackend.INSTANCE), NAME);
    int rows = 8 * JoinRowIndex.SPARSE_MIN_ROWS;
    TreeMap<Integer, List<long[]>> model = new TreeMap<>();
    for (int r = 0; r < rows; r++) {
      int key = r % 97;
      side.append(keyBytes(key), false, r, payloadBytes(r));
      model.computeIfAbsent(key, k -> new ArrayList<>()).add(new long[] {r, r});
    }
    side.prepare();
    long before = side.indexMemoryBytes();
    long threshold = rows - rows / 16 - 1;
    assertEquals(evictModel(model, threshold).size(), side.evict(threshold, v -> { }));
    side.prepare();
    assertTrue(side.indexMemoryBytes() < before / 4, side.indexMemoryBytes() + " index bytes after, " + before + " before");
    assertTrue(side.indexMatchesTable());
    for (int key = 0; key < 97; key++) {
      assertEquals(payloads(model.get(key)), storedPayloads(side, key), "rows of key " + key);
    }
    side.close();
  }

  private static byte[] keyBytes(int key) {
    return java.nio.ByteBuffer.allocate(Integer.BYTES).putInt(key).array();
  }

  private static byte[] payloadBytes(long payload) {
    return java.nio.ByteBuffer.allocate(Long.BYTES).putLong(payload).array();
  }

  private static long payloadOf(byte[] stored) {
    return java.nio.ByteBuffer.wrap(stored, JoinSideState.HEADER_BYTES, Long.BYTES).getLong();
  }
}
