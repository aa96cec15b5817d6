package io.ember.runtime.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BarrierAlignerTest {
  private static TaskMessage.Barrier barrier(long epoch, Map<Integer, Long> candidates) {
    return new TaskMessage.Barrier(epoch, candidates);
  }

  @Test
  void alignsOverBarrierChannelsAndMergesCandidatesByMinimum() {
    BarrierAligner<String> aligner = new BarrierAligner<>(new boolean[] {true, true, false});

    assertNull(aligner.barrier(0, barrier(4, Map.of(1, 10L, 2, 5L))));
    assertTrue(aligner.holds(0));
    assertFalse(aligner.holds(1));
    assertFalse(aligner.holds(2), "a channel without barriers never waits");
    TaskMessage.Barrier aligned = aligner.barrier(1, barrier(4, Map.of(1, 7L, 3, 1L)));

    assertEquals(barrier(4, Map.of(1, 7L, 2, 5L, 3, 1L)), aligned);
    assertFalse(aligner.holds(0));
    assertFalse(aligner.aligning());
  }

  @Test
  void heldMessagesComeBackInArrivalOrderPerChannel() {
    BarrierAligner<String> aligner = new BarrierAligner<>(new boolean[] {true, true, true});
    aligner.barrier(0, barrier(0, Map.of()));
    aligner.hold(0, "a1");
    aligner.hold(0, "a2");
    aligner.barrier(2, barrier(0, Map.of()));
    aligner.hold(2, "c1");
    assertEquals(0, aligner.barrier(1, barrier(0, Map.of())).epoch());

    List<String> front = new ArrayList<>();
    aligner.releaseHeld((messages, channel) -> {
      for (var it = messages.descendingIterator(); it.hasNext(); ) {
        front.add(0, it.next());
      }
    });
    assertEquals(List.of("a1", "a2", "c1"), front);
  }

  @Test
  void anEndedChannelCountsAsAligned() {
    BarrierAligner<String> aligner = new BarrierAligner<>(new boolean[] {true, true});
    assertNull(aligner.barrier(0, barrier(2, Map.of(1, 3L))));
    assertEquals(barrier(2, Map.of(1, 3L)), aligner.ended(1));
    assertEquals(barrier(3, Map.of()), aligner.barrier(0, barrier(3, Map.of())));
    assertNull(aligner.ended(0));
  }

  @Test
  void aBarrierOfAnotherEpochDuringAlignmentIsAProtocolError() {
    BarrierAligner<String> aligner = new BarrierAligner<>(new boolean[] {true, true, true});
    aligner.barrier(0, barrier(1, Map.of()));
    assertThrows(IllegalStateException.class, () -> aligner.barrier(1, barrier(2, Map.of())));
  }
}
