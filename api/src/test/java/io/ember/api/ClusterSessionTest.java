package io.ember.api;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.upper;
import static io.ember.api.functions.sum;
import static io.ember.api.functions.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ember.api.streaming.StreamingQuery;
import io.ember.core.data.Row;
import io.ember.core.errors.EmberIllegalArgumentException;
import io.ember.runtime.cluster.ClusterRuntime;
import io.ember.runtime.cluster.ClusterSecret;
import io.ember.runtime.cluster.HostPort;
import io.ember.runtime.cluster.JobPlacement;
import io.ember.runtime.cluster.StatusReply;
import io.ember.runtime.cluster.testkit.ClusterExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions on a cluster of three node JVMs ({@code master("ember://...")}) give the rows of the same queries at
 * {@code local[2]}: a group-by over CSV files, a join of two CSV inputs, a sort, a streaming windowed
 * aggregation over a directory of CSV files into a memory table, and a stateless streaming query from CSV files into
 * JSON files. The expected rows are computed first in a local session; then one cluster session runs every query,
 * its tasks placed on all three nodes; a streaming query keeps only its memory sink's tasks in the driver.
 */
@Timeout(180)
class ClusterSessionTest {
  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.builder().nodes(3).cores(2).build();

  @TempDir
  static Path dir;
  private static final Map<String, List<String>> EXPECTED = new HashMap<>();
  private static Session cluster;

  /** The queries, by name: each reads the CSV files under {@link #dir}. */
  private static final Map<String, Function<Session, DataFrame>> QUERIES = Map.of(
      "groupBy", s -> orders(s).groupBy("customer").agg(count(col("id")).as("n"), sum(col("amount")).as("total")),
      "join", s -> orders(s).join(customers(s), "customer").select("id", "customer", "country", "amount"),
      "sort", s -> orders(s).orderBy(col("amount").desc(), col("id")));

