package io.ember.api.streaming;

import static io.ember.api.functions.avg;
import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.lit;
import static io.ember.api.functions.max;
import static io.ember.api.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.streaming.StreamingTestKit.EpochRecorder;
import io.ember.core.data.Row;
import io.ember.core.testing.Seeds;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An aggregation over the updates of another (Nexmark q4's shape: the highest bid per auction, then per category
 * the count, sum and average of those), run as a changelog: over several epochs in which higher bids arrive later,
 * the outer aggregation's rows are always those of a plain-Java computation over every bid so far, in update mode
 * (the rows emitted, applied as upserts by category) and complete mode (the last epoch's rows); and a query restarted
 * from its checkpoint resumes both aggregations' state.
 */
class ChangelogAggregationE2ETest {
  static final StructType BIDS = DataTypes.struct(DataTypes.field("auction", DataTypes.LONG),
      DataTypes.field("category", DataTypes.LONG), DataTypes.field("price", DataTypes.LONG));
  static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().master("local[2]").appName("ChangelogAggregationE2ETest")
        .config("spark.sql.shuffle.partitions", "3").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  /** The highest bid per auction, those of at least 10 doubled, then per category: count, sum, average. */
  static DataFrame averageOfHighestBids(DataFrame bids) {
    return bids.groupBy(col("auction"), col("category")).agg(max(col("price")).as("final"))
        .filter(col("final").geq(10))
        .select(col("category"), col("final").multiply(2).as("twice"))
        .groupBy(col("category"))
        .agg(count(lit(1)).as("n"), sum(col("twice")).as("total"), avg(col("twice")).as("mean"));
  }

  /** The plain-Java answer over {@code bids}: category -> [category, n, total, mean]. */
  static Map<Long, List<Object>> expected(List<Row> bids) {
    Map<Long, Long> highest = new HashMap<>();
    Map<Long, Long> categories = new HashMap<>();
    for (Row b : bids) {
      highest.merge((Long) b.get(0), (Long) b.get(2), Math::max);
      categories.put((Long) b.get(0), (Long) b.get(1));
    }
    Map<Long, long[]> sums = new TreeMap<>();
    highest.forEach((auction, price) -> {
      if (price >= 10) {
        long[] s = sums.computeIfAbsent(categories.get(auction), c -> new long[2]);
        s[0]++;
        s[1] += 2 * price;
      }
    });
    Map<Long, List<Object>> out = new TreeMap<>();
    sums.forEach((c, s) -> out.put(c, List.of(c, s[0], s[1], (double) s[1] / s[0])));
    return out;
  }

  /** Five steps of bids on auctions 0-14 (category = auction % 4), prices rising with the step. */
  static List<List<Row>> steps() {
    Random random = new Random(Seeds.BASE_SEED);
    List<List<Row>> steps = new ArrayList<>();
    for (int step = 0; step < 5; step++) {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        long auction = random.nextInt(15);
        rows.add(Row.of(auction, auction % 4, (long) random.nextInt(20) + 5L * step));
      }
      steps.add(rows);
    }
    return steps;
  }

  @Test
  void updateModeRowsAppliedByCategoryMatchAPlainJavaAnswerAfterEveryStep() {
    MemoryStream bids = MemoryStream.of(session, BIDS);
    EpochRecorder out = new EpochRecorder();
    StreamingQuery q = averageOfHighestBids(bids.toDF()).writeStream().outputMode("update").foreachBatch(out).start();
    try {
      Map<Long, List<Object>> applied = new TreeMap<>();
      List<Row> all = new ArrayList<>();
      for (List<Row> step : steps()) {
        bids.addData(step);
        all.addAll(step);
        q.processAllAvailable();
        for (List<Object> row : out.newRows()) {
          applied.put((Long) row.get(0), row);
        }
        assertEquals(expected(all), applied, "after " + all.size() + " bids");
      }
    } finally {
      q.stop();
    }
  }

  @Test
  void completeModeLastEpochIsThePlainJavaAnswerAfterEveryStep() {
    MemoryStream bids = MemoryStream.of(session, BIDS);
    EpochRecorder out = new EpochRecorder();
    StreamingQuery q = averageOfHighestBids(bids.toDF()).writeStream().outputMode("complete").foreachBatch(out)
        .start();
    try {
      List<Row> all = new ArrayList<>();
      for (List<Row> step : steps()) {
        bids.addData(step);
        all.addAll(step);
        q.processAllAvailable();
        assertEquals(List.copyOf(expected(all).values()), lastEpoch(out), "after " + all.size() + " bids");
      }
    } finally {
      q.stop();
    }
  }

  private static List<List<Object>> lastEpoch(EpochRecorder out) {
    List<List<Object>> rows = new ArrayList<>(((TreeMap<Long, List<List<Object>>>) out.epochs()).lastEntry()
        .getValue());
    rows.sort(Comparator.comparing(r -> (Long) r.get(0)));
    return rows;
  }

  @Test
  void aRestartedQueryResumesBothAggregationsFromItsCheckpoint() throws IOException {
    // Not a @TempDir: the commit thread may still be writing the last epoch's state files when stop() returns.
    Path tmp = Files.createTempDirectory("changelog-checkpoint");
    try {
      Path in = Files.createDirectories(tmp.resolve("in"));
      Path checkpoint = tmp.resolve("checkpoint");
      List<List<Row>> steps = steps();
      List<Row> all = new ArrayList<>();
      EpochRecorder first = new EpochRecorder();
      StreamingQuery q = fromFiles(in, checkpoint, first);
      try {
        for (int s = 0; s < 3; s++) {
          addFile(in, s, steps.get(s));
          all.addAll(steps.get(s));
          q.processAllAvailable();
        }
        assertEquals(List.copyOf(expected(all).values()), lastEpoch(first));
      } finally {
        q.stop();
      }
      EpochRecorder second = new EpochRecorder();
      StreamingQuery resumed = fromFiles(in, checkpoint, second);
      try {
        for (int s = 3; s < steps.size(); s++) {
          addFile(in, s, steps.get(s));
          all.addAll(steps.get(s));
          resumed.processAllAvailable();
        }
        assertEquals(List.copyOf(expected(all).values()), lastEpoch(second),
            "the highest bids of the first run's auctions were kept and are taken back when beaten");
      } finally {
        resumed.stop();
      }
    } finally {
      try (java.util.stream.Stream<Path> paths = Files.walk(tmp)) {
        paths.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static StreamingQuery fromFiles(Path in, Path checkpoint, EpochRecorder out) {
    return averageOfHighestBids(session.readStream().schema(BIDS).json(in.toString())).writeStream()
        .outputMode("complete").option("checkpointLocation", checkpoint.toString()).foreachBatch(out).start();
  }

  /** Writes {@code rows} as json file {@code index} of {@code dir} (written aside, then moved in). */
  private static void addFile(Path dir, int index, List<Row> rows) throws IOException {
    StringBuilder json = new StringBuilder();
    for (Row r : rows) {
      json.append(String.format("{\"auction\": %d, \"category\": %d, \"price\": %d}%n", r.get(0), r.get(1),
          r.get(2)));
    }
    Path staged = Files.writeString(dir.resolveSibling(index + ".json"), json.toString());
    Files.move(staged, dir.resolve(index + ".json"), StandardCopyOption.ATOMIC_MOVE);
  }

  static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }
}
