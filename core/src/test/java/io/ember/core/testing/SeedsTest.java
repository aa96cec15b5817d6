package io.ember.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeedsTest {
  @Test
  void aNamedStreamRepeatsAcrossCallsAndDiffersFromOtherNames() {
    assumeTrue(System.getProperty(Seeds.SEED_PROPERTY) == null, "a fixed seed replaces every stream");
    List<Long> first = Seeds.of("a", 5).toList();
    assertEquals(first, Seeds.of("a", 5).toList());
    assertEquals(5, first.stream().distinct().count());
    assertNotEquals(first, Seeds.of("b", 5).toList());
  }

  @Test
  void checkHandsTheBodyARandomOfTheSeed() {
    long expected = new Random(7).nextLong();
    Seeds.check(7, random -> assertEquals(expected, random.nextLong()));
  }

  @Test
  void aFailureNamesTheSeedAndKeepsTheCause() {
    IllegalStateException boom = new IllegalStateException("boom");
    AssertionError e = assertThrows(AssertionError.class, () -> Seeds.check(42, random -> {
      throw boom;
    }));
    assertEquals("Failed for seed 42 (rerun only it with -Dember.test.seed=42): boom", e.getMessage());
    assertSame(boom, e.getCause());
  }

  @Test
  void edgesComeUpAndValuesStayInRange() {
    Random random = new Random(1);
    boolean sawMin = false;
    boolean sawMax = false;
    for (int i = 0; i < 200; i++) {
      int v = Gen.betweenWithEdges(random, 0, 1000);
      assertTrue(v >= 0 && v <= 1000, "out of range: " + v);
      sawMin |= v == 0;
      sawMax |= v == 1000;
    }
    assertTrue(sawMin && sawMax);
    assertTrue(Gen.ints(random, 3, 5, 6).stream().allMatch(v -> v == 5 || v == 6));
  }
}
