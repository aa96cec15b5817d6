package io.ember.api.streaming;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.max;
import static io.ember.api.functions.sum;
import static io.ember.api.functions.window;
import static io.ember.api.streaming.StreamingTestKit.row;
import static io.ember.api.streaming.StreamingTestKit.second;
import static io.ember.api.streaming.StreamingTestKit.sorted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.streaming.StreamingTestKit.EpochRecorder;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A query whose repeated sub-plan runs once ({@code spark.sql.exchange.reuse}, the default) gives the rows it gives
 * with every occurrence run on its own: Nexmark q5's self-join of a sliding-window aggregation, epoch by epoch and
 * across a restart from its checkpoint, and a batch self-join and self-union of an aggregation.
 */
class SubplanReuseE2ETest {
  static final StructType BIDS = DataTypes.struct(DataTypes.field("auction", DataTypes.LONG),
      DataTypes.field("ts", DataTypes.TIMESTAMP));
  static final String REUSE = "spark.sql.exchange.reuse";
  static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("SubplanReuseE2ETest")
        .config("spark.sql.shuffle.partitions", "3").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  @AfterEach
  void reuseBackOn() {
    session.conf().unset(REUSE);
  }

  /** Nexmark q5: bids per auction and 10 s window sliding by 2 s, joined with the largest count of the window. */
  static DataFrame hotItems(DataFrame bids) {
    DataFrame counts = bids.withWatermark("ts", "0 seconds")
        .groupBy(window(col("ts"), "10 seconds", "2 seconds").alias("w"), col("auction"))
        .agg(count("*").alias("num"));
    DataFrame maxima = counts.groupBy(col("w").alias("mw")).agg(max("num").alias("maxn"));
    return counts.join(maxima, col("w").equalTo(col("mw")).and(col("num").geq(col("maxn"))))
        .select(col("auction"), col("num"), col("w.start").alias("start"));
  }

  /** The bids of each step: three auctions over 40 s, auction 2 the busiest early and auction 3 late. */
  static List<List<Row>> steps() {
    List<List<Row>> steps = new ArrayList<>();
    for (int step = 0; step < 3; step++) {
      List<Row> rows = new ArrayList<>();
      for (long s = step * 13L; s < step * 13L + 13; s++) {
        rows.add(Row.of(1L, second(s)));
        if (s % 2 == 0 || s < 9) {
          rows.add(Row.of(2L, second(s)));
        }
        if (s > 20) {
          rows.add(Row.of(3L, second(s)));
          rows.add(Row.of(3L, second(s)));
        }
      }
      steps.add(rows);
    }
    return steps;
  }

  /** The rows {@link #hotItems} writes after each step over a memory stream, with or without reuse. */
  static List<List<List<Object>>> hotItemsPerStep(boolean reuse) {
    session.conf().set(REUSE, reuse);
    MemoryStream bids = MemoryStream.of(session, BIDS);
    DataFrame hot = hotItems(bids.toDF());
    String explain = hot.queryExecution().explain(false);
    assertEquals(reuse, explain.contains("] StreamingAggregate(keys=[window, auction]"), explain);
    EpochRecorder out = new EpochRecorder();
    StreamingQuery q = hot.writeStream().outputMode("append").foreachBatch(out).start();
    List<List<List<Object>>> perStep = new ArrayList<>();
    try {
      for (List<Row> step : steps()) {
        bids.addData(step);
        q.processAllAvailable();
        perStep.add(out.newRows());
      }
    } finally {
      q.stop();
    }
    return perStep;
  }

  @Test
  void hotItemsGiveTheSameRowsEpochByEpochWithAndWithoutReuse() {
    List<List<List<Object>>> shared = hotItemsPerStep(true);
    List<List<List<Object>>> apart = hotItemsPerStep(false);
    assertEquals(apart, shared);
    // Step 0 (s = 0..12): auction 1 bids every second, auction 2 at 0..8, 10 and 12; the watermark 12 s closes the
    // windows starting at -8 .. 2 s. Both tie until [0,10), where auction 1 has 10 bids and auction 2 has 9.
    assertEquals(sorted(row(1L, 2L, second(-8)), row(2L, 2L, second(-8)), row(1L, 4L, second(-6)),
        row(2L, 4L, second(-6)), row(1L, 6L, second(-4)), row(2L, 6L, second(-4)), row(1L, 8L, second(-2)),
        row(2L, 8L, second(-2)), row(1L, 10L, second(0)), row(1L, 10L, second(2))), shared.get(0));
    assertFalse(shared.get(2).isEmpty(), shared::toString);
  }

