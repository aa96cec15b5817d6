package io.ember.api;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
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
import io.ember.runtime.cluster.testkit.ClusterExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions on a cluster of three node JVMs ({@code master("ember://...")}) give the rows of the same queries at
 * {@code local[2]}: a group-by over CSV files, a join of two CSV inputs, a sort, and a streaming windowed
 * aggregation over a directory of CSV files into a memory table. The expected rows are computed
 * first in a local session; then one cluster session runs every query, its tasks placed on all three nodes.
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
      EXPECTED.put("stream", streamedWindows(local, "expected_windows"));
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

  /**
   * A streaming query over the directory of order files (an event time per order) into a memory table in complete
   * mode: per customer and 10-minute window, the orders and their amount, once every file is processed.
   */
  private static List<String> streamedWindows(Session s, String table) {
    DataFrame orders = s.readStream().option("header", true)
        .schema("id BIGINT, customer STRING, amount BIGINT, ts TIMESTAMP").csv(dir.resolve("events").toString());
    StreamingQuery q = orders.withWatermark("ts", "1 hour")
        .groupBy(window(col("ts"), "10 minutes"), col("customer"))
        .agg(count(col("id")).as("n"), sum(col("amount")).as("total"))
        .writeStream().format("memory").queryName(table).outputMode("complete").start();
    try {
      q.processAllAvailable();
    } finally {
      q.stop();
    }
    return rows(s.table(table), true);
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
   * The cluster runtime's streaming path (start, epochs, commits in the driver, stop) gives local mode's windows.
   * Today this query's tasks all run in the driver: the file stream source holds the driver's clock and the query's
   * sink is driver-local, fused with the aggregation, so none of its vertices can travel to a node.
   */
  @Test
  void aStreamingWindowedAggregationEqualsLocalMode() {
    List<String> actual = streamedWindows(cluster, "cluster_windows");
    assertTrue(EXPECTED.get("stream").size() > 100, "windows: " + EXPECTED.get("stream").size());
    assertEquals(EXPECTED.get("stream"), actual);
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
