package io.ember.operators.stream.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.core.data.Batch;
import io.ember.core.data.Row;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.testing.Gen;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataType;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.aggregate.AggregateFunctions;
import io.ember.operators.aggregate.HashAggregateSpec;
import io.ember.operators.state.HeapStateBackend;
import io.ember.operators.state.StateBackend;
import io.ember.operators.state.offheap.ChronicleStateBackend;
import io.ember.operators.stream.OutputMode;
import io.ember.operators.testkit.OperatorHarness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random partial counts, ends of epoch, watermark steps (advancing or stale) and snapshot/restores through the
 * {@link OperatorHarness}, against a naive model of the streaming aggregate (a map of groups, scanned whole at every
 * watermark step): a watermark step closes exactly the groups whose event time (a window's end, or a timestamp) is
 * at or before it, append mode emits them in event-time order with their final counts, update mode emits each
 * epoch's updated groups and forgets the closed ones, rows for closed groups are dropped, groups with a null event
 * time stay, and the state holds exactly the model's groups after every epoch. Keys are windows or timestamps.
 */
class StreamingAggregateEvictionPropertyTest {
  private static final long SECOND = 1_000_000L;
  private static final long WIDTH = 10 * SECOND;
  private static final StructType WINDOW = DataTypes.struct(DataTypes.field("start", DataTypes.TIMESTAMP),
      DataTypes.field("end", DataTypes.TIMESTAMP));

  static Stream<Long> seeds() {
    return Seeds.of("StreamingAggregateEvictionPropertyTest", 32);
  }

  /** A group of the model: event time (null for a null key), the window's start if windowed, the word. */
  private record Group(Long time, String word) {}

  @ParameterizedTest
  @MethodSource("seeds")
  void watermarkStepsCloseExactlyTheDueGroupsInEventTimeOrder(long seed) {
    Seeds.check(seed, random -> {
      boolean windowed = random.nextBoolean();
      OutputMode mode = random.nextBoolean() ? OutputMode.APPEND : OutputMode.UPDATE;
      StateBackend backend = random.nextInt(4) == 0 ? ChronicleStateBackend.INSTANCE : HeapStateBackend.INSTANCE;
      HashAggregateSpec partial = partialSpec(windowed);
      OperatorHarness op = OperatorHarness.of(StreamingAggregateSpec.finalFor(partial, mode, 0))
          .withStateBackend(backend).withBatchSize(Gen.between(random, 1, 4));
      try {
        Map<Group, Long> model = new HashMap<>();
        Set<Group> updated = new LinkedHashSet<>();
        boolean hasWatermark = false;
        long watermark = 0;
        int steps = Gen.between(random, 10, 60);
        for (int step = 0; step < steps; step++) {
          int action = random.nextInt(10);
          if (action < 5) {
            List<Row> rows = new ArrayList<>();
            for (int i = Gen.between(random, 1, 8); i > 0; i--) {
              Long time = random.nextInt(15) == 0 ? null : Gen.between(random, 1, 20) * SECOND;
              String word = Gen.orNull(random, 0.1, Gen.oneOf(random, "a", "b", "c", "d", "e"));
              long count = Gen.between(random, 1, 3);
              rows.add(Row.of(key(windowed, time), word, count));
              if (time == null || !hasWatermark || time > watermark) {
                Group g = new Group(time, word);
                model.merge(g, count, Long::sum);
                updated.add(g);
              }
            }
            op.feed(0, Batch.fromRows(partial.outputSchema(), rows));
          } else if (action < 7) {
            op.endOfEpoch();
            List<Row> expected = new ArrayList<>();
            if (mode == OutputMode.UPDATE) {
              for (Group g : updated) {
                Long count = model.get(g);
                if (count != null) { // not closed by a watermark step since it was updated
                  expected.add(output(windowed, g, count));
                }
              }
            }
            assertEquals(sorted(expected), sorted(op.drainRows()), "epoch end at step " + step);
            updated.clear();
            assertEquals(model.size(), op.operator().stateMetrics().numRowsTotal(), "groups at step " + step);
          } else if (action < 9) {
            long w = hasWatermark ? watermark + Gen.between(random, -3, 6) * SECOND : Gen.between(random, 0, 8) * SECOND;
            op.watermark(w);
            List<Row> expected = new ArrayList<>();
            if (!hasWatermark || w > watermark) {
              hasWatermark = true;
              watermark = w;
              expected = close(model, windowed, w);
            }
            List<Row> emitted = op.drainRows();
            assertEquals(mode == OutputMode.APPEND ? expected : List.of(), inTimeOrder(windowed, emitted),
                "watermark " + w + " at step " + step);
          } else {
            op.snapshotAndRestore(); // the restored instance rebuilds its index from the restored table
          }
        }
        op.watermark(Long.MAX_VALUE);
        List<Row> rest = close(model, windowed, Long.MAX_VALUE);
        assertEquals(mode == OutputMode.APPEND ? rest : List.of(), inTimeOrder(windowed, op.drainRows()), "the rest");
        op.endOfEpoch();
        op.drainRows();
        assertEquals(model.size(), op.operator().stateMetrics().numRowsTotal(), "null event times stay");
        assertTrue(model.keySet().stream().allMatch(g -> g.time() == null));
      } finally {
        op.close();
      }
    });
  }

  /** Removes the model's groups closed by {@code watermark}; returns their rows ordered by event time. */
  private static List<Row> close(Map<Group, Long> model, boolean windowed, long watermark) {
    List<Group> due = new ArrayList<>();
    for (Group g : model.keySet()) {
      if (g.time() != null && g.time() <= watermark) {
        due.add(g);
      }
    }
    due.sort(Comparator.comparing(Group::time).thenComparing(g -> String.valueOf(g.word())));
    List<Row> out = new ArrayList<>();
    for (Group g : due) {
      out.add(output(windowed, g, model.remove(g)));
    }
    return out;
  }

  /**
   * {@code rows} after checking that their event times never decrease, with the rows of equal event time sorted by
   * word (the operator orders those by key bytes, which the model does not reproduce).
   */
  private static List<Row> inTimeOrder(boolean windowed, List<Row> rows) {
    long last = Long.MIN_VALUE;
    for (Row r : rows) {
      long t = micros((Instant) (windowed ? ((Row) r.get(0)).get(1) : r.get(0)));
      assertTrue(t >= last, "closed groups out of event-time order: " + rows);
      last = t;
    }
    List<Row> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing((Row r) -> micros((Instant) (windowed ? ((Row) r.get(0)).get(1) : r.get(0))))
        .thenComparing(r -> String.valueOf(r.get(1))));
    return copy;
  }

  private static HashAggregateSpec partialSpec(boolean windowed) {
    DataType timeType = windowed ? WINDOW : DataTypes.TIMESTAMP;
    StructType input = DataTypes.struct(DataTypes.field("t", timeType), DataTypes.field("word", DataTypes.STRING));
    List<Expression> keys = List.of(new ColumnRef(0, "t", timeType, true),
        new ColumnRef(1, "word", DataTypes.STRING, true));
    return HashAggregateSpec.partial(input, keys, List.of("t", "word"), List.of(AggregateFunctions.countStar()),
        List.of("count"));
  }

  /** The event-time key of a row: a window ending at {@code time}, or the timestamp {@code time}. */
  private static Object key(boolean windowed, Long time) {
    if (time == null) {
      return null;
    }
    return windowed ? Row.of(instant(time - WIDTH), instant(time)) : instant(time);
  }

  private static Row output(boolean windowed, Group g, long count) {
    return Row.of(key(windowed, g.time()), g.word(), count);
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, SECOND), Math.floorMod(micros, SECOND) * 1000);
  }

  private static long micros(Instant i) {
    return i.getEpochSecond() * SECOND + i.getNano() / 1000;
  }

  private static List<Row> sorted(List<Row> rows) {
    List<Row> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Row::toString));
    return copy;
  }
}