  /** Writes bids at {@code rows} as file {@code name} of {@code dir} (written aside, then moved in). */
  static void addFile(Path dir, String name, List<Row> rows) throws IOException {
    StringBuilder json = new StringBuilder();
    for (Row r : rows) {
      long s = ((java.time.Instant) r.get(1)).getEpochSecond() - second(0).getEpochSecond();
      json.append(String.format("{\"auction\": %d, \"ts\": \"2024-01-01 00:00:%02d\"}%n", (Long) r.get(0), s));
    }
    Path staged = Files.writeString(dir.resolveSibling(name), json.toString());
    Files.move(staged, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  static StreamingQuery hotItemsFromFiles(Path in, Path checkpoint, EpochRecorder out) {
    DataStreamWriter writer = hotItems(session.readStream().schema(BIDS).json(in.toString()))
        .writeStream().outputMode("append").foreachBatch(out);
    return (checkpoint == null ? writer : writer.option("checkpointLocation", checkpoint.toString())).start();
  }

  /** Every row written, sorted by its text. */
  static List<List<Object>> all(List<List<List<Object>>> steps) {
    List<List<Object>> rows = new ArrayList<>();
    steps.forEach(rows::addAll);
    rows.sort(Comparator.comparing(Object::toString));
    return rows;
  }

  @Test
  void aSharedAggregationRestartsFromItsCheckpointWithTheRowsOfAnUnsharedRun() throws IOException {
    // Not a @TempDir: the commit thread may still be writing the last epoch's state files when stop() returns.
    Path tmp = Files.createTempDirectory("subplan-reuse");
    try {
      List<List<Row>> steps = steps();
      Path in = Files.createDirectories(tmp.resolve("in"));
      Path checkpoint = tmp.resolve("checkpoint");
      List<List<List<Object>>> restarted = new ArrayList<>();
      EpochRecorder first = new EpochRecorder();
      StreamingQuery q = hotItemsFromFiles(in, checkpoint, first);
      try {
        for (int i = 0; i < 2; i++) {
          addFile(in, i + ".json", steps.get(i));
          q.processAllAvailable();
          restarted.add(first.newRows());
        }
      } finally {
        q.stop();
      }
      EpochRecorder second = new EpochRecorder();
      StreamingQuery resumed = hotItemsFromFiles(in, checkpoint, second);
      try {
        addFile(in, "2.json", steps.get(2));
        resumed.processAllAvailable();
        restarted.add(second.newRows());
      } finally {
        resumed.stop();
      }

      session.conf().set(REUSE, false);
      Path apartIn = Files.createDirectories(tmp.resolve("apart"));
      List<List<List<Object>>> apart = new ArrayList<>();
      EpochRecorder unshared = new EpochRecorder();
      StreamingQuery plain = hotItemsFromFiles(apartIn, null, unshared);
      try {
        for (int i = 0; i < 3; i++) {
          addFile(apartIn, i + ".json", steps.get(i));
          plain.processAllAvailable();
          apart.add(unshared.newRows());
        }
      } finally {
        plain.stop();
      }
      assertEquals(all(apart), all(restarted));
      assertFalse(restarted.get(2).isEmpty(), restarted::toString);
    } finally {
      try (java.util.stream.Stream<Path> paths = Files.walk(tmp)) {
        paths.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** {@code query} over a sum per key, collected and sorted, with or without reuse. */
  static List<String> batch(boolean reuse, Function<DataFrame, DataFrame> query) {
    session.conf().set(REUSE, reuse);
    DataFrame sums = session.range(1000).selectExpr("id % 13 AS k", "id % 101 AS v").groupBy(col("k"))
        .agg(sum("v").alias("s"));
    DataFrame q = query.apply(sums);
    String explain = q.queryExecution().explain(false);
    assertEquals(reuse, explain.contains("ReusedSubplan"), explain);
    return q.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  @Test
  void batchSelfJoinAndSelfUnionOfAnAggregationGiveTheSameRowsWithAndWithoutReuse() {
    Function<DataFrame, DataFrame> aboveAverage = sums -> sums.join(
        sums.agg(io.ember.api.functions.avg("s").alias("mean")), col("s").gt(col("mean"))).select(col("k"), col("s"));
    List<String> shared = batch(true, aboveAverage);
    assertEquals(batch(false, aboveAverage), shared);
    assertTrue(shared.size() > 1 && shared.size() < 13, shared::toString);

    Function<DataFrame, DataFrame> twice = sums -> sums.union(sums.select(col("k").plus(100), col("s")));
    List<String> unioned = batch(true, twice);
    assertEquals(batch(false, twice), unioned);
    assertEquals(26, unioned.size());
  }
}
