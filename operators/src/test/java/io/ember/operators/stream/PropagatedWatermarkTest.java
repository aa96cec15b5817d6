package io.ember.operators.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.core.data.Row;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.aggregate.AggregateFunctions;
import io.ember.operators.aggregate.HashAggregateSpec;
import io.ember.operators.stream.aggregate.StreamingAggregateSpec;
import io.ember.operators.stream.join.JoinStateWatermarks;
import io.ember.operators.stream.join.JoinStateWatermarks.Bound;
import io.ember.operators.stream.join.JoinStateWatermarks.Side;
import io.ember.operators.testkit.OperatorHarness;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A stateful operator of a chain judges lateness by the previous epoch's watermark and evicts by the current one
 * at the end of the epoch, as Spark's operators do with their two watermarks; below a stream-stream join its
 * watermark is the join's output watermark.
 */
class PropagatedWatermarkTest {
  private static final long SECOND = 1_000_000L;
  private static final StructType TIMES = DataTypes.struct(DataTypes.field("ts", DataTypes.TIMESTAMP));

  /** An append mode count per timestamp: the time is the event-time key. */
  private static StreamingAggregateSpec countPerTime(HashAggregateSpec partial) {
    return StreamingAggregateSpec.finalFor(partial, OutputMode.APPEND, 0);
  }

  private static HashAggregateSpec partial() {
    List<Expression> keys = List.of(new ColumnRef(0, "ts", DataTypes.TIMESTAMP, true));
    return HashAggregateSpec.partial(TIMES, keys, List.of("ts"), List.of(AggregateFunctions.countStar()),
        List.of("count"));
  }

  /** Runs one epoch of {@code seconds} through a partial aggregate and {@code stateful}; what the epoch emitted. */
  private static List<Row> epoch(HashAggregateSpec partialSpec, OperatorHarness stateful, long... seconds) {
    OperatorHarness partial = OperatorHarness.of(partialSpec); // emits its groups per epoch, keeps nothing
    for (long s : seconds) {
      partial.feedRows(0, TIMES, List.of(Row.of(Instant.ofEpochSecond(s))), 1);
    }
    partial.endOfEpoch();
    stateful.feed(0, partial.outputBatches());
    stateful.endOfEpoch();
    return stateful.drainRows();
  }

  private static Row count(long second, long n) {
    return Row.of(Instant.ofEpochSecond(second), n);
  }

  @Test
  void lateByThePreviousWatermarkEvictedByTheCurrentOneAtTheEndOfTheEpoch() {
    HashAggregateSpec partialSpec = partial();
    OperatorHarness chained = OperatorHarness.of(new PropagatedWatermarkSpec(countPerTime(partialSpec),
        InputWatermark.GLOBAL));

    assertEquals(List.of(), epoch(partialSpec, chained, 1, 2));
    chained.watermark(2 * SECOND); // the watermark of epoch 1: held back
    assertEquals(List.of(), chained.drainRows());
    // 2 is at the new watermark but not at the previous one (none): kept, and emitted as epoch 1 ends
    assertEquals(List.of(count(1, 1), count(2, 2)), epoch(partialSpec, chained, 2, 3));
    chained.watermark(3 * SECOND);
    // in epoch 2, 2 is late (the watermark of epoch 1); 3 is not yet, and its group closes as epoch 2 ends
    assertEquals(List.of(count(3, 2)), epoch(partialSpec, chained, 2, 3));
    assertEquals(1, chained.operator().stateMetrics().numRowsDroppedByWatermark());
    // no new watermark: nothing closes, 3 is late now
    assertEquals(List.of(), epoch(partialSpec, chained, 3, 4));
  }

  @Test
  void anOperatorOnItsOwnHearsTheWatermarkAtOnce() {
    HashAggregateSpec partialSpec = partial();
    OperatorHarness alone = OperatorHarness.of(countPerTime(partialSpec));
    assertEquals(List.of(), epoch(partialSpec, alone, 1, 2));
    alone.watermark(2 * SECOND);
    assertEquals(List.of(count(1, 1), count(2, 1)), alone.drainRows());
    assertEquals(List.of(), epoch(partialSpec, alone, 2, 3), "2 is late by the watermark of its own epoch");
  }

  @Test
  void aJoinLowersTheWatermarkBelowItByItsStateWatermarks() {
    // l.t BETWEEN r.t - 10 seconds AND r.t + 5 seconds: left state W - 10s, right state W - 5s
    JoinStateWatermarks interval = new JoinStateWatermarks(new Side(-1, List.of(new Bound(1, -10 * SECOND))),
        new Side(-1, List.of(new Bound(1, -5 * SECOND))));
    InputWatermark below = InputWatermark.GLOBAL.throughJoin(interval);
    assertEquals(90 * SECOND, below.of(100 * SECOND));
    assertEquals("min(W, W - 10000000, W - 5000000)", below.describe());
    // a second such join further down lowers it again; a join on an event-time key does not
    assertEquals(80 * SECOND, below.throughJoin(interval).of(100 * SECOND));
    JoinStateWatermarks onKey = new JoinStateWatermarks(new Side(0, List.of()), new Side(0, List.of()));
    assertEquals(InputWatermark.GLOBAL, InputWatermark.GLOBAL.throughJoin(onKey));
    assertEquals(InputWatermark.GLOBAL, InputWatermark.GLOBAL.throughJoin(JoinStateWatermarks.NONE));
    assertEquals(90 * SECOND, InputWatermark.GLOBAL.min(below).of(100 * SECOND));
    assertEquals("W", InputWatermark.GLOBAL.describe());
  }
}
