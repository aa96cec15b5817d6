package io.ember.api.planner;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.max;
import static io.ember.api.functions.sum;
import static io.ember.api.functions.window;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ember.api.DataFrame;
import io.ember.api.Session;
import io.ember.api.logical.LogicalPlan;
import io.ember.api.logical.PlanIds;
import io.ember.api.streaming.OutputMode;
import io.ember.api.streaming.StreamingQuery;
import io.ember.connectors.memory.CollectSink;
import io.ember.connectors.memory.MemoryStreamSource;
import io.ember.core.data.Row;
import io.ember.core.types.DataTypes;
import io.ember.core.types.StructType;
import io.ember.operators.stream.PropagatedWatermarkSpec;
import io.ember.operators.stream.aggregate.StreamingAggregateSpec;
import io.ember.runtime.graph.JobGraph;
import io.ember.runtime.graph.Vertex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DataFrame read twice whose reads take different pushdown (columns, filters) is read once where the planner shares
 * the read ({@link SharedScans}), and gives the rows it gives read twice: batch reads of files that are aggregated, and
 * every read of a stream. Reads are counted by a {@link CountingSource} around the query's source.
 */
class SharedScansTest {
  static final String REUSE = "spark.sql.exchange.reuse";
  /** The file rows: {@code k = i % 5}, {@code a = i % 7 - 3}, {@code b = (i % 11) * 10}. */
  static final int FILE_ROWS = 600;
  static final StructType EVENTS = DataTypes.struct(DataTypes.field("k", DataTypes.LONG),
      DataTypes.field("v", DataTypes.LONG), DataTypes.field("w", DataTypes.LONG), DataTypes.field("name", DataTypes.STRING));
  static Session session;
  @TempDir
  static Path dir;

