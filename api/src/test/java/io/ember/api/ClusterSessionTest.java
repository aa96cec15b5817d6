package io.ember.api;

import static io.ember.api.functions.col;
import static io.ember.api.functions.count;
import static io.ember.api.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * {@code local[2]}: a group-by over CSV files, a join of two CSV inputs, a sort. The expected rows are computed
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

  @Test
  void tasksRunOnEveryNodeAndTheParallelismIsTheClustersCores() {
    assertEquals(6, cluster.defaultParallelism());
    rows(QUERIES.get("groupBy").apply(cluster), true);
    ClusterRuntime runtime = assertInstanceOf(ClusterRuntime.class, cluster.runner());
    Map<String, Integer> placed = runtime.tasksPlacedByNode();
    assertEquals(3, placed.size(), "tasks on all three nodes: " + placed);
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
