package io.ember.operators.stream.aggregate;

import io.ember.core.data.Batch;
import io.ember.core.data.LongVector;
import io.ember.core.data.Row;
import io.ember.core.expr.ColumnRef;
import io.ember.core.expr.Expression;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.EventTimeTracker;
import io.ember.operators.aggregate.AggregateFunctions;
import io.ember.operators.aggregate.HashAggregateSpec;
import io.ember.operators.state.StateBackend;
import io.ember.operators.stream.OutputMode;
import io.ember.operators.stream.watermark.EventTimeWatermarkSpec;
import io.ember.operators.testkit.OperatorHarness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Spark's programming-guide example at operator level: {@code words.withWatermark("timestamp", "10 minutes")
 * .groupBy(window("timestamp", "10 minutes", "5 minutes"), "word").count()}. Rows of {@code (word, timestamp)}
 * pass an {@link EventTimeWatermarkSpec}, are expanded into their sliding windows (as the window expression
 * would), aggregated by a PARTIAL aggregate that emits per epoch and then by the streaming aggregate under test.
 * The watermark follows the epoch rule: after epoch {@code N} the largest candidate so far becomes the
 * watermark of epoch {@code N + 1}.
 */
final class WindowedWordCount {
  static final long MINUTE = 60_000_000L;
  static final StructType WORDS = DataTypes.struct(DataTypes.field("word", DataTypes.STRING),
      DataTypes.field("timestamp", DataTypes.TIMESTAMP));
  static final StructType WINDOW = DataTypes.struct(DataTypes.field("start", DataTypes.TIMESTAMP),
      DataTypes.field("end", DataTypes.TIMESTAMP));
  static final StructType WINDOWED = DataTypes.struct(DataTypes.field("window", WINDOW),
      DataTypes.field("word", DataTypes.STRING));

  private final OperatorHarness watermarkOp;
  private final OperatorHarness partial;
  private final OperatorHarness stateful;
  private final long windowMicros;
  private final long slideMicros;
  private int partialConsumed;
  private long watermark = Long.MIN_VALUE;

  WindowedWordCount(OutputMode mode, StateBackend backend, boolean snapshotRestore, long windowMicros,
      long slideMicros, long delayMicros) {
    this.windowMicros = windowMicros;
    this.slideMicros = slideMicros;
    this.watermarkOp = OperatorHarness.of(new EventTimeWatermarkSpec(WORDS, 1, delayMicros, 0));
    HashAggregateSpec partialSpec = partialSpec();
    this.partial = OperatorHarness.of(partialSpec);
    OperatorHarness s = OperatorHarness.of(StreamingAggregateSpec.finalFor(partialSpec, mode, 0))
        .withStateBackend(backend).withBatchSize(3);
    this.stateful = snapshotRestore ? s.withSnapshotRestoreBetweenBatches() : s;
  }

  /** The guide's query: 10 minute windows sliding every 5 minutes, a 10 minute watermark delay. */
  static WindowedWordCount guide(OutputMode mode, StateBackend backend, boolean snapshotRestore) {
    return new WindowedWordCount(mode, backend, snapshotRestore, 10 * MINUTE, 5 * MINUTE, 10 * MINUTE);
  }

  static HashAggregateSpec partialSpec() {
    List<Expression> keys = List.of(new ColumnRef(0, "window", WINDOW, true), new ColumnRef(1, "word",
        DataTypes.STRING, true));
    return HashAggregateSpec.partial(WINDOWED, keys, List.of("window", "word"),
        List.of(AggregateFunctions.countStar()), List.of("count"));
  }

  /** Runs one epoch over {@code rows} ({@code word, timestamp}) and returns what the epoch emitted, sorted. */
  List<Row> epoch(Row... rows) {
    if (rows.length > 0) {
      watermarkOp.feedRows(0, WORDS, List.of(rows), 2);
    }
    for (Row r : watermarkOp.drainRows()) {
      partial.feed(0, windows(r));
    }
    partial.endOfEpoch();
    List<Batch> partialOut = partial.outputBatches();
    stateful.feed(0, partialOut.subList(partialConsumed, partialOut.size()));
    partialConsumed = partialOut.size();
    stateful.endOfEpoch();
    List<Row> emitted = sorted(stateful.drainRows());
    long candidate = ((EventTimeTracker) watermarkOp.operator()).candidateWatermarkMicros();
    if (candidate > watermark) {
      watermark = candidate;
      stateful.watermark(candidate); // what it emits belongs to the next epoch
    }
    return emitted;
  }

  long watermark() {
    return watermark;
  }

  OperatorHarness stateful() {
    return stateful;
  }

  /** Every sliding window containing the row's timestamp, as {@code (window, word)} rows, earliest first. */
  private Batch windows(Row r) {
    long t = ((LongVector) Batch.fromRows(WORDS, List.of(r)).column(1)).getLong(0);
    List<Row> out = new ArrayList<>();
    long lastStart = t - Math.floorMod(t, slideMicros);
    for (long start = lastStart - windowMicros + slideMicros; start <= lastStart; start += slideMicros) {
      if (start + windowMicros > t) {
        out.add(Row.of(window(start, start + windowMicros), r.get(0)));
      }
    }
    return Batch.fromRows(WINDOWED, out);
  }

  static Row window(long startMicros, long endMicros) {
    return Row.of(instant(startMicros), instant(endMicros));
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
  }

  /** 2024-01-01 at {@code hh:mm} in microseconds. */
  static long at(String hhmm) {
    return Instant.parse("2024-01-01T" + hhmm + ":00Z").getEpochSecond() * 1_000_000L;
  }

  /** A {@code (word, timestamp)} input row. */
  static Row word(String hhmm, String word) {
    return Row.of(word, instant(at(hhmm)));
  }

  /** An output row: window {@code [from, to)}, word, count. */
  static Row count(String from, String to, String word, long count) {
    return Row.of(window(at(from), at(to)), word, count);
  }

  static List<Row> sorted(List<Row> rows) {
    List<Row> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Row::toString));
    return copy;
  }

  static List<Row> rows(Row... rows) {
    return sorted(List.of(rows));
  }
}
