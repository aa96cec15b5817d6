package io.ember.benchmarks.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

  @Test
  void warmUpRowsAreCountedButNotMeasuredAndQuantilesUseTheNearestRank() {
    LatencyRecorder r = LatencyRecorder.install(2, 10);
    r.record(100, 1_000_000); // warm-up
    r.record(100, 1_000_000); // warm-up
    for (long lat = 10; lat >= 1; lat--) {
      r.record(1000, 1000 + lat);
    }
    assertEquals(12, r.rows());
    long[] sorted = r.sortedSamples();
    assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, sorted);
    assertEquals(5, LatencyRecorder.quantile(sorted, 0.5));
    assertEquals(10, LatencyRecorder.quantile(sorted, 0.99));
    assertEquals(1, LatencyRecorder.quantile(sorted, 0.0));
    assertEquals(-1, LatencyRecorder.quantile(new long[0], 0.5));
  }

  @Test
  void samplesBeyondTheCapacityAreCountedOnly() {
    LatencyRecorder r = LatencyRecorder.install(0, 2);
    r.record(0, 5);
    r.record(0, 7);
    r.record(0, 9);
    assertEquals(3, r.rows());
    assertArrayEquals(new long[] {5, 7}, r.sortedSamples());
  }
}
