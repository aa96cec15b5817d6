package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaPeersTest {
  static Stream<Long> seeds() {
    return Seeds.of("replica-peers", 100);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void holdersAreDistinctOtherNodesAndDoNotDependOnTheNodesOrder(long seed) {
    Seeds.check(seed, random -> {
      List<String> nodes = new ArrayList<>();
      int n = Gen.between(random, 1, 8);
      for (int i = 0; i < n; i++) {
        nodes.add("pekko://ember@127.0.0.1:" + (2550 + i));
      }
      String taskNode = Gen.oneOf(random, nodes.toArray(new String[0]));
      TaskStateKey key = new TaskStateKey(Gen.between(random, 0, 50), Gen.between(random, 0, 200));
      int replicas = Gen.between(random, 1, 4);
      List<String> holders = ReplicaPeers.choose(key, taskNode, nodes, replicas);
      List<String> shuffled = new ArrayList<>(nodes);
      Collections.shuffle(shuffled, random);
      assertEquals(holders, ReplicaPeers.choose(key, taskNode, shuffled, replicas), "deterministic");
      assertEquals(holders.size(), new HashSet<>(holders).size(), "distinct: " + holders);
      if (n == 1) {
        assertEquals(List.of(taskNode), holders, "a one-node cluster keeps the copy on the task's node");
      } else {
        assertFalse(holders.contains(taskNode), "not the task's node: " + holders);
        assertEquals(Math.min(replicas, n - 1), holders.size());
        assertTrue(nodes.containsAll(holders));
      }
    });
  }

  @Test
  void theTasksOfOneNodeSpreadTheirReplicasOverThePeers() {
    List<String> nodes = List.of("a", "b", "c", "d");
    Map<String, Integer> load = new HashMap<>();
    for (int task = 0; task < 30; task++) {
      for (String h : ReplicaPeers.choose(new TaskStateKey(3, task), "a", nodes, 1)) {
        load.merge(h, 1, Integer::sum);
      }
    }
    assertEquals(Map.of("b", 10, "c", 10, "d", 10), load);
  }

  @Test
  void replicasMustBeAtLeastOneAndSomeNodeMustExist() {
    TaskStateKey key = new TaskStateKey(1, 0);
    assertThrows(IllegalArgumentException.class, () -> ReplicaPeers.choose(key, "a", List.of("a", "b"), 0));
    assertThrows(IllegalArgumentException.class, () -> ReplicaPeers.choose(key, "driver", List.of(), 1));
    assertEquals(List.of("a"), ReplicaPeers.choose(key, "driver", List.of("a"), 2), "fewer nodes than replicas");
    assertEquals(2, ReplicaPeers.parse(" 2 "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplicaPeers.parse("zero"));
    assertTrue(e.getMessage().contains(ReplicaPeers.CONFIG_KEY), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ReplicaPeers.parse("0"));
  }
}
