package io.ember.benchmarks.nexmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NexmarkSpanTest {

  @Test
  void theSpanRunsFromTheFirstEventReadToTheLastRowsDigested() {
    NexmarkSpan.reset();
    assertEquals(-1, NexmarkSpan.nanos());
    NexmarkSpan.rowsDigested(); // before any event: not a span
    NexmarkSpan.eventsRead();
    assertEquals(-1, NexmarkSpan.nanos());
    long first = System.nanoTime();
    awaitClockPast(first);
    NexmarkSpan.eventsRead(); // a later read does not move the start
    NexmarkSpan.rowsDigested();
    long afterFirstDigest = NexmarkSpan.nanos();
    assertTrue(afterFirstDigest > 0);
    awaitClockPast(System.nanoTime());
    NexmarkSpan.rowsDigested();
    long span = NexmarkSpan.nanos();
    assertTrue(span > afterFirstDigest, span + " after " + afterFirstDigest);
    assertEquals(Math.round(1000 * 1e9 / span), NexmarkSpan.eventsPerSecond(1000));
    NexmarkSpan.reset();
    assertEquals(-1, NexmarkSpan.eventsPerSecond(1000));
  }

  @Test
  void aFlushReturnsTheRowsItAddedSoAnEmptyPartMarksNothing() {
    RowDigest digest = new RowDigest(-1, 0);
    RowDigest.Part part = digest.part();
    assertEquals(0, part.flush());
    part.add(new Object[] {1L, "a"});
    part.add(new Object[] {2L, "b"});
    assertEquals(2, part.flush());
    assertEquals(0, part.flush());
    assertEquals(RowDigest.of(List.of(new Object[] {1L, "a"}, new Object[] {2L, "b"}), -1, 0), digest.result());
  }

  private static void awaitClockPast(long t) {
    while (System.nanoTime() <= t) {
      Thread.onSpinWait();
    }
  }
}
