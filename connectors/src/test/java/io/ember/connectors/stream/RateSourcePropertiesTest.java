package io.ember.connectors.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.connectors.source.ReaderContext;
import io.ember.connectors.source.SourceReader;
import io.ember.connectors.source.SourceReader.Status;
import io.ember.connectors.source.SourceSplit;
import io.ember.core.data.Row;
import io.ember.core.expr.EvalContext;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RateSourcePropertiesTest {
  private static final long START = 1_600_000_000_000L;

  static Stream<Long> seeds() {
    return Seeds.of("RateSourcePropertiesTest", 80);
  }

  /**
   * Whatever the rate, ramp-up, partitioning, batch size, clock steps and restores: every value due is
   * emitted exactly once by the partition of its residue, nothing before it is due, and its timestamp lies in
   * the second it belongs to, growing with the value.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyDueValueOnceInItsPartitionAndSecond(long seed) {
    Seeds.check(seed, random -> check(random));
  }

  private static void check(Random random) {
    long rps = Gen.betweenWithEdges(random, 1, 1000);
    long rampUp = Gen.between(random, 0, 5);
    int n = Gen.between(random, 1, 5);
    int batchSize = Gen.betweenWithEdges(random, 1, 64);
    ManualClock clock = new ManualClock(START);
    RateSource source = RateSource.create(Map.of("rowsPerSecond", Long.toString(rps), "rampUpTime", rampUp + "s",
        "numPartitions", Integer.toString(n)), clock);
    List<SourceSplit> splits = source.planSplits(1);
    List<SourceReader> readers = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      readers.add(source.createReader(List.of(splits.get(p)), new ReaderContext(p, n, batchSize, EvalContext.defaults())));
    }
    TreeMap<Long, Long> emitted = new TreeMap<>();
    int steps = Gen.between(random, 1, 8);
    for (int step = 0; step < steps; step++) {
      clock.advance(Gen.between(random, 0, 1600));
      long due = RateSource.valueAtSecond((clock.millis() - START) / 1000, rps, rampUp);
      for (int p = 0; p < n; p++) {
        SourceReader r = readers.get(p);
        int p0 = p;
        int polls = random.nextInt(4) == 0 ? Gen.between(random, 0, 3) : Integer.MAX_VALUE;
        for (int k = 0; k < polls; k++) {
          List<Row> rows = new ArrayList<>();
          Status s = r.pollNext(b -> rows.addAll(b.toRows()));
          for (Row row : rows) {
            long v = row.getLong(1);
            assertTrue(v < due, "value " + v + " emitted before it was due (" + due + ")");
            assertEquals(p0, v % n, "value " + v + " in partition " + p0);
            assertTrue(emitted.put(v, row.getInstant(0).toEpochMilli()) == null, "value " + v + " emitted twice");
          }
          if (s == Status.NOTHING_AVAILABLE) {
            break;
          }
        }
        if (random.nextInt(3) == 0) {
          byte[] offsets = r.snapshotOffsets(step);
          r.close();
          SourceReader restored = source.createReader(
              List.of(splits.get(p)), new ReaderContext(p, n, batchSize, EvalContext.defaults()));
          restored.restoreOffsets(offsets);
          readers.set(p, restored);
        }
      }
    }
    long due = RateSource.valueAtSecond((clock.millis() - START) / 1000, rps, rampUp);
    for (int p = 0; p < n; p++) {
      SourceReader r = readers.get(p);
      while (r.pollNext(b -> b.toRows().forEach(row -> emitted.put(row.getLong(1), row.getInstant(0).toEpochMilli())))
          == Status.MORE_AVAILABLE) {
        // drain what is due
      }
      r.close();
    }
    assertEquals(due, emitted.size(), "every due value is emitted");
    if (due > 0) {
      assertEquals(due - 1, emitted.lastKey());
    }
    long second = 0;
    long previous = Long.MIN_VALUE;
    for (Map.Entry<Long, Long> e : emitted.entrySet()) {
      while (RateSource.valueAtSecond(second + 1, rps, rampUp) <= e.getKey()) {
        second++;
      }
      long ms = e.getValue();
      assertTrue(ms >= START + second * 1000 && ms <= START + second * 1000 + 1000,
          "value " + e.getKey() + " of second " + second + " stamped " + (ms - START) + " ms after the start");
      assertTrue(ms >= previous, "timestamps grow with the value");
      previous = ms;
    }
  }
}
