package io.ember.checkpointing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.errors.EmberIllegalArgumentException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompactionPolicyTest {
  private static final CompactionPolicy RULE = new CompactionPolicy(10, 0.5, 500);

  @Test
  void aChainOfSmallDeltasOnALargeBaseIsNotCompacted() {
    assertFalse(RULE.shouldCompact(10, 1_000, 1_000_000), "10 deltas of 0.1% of the base");
    assertFalse(RULE.shouldCompact(499, 499_999, 1_000_000), "just under half the base, under the length bound");
    assertFalse(RULE.shouldCompact(0, 0, 1_000_000));
  }

  @Test
  void deltasReachingTheFractionOfTheirBaseAreCompacted() {
    assertTrue(RULE.shouldCompact(100, 500_000, 1_000_000), "half the base");
    assertTrue(RULE.shouldCompact(10, 600_000, 1_000_000));
    assertFalse(RULE.shouldCompact(9, 600_000, 1_000_000), "fewer than minDeltas (Spark's minimum)");
    assertTrue(RULE.shouldCompact(2, 1_000_001, 1_000_000), "deltas outweighing their base, whatever minDeltas");
    assertTrue(RULE.shouldCompact(1, 10, 0), "any delta on an empty base");
  }

  @Test
  void theLengthBoundCompactsAChainOfTinyDeltas() {
    assertFalse(RULE.shouldCompact(499, 499, 1_000_000));
    assertTrue(RULE.shouldCompact(500, 500, 1_000_000));
  }

  @Test
  void aChainOnABaseOfUnknownSizeIsCompactedAfterMinDeltas() {
    assertFalse(RULE.shouldCompact(9, 1 << 30, -1));
    assertTrue(RULE.shouldCompact(10, 1, -1));
  }

  @Test
  void sparksCountRuleCompactsEveryMinDeltas() {
    CompactionPolicy every3 = CompactionPolicy.everyDeltas(3);
    assertFalse(every3.shouldCompact(2, 1, 1_000_000));
    assertTrue(every3.shouldCompact(3, 1, 1_000_000));
    assertTrue(every3.shouldCompact(1, 2_000_000, 1_000_000), "deltas outweighing their base");
  }

  @Test
  void settingsGiveThePolicyAndBadValuesAreNamed() {
    assertEquals(CompactionPolicy.DEFAULT, CompactionPolicy.from(k -> Optional.empty()));
    Map<String, String> conf = Map.of(CompactionPolicy.MIN_DELTAS_KEY, " 4 ", CompactionPolicy.DELTA_FRACTION_KEY,
        "0.25", CompactionPolicy.MAX_DELTAS_KEY, "40");
    assertEquals(new CompactionPolicy(4, 0.25, 40), CompactionPolicy.from(k -> Optional.ofNullable(conf.get(k))));
    assertEquals(new CompactionPolicy(900, 0.5, 900), CompactionPolicy.from(
        k -> k.equals(CompactionPolicy.MIN_DELTAS_KEY) ? Optional.of("900") : Optional.empty()),
        "a minimum above the default bound raises the bound");
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class, () -> CompactionPolicy.from(
        k -> k.equals(CompactionPolicy.DELTA_FRACTION_KEY) ? Optional.of("half") : Optional.empty()));
    assertEquals("INVALID_CONF_VALUE", e.errorClass());
    assertTrue(e.getMessage().contains("The value 'half' of ember.checkpoint.snapshotDeltaFraction is not a number."),
        e.getMessage());
    EmberIllegalArgumentException range = assertThrows(EmberIllegalArgumentException.class, () -> CompactionPolicy.from(
        k -> k.equals(CompactionPolicy.MIN_DELTAS_KEY) ? Optional.of("0") : Optional.empty()));
    assertTrue(range.getMessage().contains("spark.sql.streaming.stateStore.minDeltasForSnapshot must be at least 1"),
        range.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CompactionPolicy(0, 0.5, 10));
    assertThrows(IllegalArgumentException.class, () -> new CompactionPolicy(5, 1.5, 10));
    assertThrows(IllegalArgumentException.class, () -> new CompactionPolicy(5, Double.NaN, 10));
    IllegalArgumentException bound = assertThrows(IllegalArgumentException.class,
        () -> new CompactionPolicy(10, 0.5, 5));
    assertTrue(bound.getMessage().contains("ember.checkpoint.maxDeltasForSnapshot (5) must be at least"),
        bound.getMessage());
  }
}
