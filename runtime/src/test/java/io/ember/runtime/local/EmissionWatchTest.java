package io.ember.runtime.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The coordinator's bookkeeping of early cuts for emission: pure, driven step by step with given clock times. */
class EmissionWatchTest {
  private static final long NONE = Long.MAX_VALUE;

  private static EmissionWatch.Emission waits(long watermarkMicros) {
    return new EmissionWatch.Emission(false, watermarkMicros);
  }

  @Test
  void anEarlyCutIsWantedOnceEveryWatchedTaskReachedTheWatermark() {
    EmissionWatch w = new EmissionWatch();
    EmissionWatch.Start start = w.epochCompleted(waits(10_000), Set.of(1, 2));
    assertNotNull(start);
    assertEquals(10_000, start.watermarkMicros());
    assertEquals(Set.of(1, 2), start.tasks());
    assertFalse(w.reached(1, start.watch()));
    assertFalse(w.wantsCut(), "task 2 has not reached it");
    assertFalse(w.reached(3, start.watch()), "a task not watched does not count");
    assertTrue(w.reached(2, start.watch()));
    assertTrue(w.wantsCut());
    assertEquals(0, w.earlyWaitMillis(1_000));
    assertFalse(w.reached(2, start.watch()), "reported twice: already due");
    w.cut(true, 1_000);
    assertFalse(w.wantsCut(), "a cut ends the watch");
  }

  @Test
  void nothingToWatchWithoutAPendingEmissionOrTrackers() {
    EmissionWatch w = new EmissionWatch();
    assertNull(w.epochCompleted(waits(NONE), Set.of(1)));
    assertNull(w.epochCompleted(waits(10_000), Set.of()));
    assertFalse(w.wantsCut());
  }

  @Test
  void theSameWatchStandsAcrossEpochsAndAReplacedWatchIsIgnored() {
    EmissionWatch w = new EmissionWatch();
    EmissionWatch.Start first = w.epochCompleted(waits(10_000), Set.of(1));
    w.cut(false, 1_000); // a regular cut before the watermark got there
    assertNull(w.epochCompleted(waits(10_000), Set.of(1)), "same watermark, same tasks: nothing new to send");
    EmissionWatch.Start second = w.epochCompleted(waits(10_000), Set.of(1, 2));
    assertNotNull(second, "another task holds a candidate now");
    assertNotEquals(first.watch(), second.watch());
    assertFalse(w.reached(1, first.watch()), "a report of the replaced watch");
    assertFalse(w.reached(2, first.watch()));
    assertFalse(w.wantsCut());
    w.reached(1, second.watch());
    assertTrue(w.reached(2, second.watch()));
    assertTrue(w.wantsCut());
  }

  @Test
  void anEpochThatEmittedAtItsWatermarkStepCallsForTheNextCutAtOnce() {
    EmissionWatch w = new EmissionWatch();
    assertNull(w.epochCompleted(new EmissionWatch.Emission(true, NONE), Set.of(1)));
    assertTrue(w.wantsCut(), "its output is in the next epoch: flush it");
    w.cut(true, 1_000);
    assertNull(w.epochCompleted(EmissionWatch.Emission.NONE, Set.of(1)));
    assertFalse(w.wantsCut(), "a flush is one cut");
    EmissionWatch.Emission both = new EmissionWatch.Emission(true, 30_000).merge(waits(20_000));
    assertEquals(new EmissionWatch.Emission(true, 20_000), both);
  }

  @Test
  void earlyCutsKeepTheirShortestGap() {
    EmissionWatch w = new EmissionWatch();
    EmissionWatch.Start a = w.epochCompleted(waits(10_000), Set.of(1));
    assertTrue(w.reached(1, a.watch()));
    w.cut(true, 1_000); // the watermark cut
    w.epochCompleted(new EmissionWatch.Emission(true, 20_000), Set.of(1));
    assertTrue(w.wantsCut(), "the flush");
    assertEquals(EmissionWatch.MIN_EARLY_GAP_MILLIS - 3, w.earlyWaitMillis(1_003), "not before the gap passed");
    assertEquals(0, w.earlyWaitMillis(1_000 + EmissionWatch.MIN_EARLY_GAP_MILLIS));
    w.cut(false, 1_004); // the interval passed first: a regular cut flushes too
    assertFalse(w.wantsCut());
    assertEquals(EmissionWatch.MIN_EARLY_GAP_MILLIS - 5, w.earlyWaitMillis(1_005), "only early cuts set the gap");
  }

  @Test
  void aWatermarkAnEarlyCutDidNotEmitIsNotWatchedAgain() {
    EmissionWatch w = new EmissionWatch();
    EmissionWatch.Start a = w.epochCompleted(waits(10_000), Set.of(1));
    w.reached(1, a.watch());
    w.cut(true, 1_000);
    assertNull(w.epochCompleted(waits(10_000), Set.of(1)), "the early cut did not emit 10_000: no loop of early cuts");
    assertNull(w.epochCompleted(waits(9_000), Set.of(1)));
    assertFalse(w.wantsCut());
    w.cut(false, 2_000);
    assertNotNull(w.epochCompleted(waits(10_001), Set.of(1)), "a later watermark is watched");
  }

  @Test
  void resetForgetsTheWatchAndTheEarlyCuts() {
    EmissionWatch w = new EmissionWatch();
    EmissionWatch.Start a = w.epochCompleted(waits(10_000), Set.of(1));
    w.reached(1, a.watch());
    w.cut(true, 1_000);
    EmissionWatch.Start b = w.epochCompleted(new EmissionWatch.Emission(true, 20_000), Set.of(1));
    w.reset();
    assertFalse(w.wantsCut(), "no flush after a recovery");
    assertFalse(w.reached(1, b.watch()), "the watch of before the recovery");
    EmissionWatch.Start c = w.epochCompleted(waits(10_000), Set.of(1));
    assertNotNull(c, "after a recovery the epochs are replayed: the same watermark is watched again");
    assertTrue(w.reached(1, c.watch()));
    assertTrue(w.wantsCut(), "and may be cut early again");
  }
}
