package io.ember.runtime.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.runtime.local.PlannedTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SlotAssignmentTest {
  private static List<PlannedTask> tasks(int n) {
    return IntStream.range(0, n).mapToObj(i -> new PlannedTask(i, "v1[" + i + "]", i, List.of(1), false)).toList();
  }

  private static Map<String, Integer> perNode(Map<Integer, String> placed) {
    Map<String, Integer> counts = new HashMap<>();
    placed.values().forEach(a -> counts.merge(a, 1, Integer::sum));
    return counts;
  }

  @Test
  void aJobThatFitsTakesTheFreeSlots() {
    List<SlotAssignment.Slots> nodes = List.of(new SlotAssignment.Slots("a", 4, 3),
        new SlotAssignment.Slots("b", 4, 0), new SlotAssignment.Slots("c", 2, 1));
    assertEquals(Map.of("a", 1, "b", 4, "c", 1), perNode(SlotAssignment.assign(tasks(6), nodes)));
  }

  @Test
  void aLargerJobIsSpreadInProportionToCores() {
    List<SlotAssignment.Slots> nodes = List.of(new SlotAssignment.Slots("a", 1, 0),
        new SlotAssignment.Slots("b", 2, 0), new SlotAssignment.Slots("c", 1, 0));
    assertEquals(Map.of("a", 3, "b", 6, "c", 3), perNode(SlotAssignment.assign(tasks(12), nodes)));
  }

  static java.util.stream.Stream<Long> seeds() {
    return Seeds.of("SlotAssignmentTest", 200);
  }

  /**
   * Greedy by load: the last task each node got went there while it was the least loaded node, so its load before
   * that task is at most any node's final load.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void everyTaskGoesToALeastLoadedNode(long seed) {
    Seeds.check(seed, random -> {
      List<SlotAssignment.Slots> nodes = new ArrayList<>();
      int n = Gen.between(random, 1, 6);
      for (int i = 0; i < n; i++) {
        nodes.add(new SlotAssignment.Slots("n" + i, Gen.between(random, 1, 8), Gen.between(random, 0, 10)));
      }
      int count = Gen.between(random, 0, 60);
      Map<Integer, String> placed = SlotAssignment.assign(tasks(count), nodes);
      assertEquals(count, placed.size());
      Map<String, Integer> per = perNode(placed);
      double minFinal = Double.MAX_VALUE;
      double maxBeforeLast = 0;
      for (SlotAssignment.Slots s : nodes) {
        int got = per.getOrDefault(s.address(), 0);
        minFinal = Math.min(minFinal, (double) (s.runningTasks() + got) / s.cores());
        if (got > 0) {
          maxBeforeLast = Math.max(maxBeforeLast, (double) (s.runningTasks() + got - 1) / s.cores());
        }
      }
      assertTrue(maxBeforeLast <= minFinal + 1e-9, nodes + " -> " + per);
    });
  }

  @Test
  void tasksNeedANode() {
    assertThrows(IllegalArgumentException.class, () -> SlotAssignment.assign(tasks(1), List.of()));
    assertEquals(Map.of(), SlotAssignment.assign(List.of(), List.of()));
  }
}
