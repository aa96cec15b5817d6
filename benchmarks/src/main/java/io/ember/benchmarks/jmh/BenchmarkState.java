package io.ember.benchmarks.jmh;

import io.ember.operators.state.StateBackend;
import io.ember.operators.state.StateTable;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * The keyed state the checkpoint benchmarks measure ({@link StateSnapshotBenchmark}, {@link SnapshotCompactionBenchmark}):
 * one table of {@link #KEYS} entries of {@link #KEY_BYTES} + {@link #VALUE_BYTES} bytes, about 100 MB, with random
 * values, of which {@link #CHANGED_PER_EPOCH} random keys change between two checkpoints. Seeded: the same random
 * source gives the same state.
 */
final class BenchmarkState {
  /** Entries in the state table. */
  static final int KEYS = 1_000_000;
  static final int KEY_BYTES = 8;
  /** With the key, about 100 bytes of state per entry: about 100 MB in all. */
  static final int VALUE_BYTES = 92;
  /** Keys changed between two checkpoints: 1%. */
  static final int CHANGED_PER_EPOCH = KEYS / 100;

  private BenchmarkState() {}

  /** A table of this shape, created in {@code tables}' state. */
  static StateTable createTable(StateBackend tables) {
    return tables.createTable("benchmark", KEYS, KEY_BYTES, VALUE_BYTES);
  }

  /** Puts every key into {@code table}, with a random value. */
  static void fill(StateTable table, SplittableRandom random) {
    for (int k = 0; k < KEYS; k++) {
      table.put(key(k), value(random));
    }
  }

  /** Gives {@link #CHANGED_PER_EPOCH} random keys new random values: what changes in one epoch. */
  static void changeOnePercent(StateTable table, SplittableRandom random) {
    for (int i = 0; i < CHANGED_PER_EPOCH; i++) {
      table.put(key(random.nextInt(KEYS)), value(random));
    }
  }

  private static byte[] key(int k) {
    return ByteBuffer.allocate(KEY_BYTES).putLong(k).array();
  }

  private static byte[] value(SplittableRandom random) {
    byte[] v = new byte[VALUE_BYTES];
    for (int i = 0; i < v.length; i += 8) {
      long r = random.nextLong();
      for (int j = i; j < Math.min(v.length, i + 8); j++) {
        v[j] = (byte) (r >>> (8 * (j - i)));
      }
    }
    return v;
  }
}
