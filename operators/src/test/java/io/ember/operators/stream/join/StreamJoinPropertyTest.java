package io.ember.operators.stream.join;

import static io.ember.operators.stream.join.JoinTestSupport.SEC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.operators.Operator;
import io.ember.operators.OperatorContext;
import io.ember.operators.OperatorStates;
import io.ember.operators.join.JoinType;
import io.ember.operators.state.ChunkedBytes;
import io.ember.operators.state.TrackedState;
import io.ember.operators.testkit.OperatorHarness;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random interleavings of impressions and clicks over epochs with an advancing watermark: the join emits
 * exactly the pairs of non-late rows that satisfy the keys and the time range (eviction never loses a match),
 * outer joins add each unmatched row once, semi joins each matched left row once, and snapshot/restore after
 * every call gives the same output, as do in-place rollbacks to earlier epochs followed by a replay of the input
 * since (as a task's recovery does).
 */
class StreamJoinPropertyTest {
  static Stream<Long> seeds() {
    return Seeds.of("StreamJoinPropertyTest", 120);
  }

  /** One input row as the script feeds it. */
  private record In(boolean left, Integer key, Long seconds, String name) {}

  /** A step of the script: a batch of one side, or the end of an epoch followed by a watermark. */
  private record Step(List<In> batch, long watermarkSeconds) {}

  @ParameterizedTest
  @MethodSource("seeds")
  void joinEmitsExactlyTheMatchingPairsOfNonLateRows(long seed) {
    Seeds.check(seed, random -> {
      JoinType type = Gen.oneOf(random, JoinType.INNER, JoinType.LEFT_OUTER, JoinType.RIGHT_OUTER,
          JoinType.FULL_OUTER, JoinType.LEFT_SEMI);
      int lo = Gen.between(random, -6, 6);
      int hi = lo + Gen.between(random, 0, 8);
      List<Step> script = script(random);
      StreamJoinSpec spec = JoinTestSupport.spec(type, JoinTestSupport.clickBetween(lo, hi));
      int batchSize = Gen.between(random, 1, 5);
      long[] dropped = new long[1];
      List<String> plain = run(spec, script, batchSize, false, dropped);
      List<String> restored = run(spec, script, batchSize, true, new long[1]);
      assertEquals(plain, restored, "snapshot/restore between batches changes nothing");
      List<String> expected = new ArrayList<>();
      long late = reference(type, lo, hi, script, expected);
      List<String> actual = new ArrayList<>(plain);
      Collections.sort(actual);
      Collections.sort(expected);
      assertEquals(expected, actual, type + ", clicks from " + lo + " to " + hi + " seconds after impressions");
      assertEquals(late, dropped[0]);
    });
  }

  @ParameterizedTest
  @MethodSource("rollbackSeeds")
  void rollingBackInPlaceAndReplayingGivesTheSameOutput(long seed) {
    Seeds.check(seed, random -> {
      JoinType type = Gen.oneOf(random, JoinType.INNER, JoinType.LEFT_OUTER, JoinType.RIGHT_OUTER,
          JoinType.FULL_OUTER, JoinType.LEFT_SEMI);
      int lo = Gen.between(random, -6, 6);
      int hi = lo + Gen.between(random, 0, 8);
      List<Step> script = script(random);
      StreamJoinSpec spec = JoinTestSupport.spec(type, JoinTestSupport.clickBetween(lo, hi));
      int batchSize = Gen.between(random, 1, 5);
      List<String> plain = run(spec, script, batchSize, false, new long[1]);
      assertEquals(plain, runWithRollbacks(spec, script, batchSize, random), "rollbacks and replays change nothing");
    });
  }

  static Stream<Long> rollbackSeeds() {
    return Seeds.of("StreamJoinPropertyTest.rollback", 80);
  }

  /**
   * Runs {@code script} as a task does (snapshot at each epoch's end, before its watermark step) and now and then
   * rolls the operator back in place to one of its last snapshots and replays the script from there, dropping the
   * output emitted since (a recovery rewinds the sources and aborts the sinks' uncommitted epochs).
   */
  private static List<String> runWithRollbacks(StreamJoinSpec spec, List<Step> script, int batchSize, Random random) {
    OperatorContext base = OperatorContext.forTest();
    base = new OperatorContext(base.taskIndex(), base.parallelism(), base.eval(), base.memory(), batchSize, base.state());
    TrackedState tables = new TrackedState(base.state());
    Operator op = spec.create();
    op.open(base.withState(tables));
    List<Batch> out = new ArrayList<>();
    List<ChunkedBytes> states = new ArrayList<>(); // states.get(e): the snapshot of epoch e
    List<Integer> stepAfter = new ArrayList<>(); // the script step after that snapshot's epoch end
    List<Integer> outputAt = new ArrayList<>(); // the output batches emitted up to that snapshot
    int rollbacks = 0;
    long epoch = 0;
    for (int i = 0; i < script.size(); i++) {
      Step s = script.get(i);
      if (s.batch != null) {
        op.process(s.batch.get(0).left ? 0 : 1, batch(s.batch), out::add);
        continue;
      }
      op.endOfEpoch(epoch, out::add);
      states.add(OperatorStates.take(op, tables, epoch, epoch == 0));
      stepAfter.add(i);
      outputAt.add(out.size());
      epoch++;
      if (s.watermarkSeconds != Long.MIN_VALUE) {
        op.onWatermark(s.watermarkSeconds * SEC, out::add);
      }
      int back = (int) epoch - 1 - random.nextInt((int) Math.min(epoch, 3));
      if (rollbacks < 4 && random.nextInt(3) == 0 && tables.canRollBackTo(back)) {
        rollbacks++;
        TrackedState kept = tables.keepForRollback();
        op.close();
        tables = kept;
        op = spec.create();
        op.open(base.withState(tables));
        OperatorStates.rollBack(op, tables, states.get(back), back);
        out.subList(outputAt.get(back), out.size()).clear();
        states.subList(back + 1, states.size()).clear();
        stepAfter.subList(back + 1, stepAfter.size()).clear();
        outputAt.subList(back + 1, outputAt.size()).clear();
        epoch = back + 1;
        // replay from that snapshot on: the watermark step of its epoch's end, then the steps after it
        i = stepAfter.get(back);
        if (script.get(i).watermarkSeconds != Long.MIN_VALUE) {
          op.onWatermark(script.get(i).watermarkSeconds * SEC, out::add);
        }
      }
    }
    op.endOfEpoch(epoch, out::add);
    op.close();
    List<Row> rows = new ArrayList<>();
    out.forEach(b -> rows.addAll(b.toRows()));
    return JoinTestSupport.describe(rows);
  }

  private static List<Step> script(Random random) {
    List<Step> steps = new ArrayList<>();
    int epochs = Gen.between(random, 3, 14);
    int names = 0;
    long maxSeen = Long.MIN_VALUE;
    long watermark = Long.MIN_VALUE;
    for (int e = 0; e < epochs; e++) {
      long now = e * 5L;
      for (int b = Gen.between(random, 0, 4); b > 0; b--) {
        boolean left = random.nextBoolean();
        List<In> rows = new ArrayList<>();
        for (int r = Gen.between(random, 1, 4); r > 0; r--) {
          Integer key = Gen.orNull(random, 0.05, Gen.between(random, 0, 3));
          Long seconds = Gen.orNull(random, 0.05, now + Gen.between(random, -12, 4));
          rows.add(new In(left, key, seconds, (left ? "L" : "R") + names++));
          if (seconds != null) {
            maxSeen = Math.max(maxSeen, seconds);
          }
        }
        steps.add(new Step(rows, 0));
      }
      if (maxSeen != Long.MIN_VALUE) {
        watermark = Math.max(watermark, maxSeen - 3);
      }
      steps.add(new Step(null, watermark));
    }
    steps.add(new Step(null, 1_000_000_000L)); // the end: every row's state watermark passes
    return steps;
  }

  private static List<String> run(StreamJoinSpec spec, List<Step> script, int batchSize, boolean restore, long[] dropped) {
    OperatorHarness h = OperatorHarness.of(spec).withBatchSize(batchSize);
    if (restore) {
      h.withSnapshotRestoreBetweenBatches();
    }
    for (Step s : script) {
      if (s.batch != null) {
        h.feed(s.batch.get(0).left ? 0 : 1, batch(s.batch));
      } else {
        h.endOfEpoch();
        dropped[0] += h.operator().stateMetrics().numRowsDroppedByWatermark();
        if (s.watermarkSeconds != Long.MIN_VALUE) {
          h.watermark(s.watermarkSeconds * SEC);
        }
      }
    }
    h.endOfEpoch();
    dropped[0] += h.operator().stateMetrics().numRowsDroppedByWatermark();
    assertTrue(h.operator().stateMetrics().numRowsTotal() <= rowsWithoutTime(script),
        "after the final watermark only rows without an event time remain");
    List<String> out = JoinTestSupport.describe(h.outputRows());
    h.close();
    return out;
  }

  private static long rowsWithoutTime(List<Step> script) {
    return script.stream().filter(s -> s.batch != null).flatMap(s -> s.batch.stream())
        .filter(r -> r.seconds == null).count();
  }

  private static Batch batch(List<In> rows) {
    List<Object> values = new ArrayList<>();
    for (In r : rows) {
      values.add(r.key);
      values.add(r.seconds);
      values.add(r.name);
    }
    return rows.get(0).left ? JoinTestSupport.left(values.toArray()) : JoinTestSupport.right(values.toArray());
  }

  /** Fills {@code out} with the expected output and returns how many rows are late. */
  private static long reference(JoinType type, int lo, int hi, List<Step> script, List<String> out) {
    List<In> lefts = new ArrayList<>();
    List<In> rights = new ArrayList<>();
    long watermark = Long.MIN_VALUE;
    boolean hasWatermark = false;
    long late = 0;
    for (Step s : script) {
      if (s.batch == null) {
        if (s.watermarkSeconds != Long.MIN_VALUE) {
          hasWatermark = true;
          watermark = Math.max(watermark, s.watermarkSeconds);
        }
        continue;
      }
      for (In r : s.batch) {
        if (hasWatermark && r.seconds != null && r.seconds <= watermark) {
          late++;
        } else {
          (r.left ? lefts : rights).add(r);
        }
      }
    }
    boolean[] leftMatched = new boolean[lefts.size()];
    boolean[] rightMatched = new boolean[rights.size()];
    for (int i = 0; i < lefts.size(); i++) {
      for (int j = 0; j < rights.size(); j++) {
        In l = lefts.get(i);
        In r = rights.get(j);
        if (l.key != null && l.key.equals(r.key) && l.seconds != null && r.seconds != null
            && r.seconds >= l.seconds + lo && r.seconds <= l.seconds + hi) {
          leftMatched[i] = true;
          rightMatched[j] = true;
          if (type != JoinType.LEFT_SEMI) {
            out.add(l.name + "+" + r.name);
          }
        }
      }
    }
    for (int i = 0; i < lefts.size(); i++) {
      if (type == JoinType.LEFT_SEMI && leftMatched[i]) {
        out.add(lefts.get(i).name);
      } else if (type.preservesLeft() && !leftMatched[i] && lefts.get(i).seconds != null) {
        out.add(lefts.get(i).name + "+null");
      }
    }
    for (int j = 0; j < rights.size(); j++) {
      if (type.preservesRight() && !rightMatched[j] && rights.get(j).seconds != null) {
        out.add("null+" + rights.get(j).name);
      }
    }
    return late;
  }
}