  @BeforeAll
  static void start() throws IOException {
    session = Session.builder().master("local[2]").appName("SharedScansTest")
        .config("spark.sql.shuffle.partitions", "3").getOrCreate();
    for (int f = 0; f < 3; f++) {
      StringBuilder csv = new StringBuilder();
      for (int i = f * FILE_ROWS / 3; i < (f + 1) * FILE_ROWS / 3; i++) {
        csv.append(i % 5).append(',').append(a(i)).append(',').append(b(i)).append('\n');
      }
      Files.writeString(dir.resolve("part-" + f + ".csv"), csv);
    }
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  @AfterEach
  void reuseBackOn() {
    session.conf().unset(REUSE);
  }

  static int a(int i) {
    return i % 7 - 3;
  }

  static int b(int i) {
    return (i % 11) * 10;
  }

  /** The file rows as a DataFrame whose reads count into {@code counts}. */
  static DataFrame files(CountingSource.Counts counts) {
    DataFrame df = session.read().schema("k INT, a INT, b INT").csv(dir.toString());
    return session.dataFrame(new LogicalPlan.SourceScan(PlanIds.next(),
        CountingSource.of(((LogicalPlan.SourceScan) df.logicalPlan()).source(), counts)));
  }

  static long sourceVertices(JobGraph g) {
    return g.vertices().stream().filter(v -> v instanceof Vertex.SourceVertex).count();
  }

  static long fileRows(IntPredicate p) {
    long n = 0;
    for (int i = 0; i < FILE_ROWS; i++) {
      n += p.test(i) ? 1 : 0;
    }
    return n;
  }

  /** Per key of the file rows, the sum of a over a > 0 and the largest b under 50 among rows with {@code also}. */
  static List<Row> expectedSumsAndMaxima(IntPredicate also) {
    Map<Integer, Long> sums = new TreeMap<>();
    Map<Integer, Integer> maxima = new TreeMap<>();
    for (int i = 0; i < FILE_ROWS; i++) {
      if (a(i) > 0) {
        sums.merge(i % 5, (long) a(i), Long::sum);
      }
      if (b(i) < 50 && also.test(i)) {
        maxima.merge(i % 5, b(i), Math::max);
      }
    }
    List<Row> out = new ArrayList<>();
    sums.forEach((k, s) -> {
      if (maxima.containsKey(k)) {
        out.add(Row.of(k, s, maxima.get(k)));
      }
    });
    return out;
  }

  /** {@code rows} sorted by their text. */
  static List<Row> sorted(List<Row> rows) {
    List<Row> out = new ArrayList<>(rows);
    out.sort(Comparator.comparing(Object::toString));
    return out;
  }

  /** The sum of a per key over a > 0, joined with the largest b per key over b < 50 and {@code maximaFilter}. */
  static DataFrame sumsAndMaxima(DataFrame df, io.ember.api.Column maximaFilter) {
    DataFrame sums = df.filter(col("a").gt(0)).groupBy(col("k")).agg(sum("a").alias("sa"));
    DataFrame maxima = df.filter(col("b").lt(50).and(maximaFilter)).groupBy(col("k").alias("k2"))
        .agg(max("b").alias("mb"));
    return sums.join(maxima, col("k").equalTo(col("k2"))).select(col("k"), col("sa"), col("mb"));
  }

  @Test
  void aggregatedReadsOfOneFileDataFrameWithOtherColumnsAndFiltersScanTheFilesOnce() {
    CountingSource.Counts shared = new CountingSource.Counts();
    DataFrame once = sumsAndMaxima(files(shared), io.ember.api.functions.lit(true));
    JobGraph g = once.queryExecution().physicalPlan(new CollectSink());
    assertEquals(1, sourceVertices(g), g::explain);
    List<Row> rows = sorted(once.collectAsList());
    assertEquals(expectedSumsAndMaxima(i -> true), rows);
    // No filter is common to both reads: the one scan reads every row, and each read filters its own.
    assertEquals(FILE_ROWS, shared.rows.get());

    session.conf().set(REUSE, "false");
    CountingSource.Counts apart = new CountingSource.Counts();
    DataFrame twice = sumsAndMaxima(files(apart), io.ember.api.functions.lit(true));
    assertEquals(2, sourceVertices(twice.queryExecution().physicalPlan(new CollectSink())));
    assertEquals(rows, sorted(twice.collectAsList()));
    assertEquals(fileRows(i -> a(i) > 0) + fileRows(i -> b(i) < 50), apart.rows.get());
    assertEquals(2 * shared.readers.get(), apart.readers.get());
  }

  @Test
  void aFilterBothReadsPushedStaysInTheSharedScan() {
    CountingSource.Counts counts = new CountingSource.Counts();
    DataFrame q = sumsAndMaxima(files(counts), col("a").gt(0));
    assertEquals(1, sourceVertices(q.queryExecution().physicalPlan(new CollectSink())));
    assertEquals(expectedSumsAndMaxima(i -> a(i) > 0), sorted(q.collectAsList()));
    assertEquals(fileRows(i -> a(i) > 0), counts.rows.get());
  }

  @Test
  void aReadJoinedWithoutAggregationKeepsItsOwnScan() {
    CountingSource.Counts counts = new CountingSource.Counts();
    DataFrame df = files(counts);
    DataFrame maxima = df.filter(col("b").lt(50)).groupBy(col("k").alias("k2")).agg(max("b").alias("mb"));
    DataFrame q = df.select(col("k"), col("a")).join(maxima, col("k").equalTo(col("k2")));
    // Its raw rows feed the join's later input: from a shared scan they would be buffered until the other input ends.
    assertEquals(2, sourceVertices(q.queryExecution().physicalPlan(new CollectSink())));
    assertEquals(FILE_ROWS, q.count());
  }

  /** Rows of the stream: {@code k = i % 4}, {@code v = i}, {@code w = i % 5}, {@code name = "n" + i}. */
  static List<Row> events(int n) {
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      rows.add(Row.of(i % 4, i, i % 5, "n" + i));
    }
    return rows;
  }

