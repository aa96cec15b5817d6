package io.ember.operators.window;

import static io.ember.operators.window.Sessions.S;
import static io.ember.operators.window.Sessions.batch;
import static io.ember.operators.window.Sessions.reference;
import static io.ember.operators.window.Sessions.row;
import static io.ember.operators.window.Sessions.sessions;
import static io.ember.operators.window.Sessions.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ember.core.data.Row;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Session windows in batch: merging within the gap, per key, in any row order, across batches and restores. */
class SessionWindowAggregateBatchTest {
  @Test
  void rowsWithinTheGapMergeAndATouchingRowExtendsTheSession() {
    // Spark's documented example: gap 5 minutes; 00:00 and 00:04:30 merge (end 00:09:30), 00:10 starts anew
    List<Row> out = OperatorHarness.of(spec(300, null)).run(List.of(batch(row("A1", 0L, 1), row("A1", 270L, 2),
        row("A1", 600L, 4), row("A2", 60L, 8))));
    assertEquals(List.of(new S("A1", 0, 570, 2, 3), new S("A1", 600, 900, 1, 4), new S("A2", 60, 360, 1, 8)),
        sessions(out));
    // a row exactly at a session's end joins it, as Spark's sessionStart <= currentEnd
    out = OperatorHarness.of(spec(10, null)).run(List.of(batch(row("u", 0L, 1), row("u", 10L, 1), row("u", 21L, 1))));
    assertEquals(List.of(new S("u", 0, 20, 2, 2), new S("u", 21, 31, 1, 1)), sessions(out));
  }

  @Test
  void aLateArrivingRowBridgesTwoSessionsIntoOne() {
    List<Row> out = OperatorHarness.of(spec(12, null)).withSnapshotRestoreBetweenBatches().run(List.of(
        batch(row("u", 100L, 1), row("u", 0L, 2)), batch(row("u", 50L, 4)), batch(row("u", 8L, 8), row("u", 40L, 16),
            row("u", 30L, 32), row("u", 18L, 64))));
    // 0..20 (0, 8) and 30..62 (30, 40, 50) are bridged by 18..30 into one session; 100 stays apart
    assertEquals(List.of(new S("u", 0, 62, 6, 126), new S("u", 100, 112, 1, 1)), sessions(out));
  }

  @Test
  void nullTimesAndNullKeysFollowSpark() {
    List<Row> out = OperatorHarness.of(spec(10, null)).run(List.of(batch(row("u", null, 1), row(null, 5L, 2),
        row(null, 7L, 4))));
    assertEquals(List.of(new S(null, 5, 17, 2, 6)), sessions(out));
  }

  @Test
  void batchOperatorsAreNotStatefulAndReportNoState() {
    assertFalse(spec(10, null).isStateful());
    OperatorHarness h = OperatorHarness.of(spec(10, null));
    h.feed(0, batch(row("u", 1L, 1)));
    assertNull(h.operator().stateMetrics());
    assertEquals("SessionWindowAggregate(keys=[user, session_window], functions=[count(1), sum(v)], mode=batch)",
        spec(10, null).explain());
  }

  static Stream<Long> seeds() {
    return Seeds.of("session-window-batch", 150);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void anyOrderAndSplitGivesSparksSessions(long seed) {
    Seeds.check(seed, random -> {
      long gap = Gen.between(random, 1, 20);
      List<Row> rows = new ArrayList<>();
      int n = Gen.between(random, 0, 60);
      for (int i = 0; i < n; i++) {
        String user = Gen.orNull(random, 0.1, Gen.oneOf(random, "a", "b", "c"));
        Long t = Gen.orNull(random, 0.05, (long) Gen.between(random, -50, 200));
        rows.add(row(user, t, Gen.between(random, 0, 100)));
      }
      Collections.shuffle(rows, random);
      OperatorHarness h = OperatorHarness.of(spec(gap, null)).withBatchSize(Gen.between(random, 1, 5));
      if (random.nextBoolean()) {
        h.withSnapshotRestoreBetweenBatches();
      }
      List<Row> out = h.run(OperatorHarness.batches(Sessions.INPUT, rows, Gen.between(random, 1, 7)));
      assertEquals(reference(rows, gap), sessions(out));
    });
  }
}
