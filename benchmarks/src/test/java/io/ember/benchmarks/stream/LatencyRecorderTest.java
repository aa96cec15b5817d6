package io.ember.benchmarks.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

  @Test
  void warmUpRowsAreCountedButNotMeasuredAndQuantilesUseTheNearestRank() {
    LatencyRecorder r = LatencyRecorder.install(2, 100);
    r.record(100, 1_000_000); // warm-up
    r.record(100, 1_000_000); // warm-up
    for (long lat = 10; lat >= 1; lat--) {
      r.record(1000, 1000 + lat);
    }
    assertEquals(12, r.rows());
    LatencyRecorder.Latencies l = r.latencies();
    assertEquals(10, l.samples());
    assertEquals(5, l.quantile(0.5));
    assertEquals(10, l.quantile(0.99));
    assertEquals(1, l.quantile(0.0));
    assertEquals(10, l.max());
    LatencyRecorder.Latencies none = LatencyRecorder.install(0, 10).latencies();
    assertEquals(-1, none.quantile(0.5));
    assertEquals(-1, none.max());
  }

  @Test
  void rowsBeyondMaxSamplesAreCountedOnlyAndOutOfRangeLatenciesAreClamped() {
    LatencyRecorder r = LatencyRecorder.install(0, 3);
    r.record(10, 5); // a clock step: counts as 0
    r.record(0, LatencyRecorder.HIGHEST_MICROS * 2); // counts as an hour
    r.record(0, 7);
    r.record(0, 9); // beyond maxSamples
    assertEquals(4, r.rows());
    LatencyRecorder.Latencies l = r.latencies();
    assertEquals(3, l.samples());
    assertEquals(0, l.quantile(0.0));
    assertEquals(7, l.quantile(0.5));
    assertTrue(Math.abs(l.max() - LatencyRecorder.HIGHEST_MICROS) <= LatencyRecorder.HIGHEST_MICROS / 1000);
  }

  @Test
  void quantilesOfManyThreadsSamplesAreWithinAThousandthOfTheExactOnes() throws InterruptedException {
    long seed = 0x5EED_2026_11_26L;
    Random random = new Random(seed);
    int threads = 4;
    int perThread = 50_000;
    long[][] samples = new long[threads][perThread];
    for (long[] s : samples) {
      for (int i = 0; i < perThread; i++) {
        // Heavy-tailed µs latencies from 0 to ~100 s.
        s[i] = (long) Math.exp(random.nextDouble() * Math.log(100_000_000.0)) - 1;
      }
    }
    LatencyRecorder r = LatencyRecorder.install(0, Long.MAX_VALUE);
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      long[] s = samples[t];
      workers[t] = new Thread(() -> {
        for (long lat : s) {
          r.record(1_000, 1_000 + lat);
        }
      });
      workers[t].start();
    }
    for (Thread w : workers) {
      w.join(60_000);
    }
    long[] all = Arrays.stream(samples).flatMapToLong(Arrays::stream).sorted().toArray();
    LatencyRecorder.Latencies l = r.latencies();
    assertEquals(all.length, l.samples(), "seed " + seed);
    for (double q : new double[] {0.0, 0.5, 0.9, 0.99, 0.999, 1.0}) {
      long exact = all[Math.max(0, (int) Math.ceil(q * all.length) - 1)];
      long got = l.quantile(q);
      assertTrue(got >= exact && got <= exact + Math.max(1, exact / 1000),
          "q " + q + ": exact " + exact + ", histogram " + got + ", seed " + seed);
    }
    long max = all[all.length - 1];
    assertTrue(l.max() >= max && l.max() <= max + max / 1000, "seed " + seed);
  }
}