  /** The rows of a union of two filters of one stream, each reading other columns, and the reads it counted. */
  static List<Row> unionOfTwoFilters(CountingSource.Counts counts, int n) {
    MemoryStreamSource source = new MemoryStreamSource(EVENTS);
    DataFrame events = session.dataFrame(new LogicalPlan.SourceScan(PlanIds.next(), CountingSource.of(source, counts)));
    DataFrame q = events.filter(col("v").gt(10)).select(col("k"), col("v").alias("x"))
        .union(events.filter(col("w").lt(3)).select(col("k"), col("w").alias("x")));
    JobGraph g = q.queryExecution().streamingPlan(OutputMode.Append(), new CollectSink()).graph();
    assertEquals(1, sourceVertices(g), g::explain);
    List<Row> out = new ArrayList<>();
    StreamingQuery query = q.writeStream().outputMode("append").foreachBatch((batch, id) -> {
      synchronized (out) {
        out.addAll(batch.collectAsList());
      }
    }).start();
    try {
      source.addData(events(n));
      query.processAllAvailable();
    } finally {
      query.stop();
    }
    synchronized (out) {
      return sorted(out);
    }
  }

  @Test
  void aUnionOfTwoFiltersOfOneStreamReadsItOnce() {
    int n = 30;
    List<Row> expected = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      if (i > 10) {
        expected.add(Row.of(i % 4, i));
      }
      if (i % 5 < 3) {
        expected.add(Row.of(i % 4, i % 5));
      }
    }
    expected.sort(Comparator.comparing(Object::toString));
    for (String reuse : List.of("true", "false")) {
      session.conf().set(REUSE, reuse);
      CountingSource.Counts counts = new CountingSource.Counts();
      assertEquals(expected, unionOfTwoFilters(counts, n), "reuse " + reuse);
      // One reader, each row emitted once (no filter is common to both reads: both are applied after the scan).
      assertEquals(1, counts.readers.get(), "reuse " + reuse);
      assertEquals(n, counts.rows.get(), "reuse " + reuse);
    }
  }

  @Test
  void q5sWindowCountsOverAStreamWithoutEqualityArePlannedOnce() {
    StructType bids = DataTypes.struct(DataTypes.field("auction", DataTypes.LONG),
        DataTypes.field("price", DataTypes.LONG), DataTypes.field("ts", DataTypes.TIMESTAMP));
    DataFrame stream = session.dataFrame(new LogicalPlan.SourceScan(PlanIds.next(),
        CountingSource.of(new MemoryStreamSource(bids), new CountingSource.Counts())));
    DataFrame counts = stream.withWatermark("ts", "0 seconds")
        .groupBy(window(col("ts"), "10 seconds", "2 seconds").alias("w"), col("auction"))
        .agg(count("*").alias("num"));
    DataFrame maxima = counts.groupBy(col("w").alias("mw")).agg(max("num").alias("maxn"));
    DataFrame hot = counts.join(maxima, col("w").equalTo(col("mw")).and(col("num").geq(col("maxn"))));
    JobGraph g = hot.queryExecution().streamingPlan(OutputMode.Append(), new CollectSink()).graph();
    // Both reads prune the price column into a source of their own; neither copy equals the other.
    List<Vertex> aggregations = g.vertices().stream().filter(v -> v instanceof Vertex.OperatorVertex o
        && (o.chain().get(0) instanceof PropagatedWatermarkSpec p ? p.inner() : o.chain().get(0))
            instanceof StreamingAggregateSpec s && s.explain().contains("keys=[window, auction]")).toList();
    assertEquals(1, aggregations.size(), g::explain);
    assertEquals(2, g.outputsOf(aggregations.get(0).id()).size(), g::explain);
    List<Vertex.SourceVertex> sources = g.vertices().stream().filter(v -> v instanceof Vertex.SourceVertex)
        .map(v -> (Vertex.SourceVertex) v).toList();
    assertEquals(1, sources.size(), g::explain);
    assertEquals(List.of("auction", "ts"), sources.get(0).source().schema().fieldNames(), g::explain);
  }
}