  @BeforeAll
  static void computeLocally() throws IOException {
    writeInputs();
    try (Session local = Session.builder().master("local[2]").appName("cluster-expected").getOrCreate()) {
      QUERIES.forEach((name, q) -> EXPECTED.put(name, rows(q.apply(local), !name.equals("sort"))));
      EXPECTED.put("stream", streamedWindows(local, "expected_windows", q -> {}));
      EXPECTED.put("streamToFiles", streamedToFiles(local, dir.resolve("expected-out"), q -> {}));
    }
    cluster = Session.builder().master(CLUSTER.masterUrl()).appName("cluster-session")
        .config("spark.ember.cluster.secretFile", CLUSTER.secretFile().toString()).getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.stop();
    }
  }

  private static DataFrame orders(Session s) {
    return s.read().option("header", true).schema("id BIGINT, customer STRING, amount BIGINT")
        .csv(dir.resolve("orders").toString());
  }

  private static DataFrame customers(Session s) {
    return s.read().option("header", true).schema("customer STRING, country STRING")
        .csv(dir.resolve("customers.csv").toString());
  }

  private static DataFrame events(Session s) {
    return s.readStream().option("header", true)
        .schema("id BIGINT, customer STRING, amount BIGINT, ts TIMESTAMP").csv(dir.resolve("events").toString());
  }

  /**
   * A streaming query over the directory of order files (an event time per order) into a memory table in complete
   * mode: per customer and 10-minute window, the orders and their amount, once every file is processed;
   * {@code whileActive} sees the query after that, before it stops.
   */
  private static List<String> streamedWindows(Session s, String table, Consumer<StreamingQuery> whileActive) {
    StreamingQuery q = events(s).withWatermark("ts", "1 hour")
        .groupBy(window(col("ts"), "10 minutes"), col("customer"))
        .agg(count(col("id")).as("n"), sum(col("amount")).as("total"))
        .writeStream().format("memory").queryName(table).outputMode("complete").start();
    try {
      q.processAllAvailable();
      whileActive.accept(q);
    } finally {
      q.stop();
    }
    return rows(s.table(table), true);
  }

  /**
   * A stateless streaming query over the order files into JSON files under {@code out} (a filter and a projection),
   * read back once every file is processed; {@code whileActive} sees the query before it stops.
   */
  private static List<String> streamedToFiles(Session s, Path out, Consumer<StreamingQuery> whileActive) {
    StreamingQuery q = events(s).where(col("amount").geq(500))
        .select(col("id"), upper(col("customer")).as("customer"), col("amount"))
        .writeStream().format("json").option("path", out.toString())
        .option("checkpointLocation", out.resolveSibling(out.getFileName() + "-checkpoint").toString()).start();
    try {
      q.processAllAvailable();
      whileActive.accept(q);
    } finally {
      q.stop();
    }
    return rows(s.read().schema("id BIGINT, customer STRING, amount BIGINT").json(out.toString()), true);
  }

  /** Three CSV files of orders (6,000 rows, 150 customers) and one of customers (120 of them). */
  private static void writeInputs() throws IOException {
    Path orders = Files.createDirectories(dir.resolve("orders"));
    Random rnd = new Random(42);
    long id = 0;
    for (int f = 0; f < 3; f++) {
      StringBuilder sb = new StringBuilder("id,customer,amount\n");
      for (int i = 0; i < 2000; i++) {
        sb.append(id++).append(",c").append(rnd.nextInt(150)).append(',').append(rnd.nextInt(10_000)).append('\n');
      }
      Files.writeString(orders.resolve("part-" + f + ".csv"), sb.toString());
    }
    StringBuilder sb = new StringBuilder("customer,country\n");
    String[] countries = {"NO", "IT", "PE", "JP"};
    for (int c = 0; c < 120; c++) {
      sb.append('c').append(c).append(',').append(countries[c % countries.length]).append('\n');
    }
    Files.writeString(dir.resolve("customers.csv"), sb.toString());
    Path events = Files.createDirectories(dir.resolve("events"));
    for (int f = 0; f < 3; f++) {
      StringBuilder ev = new StringBuilder("id,customer,amount,ts\n");
      for (int i = 0; i < 1000; i++) {
        ev.append(f * 1000 + i).append(",c").append(rnd.nextInt(40)).append(',').append(rnd.nextInt(1000))
            .append(",2026-11-26 0").append(f).append(':').append(String.format("%02d:%02d", rnd.nextInt(60),
                rnd.nextInt(60))).append('\n');
      }
      Files.writeString(events.resolve("events-" + f + ".csv"), ev.toString());
    }
  }

  private static List<String> rows(DataFrame df, boolean sorted) {
    List<String> rows = df.collectAsList().stream().map(Row::toString).toList();
    return sorted ? rows.stream().sorted().toList() : rows;
  }

  private static void assertSameAsLocal(String query, boolean sorted) {
    List<String> actual = rows(QUERIES.get(query).apply(cluster), sorted);
    assertTrue(EXPECTED.get(query).size() > 100, "the query has rows: " + EXPECTED.get(query).size());
    assertEquals(EXPECTED.get(query), actual, query);
  }

  @Test
  void aGroupByOverCsvFilesEqualsLocalMode() {
    assertSameAsLocal("groupBy", true);
  }

  @Test
  void aJoinEqualsLocalMode() {
    assertSameAsLocal("join", true);
  }

  @Test
  void aSortEqualsLocalModeInOrder() {
    assertSameAsLocal("sort", false);
  }

  /**
   * The cluster runtime's streaming path (start, epochs, commits in the driver, stop) gives local mode's windows,
   * with the file source and the windowed aggregation running on the nodes (the nodes report them running while the
   * query is active) and only the memory sink's tasks in the driver.
   */
  @Test
  void aStreamingWindowedAggregationRunsOnTheNodesAndEqualsLocalMode() {
    ClusterRuntime runtime = assertInstanceOf(ClusterRuntime.class, cluster.runner());
    JobPlacement[] placement = new JobPlacement[1];
    List<String> actual = streamedWindows(cluster, "cluster_windows", q -> {
      placement[0] = runtime.lastPlacement();
      awaitRunningOnNodes(placement[0].onNodes().size());
    });
    assertTrue(EXPECTED.get("stream").size() > 100, "windows: " + EXPECTED.get("stream").size());
    assertEquals(EXPECTED.get("stream"), actual);
    JobPlacement p = placement[0];
    assertTrue(p.onNodes().stream().anyMatch(t -> mentions(t, "FileStreamScan")), "the source on a node: " + p);
    List<JobPlacement.Task> stateful = p.tasks().stream().filter(t -> mentions(t, "StreamingAggregate")).toList();
    assertTrue(stateful.size() > 1, "aggregation tasks: " + p);
    assertTrue(stateful.stream().noneMatch(JobPlacement.Task::inDriver), "the aggregation on the nodes: " + p);
    assertTrue(stateful.stream().map(JobPlacement.Task::node).distinct().count() > 1, "on several nodes: " + p);
    assertTrue(!p.inDriver().isEmpty() && p.inDriver().stream()
        .allMatch(t -> t.vertices().size() == 1 && mentions(t, "MemoryTableSink")), "only the sink in the driver: " + p);
  }

  /** A stateless query from files to files runs wholly on the nodes and writes local mode's rows. */
  @Test
  void aStatelessStreamingQueryIntoFilesRunsOnTheNodesAndEqualsLocalMode() {
    ClusterRuntime runtime = assertInstanceOf(ClusterRuntime.class, cluster.runner());
    JobPlacement[] placement = new JobPlacement[1];
    List<String> actual = streamedToFiles(cluster, dir.resolve("cluster-out"), q -> {
      placement[0] = runtime.lastPlacement();
      awaitRunningOnNodes(placement[0].onNodes().size());
    });
    assertTrue(EXPECTED.get("streamToFiles").size() > 1000, "rows: " + EXPECTED.get("streamToFiles").size());
    assertEquals(EXPECTED.get("streamToFiles"), actual);
    assertTrue(placement[0].inDriver().isEmpty(), "no task in the driver: " + placement[0]);
    assertTrue(placement[0].onNodes().stream().anyMatch(t -> mentions(t, "FileStreamSink")), "sink writers on nodes: "
        + placement[0]);
  }

  private static boolean mentions(JobPlacement.Task task, String operator) {
    return task.vertices().stream().anyMatch(v -> v.contains(operator));
  }

  /** Waits until the nodes together report at least {@code tasks} running tasks (those of the active query). */
  private static void awaitRunningOnNodes(int tasks) {
    assertTrue(tasks > 0, "the query has tasks on the nodes");
    CLUSTER.awaitStatus(s -> runningOnNodes(s) >= tasks, Duration.ofSeconds(30),
        "the nodes report the query's " + tasks + " tasks running");
  }

  private static int runningOnNodes(StatusReply.ClusterStatus status) {
    return status.members().stream().filter(m -> m.info() != null).mapToInt(m -> m.info().runningTasks()).sum();
  }

  @Test
  void tasksRunOnEveryNodeAndTheParallelismIsTheClustersCores() {
    assertEquals(6, cluster.defaultParallelism());
    rows(QUERIES.get("groupBy").apply(cluster), true);
    ClusterRuntime runtime = assertInstanceOf(ClusterRuntime.class, cluster.runner());
    Map<String, Integer> placed = runtime.tasksPlacedByNode();
    assertEquals(3, placed.size(), "tasks on all three nodes: " + placed);
    CLUSTER.awaitStatus(s -> s.members().stream().allMatch(m -> m.info() != null && m.info().runningTasks() == 0),
        Duration.ofSeconds(30), "the nodes report no running task after the jobs");
  }

  @Test
  void aDriverWithAnotherSecretIsRefused() {
    ClusterSecret wrong = ClusterSecret.of("not-the-cluster-secret-at-all", "test");
    EmberIllegalArgumentException e = assertThrows(EmberIllegalArgumentException.class,
        () -> ClusterRuntime.connect(HostPort.parseMasterUrl(CLUSTER.masterUrl()), wrong, Duration.ofSeconds(20)));
    assertEquals("CLUSTER_SECRET_MISMATCH", e.errorClass());
    assertTrue(e.getMessage().contains(CLUSTER.masterUrl()), e.getMessage());
  }
}
